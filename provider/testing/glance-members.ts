/**
 * Glance v2 image members (`/v2/images/{id}/members[/{member}]`), following
 * glance/api/v2/image_members.py of OpenStack Zed step by step: the order of the checks
 * decides which error a caller gets, so it is kept exactly.
 */
import type { Exchange } from "./exchange";
import {
  type Caller,
  canHaveMembers,
  enforceMemberPolicy,
  GlanceError,
  type GlanceSettings,
  isVisible,
  readJsonBody,
  rejectBody,
} from "./glance-context";
import { type ImageStore, memberView, type StoredImage, type StoredMember } from "./image-store";
import type { MemberStatus } from "./types";

const STATUSES = new Set(["pending", "accepted", "rejected"]);
const ONLY_SHARED = "Only shared images have members.";

/** A successful answer: status and JSON-able body (`undefined` = no body). */
export interface Answer {
  status: number;
  body?: unknown;
}

export class MembersController {
  constructor(
    private readonly store: ImageStore,
    private readonly settings: GlanceSettings,
  ) {}

  /** `GET /v2/images/{id}/members` */
  index(ex: Exchange, caller: Caller, imageId: string): Answer {
    rejectBody(ex);
    const image = this.lookupImage(caller, imageId);
    if (!canHaveMembers(image, this.settings.flavour)) {
      throw new GlanceError(403, `Not allowed to list members for image ${image.id}: ${ONLY_SHARED}`);
    }
    const members = [];
    const seesAll = caller.isAdmin || caller.projectId === image.owner;
    for (const member of image.members.values()) {
      if (seesAll || member.memberId === caller.projectId) members.push(memberView(image, member));
    }
    return { status: 200, body: { members, schema: "/v2/schemas/members" } };
  }

  /** `GET /v2/images/{id}/members/{member}`: every Forbidden becomes 404 here. */
  show(ex: Exchange, caller: Caller, imageId: string, memberId: string): Answer {
    rejectBody(ex);
    const image = this.lookupImage(caller, imageId);
    if (!canHaveMembers(image, this.settings.flavour)) throw new GlanceError(404, ONLY_SHARED);
    return { status: 200, body: memberView(image, this.lookupMember(caller, image, memberId)) };
  }

  /** `POST /v2/images/{id}/members` with `{"member": "<project id>"}`: 200, not 201. */
  async create(ex: Exchange, caller: Caller, imageId: string): Promise<Answer> {
    const requested = memberFromBody(await readJsonBody(ex));
    // a number or boolean is stored as text (5 → "5", true → "1") but echoed back as sent
    const memberId =
      typeof requested === "number" ? String(requested) : typeof requested === "boolean" ? "1" : requested;
    const image = this.lookupImage(caller, imageId);
    if (!this.allowed(caller, image, "create")) {
      throw new GlanceError(403, `Not allowed to create members for image ${imageId}.`);
    }
    enforceMemberPolicy(this.settings, caller, "add_member");
    const quota = this.settings.memberQuota;
    if (quota >= 0 && image.members.size + 1 > quota) {
      throw new GlanceError(
        413,
        `Image member limit exceeded for image ${imageId}: The limit has been exceeded on the number of ` +
          `allowed image members for this image. Attempted: ${image.members.size + 1}, Maximum: ${quota}:`,
      );
    }
    if (typeof memberId !== "string") {
      // Glance passes a list or dict on to the database, which fails (a known Glance bug)
      throw new GlanceError(500);
    }
    if (this.findMember(caller, image, memberId)) {
      throw new GlanceError(409, `Member ${memberId} is duplicated for image ${imageId}`);
    }
    const view = memberView(image, this.store.addMember(image, memberId));
    return { status: 200, body: requested === memberId ? view : { ...view, member_id: requested } };
  }

