import type { MemberStatus } from "../glance/member";

/** ImageMember inputs, resolved: what the provider hooks receive. */
export interface ImageMemberInputs {
  imageId: string;
  memberId: string;
  region?: string;
  endpoint?: string;
  cloud?: string;
  adopt?: boolean;
}

/** ImageMember state: the inputs, Glance's view of the member, and where and by whom it was made. */
export interface ImageMemberOutputs extends ImageMemberInputs {
  status: MemberStatus;
  createdAt: string;
  updatedAt: string;
  schema: string;
  /** The Glance v2 URL the share was created at. */
  glanceUrl: string;
  /** The project of the credentials that created the share; "" when they did not say. */
  ownerProjectId: string;
}

/** Inputs whose change means another share: the resource is replaced. */
export const REPLACE_ON_CHANGE = ["imageId", "memberId", "region", "endpoint", "cloud"] as const;

/** The value the engine passes for inputs that are not known yet during preview. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export interface CheckFailure {
  property: string;
  reason: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// eslint-disable-next-line no-control-regex
const FORBIDDEN_IN_MEMBER = /[/\s\u0000-\u001f\u007f]/;

/** Property-scoped reasons the inputs cannot work, found before any request is sent. */
export function validateInputs(
  news: Record<string, unknown>,
  options: { memberIdOptional?: boolean } = {},
): CheckFailure[] {
  const failures: CheckFailure[] = [];
  const fail = (property: string, reason: string) => failures.push({ property, reason });
  const { imageId, memberId, region, endpoint, cloud, adopt } = news;

  if (isUnknown(imageId)) {
    // resolved later
  } else if (typeof imageId !== "string" || imageId === "") {
    fail("imageId", "imageId is required: the UUID of the image to share.");
  } else if (!UUID.test(imageId)) {
    fail(
      "imageId",
      `imageId must be an image UUID like 8a5c3b3e-1f0e-4b1e-9c53-2a7f0e6d4c11, not ${JSON.stringify(imageId)}.`,
    );
  }

  if (isUnknown(memberId) || (memberId === undefined && options.memberIdOptional)) {
    // resolved later
  } else if (typeof memberId !== "string" || memberId === "") {
    fail("memberId", "memberId is required: the id of the project to share the image with.");
  } else if (memberId.length > 255) {
    fail("memberId", `memberId is ${memberId.length} characters long; project ids have at most 255.`);
  } else if (FORBIDDEN_IN_MEMBER.test(memberId)) {
    fail(
      "memberId",
      `memberId ${JSON.stringify(memberId)} contains "/", white space or a control character; give the project id itself.`,
    );
  }

  if (region !== undefined && !isUnknown(region) && (typeof region !== "string" || region.trim() === "")) {
    fail("region", "region must be a non-empty region name or id when given.");
  }
  if (cloud !== undefined && !isUnknown(cloud) && (typeof cloud !== "string" || cloud.trim() === "")) {
    fail("cloud", "cloud must be the name of an entry in clouds.yaml when given.");
  }
  if (endpoint !== undefined && !isUnknown(endpoint)) {
    const reason = endpointProblem(endpoint);
    if (reason) fail("endpoint", reason);
  }
  if (adopt !== undefined && !isUnknown(adopt) && typeof adopt !== "boolean") {
    fail("adopt", "adopt must be true or false.");
  }
  return failures;
}

export function isUnknown(value: unknown): boolean {
  return value === UNKNOWN;
}

function endpointProblem(endpoint: unknown): string | undefined {
  if (typeof endpoint !== "string") return "endpoint must be a URL string.";
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return `endpoint ${JSON.stringify(endpoint)} is not a URL; give the Glance URL, e.g. https://glance.example.com:9292.`;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return "endpoint must be an http or https URL.";
  if (url.username || url.password) {
    return "endpoint must not carry credentials (they would be stored in state); configure them as stack config or OS_* variables.";
  }
  return undefined;
}
