import { ImageMemberError } from "../errors";

export type MemberStatus = "pending" | "accepted" | "rejected";

export const MEMBER_STATUSES: readonly MemberStatus[] = ["pending", "accepted", "rejected"];

/** An image membership as Glance reports it. */
export interface Member {
  imageId: string;
  memberId: string;
  status: MemberStatus;
  createdAt: string;
  updatedAt: string;
  schema: string;
}

/** Shapes Glance's member JSON (`member_id`, `created_at`, …) into a `Member`. */
export function parseMember(body: string): Member {
  return toMember(parseObject(body));
}

/** Shapes Glance's `{"members": [...]}` list. */
export function parseMemberList(body: string): Member[] {
  const members = parseObject(body).members;
  if (!Array.isArray(members)) throw malformed("a member list without members");
  return members.map((m) => toMember(m as Record<string, unknown>));
}

function toMember(raw: Record<string, unknown>): Member {
  const status = raw.status;
  if (typeof raw.member_id !== "string" || typeof raw.image_id !== "string") {
    throw malformed("a member without member_id or image_id");
  }
  if (!MEMBER_STATUSES.includes(status as MemberStatus))
    throw malformed(`a member status ${JSON.stringify(status)}`);
  return {
    imageId: raw.image_id,
    memberId: raw.member_id,
    status: status as MemberStatus,
    createdAt: String(raw.created_at ?? ""),
    updatedAt: String(raw.updated_at ?? ""),
    schema: String(raw.schema ?? "/v2/schemas/member"),
  };
}

function parseObject(body: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)) {
      return parsed as Record<string, unknown>;
    }
  } catch {
    // reported below
  }
  throw malformed("a body that is not a JSON object");
}

function malformed(what: string): ImageMemberError {
  return new ImageMemberError("ERR_UNEXPECTED_STATUS", `The image service answered with ${what}.`, {
    hint: "Check that the endpoint is a Glance v2 (or Huawei IMS) API.",
  });
}
