import type { ImageService } from "../auth/connect";
import { isImageMemberError, type HttpError } from "../errors";
import type { Member } from "../glance/member";
import { MembersApi } from "../glance/members";
import { combined } from "../resource/hooks";
import { imageSightOnce } from "./image-sight";
import { judgeNotFound, rehomed, type Provenance, type RecordedProvenance } from "./provenance";

/** Which membership a resource manages. */
export interface Membership {
  imageId: string;
  memberId: string;
}

/**
 * Runs `call` on the membership. A 404 that proves the membership gone (./provenance) gives
 * `undefined`; one that proves nothing is an error under the code that says why
 * (ERR_NOT_FOUND_UNPROVEN, ERR_IMAGE_NOT_SHARED, ERR_IMAGE_OWNER_CHANGED); every other error
 * propagates. `sight` reads the image for the verdict (pass one to share its read among calls).
 */
export async function unlessGone<T>(
  call: () => Promise<T>,
  membership: Membership,
  recorded: Provenance,
  service: ImageService,
  sight = imageSightOnce(service, membership.imageId),
): Promise<T | undefined> {
  try {
    return await call();
  } catch (e) {
    if (!isImageMemberError(e, "ERR_NOT_FOUND")) throw e;
    const verdict = await judgeNotFound(membership, recorded, service, sight);
    if (verdict.gone) return undefined;
    throw (e as HttpError).recast(
      verdict.code,
      `Glance answered 404 for the share of image ${membership.imageId} with project ${membership.memberId}; that proves nothing, so it stays in state${actingFor(service)}, but ${verdict.why}`,
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
