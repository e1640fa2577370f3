/**
 * The images table: what the OpenStack clients rely on around image members — listing with
 * filters, sorting and paging (`limit`, `marker`, `next`), image data upload and download,
 * tags and the JSON schemas — as a real Glance answers it. images.test.ts runs it.
 *
 * Each row creates its images (owned by the owner, named `<row prefix>-a`, `-b`, … and tagged
 * with a tag of the row's own, so that a list filtered by `tag={tag}` sees only them), then
 * makes one call. Paths and expected strings may hold `{a}`, `{b}`, … (the images' ids),
 * `{tag}` and `{missing}` (an unused uuid).
 */
import type { Party, Status } from "./cases";

export interface ImageSpec {
  /** More fields for `POST /v2/images` (besides name and tags). */
  props?: Record<string, unknown>;
  /** Uploaded after creation (needs disk_format and container_format). */
  data?: string;
  /** Memberships (added by the owner, then set by the member). */
  members?: Partial<Record<Party, Status>>;
}

export interface ImageCase {
  name: string;
  /** Who calls (default owner). */
  actor?: Party;
  images?: ImageSpec[];
  method: "GET" | "PUT" | "DELETE";
  /** After the Glance root (`/v2…`), with placeholders. */
  path: string;
  /** Body of an upload (sent as `application/octet-stream` unless `contentType` says otherwise). */
  data?: string;
  contentType?: string;
  /** No `X-Auth-Token`. */
  anonymous?: boolean;
  expect: {
    status: number;
    /** Error message (webob's padding is added). */
    message?: string;
    /** Images listed, by letter, in order. */
    listed?: string[];
    /** `next` of the list (placeholders filled), or null when absent. */
    next?: string | null;
    /** `first` of the list. */
    first?: string;
    /** The body is exactly the same as the local server's schema of that name. */
    schema?: string;
    /** The raw body. */
    body?: string;
    headers?: Record<string, string | undefined>;
  };
  /** Fields of image `a` after the call, as its owner sees them. */
  after?: Record<string, unknown>;
}

const three: ImageSpec[] = [{}, {}, {}];
const withFormats = { disk_format: "raw", container_format: "bare" };
const HELLO = {
  status: "active",
  size: 5,
  virtual_size: 5,
  checksum: "5d41402abc4b2a76b9719d911017c592",
  os_hash_algo: "sha512",
  os_hash_value:
    "9b71d224bd62f3785d96d46ad3ea3d73319bfbc2890caadae2dff72519673ca72323c3d99ba5c11d7c7acc6e14b8c5da0c4663475c2e5c3adef46f73bcdec043",
};