  /** `PUT /v2/images/{id}/members/{member}` with `{"status": …}`. */
  async update(ex: Exchange, caller: Caller, imageId: string, memberId: string): Promise<Answer> {
    const status = statusFromBody(await readJsonBody(ex));
    const image = this.lookupImage(caller, imageId);
    if (!this.allowed(caller, image, "update")) {
      throw new GlanceError(403, `Not allowed to update members for image ${imageId}.`);
    }
    enforceMemberPolicy(this.settings, caller, "modify_member");
    const member = this.lookupMember(caller, image, memberId);
    if (typeof status !== "string" || !STATUSES.has(status)) {
      throw new GlanceError(400, 'Incorrect request: Status must be "pending", "accepted" or "rejected".');
    }
    this.store.setStatus(member, status as MemberStatus);
    return { status: 200, body: memberView(image, member) };
  }

  /** `DELETE /v2/images/{id}/members/{member}`: 204, empty body. */
  delete(ex: Exchange, caller: Caller, imageId: string, memberId: string): Answer {
    rejectBody(ex);
    const image = this.lookupImage(caller, imageId);
    if (!this.allowed(caller, image, "delete")) {
      throw new GlanceError(403, `Not allowed to delete members for image ${imageId}.`);
    }
    enforceMemberPolicy(this.settings, caller, "delete_member");
    const member = this.lookupMember(caller, image, memberId);
    image.members.delete(member.memberId);
    return { status: 204 };
  }

  /** `_lookup_image`: missing and invisible images read the same. */
  private lookupImage(caller: Caller, imageId: string): StoredImage {
    const image = this.store.get(imageId);
    if (!image || !isVisible(caller, image, this.settings.flavour)) {
      throw new GlanceError(404, `Image ${imageId} not found.`);
    }
    return image;
  }

  /** `_check_visibility_and_ownership` (legacy policy, `enforce_secure_rbac = false`). */
  private allowed(caller: Caller, image: StoredImage, check: "create" | "update" | "delete"): boolean {
    if (!canHaveMembers(image, this.settings.flavour)) return false;
    if (caller.isAdmin) return true;
    switch (check) {
      case "create":
        return image.owner !== null && image.owner === caller.projectId;
      case "update":
        return caller.projectId !== image.owner;
      case "delete":
        return caller.projectId === image.owner;
    }
  }

  /** The member row as the caller may see it (owner and admin: all rows; others: their own). */
  private findMember(caller: Caller, image: StoredImage, memberId: string): StoredMember | undefined {
    const member = image.members.get(memberId);
    if (!member) return undefined;
    if (caller.isAdmin || caller.projectId === image.owner || caller.projectId === memberId) return member;
    return undefined;
  }

  private lookupMember(caller: Caller, image: StoredImage, memberId: string): StoredMember {
    const member = this.findMember(caller, image, memberId);
    if (!member)
      throw new GlanceError(404, `${memberId} not found in the member list of the image ${image.id}.`);
    return member;
  }
}

/** `RequestDeserializer.create`: the member id, or an error for each malformed body. */
function memberFromBody(body: unknown): unknown {
  if (body === undefined) throw new GlanceError(400, "Body expected in request.");
  if (Array.isArray(body))
    throw new GlanceError(400, 'Expected a member in the form: {"member": "image_id"}');
  const record = body as Record<string, unknown>;
  if (!Object.prototype.hasOwnProperty.call(record, "member")) {
    throw new GlanceError(400, "Member to be added not specified");
  }
  const member = record.member;
  if (!pythonTruthy(member)) throw new GlanceError(400, "Member can't be empty");
  return member;
}

/** `RequestDeserializer.update`: the status (validated later, after the lookups). */
function statusFromBody(body: unknown): unknown {
  if (body === undefined) throw new GlanceError(400, "Body expected in request.");
  if (Array.isArray(body)) throw new GlanceError(400, 'Expected a status in the form: {"status": "status"}');
  const record = body as Record<string, unknown>;
  if (!Object.prototype.hasOwnProperty.call(record, "status"))
    throw new GlanceError(400, "Status not specified");
  return record.status;
}

function pythonTruthy(v: unknown): boolean {
  if (v === null || v === undefined || v === false || v === 0 || v === "") return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === "object") return Object.keys(v).length > 0;
  return true;
}
