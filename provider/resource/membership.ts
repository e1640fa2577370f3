import type { ImageService } from "../auth/connect";
import { isImageMemberError, type HttpError } from "../errors";
import type { Member } from "../glance/member";
import { MembersApi } from "../glance/members";

/** Which membership a resource manages. */
export interface Membership {
  imageId: string;
  memberId: string;
}

/** Where, and as which project, a resource was created: recorded in state, not secret. */
export interface Provenance {
  /** Glance v2 URL of the create; absent in state written before it was recorded. */
  glanceUrl?: string;
  /** Project of the credentials at create; "" or absent when they did not say. */
  projectId?: string;
}

/**
 * A 404 at read or delete means "gone" only when it came from the endpoint the resource was
 * created at, with credentials of the project that created it. Elsewhere Glance answers 404 for
 * memberships that are alive and well, and forgetting them would leave a share live for good.
 *
 * Returns when the 404 may be trusted (warning when it could not be checked); throws otherwise.
 */
function confirmGone(
  e: HttpError,
  subject: string,
  recorded: Provenance,
  service: ImageService,
  warn: (text: string) => void,
): void {
  const sameEndpoint = !recorded.glanceUrl || recorded.glanceUrl === service.glanceUrl;
  const sameProject = !recorded.projectId || !service.projectId || recorded.projectId === service.projectId;
  if (!sameEndpoint || !sameProject) {
    throw e.recast(
      "ERR_NOT_FOUND_UNPROVEN",
      `No ${subject} as seen from ${service.glanceUrl}${actingFor(service)}, but it was created at ${recorded.glanceUrl || "an unrecorded endpoint"} by project ${recorded.projectId || "(unrecorded)"}: a 404 from elsewhere proves nothing, so it stays in state`,
      "Run with the credentials, region and endpoint that created it. If you have checked that it is gone, drop it with `pulumi state delete`.",
    );
  }
  if (!recorded.glanceUrl || !recorded.projectId || !service.projectId) {
    warn(
      `Glance answered 404 for ${subject}; taking it as already gone, but the credentials' project or the original endpoint is unknown (a bare token, or state from an older version), so this could not be checked against what created it.`,
    );
  }
}

/**
 * Runs `call` on the membership. A 404 that proves the membership gone gives `undefined`; a 404
 * that proves nothing, and every other error, propagates.
 */
export async function unlessGone<T>(
  call: () => Promise<T>,
  membership: Membership,
  recorded: Provenance,
  service: ImageService,
  warn: (text: string) => void,
): Promise<T | undefined> {
  try {
    return await call();
  } catch (e) {
    if (!isImageMemberError(e, "ERR_NOT_FOUND")) throw e;
    const subject = `member ${membership.memberId} of image ${membership.imageId}`;
    confirmGone(e as HttpError, subject, recorded, service, warn);
    return undefined;
  }
}

/**
 * The read (refresh) hook of both resources: the member as Glance reports it now, or no id when
 * a 404 proves it gone (the engine then drops the resource from state).
 */
export async function readMembership<P extends Membership>(
  id: string,
  props: P,
  recorded: Provenance,
  service: ImageService,
  warn: (text: string) => void,
): Promise<{ id: string; props: P | Record<string, never> }> {
  const api = new MembersApi(service.client, service.glanceUrl);
  const member = await unlessGone(
    () => api.get(props.imageId, props.memberId),
    props,
    recorded,
    service,
    warn,
  );
  return member ? { id, props: { ...props, ...memberFields(member) } } : { id: "", props: {} };
}

/** The member fields both resources keep in state. */
export function memberFields(member: Member) {
  return {
    status: member.status,
    createdAt: member.createdAt,
    updatedAt: member.updatedAt,
    schema: member.schema,
  };
}

/** "; the credentials act for project P", or nothing when the project is unknown. */
export function actingFor(service: ImageService): string {
  return service.projectId ? `; the credentials act for project ${service.projectId}` : "";
}
