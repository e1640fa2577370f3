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

/**
 * A member id as a Glance on MySQL compares it. The `image_members.member` column takes the
 * table's collation, which in the usual MySQL deployment ignores letter case: there `ABC` and
 * `abc` are one member (the second POST is a 409, and either spelling reads, revokes or accepts
 * it), while sqlite and PostgreSQL keep them apart. The provider cannot tell which database a
 * Glance runs on, so it never asks for two members that one of them would merge. Only letter case
 * is folded: the accent folding of some collations does not reach the ids projects have.
 */
export function memberIdKey(memberId: string): string {
  return memberId.toLowerCase();
}

/** Whether two member ids name the same member on a Glance that ignores letter case. */
export function sameMemberId(a: string, b: string): boolean {
  return memberIdKey(a) === memberIdKey(b);
}

/**
 * Why these member ids cannot each be their own share (two differ only in letter case, see
 * {@link memberIdKey}), naming both of each such pair, or undefined when they can.
 */
export function caseVariantsProblem(memberIds: readonly string[]): string | undefined {
  const firstSpelling = new Map<string, string>();
  const pairs: string[] = [];
  for (const memberId of memberIds) {
    const key = memberIdKey(memberId);
    const first = firstSpelling.get(key);
    if (first === undefined) firstSpelling.set(key, memberId);
    else if (first !== memberId) pairs.push(`${first} and ${memberId}`);
  }
  if (pairs.length === 0) return undefined;
  return `Project ids ${pairs.join(", ")} differ only in letter case, and a Glance on MySQL (case-insensitive, the usual deployment) keeps one member for both; list each project once, spelled as Keystone spells its id.`;
}
