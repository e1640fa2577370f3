/**
 * The conformance table: one row per behaviour of Glance v2 image members (and the image
 * calls sharing depends on), as measured on a real Glance. Rows are data; the runner in
 * members.test.ts sets up each row's image and memberships, makes the call with raw HTTP and
 * checks status, message and the memberships left behind.
 *
 * Message fragments may contain `{image}` (the image id in the URL) and `{member}` (the member
 * id in the URL or body).
 */

export type Party = "owner" | "consumer" | "third";
/** Who calls: a project's user, the admin (role `admin` on another project), or nobody. */
export type Actor = Party | "admin" | "none" | "bad-token";
export type Call =
  | "createMember"
  | "listMembers"
  | "getMember"
  | "updateMember"
  | "deleteMember"
  | "createImage"
  | "getImage"
  | "patchImage"
  | "deleteImage"
  | "downloadImage"
  | "deactivateImage";
/**
 * The image the call is about: created by the owner with that visibility (memberships are
 * added while it is shared, then it is switched; `public` by the admin), an unused uuid, a
 * non-uuid id, an image that had members and was deleted, one made private and then shared
 * again (`reshared`), or one the admin gave to the third project (`moved`), then perhaps made
 * private or public (`moved-private`, `moved-public`). A plain image stays `queued` (no data);
 * `active` has data uploaded by the owner, and `deactivated` is then deactivated by the admin.
 */
export type ImageSetup =
  | "shared"
  | "private"
  | "community"
  | "public"
  | "missing"
  | "non-uuid"
  | "deleted"
  | "reshared"
  | "moved"
  | "moved-private"
  | "moved-public"
  | "active"
  | "deactivated";
export type Status = "pending" | "accepted" | "rejected";

export interface Case {
  name: string;
  actor: Actor;
  call: Call;
  image: ImageSetup;
  /** Memberships before the call. */
  members?: Partial<Record<Party, Status>>;
  /** Fill the image up to the member quota with throwaway project ids first. */
  fillQuota?: boolean;
  /** Whose project id is the member in the URL or body (default consumer). */
  member?: Party;
  /** Replaces the call's default body; `raw` is sent verbatim, `none` sends no body. */
  body?: { json: unknown } | { raw: string } | { none: true };
  /** Only the local server can run this row (the reason is shown in the skipped test's name). */
  localOnly?: string;
  /** Use the local server's RegionTwo endpoint (a separate image store). */
  regionTwo?: boolean;
  /** `Accept` header of the call (default `application/json`; `null` = none sent). */
  accept?: string | null;
  expect: {
    status: number;
    /**
     * The error message: `message` of the JSON error body is this plus webob's
     * `<br /><br />\n\n\n` padding (with `partial`, it only has to start with it).
     */
    message?: string;
    partial?: boolean;
    /** `Content-Type` of the answer. */
    contentType?: string;
    /** Members listed (list calls), by party. */
    listed?: Party[];
    /** `status` of the member in the response. */
    memberStatus?: Status;
    /** `member_id` of the response when it is not the member's project id (odd bodies). */
    echoedMember?: unknown;
    /** `visibility` of the image in the response. */
    visibility?: string;
    /** Whose project `owner` of the image in the response is. */
    owner?: Party;
    /** `status` of the image in the response. */
    imageStatus?: string;
  };
  /** Memberships the image's owner sees after the call (`absent` = not a member); listed by the admin for a moved image. */
  after?: Partial<Record<Party, Status | "absent">>;
}

const NOT_FOUND = "Image {image} not found.";
const NOT_IN_LIST = "{member} not found in the member list of the image {image}.";

