/**
 * The part of the Glance v2 images API that tests of image sharing and the OpenStack clients
 * need: create, show, list (image-listing.ts), JSON-patch (`name`, `visibility`, `protected`, …,
 * custom properties) and delete. Data and tags are in glance-image-data.ts and glance-image-tags.ts.
 */
import type { Exchange } from "./exchange";
import {
  type Caller,
  GlanceError,
  type GlanceSettings,
  isVisible,
  readJsonBody,
  rejectBody,
} from "./glance-context";
import type { Answer } from "./glance-members";
import { type ImageStore, imageView, type StoredImage } from "./image-store";
import { page, pageLinks, parseImageQuery } from "./image-listing";
import type { ImageVisibility } from "./types";

const VISIBILITIES = ["community", "public", "private", "shared"];
const DISALLOWED = new Set(["direct_url", "self", "file", "schema", "stores"]);
const READ_ONLY = new Set([
  "created_at",
  "updated_at",
  "status",
  "checksum",
  "size",
  "virtual_size",
  "direct_url",
  "self",
  "file",
  "schema",
  "id",
  "os_hash_algo",
  "os_hash_value",
]);
const RESERVED = new Set(["location", "deleted", "deleted_at"]);
const PATCH_TYPES = new Set([
  "application/openstack-images-v2.1-json-patch",
  "application/openstack-images-v2.0-json-patch",
]);
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const OPS = "It must be one of the following: add, remove, replace.";

/** Fields that can be set on create and changed by PATCH, besides custom properties. */
type Settable =
  | "name"
  | "visibility"
  | "protected"
  | "min_ram"
  | "min_disk"
  | "disk_format"
  | "container_format"
  | "tags"
  | "owner"
  | "os_hidden";
const SETTABLE = new Set<string>([
  "name",
  "visibility",
  "protected",
  "min_ram",
  "min_disk",
  "disk_format",
  "container_format",
  "tags",
  "owner",
  "os_hidden",
]);

export class ImagesController {
  constructor(
    private readonly store: ImageStore,
    private readonly settings: GlanceSettings,
  ) {}

  /** `POST /v2/images` → 201 with `Location`. */
  async create(
    ex: Exchange,
    caller: Caller,
    endpointUrl: string,
  ): Promise<Answer & { headers: Record<string, string> }> {
    const body = await readJsonBody(ex);
    if (body === undefined) throw new GlanceError(400, "Body expected in request.");
    if (Array.isArray(body)) throw schemaError("the request body is not of type 'object'");
    const props = body as Record<string, unknown>;
    for (const key of Object.keys(props)) {
      if (DISALLOWED.has(key)) throw new GlanceError(403, `Attribute '${key}' is read-only.`);
    }
    for (const [key, value] of Object.entries(props)) {
      if (key === "id") {
        if (typeof value !== "string" || !UUID.test(value)) throw schemaError(`'id' is not a valid uuid`);
      } else if (SETTABLE.has(key)) {
        validateField(key as Settable, value);
      } else if (READ_ONLY.has(key)) {
        throw new GlanceError(403, `Attribute '${key}' is read-only.`);
      } else if (RESERVED.has(key) || key.startsWith("os_glance")) {
        throw new GlanceError(403, undefined, `Attribute '${key}' is reserved.`);
      } else if (typeof value !== "string") {
        throw schemaError(`custom property '${key}' is not of type 'string'`);
      }
    }
    const owner = typeof props.owner === "string" ? props.owner : caller.projectId;
    if (owner !== caller.projectId && !caller.isAdmin) {
      throw new GlanceError(403, `You are not permitted to create images owned by '${String(props.owner)}'.`);
    }
    const visibility = (props.visibility as ImageVisibility | undefined) ?? "shared";
    if (visibility === "public" && !caller.isAdmin) {
      throw new GlanceError(403, "You are not authorized to complete publicize_image action.");
    }
    const id = props.id as string | undefined;
    if (id !== undefined && this.store.has(id)) throw new GlanceError(409, `Image ID ${id} already exists!`);
    const extra: Record<string, string> = {};
    for (const [key, value] of Object.entries(props)) {
      if (key !== "id" && !SETTABLE.has(key)) extra[key] = value as string;
    }
    const image = this.store.create({ id, owner, visibility, extra });
    applyFields(image, props);
    return {
      status: 201,
      body: imageView(image),
      headers: {
        location: `${endpointUrl}/v2/images/${image.id}`,
        "openstack-image-import-methods": "glance-direct,web-download,copy-image",
      },
    };
  }