export const IMAGE_CASES: ImageCase[] = [
  // ---- GET /v2/images: order, paging ---------------------------------------------------------
  {
    name: "newest first by default",
    images: three,
    method: "GET",
    path: "/v2/images?tag={tag}",
    expect: { status: 200, listed: ["c", "b", "a"], next: null, first: "/v2/images?tag={tag}" },
  },
  {
    name: "a full page has next, with the marker last",
    images: three,
    method: "GET",
    path: "/v2/images?tag={tag}&limit=2",
    expect: { status: 200, listed: ["c", "b"], next: "/v2/images?tag={tag}&limit=2&marker={b}" },
  },
  {
    name: "the page after the marker; not full, so no next",
    images: three,
    method: "GET",
    path: "/v2/images?tag={tag}&limit=2&marker={b}",
    expect: { status: 200, listed: ["a"], next: null, first: "/v2/images?tag={tag}&limit=2" },
  },
  {
    name: "a page exactly as long as the rest still has next",
    images: three,
    method: "GET",
    path: "/v2/images?limit=3&tag={tag}",
    expect: { status: 200, listed: ["c", "b", "a"], next: "/v2/images?limit=3&tag={tag}&marker={a}" },
  },
  {
    name: "limit=0: an empty page without next",
    images: three,
    method: "GET",
    path: "/v2/images?tag={tag}&limit=0",
    expect: { status: 200, listed: [], next: null },
  },
  {
    name: "a marker that is no image",
    method: "GET",
    path: "/v2/images?marker={missing}",
    expect: { status: 400, message: "No image found with ID {missing}" },
  },
  {
    name: "negative limit",
    method: "GET",
    path: "/v2/images?limit=-1",
    expect: { status: 400, message: "limit param must be positive" },
  },
  {
    name: "limit not a number",
    method: "GET",
    path: "/v2/images?limit=x",
    expect: { status: 400, message: "limit param must be an integer" },
  },
  // ---- sorting -----------------------------------------------------------------------------
  {
    name: "sort_key=name, sort_dir=asc",
    images: three,
    method: "GET",
    path: "/v2/images?tag={tag}&sort_key=name&sort_dir=asc",
    expect: { status: 200, listed: ["a", "b", "c"] },
  },
  {
    name: "sort=name:asc with paging",
    images: three,
    method: "GET",
    path: "/v2/images?tag={tag}&sort=name:asc&limit=2",
    expect: {
      status: 200,
      listed: ["a", "b"],
      next: "/v2/images?tag={tag}&sort=name%3Aasc&limit=2&marker={b}",
    },
  },
  {
    name: "sort by size (no data sorts first ascending)",
    images: [{ props: withFormats, data: "hello" }, {}, { props: withFormats, data: "hi" }],
    method: "GET",
    path: "/v2/images?tag={tag}&sort_key=size&sort_dir=asc",
    expect: { status: 200, listed: ["b", "c", "a"] },
  },
  {
    name: "unknown sort key",
    method: "GET",
    path: "/v2/images?sort_key=owner",
    expect: {
      status: 400,
      message:
        "Invalid sort key: owner. It must be one of the following: name, status, container_format, disk_format, size, id, created_at, updated_at.",
    },
  },
  {
    name: "unknown sort direction",
    method: "GET",
    path: "/v2/images?sort_dir=up",
    expect: { status: 400, message: "Invalid sort direction: up" },
  },
  {
    name: "old and new sort syntax together",
    method: "GET",
    path: "/v2/images?sort=name&sort_key=name",
    expect: { status: 400, message: "Old and new sorting syntax cannot be combined" },
  },
  {
    name: "more sort dirs than keys",
    method: "GET",
    path: "/v2/images?sort_key=name&sort_dir=asc&sort_dir=desc",
    expect: { status: 400, message: "Number of sort dirs does not match the number of sort keys" },
  },
  // ---- filters -----------------------------------------------------------------------------
  {
    name: "name=in:…",
    images: three,
    method: "GET",
    path: "/v2/images?tag={tag}&name=in:{prefix}-a,{prefix}-c",
    expect: { status: 200, listed: ["c", "a"] },
  },
  {
    name: "name with an unknown operator",
    method: "GET",
    path: "/v2/images?name=foo:bar",
    expect: { status: 400, message: "Unable to filter by unknown operator 'foo'." },
  },
  {
    name: "status=active and size_min",
    images: [{ props: withFormats, data: "hello" }, {}, { props: withFormats, data: "hi" }],
    method: "GET",
    path: "/v2/images?tag={tag}&status=active&size_min=3",
    expect: { status: 200, listed: ["a"] },
  },
  {
    name: "size_max not a number",
    method: "GET",
    path: "/v2/images?size_max=big",
    expect: { status: 400, message: "Unable to filter on a range with a non-numeric value." },
  },
  {
    name: "a custom property",
    images: [{ props: { flavour: "mint" } }, {}, { props: { flavour: "lime" } }],
    method: "GET",
    path: "/v2/images?tag={tag}&flavour=mint",
    expect: { status: 200, listed: ["a"] },
  },
  {
    name: "two tags: images with both",
    images: [{ props: { tags: ["x"] } }, {}],
    method: "GET",
    path: "/v2/images?tag={tag}&tag=x",
    expect: { status: 200, listed: ["a"] },
  },
  {
    name: "hidden images are left out by default",
    images: [{ props: { os_hidden: true } }, {}],
    method: "GET",
    path: "/v2/images?tag={tag}",
    expect: { status: 200, listed: ["b"] },
  },
  {
    name: "os_hidden=true lists only hidden images",
    images: [{ props: { os_hidden: true } }, {}],
    method: "GET",
    path: "/v2/images?tag={tag}&os_hidden=true",
    expect: { status: 200, listed: ["a"] },
  },
  {
    name: "os_hidden neither true nor false",
    method: "GET",
    path: "/v2/images?os_hidden=maybe",
    expect: {
      status: 400,
      message: "Invalid value 'maybe' for 'os_hidden' filter. Valid values are 'true' or 'false'.",
    },
  },
  {
    name: "protected=true",
    images: [{ props: { protected: true } }, {}],
    method: "GET",
    path: "/v2/images?tag={tag}&protected=true",
    expect: { status: 200, listed: ["a"] },
  },
  {
    name: "created_at with an operator",
    images: [{}, {}],
    method: "GET",
    path: "/v2/images?tag={tag}&created_at=gt:2000-01-01T00:00:00Z",
    expect: { status: 200, listed: ["b", "a"] },
  },
  {
    name: "created_at not a time",
    method: "GET",
    path: "/v2/images?created_at=gt:yesterday",
    expect: { status: 400, message: 'Bad "created_at" query filter format. Use ISO 8601 DateTime notation.' },
  },
  {
    name: "invalid visibility",
    method: "GET",
    path: "/v2/images?visibility=everyone",
    expect: { status: 400, message: "Invalid visibility value: everyone" },
  },
  {
    name: "invalid member_status",
    method: "GET",
    path: "/v2/images?member_status=maybe",
    expect: { status: 400, message: "Invalid status: maybe" },
  },
  {
    name: "a consumer lists shared images pending its answer",
    actor: "consumer",
    images: [{ members: { consumer: "pending" } }, { members: { consumer: "accepted" } }, {}],
    method: "GET",
    path: "/v2/images?tag={tag}&visibility=shared&member_status=pending",
    expect: { status: 200, listed: ["a"] },
  },
  {
    name: "a consumer's default list has the accepted share only",
    actor: "consumer",
    images: [{ members: { consumer: "pending" } }, { members: { consumer: "accepted" } }, {}],
    method: "GET",
    path: "/v2/images?tag={tag}",
    expect: { status: 200, listed: ["b"] },
  },
  // ---- image data --------------------------------------------------------------------------
  {
    name: "upload: queued → active, size and checksums set",
    images: [{ props: withFormats }],
    method: "PUT",
    path: "/v2/images/{a}/file",
    data: "hello",
    expect: { status: 204, body: "", headers: { "content-type": "text/html; charset=UTF-8" } },
    after: HELLO,
  },
  {
    name: "upload to an active image",
    images: [{ props: withFormats, data: "hello" }],
    method: "PUT",
    path: "/v2/images/{a}/file",
    data: "again",
    expect: { status: 409, message: "Image status transition from active to saving is not allowed" },
    after: HELLO,
  },
  {
    name: "upload before the formats are set",
    images: [{}],
    method: "PUT",
    path: "/v2/images/{a}/file",
    data: "hello",
    expect: {
      status: 400,
      message: "Properties disk_format, container_format must be set prior to saving data.",
    },
    after: { status: "queued", size: null },
  },
  {
    name: "upload by a member of the image",
    actor: "consumer",
    images: [{ props: withFormats, members: { consumer: "accepted" } }],
    method: "PUT",
    path: "/v2/images/{a}/file",
    data: "hello",
    expect: { status: 403, message: "Not allowed to upload image data for image {a}" },
    after: { status: "queued" },
  },
  {
    name: "upload to an image that does not exist",
    method: "PUT",
    path: "/v2/images/{missing}/file",
    data: "hello",
    expect: { status: 404, message: "No image found with ID {missing}" },
  },
  {
    name: "upload as JSON",
    images: [{ props: withFormats }],
    method: "PUT",
    path: "/v2/images/{a}/file",
    data: "hello",
    contentType: "application/json",
    expect: { status: 415 },
    after: { status: "queued" },
  },
  {
    name: "download",
    images: [{ props: withFormats, data: "hello" }],
    method: "GET",
    path: "/v2/images/{a}/file",
    expect: {
      status: 200,
      body: "hello",
      headers: { "content-type": "application/octet-stream", "content-md5": HELLO.checksum },
    },
  },
  {
    name: "download of an image without data",
    images: [{}],
    method: "GET",
    path: "/v2/images/{a}/file",
    expect: { status: 204, body: "", headers: { "content-type": undefined } },
  },
  // ---- tags --------------------------------------------------------------------------------
  {
    name: "add a tag",
    images: [{}],
    method: "PUT",
    path: "/v2/images/{a}/tags/blue",
    expect: { status: 204, body: "" },
    after: { tags: ["{tag}", "blue"] },
  },
  {
    name: "add a tag the image has",
    images: [{ props: { tags: ["blue"] } }],
    method: "PUT",
    path: "/v2/images/{a}/tags/blue",
    expect: { status: 204 },
    after: { tags: ["blue", "{tag}"] },
  },
  {
    name: "remove a tag",
    images: [{ props: { tags: ["blue"] } }],
    method: "DELETE",
    path: "/v2/images/{a}/tags/blue",
    expect: { status: 204 },
    after: { tags: ["{tag}"] },
  },
  {
    name: "remove a tag the image does not have",
    images: [{}],
    method: "DELETE",
    path: "/v2/images/{a}/tags/blue",
    expect: { status: 404, message: "The resource could not be found." },
  },
  {
    name: "a member tags the image",
    actor: "consumer",
    images: [{ members: { consumer: "accepted" } }],
    method: "PUT",
    path: "/v2/images/{a}/tags/blue",
    expect: { status: 403, message: "Not allowed to update tags for image {a}." },
    after: { tags: ["{tag}"] },
  },
  {
    name: "tag an image that does not exist",
    method: "PUT",
    path: "/v2/images/{missing}/tags/blue",
    expect: { status: 404, message: "Image {missing} not found." },
  },
  // ---- schemas -----------------------------------------------------------------------------
  ...["image", "images", "member", "members"].map((schema): ImageCase => ({
    name: `the ${schema} schema, byte for byte`,
    method: "GET",
    path: `/v2/schemas/${schema}`,
    expect: { status: 200, schema },
  })),
  {
    name: "a schema without a token",
    anonymous: true,
    method: "GET",
    path: "/v2/schemas/image",
    expect: { status: 401 },
  },
];
