/**
 * What the Glance handlers share: who is calling, how errors are raised, how request bodies
 * are read, and the visibility rule of images (glance/db/utils.py `is_image_visible`).
 */
import type { Exchange } from "./exchange";
import type { StoredImage } from "./image-store";
import type { CloudFlavour, MemberPolicyRule } from "./types";

/** The request context Glance builds from a validated token. */
export interface Caller {
  /** Project of the token (Glance's `context.owner`); `null` for a domain-scoped token. */
  projectId: string | null;
  /** Whether the token holds the `admin` role (policy `context_is_admin`). */
  isAdmin: boolean;
}

/** Settings of the image service. */
export interface GlanceSettings {
  flavour: CloudFlavour;
  /** `image_member_quota`; negative = unlimited. */
  memberQuota: number;
  /** The member rules of the policy file each project is denied (see LocalCloud.denyMemberPolicy). */
  memberPolicyDenied: Map<string, Set<MemberPolicyRule>>;
}

/** Enforces a member rule of the policy file on the caller: 403 when its project is denied it. */
export function enforceMemberPolicy(settings: GlanceSettings, caller: Caller, rule: MemberPolicyRule): void {
  if (caller.projectId !== null && settings.memberPolicyDenied.get(caller.projectId)?.has(rule)) {
    throw new GlanceError(403, `You are not authorized to complete ${rule} action.`);
  }
}

/**
 * An error answer (a webob `HTTPException` in Glance). Not an `Error`: no stack is captured,
 * these are ordinary outcomes.
 */
export class GlanceError {
  constructor(
    readonly status: number,
    /** webob's explanation (Glance's message); the status's default when undefined. */
    readonly explanation?: string,
    readonly detail = "",
    readonly headers: Record<string, string> = {},
    /** A filled-in webob body template that replaces explanation and detail. */
    readonly rawBody?: string,
  ) {}
}

/** Whether `is_image_visible` lets the caller see the image. */
export function isVisible(caller: Caller, image: StoredImage, flavour: CloudFlavour): boolean {
  if (caller.isAdmin || image.owner === null) return true;
  if (image.visibility === "public" || image.visibility === "community") return true;
  if (caller.projectId === null) return false;
  if (caller.projectId === image.owner) return true;
  return canHaveMembers(image, flavour) && image.members.has(caller.projectId);
}

/** Glance: only `shared` images have members; IMS: `private` ones too. */
export function canHaveMembers(image: StoredImage, flavour: CloudFlavour): boolean {
  return image.visibility === "shared" || (flavour === "ims" && image.visibility === "private");
}

const BODY_ENCODINGS = new Set(["chunked", "compress", "deflate", "gzip", "identity"]);
const decoder = new TextDecoder("utf-8", { fatal: true });

/**
 * Glance's `JSONRequestDeserializer.has_body`: a POST/PUT/PATCH with a known
 * `Transfer-Encoding`, or any request with `Content-Length` > 0.
 */
export function hasBody(ex: Exchange): boolean {
  const te = ex.header("transfer-encoding");
  if (
    te &&
    BODY_ENCODINGS.has(te.toLowerCase()) &&
    (ex.method === "POST" || ex.method === "PUT" || ex.method === "PATCH")
  ) {
    return true;
  }
  const len = ex.header("content-length");
  return len !== undefined && Number(len) > 0;
}

/** Reject a body on GET/DELETE (routes declared `body_reject=True`). */
export function rejectBody(ex: Exchange): void {
  if (hasBody(ex)) throw new GlanceError(400, "A body is not expected with this request.");
}

/**
 * The JSON body (`JSONRequestDeserializer.default` + `from_json`), `undefined` when there is
 * none. Malformed JSON or a body that is not an object or array → 400.
 */
export async function readJsonBody(ex: Exchange): Promise<unknown> {
  if (!hasBody(ex)) return undefined;
  const raw = await ex.readBody();
  if (raw === undefined) throw new GlanceError(413);
  let value: unknown;
  try {
    value = JSON.parse(decoder.decode(raw));
  } catch {
    throw new GlanceError(400, "Malformed JSON in request body.");
  }
  if (value === null || typeof value !== "object") {
    throw new GlanceError(400, "Unexpected body type. Expected list/dict.");
  }
  return value;
}

/** Decode a path segment like routes does (undecodable ones are kept as they are). */
export function pathParam(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