  /** `GET /v2/images/{id}` */
  show(ex: Exchange, caller: Caller, imageId: string): Answer {
    rejectBody(ex);
    return {
      status: 200,
      body: imageView(this.visible(caller, imageId, `No image found with ID ${imageId}`)),
    };
  }

  /** `GET /v2/images`: filters, sorting and paging as image-listing.ts describes. */
  index(ex: Exchange, caller: Caller): Answer {
    rejectBody(ex);
    const query = parseImageQuery(ex.query);
    let marker: StoredImage | undefined;
    if (query.marker !== undefined) {
      marker = this.store.get(query.marker);
      if (!marker || !isVisible(caller, marker, this.settings.flavour)) {
        throw new GlanceError(400, `No image found with ID ${query.marker}`);
      }
    }
    const candidates: StoredImage[] = [];
    for (const image of this.store.all()) {
      if (!this.listed(caller, image, query.visibility, query.memberStatus)) continue;
      if (query.filters.every((matches) => matches(image))) candidates.push(image);
    }
    const result = page(candidates, query, marker);
    const { first, next } = pageLinks(query, result.nextMarker);
    const body: Record<string, unknown> = {
      images: result.images.map(imageView),
      first,
      schema: "/v2/schemas/images",
    };
    if (next !== undefined) body.next = next;
    return { status: 200, body };
  }

  /** `PATCH /v2/images/{id}` with a JSON patch (`application/openstack-images-v2.1-json-patch`). */
  async update(ex: Exchange, caller: Caller, imageId: string): Promise<Answer> {
    const contentType = (ex.header("content-type") ?? "None").split(";")[0].trim();
    if (!PATCH_TYPES.has(contentType.toLowerCase())) {
      throw new GlanceError(
        415,
        undefined,
        "",
        { "accept-patch": [...PATCH_TYPES].reverse().join(", ") },
        `The request media type ${contentType} is not supported by this server.\n<br /><br />\n`,
      );
    }
    const body = await readJsonBody(ex);
    if (body === undefined) throw new GlanceError(400, "Body expected in request.");
    if (!Array.isArray(body))
      throw new GlanceError(400, "Request body must be a JSON array of operation objects.");
    const changes = body.map(parseChange);
    const image = this.visible(caller, imageId, `No image found with ID ${imageId}`);
    if (!caller.isAdmin && image.owner !== caller.projectId)
      throw new GlanceError(403, "You do not own this image");
    for (const change of changes) this.apply(caller, image, change);
    this.store.touch(image);
    return { status: 200, body: imageView(image) };
  }

  /** `DELETE /v2/images/{id}` → 204; the members go with the image. */
  delete(ex: Exchange, caller: Caller, imageId: string): Answer & { headers: Record<string, string> } {
    rejectBody(ex);
    const image = this.visible(caller, imageId, `Failed to find image ${imageId} to delete`);
    if (!caller.isAdmin && image.owner !== caller.projectId)
      throw new GlanceError(403, "You do not own this image");
    if (image.protected) throw new GlanceError(403, `Image ${imageId} is protected and cannot be deleted.`);
    this.store.delete(image.id);
    // webob's default Response: an empty text/html body (member DELETE has no Content-Type)
    return { status: 204, headers: { "content-type": "text/html; charset=UTF-8" } };
  }

  private visible(caller: Caller, imageId: string, notFound: string): StoredImage {
    const image = this.store.get(imageId);
    if (!image || !isVisible(caller, image, this.settings.flavour)) throw new GlanceError(404, notFound);
    return image;
  }

  /**
   * Whether an image appears in the caller's image list (`_select_images_query` and the
   * visibility rules of `image_get_all`).
   */
  private listed(
    caller: Caller,
    image: StoredImage,
    visibility: string | undefined,
    memberStatus: string,
  ): boolean {
    if (visibility !== undefined && visibility !== "all" && image.visibility !== visibility) return false;
    if (visibility === undefined && image.visibility === "community" && image.owner !== caller.projectId) {
      return false;
    }
    if (caller.isAdmin || image.owner === caller.projectId || image.visibility === "public") return true;
    if (image.visibility === "community") return true;
    if (image.visibility !== "shared" || caller.projectId === null) return false;
    const member = image.members.get(caller.projectId);
    return member !== undefined && (memberStatus === "all" || member.status === memberStatus);
  }

