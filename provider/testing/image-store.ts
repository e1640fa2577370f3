/**
 * The images and image members of one region, in memory. Plain data and O(1) lookups; the
 * rules about who may see or change what live in the Glance handlers.
 */
import { imageUuid } from "./ids";
import type { ImageVisibility, Member, MemberIdCollation, MemberStatus } from "./types";

export interface StoredMember {
  memberId: string;
  status: MemberStatus;
  createdAt: string;
  updatedAt: string;
}

/** What an upload left: the bytes and their digests. */
export interface ImageData {
  bytes: Buffer;
  /** md5 hex (`checksum`). */
  md5: string;
  /** sha512 hex (`os_hash_value`, `os_hash_algo` sha512). */
  sha512: string;
}

export interface StoredImage {
  id: string;
  name: string | null;
  owner: string | null;
  visibility: ImageVisibility;
  protected: boolean;
  osHidden: boolean;
  minRam: number;
  minDisk: number;
  diskFormat: string | null;
  containerFormat: string | null;
  tags: string[];
  /** Custom properties, shown before the standard ones like Glance does. */
  extra: Record<string, string>;
  createdAt: string;
  updatedAt: string;
  /**
   * Creation and last update in microseconds, strictly increasing across the store: Glance's
   * database keeps microseconds, so its list order (`created_at`, then `id`) is exact even when
   * the shown second is the same.
   */
  createdUs: number;
  updatedUs: number;
  /** `queued` until data is uploaded, then `active`; `deactivated` by the owner or an admin. */
  status: ImageStatus;
  data?: ImageData;
  members: MemberTable;
}

/** The image statuses this store goes through (deleted images are removed). */
export type ImageStatus = "queued" | "active" | "deactivated";

/**
 * An image's members by id, compared as the database's collation compares them: under
 * `case-insensitive`, `get("ABC")` finds the member made as `abc`, which keeps its spelling.
 */
export class MemberTable extends Map<string, StoredMember> {
  constructor(private readonly collation: MemberIdCollation) {
    super();
  }

  override get(memberId: string): StoredMember | undefined {
    return super.get(this.key(memberId));
  }

  override has(memberId: string): boolean {
    return super.has(this.key(memberId));
  }

  override set(memberId: string, member: StoredMember): this {
    return super.set(this.key(memberId), member);
  }

  override delete(memberId: string): boolean {
    return super.delete(this.key(memberId));
  }

  private key(memberId: string): string {
    return this.collation === "case-insensitive" ? memberId.toLowerCase() : memberId;
  }
}

/** Glance's timestamp format: `2026-11-28T19:49:32Z`. */
export function glanceTime(ms = Date.now()): string {
  return new Date(ms).toISOString().slice(0, 19) + "Z";
}

export class ImageStore {
  private readonly images = new Map<string, StoredImage>();
  private lastUs = 0;

  constructor(
    readonly region: string,
    private readonly memberIdCollation: MemberIdCollation = "binary",
  ) {}

  get(id: string): StoredImage | undefined {
    return this.images.get(id);
  }

  has(id: string): boolean {
    return this.images.has(id);
  }

  all(): IterableIterator<StoredImage> {
    return this.images.values();
  }

  create(
    init: Partial<
      Omit<StoredImage, "members" | "createdAt" | "updatedAt" | "createdUs" | "updatedUs" | "status" | "data">
    > & { owner: string | null },
  ): StoredImage {
    const us = this.nowUs();
    const now = glanceTime(us / 1000);
    const image: StoredImage = {
      id: init.id ?? imageUuid(),
      name: init.name ?? null,
      owner: init.owner,
      visibility: init.visibility ?? "shared",
      protected: init.protected ?? false,
      osHidden: init.osHidden ?? false,
      minRam: init.minRam ?? 0,
      minDisk: init.minDisk ?? 0,
      diskFormat: init.diskFormat ?? null,
      containerFormat: init.containerFormat ?? null,
      tags: init.tags ?? [],
      extra: init.extra ?? {},
      createdAt: now,
      updatedAt: now,
      createdUs: us,
      updatedUs: us,
      status: "queued",
      members: new MemberTable(this.memberIdCollation),
    };
    this.images.set(image.id, image);
    return image;
  }

  /** Mark an image changed now. */
  touch(image: StoredImage): void {
    image.updatedUs = this.nowUs();
    image.updatedAt = glanceTime(image.updatedUs / 1000);
  }

  /** Store uploaded data: the image becomes `active`. */
  setData(image: StoredImage, data: ImageData): void {
    image.data = data;
    image.status = "active";
    this.touch(image);
  }

  /** The clock of the store: microseconds since the epoch, never the same twice. */
  private nowUs(): number {
    this.lastUs = Math.max(Date.now() * 1000, this.lastUs + 1);
    return this.lastUs;
  }

  /** Delete an image; its members go with it. */
  delete(id: string): boolean {
    return this.images.delete(id);
  }

  /** Add (or re-add) a member; a re-added member starts afresh, like Glance reusing the row. */
  addMember(image: StoredImage, memberId: string, status: MemberStatus = "pending"): StoredMember {
    const now = glanceTime();
    const member: StoredMember = { memberId, status, createdAt: now, updatedAt: now };
    image.members.set(memberId, member);
    return member;
  }

  setStatus(member: StoredMember, status: MemberStatus): void {
    member.status = status;
    member.updatedAt = glanceTime();
  }
}

/** A member as Glance v2 renders it. */
export function memberView(image: StoredImage, member: StoredMember): Member {
  return {
    member_id: member.memberId,
    image_id: image.id,
    status: member.status,
    created_at: member.createdAt,
    updated_at: member.updatedAt,
    schema: "/v2/schemas/member",
  };
}

/** An image as Glance v2 renders it (custom properties first, then the standard fields). */
export function imageView(image: StoredImage): Record<string, unknown> {
  return {
    ...image.extra,
    name: image.name,
    disk_format: image.diskFormat,
    container_format: image.containerFormat,
    visibility: image.visibility,
    size: image.data ? image.data.bytes.length : null,
    virtual_size: virtualSize(image),
    status: image.status,
    checksum: image.data ? image.data.md5 : null,
    protected: image.protected,
    min_ram: image.minRam,
    min_disk: image.minDisk,
    owner: image.owner,
    os_hidden: image.osHidden,
    os_hash_algo: image.data ? "sha512" : null,
    os_hash_value: image.data ? image.data.sha512 : null,
    id: image.id,
    created_at: image.createdAt,
    updated_at: image.updatedAt,
    tags: image.tags,
    self: `/v2/images/${image.id}`,
    file: `/v2/images/${image.id}/file`,
    schema: "/v2/schemas/image",
  };
}

/** Glance's format inspector knows a raw image's virtual size: its size (none when empty). */
function virtualSize(image: StoredImage): number | null {
  const size = image.data?.bytes.length ?? 0;
  return image.diskFormat === "raw" && size > 0 ? size : null;
}
