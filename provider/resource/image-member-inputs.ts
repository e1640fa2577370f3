import { endpointProblem } from "../glance/glance-url";
import { imageIdProblem, memberIdProblem } from "../glance/ids";
import type { MemberStatus } from "../glance/member";

/** ImageMember inputs, resolved: what the provider hooks receive. */
export interface ImageMemberInputs {
  imageId: string;
  memberId: string;
  region?: string;
  endpoint?: string;
  cloud?: string;
  adopt?: boolean;
  /**
   * Set (to true) by the resource's class when an input its id is made of is secret: the id is
   * then a hash (./resource-ids). A secret carrier: the engine marks the output secret too.
   */
  opaqueId?: boolean;
}

/** ImageMember state: the inputs, Glance's view of the member, and where and by whom it was made. */
export interface ImageMemberOutputs extends ImageMemberInputs {
  /** Glance's status, or `unconfirmed` when the share's request got no answer to rely on. */
  status: MemberStatus | "unconfirmed";
  createdAt: string;
  updatedAt: string;
  schema: string;
  /** The Glance v2 URL the share was made at, or last found at by a refresh. */
  glanceUrl: string;
  /** `<service id>@<region>` of the catalog's image service it lives in; "" when not known (explicit endpoints, state of 0.1.0). */
  glanceService?: string;
  /** The project of the credentials that created the share; "" when they did not say. */
  ownerProjectId: string;
  /** Set by `pulumi-image-member-recover` on a share whose create was interrupted; gone at the next refresh. */
  interruptedCreate?: boolean;
}

/** The value the engine passes for inputs that are not known yet during preview. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export interface CheckFailure {
  property: string;
  reason: string;
}

/** Property-scoped reasons the inputs cannot work, found before any request is sent. */
export function validateInputs(
  news: Record<string, unknown>,
  options: { memberIdOptional?: boolean } = {},
): CheckFailure[] {
  const failures: CheckFailure[] = [];
  const fail = (property: string, reason: string | undefined) => {
    if (reason) failures.push({ property, reason });
  };
  const { imageId, memberId, region, endpoint, cloud, adopt } = news;

  if (!isUnknown(imageId)) fail("imageId", imageIdProblem(imageId));
  if (!isUnknown(memberId) && !(memberId === undefined && options.memberIdOptional)) {
    fail("memberId", memberIdProblem(memberId));
  }
  if (region !== undefined && !isUnknown(region) && (typeof region !== "string" || region.trim() === "")) {
    fail("region", "region must be a non-empty region name or id when given.");
  }
  if (cloud !== undefined && !isUnknown(cloud) && (typeof cloud !== "string" || cloud.trim() === "")) {
    fail("cloud", "cloud must be the name of an entry in clouds.yaml when given.");
  }
  if (endpoint !== undefined && !isUnknown(endpoint)) {
    const reason = endpointProblem(endpoint);
    if (reason) fail("endpoint", `endpoint ${reason}`);
  }
  if (adopt !== undefined && !isUnknown(adopt) && typeof adopt !== "boolean") {
    fail("adopt", "adopt must be true or false.");
  }
  return failures;
}

export function isUnknown(value: unknown): boolean {
  return value === UNKNOWN;
}