  private apply(caller: Caller, image: StoredImage, change: Change): void {
    const { op, field, value } = change;
    if (SETTABLE.has(field)) {
      if (op === "remove") throw new GlanceError(403, undefined, `Property ${field} may not be removed.`);
      validateField(field as Settable, value);
      if (field === "visibility" && value === "public" && !caller.isAdmin) {
        throw new GlanceError(403, "You are not authorized to complete publicize_image action.");
      }
      if (field === "owner" && !caller.isAdmin)
        throw new GlanceError(403, undefined, "Owner can't be updated by non admin.");
      applyFields(image, { [field]: value });
      return;
    }
    if (READ_ONLY.has(field)) throw new GlanceError(403, `Attribute '${field}' is read-only.`);
    if (RESERVED.has(field)) throw new GlanceError(403, `Attribute '${field}' is reserved.`);
    const exists = Object.prototype.hasOwnProperty.call(image.extra, field);
    if (op === "remove" || op === "replace") {
      if (!exists) throw new GlanceError(409, undefined, `Property ${field} does not exist.`);
    }
    if (op === "remove") {
      delete image.extra[field];
      return;
    }
    if (typeof value !== "string") throw schemaError(`custom property '${field}' is not of type 'string'`);
    image.extra[field] = value;
  }
}

interface Change {
  op: "add" | "remove" | "replace";
  field: string;
  value: unknown;
}

function parseChange(raw: unknown): Change {
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    throw new GlanceError(400, "Operations must be JSON objects.");
  }
  const change = raw as Record<string, unknown>;
  const op = change.op;
  if (op === undefined) throw new GlanceError(400, `Unable to find \`op\` in JSON Schema change. ${OPS}`);
  if (op !== "add" && op !== "remove" && op !== "replace") {
    throw new GlanceError(400, `Invalid operation: \`${String(op)}\`. ${OPS}`);
  }
  const path = change.path;
  if (typeof path !== "string") throw new GlanceError(400, "Unable to find 'path' in JSON Schema change");
  if (!path.startsWith("/")) throw new GlanceError(400, `Pointer \`${path}\` does not start with "/".`);
  if (op !== "remove" && !Object.prototype.hasOwnProperty.call(change, "value")) {
    throw new GlanceError(400, "Unable to find 'value' in JSON Schema change");
  }
  const field = path.slice(1).replace(/~1/g, "/").replace(/~0/g, "~");
  return { op, field, value: change.value };
}

function schemaError(reason: string): GlanceError {
  return new GlanceError(400, `Provided object does not match schema 'image': ${reason}`);
}

function validateField(field: Settable, value: unknown): void {
  switch (field) {
    case "visibility":
      if (typeof value !== "string" || !VISIBILITIES.includes(value)) {
        const shown = typeof value === "string" ? `'${value}'` : JSON.stringify(value);
        throw schemaError(
          `${shown} is not one of ['community', 'public', 'private', 'shared']\n\n` +
            "Failed validating 'enum' in schema['properties']['visibility']:\n" +
            "    {'description': 'Scope of image accessibility',\n" +
            "     'enum': ['community', 'public', 'private', 'shared'],\n" +
            "     'type': 'string'}\n\n" +
            `On instance['visibility']:\n    ${shown}`,
        );
      }
      return;
    case "name":
    case "disk_format":
    case "container_format":
      if (value !== null && (typeof value !== "string" || value.length > 255)) {
        throw schemaError(`'${field}' must be a string of at most 255 characters or null`);
      }
      return;
    case "owner":
      if (value !== null && typeof value !== "string") throw schemaError("'owner' must be a string or null");
      return;
    case "protected":
    case "os_hidden":
      if (typeof value !== "boolean") throw schemaError(`${JSON.stringify(value)} is not of type 'boolean'`);
      return;
    case "min_ram":
    case "min_disk":
      if (!Number.isInteger(value)) throw schemaError(`${JSON.stringify(value)} is not of type 'integer'`);
      return;
    case "tags":
      if (!Array.isArray(value) || value.some((t) => typeof t !== "string")) {
        throw schemaError("'tags' must be an array of strings");
      }
      return;
  }
}

function applyFields(image: StoredImage, props: Record<string, unknown>): void {
  if ("name" in props) image.name = props.name as string | null;
  if ("visibility" in props) image.visibility = props.visibility as ImageVisibility;
  if ("protected" in props) image.protected = props.protected as boolean;
  if ("min_ram" in props) image.minRam = props.min_ram as number;
  if ("min_disk" in props) image.minDisk = props.min_disk as number;
  if ("disk_format" in props) image.diskFormat = props.disk_format as string | null;
  if ("container_format" in props) image.containerFormat = props.container_format as string | null;
  if ("tags" in props) image.tags = [...new Set(props.tags as string[])];
  if ("os_hidden" in props) image.osHidden = props.os_hidden as boolean;
  if ("owner" in props) image.owner = props.owner as string | null;
}