export const CASES: Case[] = [
  // ---- POST /v2/images/{id}/members ------------------------------------------------------
  {
    name: "owner shares a shared image: 200 (not 201), pending",
    actor: "owner",
    call: "createMember",
    image: "shared",
    expect: { status: 200, memberStatus: "pending" },
    after: { consumer: "pending" },
  },
  {
    name: "owner shares a private image",
    actor: "owner",
    call: "createMember",
    image: "private",
    expect: { status: 403, message: "Not allowed to create members for image {image}." },
  },
  {
    name: "owner shares a community image",
    actor: "owner",
    call: "createMember",
    image: "community",
    expect: { status: 403, message: "Not allowed to create members for image {image}." },
  },
  {
    name: "duplicate of a pending member",
    actor: "owner",
    call: "createMember",
    image: "shared",
    members: { consumer: "pending" },
    expect: { status: 409, message: "Member {member} is duplicated for image {image}" },
    after: { consumer: "pending" },
  },
  {
    name: "duplicate of an accepted member keeps it accepted",
    actor: "owner",
    call: "createMember",
    image: "shared",
    members: { consumer: "accepted" },
    expect: { status: 409, message: "Member {member} is duplicated for image {image}" },
    after: { consumer: "accepted" },
  },
  {
    name: "member (non-owner) adds another project",
    actor: "consumer",
    call: "createMember",
    image: "shared",
    members: { consumer: "accepted" },
    member: "third",
    expect: { status: 403, message: "Not allowed to create members for image {image}." },
    after: { consumer: "accepted", third: "absent" },
  },
  {
    name: "third party adds itself",
    actor: "third",
    call: "createMember",
    image: "shared",
    member: "third",
    expect: { status: 404, message: NOT_FOUND },
    after: { third: "absent" },
  },
  {
    name: "nonexistent image uuid",
    actor: "owner",
    call: "createMember",
    image: "missing",
    expect: { status: 404, message: NOT_FOUND },
  },
  {
    name: "non-uuid image id: 404, not 400",
    actor: "owner",
    call: "createMember",
    image: "non-uuid",
    expect: { status: 404, message: "Image not-a-uuid not found." },
  },
  {
    name: "body without member",
    actor: "owner",
    call: "createMember",
    image: "shared",
    body: { json: { foo: "bar" } },
    expect: { status: 400, message: "Member to be added not specified" },
  },
  {
    name: "empty member",
    actor: "owner",
    call: "createMember",
    image: "shared",
    body: { json: { member: "" } },
    expect: { status: 400, message: "Member can't be empty" },
  },
  {
    name: "null member",
    actor: "owner",
    call: "createMember",
    image: "shared",
    body: { json: { member: null } },
    expect: { status: 400, message: "Member can't be empty" },
  },
  {
    name: "body is a list",
    actor: "owner",
    call: "createMember",
    image: "shared",
    body: { json: ["x"] },
    expect: { status: 400, message: 'Expected a member in the form: {"member": "image_id"}' },
  },
  {
    name: "no body",
    actor: "owner",
    call: "createMember",
    image: "shared",
    body: { none: true },
    expect: { status: 400, message: "Body expected in request." },
  },
  {
    name: "malformed JSON",
    actor: "owner",
    call: "createMember",
    image: "shared",
    body: { raw: '{"member": ' },
    expect: { status: 400, message: "Malformed JSON in request body." },
  },
  {
    name: "body is a JSON string",
    actor: "owner",
    call: "createMember",
    image: "shared",
    body: { raw: '"consumer"' },
    expect: { status: 400, message: "Unexpected body type. Expected list/dict." },
  },
  {
    name: "member is a list: 500 (a Glance bug, the database refuses it)",
    actor: "owner",
    call: "createMember",
    image: "shared",
    body: { json: { member: ["x"] } },
    expect: {
      status: 500,
      message: "The server has either erred or is incapable of performing the requested operation.",
    },
  },
  {
    name: "member is a number: stored as text, echoed as sent",
    actor: "owner",
    call: "createMember",
    image: "shared",
    body: { json: { member: 5 } },
    expect: { status: 200, memberStatus: "pending", echoedMember: 5 },
  },
  {
    name: "bad body is checked before the image exists",
    actor: "owner",
    call: "createMember",
    image: "missing",
    body: { json: { foo: "bar" } },
    expect: { status: 400, message: "Member to be added not specified" },
  },
  {
    name: "owner adds its own project",
    actor: "owner",
    call: "createMember",
    image: "shared",
    member: "owner",
    expect: { status: 200, memberStatus: "pending" },
    after: { owner: "pending" },
  },
  {
    name: "admin of another project adds a member",
    actor: "admin",
    call: "createMember",
    image: "shared",
    expect: { status: 200, memberStatus: "pending" },
    after: { consumer: "pending" },
  },
  {
    name: "over the member quota",
    actor: "owner",
    call: "createMember",
    image: "shared",
    fillQuota: true,
    expect: { status: 413, message: "Image member limit exceeded for image {image}: ", partial: true },
    after: { consumer: "absent" },
  },
  {
    name: "quota is checked before duplicates",
    actor: "owner",
    call: "createMember",
    image: "shared",
    members: { consumer: "pending" },
    fillQuota: true,
    expect: { status: 413, message: "Image member limit exceeded for image {image}: ", partial: true },
    after: { consumer: "pending" },
  },
  {
    name: "no token",
    actor: "none",
    call: "createMember",
    image: "shared",
    expect: { status: 401 },
    after: { consumer: "absent" },
  },
  {
    name: "invalid token",
    actor: "bad-token",
    call: "createMember",
    image: "shared",
    expect: { status: 401 },
    after: { consumer: "absent" },
  },
  {
    name: "RegionTwo endpoint does not know a RegionOne image",
    actor: "owner",
    call: "createMember",
    image: "shared",
    regionTwo: true,
    localOnly: "RegionTwo exists only on the local server",
    expect: { status: 404, message: NOT_FOUND },
    after: { consumer: "absent" },
  },

  // ---- GET /v2/images/{id}/members -------------------------------------------------------
  {
    name: "owner lists every member",
    actor: "owner",
    call: "listMembers",
    image: "shared",
    members: { consumer: "pending", third: "accepted" },
    expect: { status: 200, listed: ["consumer", "third"] },
  },
  {
    name: "owner lists an image without members",
    actor: "owner",
    call: "listMembers",
    image: "shared",
    expect: { status: 200, listed: [] },
  },
  {
    name: "member sees only its own row",
    actor: "consumer",
    call: "listMembers",
    image: "shared",
    members: { consumer: "pending", third: "accepted" },
    expect: { status: 200, listed: ["consumer"] },
  },
  {
    name: "rejected member still sees its own row",
    actor: "consumer",
    call: "listMembers",
    image: "shared",
    members: { consumer: "rejected" },
    expect: { status: 200, listed: ["consumer"] },
  },
  {
    name: "third party lists",
    actor: "third",
    call: "listMembers",
    image: "shared",
    members: { consumer: "accepted" },
    expect: { status: 404, message: NOT_FOUND },
  },
  {
    name: "owner lists a private image",
    actor: "owner",
    call: "listMembers",
    image: "private",
    expect: {
      status: 403,
      message: "Not allowed to list members for image {image}: Only shared images have members.",
    },
  },
  {
    name: "former member lists after the image went private",
    actor: "consumer",
    call: "listMembers",
    image: "private",
    members: { consumer: "accepted" },
    expect: { status: 404, message: NOT_FOUND },
  },
  {
    name: "list on a nonexistent image",
    actor: "owner",
    call: "listMembers",
    image: "missing",
    expect: { status: 404, message: NOT_FOUND },
  },
  {
    name: "list on a non-uuid image id",
    actor: "owner",
    call: "listMembers",
    image: "non-uuid",
    expect: { status: 404, message: "Image not-a-uuid not found." },
  },
  {
    name: "list on a deleted image",
    actor: "owner",
    call: "listMembers",
    image: "deleted",
    members: { consumer: "accepted" },
    expect: { status: 404, message: NOT_FOUND },
  },
  {
    name: "list without a token",
    actor: "none",
    call: "listMembers",
    image: "shared",
    expect: { status: 401 },
  },

  // ---- GET /v2/images/{id}/members/{member} ----------------------------------------------
  {
    name: "owner reads a member",
    actor: "owner",
    call: "getMember",
    image: "shared",
    members: { consumer: "pending" },
    expect: { status: 200, memberStatus: "pending" },
  },
  {
    name: "member reads its own row",
    actor: "consumer",
    call: "getMember",
    image: "shared",
    members: { consumer: "accepted" },
    expect: { status: 200, memberStatus: "accepted" },
  },
  {
    name: "member reads another member's row",
    actor: "consumer",
    call: "getMember",
    image: "shared",
    members: { consumer: "accepted", third: "pending" },
    member: "third",
    expect: { status: 404, message: NOT_IN_LIST },
  },
  {
    name: "third party reads a member",
    actor: "third",
    call: "getMember",
    image: "shared",
    members: { consumer: "pending" },
    expect: { status: 404, message: NOT_FOUND },
  },
  {
    name: "owner reads a member of a private image: 404, not 403",
    actor: "owner",
    call: "getMember",
    image: "private",
    members: { consumer: "pending" },
    expect: { status: 404, message: "Only shared images have members." },
  },
  {
    name: "owner reads a project that is not a member",
    actor: "owner",
    call: "getMember",
    image: "shared",
    expect: { status: 404, message: NOT_IN_LIST },
  },
  {
    name: "read a member of a nonexistent image",
    actor: "owner",
    call: "getMember",
    image: "missing",
    expect: { status: 404, message: NOT_FOUND },
  },
  {
    name: "read a member of a non-uuid image id",
    actor: "consumer",
    call: "getMember",
    image: "non-uuid",
    expect: { status: 404, message: "Image not-a-uuid not found." },
  },

  // ---- PUT /v2/images/{id}/members/{member} ----------------------------------------------
  {
    name: "member accepts",
    actor: "consumer",
    call: "updateMember",
    image: "shared",
    members: { consumer: "pending" },
    body: { json: { status: "accepted" } },
    expect: { status: 200, memberStatus: "accepted" },
    after: { consumer: "accepted" },
  },
  {
    name: "member rejects",
    actor: "consumer",
    call: "updateMember",
    image: "shared",
    members: { consumer: "accepted" },
    body: { json: { status: "rejected" } },
    expect: { status: 200, memberStatus: "rejected" },
    after: { consumer: "rejected" },
  },
  {
    name: "member goes back to pending",
    actor: "consumer",
    call: "updateMember",
    image: "shared",
    members: { consumer: "rejected" },
    body: { json: { status: "pending" } },
    expect: { status: 200, memberStatus: "pending" },
    after: { consumer: "pending" },
  },
  {
    name: "owner sets the status",
    actor: "owner",
    call: "updateMember",
    image: "shared",
    members: { consumer: "pending" },
    expect: { status: 403, message: "Not allowed to update members for image {image}." },
    after: { consumer: "pending" },
  },
  {
    name: "owner sends a bogus status: ownership is checked first",
    actor: "owner",
    call: "updateMember",
    image: "shared",
    members: { consumer: "pending" },
    body: { json: { status: "bogus" } },
    expect: { status: 403, message: "Not allowed to update members for image {image}." },
  },
  {
    name: "bogus status",
    actor: "consumer",
    call: "updateMember",
    image: "shared",
    members: { consumer: "pending" },
    body: { json: { status: "bogus" } },
    expect: {
      status: 400,
      message: 'Incorrect request: Status must be "pending", "accepted" or "rejected".',
    },
    after: { consumer: "pending" },
  },
  {
    name: "status missing",
    actor: "consumer",
    call: "updateMember",
    image: "shared",
    members: { consumer: "pending" },
    body: { json: { foo: 1 } },
    expect: { status: 400, message: "Status not specified" },
  },
  {
    name: "status body is a list",
    actor: "consumer",
    call: "updateMember",
    image: "shared",
    members: { consumer: "pending" },
    body: { json: ["accepted"] },
    expect: { status: 400, message: 'Expected a status in the form: {"status": "status"}' },
  },
  {
    name: "status without body",
    actor: "consumer",
    call: "updateMember",
    image: "shared",
    members: { consumer: "pending" },
    body: { none: true },
    expect: { status: 400, message: "Body expected in request." },
  },
  {
    name: "third party sets a status",
    actor: "third",
    call: "updateMember",
    image: "shared",
    members: { consumer: "pending" },
    member: "third",
    expect: { status: 404, message: NOT_FOUND },
  },
  {
    name: "member sets another member's status",
    actor: "consumer",
    call: "updateMember",
    image: "shared",
    members: { consumer: "accepted", third: "pending" },
    member: "third",
    expect: { status: 404, message: NOT_IN_LIST },
    after: { third: "pending" },
  },
  {
    name: "admin sets a member's status",
    actor: "admin",
    call: "updateMember",
    image: "shared",
    members: { consumer: "pending" },
    expect: { status: 200, memberStatus: "accepted" },
    after: { consumer: "accepted" },
  },
  {
    name: "status on a nonexistent image",
    actor: "consumer",
    call: "updateMember",
    image: "missing",
    expect: { status: 404, message: NOT_FOUND },
  },
  {
    name: "former member sets a status after the image went private",
    actor: "consumer",
    call: "updateMember",
    image: "private",
    members: { consumer: "pending" },
    expect: { status: 404, message: NOT_FOUND },
  },

  // ---- DELETE /v2/images/{id}/members/{member} -------------------------------------------
  {
    name: "owner removes a member: 204, empty body",
    actor: "owner",
    call: "deleteMember",
    image: "shared",
    members: { consumer: "pending" },
    expect: { status: 204 },
    after: { consumer: "absent" },
  },
  {
    name: "owner removes an accepted member",
    actor: "owner",
    call: "deleteMember",
    image: "shared",
    members: { consumer: "accepted", third: "pending" },
    expect: { status: 204 },
    after: { consumer: "absent", third: "pending" },
  },
  {
    name: "owner removes a project that is not a member",
    actor: "owner",
    call: "deleteMember",
    image: "shared",
    expect: { status: 404, message: NOT_IN_LIST },
  },
  {
    name: "member removes itself",
    actor: "consumer",
    call: "deleteMember",
    image: "shared",
    members: { consumer: "accepted" },
    expect: { status: 403, message: "Not allowed to delete members for image {image}." },
    after: { consumer: "accepted" },
  },
  {
    name: "third party removes a member",
    actor: "third",
    call: "deleteMember",
    image: "shared",
    members: { consumer: "pending" },
    expect: { status: 404, message: NOT_FOUND },
    after: { consumer: "pending" },
  },
  {
    name: "owner removes a member of a private image",
    actor: "owner",
    call: "deleteMember",
    image: "private",
    members: { consumer: "pending" },
    expect: { status: 403, message: "Not allowed to delete members for image {image}." },
  },
  {
    name: "remove from a nonexistent image",
    actor: "owner",
    call: "deleteMember",
    image: "missing",
    expect: { status: 404, message: NOT_FOUND },
  },
  {
    name: "remove from a non-uuid image id",
    actor: "owner",
    call: "deleteMember",
    image: "non-uuid",
    expect: { status: 404, message: "Image not-a-uuid not found." },
  },
  {
    name: "remove from a deleted image",
    actor: "owner",
    call: "deleteMember",
    image: "deleted",
    members: { consumer: "accepted" },
    expect: { status: 404, message: NOT_FOUND },
  },
  {
    name: "admin of another project removes a member",
    actor: "admin",
    call: "deleteMember",
    image: "shared",
    members: { consumer: "accepted" },
    expect: { status: 204 },
    after: { consumer: "absent" },
  },
  {
    name: "remove without a token",
    actor: "none",
    call: "deleteMember",
    image: "shared",
    members: { consumer: "pending" },
    expect: { status: 401 },
    after: { consumer: "pending" },
  },

  // ---- error body formats and request bodies on GET/DELETE --------------------------------
  {
    name: "error body without an Accept header is plain text",
    actor: "owner",
    call: "listMembers",
    image: "missing",
    accept: null,
    expect: { status: 404, contentType: "text/plain; charset=UTF-8" },
  },
  {
    name: "error body for Accept */* is HTML",
    actor: "owner",
    call: "listMembers",
    image: "missing",
    accept: "*/*",
    expect: { status: 404, contentType: "text/html; charset=UTF-8" },
  },
  {
    name: "error body for Accept application/json, */* is HTML (ties go to text/html)",
    actor: "owner",
    call: "getMember",
    image: "missing",
    accept: "application/json, */*",
    expect: { status: 404, contentType: "text/html; charset=UTF-8" },
  },
  {
    name: "list with a request body",
    actor: "owner",
    call: "listMembers",
    image: "shared",
    body: { json: { member: "x" } },
    expect: { status: 400, message: "A body is not expected with this request." },
  },
  {
    name: "remove with a request body",
    actor: "owner",
    call: "deleteMember",
    image: "shared",
    members: { consumer: "pending" },
    body: { json: {} },
    expect: { status: 400, message: "A body is not expected with this request." },
    after: { consumer: "pending" },
  },

  // ---- image calls -----------------------------------------------------------------------
  {
    name: "create an image: visibility defaults to shared",
    actor: "owner",
    call: "createImage",
    image: "missing",
    expect: { status: 201, visibility: "shared" },
  },
  {
    name: "create a public image without admin",
    actor: "owner",
    call: "createImage",
    image: "missing",
    body: { json: { name: "conformance-public", visibility: "public" } },
    expect: { status: 403, message: "You are not authorized to complete publicize_image action." },
  },
  {
    name: "member reads a shared image",
    actor: "consumer",
    call: "getImage",
    image: "shared",
    members: { consumer: "pending" },
    expect: { status: 200, visibility: "shared" },
  },
  {
    name: "third party reads a shared image",
    actor: "third",
    call: "getImage",
    image: "shared",
    members: { consumer: "pending" },
    expect: { status: 404, message: "No image found with ID {image}" },
  },
  {
    name: "owner makes an image private",
    actor: "owner",
    call: "patchImage",
    image: "shared",
    members: { consumer: "accepted" },
    expect: { status: 200, visibility: "private" },
  },
  {
    name: "member changes the visibility",
    actor: "consumer",
    call: "patchImage",
    image: "shared",
    members: { consumer: "accepted" },
    expect: { status: 403, message: "You do not own this image" },
  },
  {
    name: "member deletes the image",
    actor: "consumer",
    call: "deleteImage",
    image: "shared",
    members: { consumer: "accepted" },
    expect: { status: 403, message: "You do not own this image" },
    after: { consumer: "accepted" },
  },
  {
    name: "owner deletes the image",
    actor: "owner",
    call: "deleteImage",
    image: "shared",
    members: { consumer: "accepted" },
    expect: { status: 204 },
  },
  {
    name: "third party deletes the image",
    actor: "third",
    call: "deleteImage",
    image: "shared",
    expect: { status: 404, message: "Failed to find image {image} to delete" },
  },

  // ---- after an admin's owner move or a visibility change -----------------------------------
  // Glance keeps the member rows: hidden while the image is not shared, live again once it is.
  {
    name: "owner reads its private image",
    actor: "owner",
    call: "getImage",
    image: "private",
    members: { consumer: "accepted" },
    expect: { status: 200, visibility: "private", owner: "owner" },
  },
  {
    name: "member reads the image after it went private",
    actor: "consumer",
    call: "getImage",
    image: "private",
    members: { consumer: "accepted" },
    expect: { status: 404, message: "No image found with ID {image}" },
  },
  {
    name: "owner reads a member of a public image",
    actor: "owner",
    call: "getMember",
    image: "public",
    members: { consumer: "accepted" },
    expect: { status: 404, message: "Only shared images have members." },
  },
  {
    name: "owner removes a member of a public image",
    actor: "owner",
    call: "deleteMember",
    image: "public",
    members: { consumer: "accepted" },
    expect: { status: 403, message: "Not allowed to delete members for image {image}." },
  },
  {
    name: "owner shares a public image",
    actor: "owner",
    call: "createMember",
    image: "public",
    member: "third",
    expect: { status: 403, message: "Not allowed to create members for image {image}." },
  },
  {
    name: "member reads its row of a public image",
    actor: "consumer",
    call: "getMember",
    image: "public",
    members: { consumer: "accepted" },
    expect: { status: 404, message: "Only shared images have members." },
  },
  {
    name: "member answers for a public image",
    actor: "consumer",
    call: "updateMember",
    image: "public",
    members: { consumer: "pending" },
    expect: { status: 403, message: "Not allowed to update members for image {image}." },
  },
  {
    name: "member answers for a community image",
    actor: "consumer",
    call: "updateMember",
    image: "community",
    members: { consumer: "pending" },
    expect: { status: 403, message: "Not allowed to update members for image {image}." },
  },
  {
    name: "owner reads a member of a community image",
    actor: "owner",
    call: "getMember",
    image: "community",
    members: { consumer: "accepted" },
    expect: { status: 404, message: "Only shared images have members." },
  },
  {
    name: "shared again after private: the member is back, its answer kept",
    actor: "consumer",
    call: "getMember",
    image: "reshared",
    members: { consumer: "accepted" },
    expect: { status: 200, memberStatus: "accepted" },
    after: { consumer: "accepted" },
  },
  {
    name: "former owner reads the moved image",
    actor: "owner",
    call: "getImage",
    image: "moved",
    members: { consumer: "accepted" },
    expect: { status: 404, message: "No image found with ID {image}" },
  },
  {
    name: "former owner reads a member of the moved image",
    actor: "owner",
    call: "getMember",
    image: "moved",
    members: { consumer: "accepted" },
    expect: { status: 404, message: NOT_FOUND },
  },
  {
    name: "former owner lists the moved image",
    actor: "owner",
    call: "listMembers",
    image: "moved",
    members: { consumer: "accepted" },
    expect: { status: 404, message: NOT_FOUND },
  },
  {
    name: "former owner removes a member of the moved image: 404, and the share stays",
    actor: "owner",
    call: "deleteMember",
    image: "moved",
    members: { consumer: "accepted" },
    expect: { status: 404, message: NOT_FOUND },
    after: { consumer: "accepted" },
  },
  {
    name: "former owner shares the moved image",
    actor: "owner",
    call: "createMember",
    image: "moved",
    member: "consumer",
    expect: { status: 404, message: NOT_FOUND },
  },
  {
    name: "member of the moved image still sees the image and its row",
    actor: "consumer",
    call: "getImage",
    image: "moved",
    members: { consumer: "accepted" },
    expect: { status: 200, visibility: "shared", owner: "third" },
  },
  {
    name: "new owner lists the members it was given",
    actor: "third",
    call: "listMembers",
    image: "moved",
    members: { consumer: "accepted" },
    expect: { status: 200, listed: ["consumer"] },
  },
  {
    name: "former owner reads a member of the moved, private image",
    actor: "owner",
    call: "getMember",
    image: "moved-private",
    members: { consumer: "accepted" },
    expect: { status: 404, message: NOT_FOUND },
  },
  {
    name: "new owner reads a member of the moved, private image",
    actor: "third",
    call: "getMember",
    image: "moved-private",
    members: { consumer: "accepted" },
    expect: { status: 404, message: "Only shared images have members." },
  },
  {
    name: "former owner reads the moved, public image",
    actor: "owner",
    call: "getImage",
    image: "moved-public",
    members: { consumer: "accepted" },
    expect: { status: 200, visibility: "public", owner: "third" },
  },
  {
    name: "former owner removes a member of the moved, public image",
    actor: "owner",
    call: "deleteMember",
    image: "moved-public",
    members: { consumer: "accepted" },
    expect: { status: 403, message: "Not allowed to delete members for image {image}." },
  },
  {
    name: "former owner reads a member of the moved, public image",
    actor: "owner",
    call: "getMember",
    image: "moved-public",
    members: { consumer: "accepted" },
    expect: { status: 404, message: "Only shared images have members." },
  },
  {
    name: "admin reads a deleted image: 404, as a project that cannot see it does",
    actor: "admin",
    call: "getImage",
    image: "deleted",
    members: { consumer: "accepted" },
    expect: { status: 404, message: "No image found with ID {image}" },
  },
  // ---- Image status: members do not depend on it -------------------------------------------
  {
    name: "owner shares an active image",
    actor: "owner",
    call: "createMember",
    image: "active",
    expect: { status: 200, memberStatus: "pending" },
    after: { consumer: "pending" },
  },
  {
    name: "owner revokes a member of an active image",
    actor: "owner",
    call: "deleteMember",
    image: "active",
    members: { consumer: "accepted" },
    expect: { status: 204 },
    after: { consumer: "absent" },
  },
  {
    name: "owner shares a deactivated image: members do not depend on the status",
    actor: "owner",
    call: "createMember",
    image: "deactivated",
    expect: { status: 200, memberStatus: "pending" },
    after: { consumer: "pending" },
  },
  {
    name: "owner lists the members of a deactivated image",
    actor: "owner",
    call: "listMembers",
    image: "deactivated",
    members: { consumer: "accepted", third: "pending" },
    expect: { status: 200, listed: ["consumer", "third"] },
  },
  {
    name: "owner revokes a member of a deactivated image",
    actor: "owner",
    call: "deleteMember",
    image: "deactivated",
    members: { consumer: "accepted" },
    expect: { status: 204 },
    after: { consumer: "absent" },
  },
  {
    name: "consumer accepts the share of a deactivated image",
    actor: "consumer",
    call: "updateMember",
    image: "deactivated",
    members: { consumer: "pending" },
    expect: { status: 200, memberStatus: "accepted" },
    after: { consumer: "accepted" },
  },
  {
    name: "consumer reads a deactivated image shared with it",
    actor: "consumer",
    call: "getImage",
    image: "deactivated",
    members: { consumer: "accepted" },
    expect: { status: 200, imageStatus: "deactivated" },
  },
  {
    name: "consumer downloads a deactivated image: 403",
    actor: "consumer",
    call: "downloadImage",
    image: "deactivated",
    members: { consumer: "accepted" },
    expect: {
      status: 403,
      message: "The requested image has been deactivated. Image data download is forbidden.",
    },
  },
  {
    name: "owner deactivates a queued image: 403",
    actor: "owner",
    call: "deactivateImage",
    image: "shared",
    expect: { status: 403, message: "Not allowed to deactivate image in status 'queued'" },
  },
  {
    name: "consumer deactivates an image shared with it: 403, members kept",
    actor: "consumer",
    call: "deactivateImage",
    image: "active",
    members: { consumer: "accepted" },
    expect: { status: 403, message: "You do not own this image" },
    after: { consumer: "accepted" },
  },
  {
    name: "owner deactivates an active image: 204, members kept",
    actor: "owner",
    call: "deactivateImage",
    image: "active",
    members: { consumer: "accepted" },
    expect: { status: 204 },
    after: { consumer: "accepted" },
  },
];
