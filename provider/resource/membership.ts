import type { ImageService } from "../auth/connect";
import { isImageMemberError, type HttpError } from "../errors";
import { ImagesApi } from "../glance/images";
import type { Member } from "../glance/member";
import { MembersApi } from "../glance/members";
import { combined } from "./hooks";
import { judgeNotFound, rehomed, type Provenance, type RecordedProvenance } from "./provenance";

/** Which membership a resource manages. */
export interface Membership {
  imageId: string;
  memberId: string;
}

/**
 * Runs `call` on the membership. A 404 that proves the membership gone (./provenance) gives
 * `undefined`; a 404 that proves nothing is ERR_NOT_FOUND_UNPROVEN; every other error propagates.
 */
export async function unlessGone<T>(
  call: () => Promise<T>,
  membership: Membership,
  recorded: Provenance,
  service: ImageService,
): Promise<T | undefined> {
  try {
    return await call();
  } catch (e) {
    if (!isImageMemberError(e, "ERR_NOT_FOUND")) throw e;
    const verdict = await judgeNotFound(membership, recorded, service, () => imageOwner(service, membership));
    if (verdict.gone) return undefined;
    throw (e as HttpError).recast(
      "ERR_NOT_FOUND_UNPROVEN",
      `Glance at ${service.glanceUrl} answered 404 for member ${membership.memberId} of image ${membership.imageId}${actingFor(service)}, but ${verdict.why}: that proves nothing, so the share stays in state`,
      verdict.hint,
    );
  }
}

/**
 * The read (refresh) hook of both resources: the member as Glance reports it now, recorded where
 * it was found (`provenanceFields` names the state fields), or no id when a 404 proves it gone
 * (the engine then drops the resource from state).
 */
export async function readMembership<P extends Membership>(
  id: string,
  props: P,
  recorded: Provenance,
  service: ImageService,
  provenanceFields: (found: RecordedProvenance) => Partial<P>,
): Promise<{ id: string; props: P | Record<string, never> }> {
  const api = new MembersApi(service.client, service.glanceUrl);
  const member = await unlessGone(() => api.get(props.imageId, props.memberId), props, recorded, service);
  if (!member) return { id: "", props: {} };
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { interruptedCreate, ...known } = props as P & { interruptedCreate?: boolean };
  return {
    id,
    props: combined<P>(known, memberFields(member), provenanceFields(rehomed(recorded, service))),
  };
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

/** The image's owner, or undefined when it cannot be read. */
export async function imageOwner(service: ImageService, membership: Membership): Promise<string | undefined> {
  try {
    return await new ImagesApi(service.client, service.glanceUrl).owner(membership.imageId);
  } catch (e) {
    if (isImageMemberError(e)) return undefined;
    throw e;
  }
}
