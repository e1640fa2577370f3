import type { MemberStatus } from "../glance/member";
import { isUnknown, validateInputs, type CheckFailure } from "./image-member-inputs";

/** ImageMemberAcceptance inputs, resolved: what the provider hooks receive. */
export interface ImageMemberAcceptanceInputs {
  imageId: string;
  /** Defaults to the project of the credentials. */
  memberId?: string;
  /** `accepted` (default) or `rejected`. */
  status?: "accepted" | "rejected";
  region?: string;
  endpoint?: string;
  cloud?: string;
  /** How long a membership that is not visible yet is waited for, in seconds (default 60). */
  memberWaitSeconds?: number;
  /**
   * Set (to true) by the resource's class when an input its id is made of is secret: the id is
   * then a hash (./resource-ids). A secret carrier: the engine marks the output secret too.
   */
  opaqueId?: boolean;
}

/**
 * ImageMemberAcceptance state. `status` is what Glance reports (kept current by refresh), so a
 * consumer's change made elsewhere shows as a difference from the program and `up` restores it.
 */
export interface ImageMemberAcceptanceOutputs extends Omit<ImageMemberAcceptanceInputs, "status"> {
  status: MemberStatus;
  memberId: string;
  /** True when memberId was not given and came from the credentials. */
  memberIdFromCredentials: boolean;
  createdAt: string;
  updatedAt: string;
  schema: string;
  glanceUrl: string;
  /** `<service id>@<region>` of the catalog's image service; "" when not known. */
  glanceService?: string;
  /** Project of the credentials that accepted; "" when they did not say. */
  consumerProjectId: string;
}

export const DEFAULT_MEMBER_WAIT_SECONDS = 60;

export function validateAcceptanceInputs(news: Record<string, unknown>): CheckFailure[] {
  const failures = validateInputs(news, { memberIdOptional: true });
  const { status, memberWaitSeconds } = news;
  if (status !== undefined && !isUnknown(status) && status !== "accepted" && status !== "rejected") {
    failures.push({
      property: "status",
      reason: `status must be "accepted" or "rejected", not ${JSON.stringify(status)}.`,
    });
  }
  if (
    memberWaitSeconds !== undefined &&
    !isUnknown(memberWaitSeconds) &&
    !(typeof memberWaitSeconds === "number" && memberWaitSeconds >= 0 && memberWaitSeconds <= 3600)
  ) {
    failures.push({
      property: "memberWaitSeconds",
      reason: "memberWaitSeconds must be a number of seconds from 0 to 3600.",
    });
  }
  return failures;
}
