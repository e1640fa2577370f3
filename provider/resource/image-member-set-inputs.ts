import { caseVariantsProblem, memberIdProblem } from "../glance/ids";
import type { MemberStatus } from "../glance/member";
import { isUnknown, validateInputs, type CheckFailure } from "./image-member-inputs";
import { mapKeyProblem } from "./map-keys";

/**
 * ImageMemberSet inputs, resolved. The projects are the keys of `members` (each `true`), not a
 * list: the engine's preview then names each project added or removed, where a list would show
 * every entry after the change as changed.
 */
export interface ImageMemberSetInputs {
  imageId: string;
  members: Record<string, true>;
  region?: string;
  endpoint?: string;
  cloud?: string;
  adopt?: boolean;
  /**
   * Set (to true) by the resource's class when its imageId is secret: the id is
   * then a hash (./resource-ids). A secret carrier: the engine marks the output secret too.
   */
  opaqueId?: boolean;
  /** Authoritative: refresh records the image's other members, for up to revoke. */
  exclusive?: boolean;
}

/** What the state says of one share of the set. */
export interface SetShare {
  /** Glance's status, or `unconfirmed` when a share's request got no answer and a read could not tell. */
  status: MemberStatus | "unconfirmed";
  createdAt: string;
  updatedAt: string;
}

/**
 * ImageMemberSet state. `members` and `shares` list the shares that exist (which may be fewer
 * than the program asks for after a failure part-way: the next `pulumi up` makes the rest).
 */
export interface ImageMemberSetOutputs extends ImageMemberSetInputs {
  shares: Record<string, SetShare>;
  glanceUrl: string;
  glanceService: string;
  ownerProjectId: string;
  /**
   * Exclusive sets: the members in `shares` that the program does not declare (found by refresh),
   * with their status, until up revokes them. Absent from states made before it existed.
   */
  undeclaredMembers?: Record<string, SetShare["status"]>;
}

/** Property-scoped reasons the inputs cannot work, found before any request is sent. */
export function validateSetInputs(news: Record<string, unknown>): CheckFailure[] {
  const failures = validateInputs({ ...news, memberId: undefined }, { memberIdOptional: true });
  if (news.exclusive !== undefined && !isUnknown(news.exclusive) && typeof news.exclusive !== "boolean") {
    failures.push({ property: "exclusive", reason: "exclusive must be true or false." });
  }
  const members = news.members;
  if (isUnknown(members)) return failures;
  if (typeof members !== "object" || members === null || Array.isArray(members)) {
    failures.push({ property: "members", reason: "members must map each project id to true." });
    return failures;
  }
  for (const memberId of Object.keys(members)) {
    const reason = memberIdProblem(memberId) ?? mapKeyProblem(memberId);
    if (reason) failures.push({ property: "members", reason });
  }
  const variants = caseVariantsProblem(Object.keys(members));
  if (variants) failures.push({ property: "members", reason: variants });
  return failures;
}

/**
 * Why a list of project ids cannot be an ImageMemberSet's `memberIds` (repeated or malformed ids),
 * or undefined when it can.
 */
export function memberIdsProblem(memberIds: unknown): string | undefined {
  if (!Array.isArray(memberIds)) return "memberIds must be a list of project ids.";
  const seen = new Set<unknown>();
  const repeated = new Set(memberIds.filter((id) => seen.size === seen.add(id).size));
  if (repeated.size > 0) return `memberIds lists ${[...repeated].join(", ")} more than once.`;
  const problems = memberIds
    .map((id) => memberIdProblem(id) ?? mapKeyProblem(id as string))
    .filter((p): p is string => p !== undefined);
  if (problems.length > 0) return problems.join(" ");
  return caseVariantsProblem(memberIds as string[]);
}

/** The project ids of a `members` map, sorted. */
export function memberIdsOf(members: Record<string, unknown> | undefined): string[] {
  return Object.keys(members ?? {}).sort();
}

export function membersMap(memberIds: Iterable<string>): Record<string, true> {
  return Object.fromEntries([...memberIds].sort().map((id) => [id, true as const]));
}
