/**
 * What an image or member id may be. Every id ends up as one path segment of a Glance URL, so an
 * id that a URL parser would read as navigation (`.`, `..`), as another segment, a query or a
 * fragment, or that cannot be percent-encoded (a lone UTF-16 surrogate) is refused before any
 * request: Glance itself accepts any string as a member, so nothing downstream would catch it.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Glance's `image_members.member` column. */
export const MAX_MEMBER_ID_LENGTH = 255;

/**
 * Characters no project id has and that change what a URL means or how it is printed:
 * separators (`/ \ ? # %`), white space, control characters (C0, DEL, C1) and Unicode format
 * characters (zero-width, bidirectional overrides).
 */
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[/\\?#%\s\u0000-\u001f\u007f-\u009f\p{Cf}]/u;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why `value` cannot be a member (project) id, or undefined when it can. */
export function memberIdProblem(value: unknown): string | undefined {
  if (typeof value !== "string" || value === "")
    return "memberId is required: the id of the project to share the image with.";
  if (LONE_SURROGATE.test(value))
    return "memberId contains a lone UTF-16 surrogate; give the project id itself.";
  if (value.length > MAX_MEMBER_ID_LENGTH)
    return `memberId is ${value.length} characters long; project ids have at most ${MAX_MEMBER_ID_LENGTH}.`;
  if (/^\.+$/.test(value))
    return `memberId ${JSON.stringify(value)} is only dots, which a URL reads as a path step, not an id; give the project id itself.`;
  if (FORBIDDEN.test(value))
    return `memberId ${JSON.stringify(value)} contains a separator (/ \\ ? # %), white space or a control character; give the project id itself.`;
  return undefined;
}

/** Why `value` cannot be an image id (Glance image ids are UUIDs), or undefined when it can. */
export function imageIdProblem(value: unknown): string | undefined {
  if (typeof value !== "string" || value === "")
    return "imageId is required: the UUID of the image to share.";
  if (!UUID.test(value))
    return `imageId must be an image UUID like 8a5c3b3e-1f0e-4b1e-9c53-2a7f0e6d4c11, not ${JSON.stringify(value)}.`;
  return undefined;
}
