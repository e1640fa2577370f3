/**
 * The image owner's two calls on one membership, with what their failures mean to a user: shared by
 * `ImageMember` (one membership) and `ImageMemberSet` (many memberships of one image).
 */
import type { ImageService } from "../auth/connect";
import { isImageMemberError, type HttpError } from "../errors";
import type { Member } from "../glance/member";
import type { MembersApi } from "../glance/members";
import { imageSightOnce } from "./image-sight";
import { actingFor, unlessGone, type Membership } from "./membership";
import type { Provenance } from "./provenance";

/**
 * Shares the image with the member project. A share that exists already is ERR_MEMBER_EXISTS,
 * unless `adopt`: then it is read and taken over.
 */
export async function shareImage(
  api: MembersApi,
  target: Membership & { adopt?: boolean },
  service: ImageService,
): Promise<Member> {
  try {
    return await api.create(target.imageId, target.memberId);
  } catch (e) {
    if (isImageMemberError(e, "ERR_CONFLICT")) {
      if (target.adopt) return api.get(target.imageId, target.memberId);
      throw (e as HttpError).recast(
        "ERR_MEMBER_EXISTS",
        `Image ${target.imageId} is already shared with project ${target.memberId}`,
        "To manage the existing share from this program, set adopt: true on the resource, or remove the share first.",
      );
    }
    if (isImageMemberError(e, "ERR_FORBIDDEN")) throw notOwner(e as HttpError, "share", service);
    if (isImageMemberError(e, "ERR_NOT_FOUND")) {
      throw (e as HttpError).recast(
        "ERR_NOT_FOUND",
        `Image ${target.imageId} was not found${actingFor(service)}`,
        "Check the image id, the region, and that the credentials belong to the image owner's project.",
      );
    }
    throw e;
  }
}

/** Revokes the share; a 404 that proves it gone (the 404 rule) is success. */
export async function revokeShare(
  api: MembersApi,
  membership: Membership,
  recorded: Provenance,
  service: ImageService,
  sight = imageSightOnce(service, membership.imageId),
): Promise<void> {
  try {
    await unlessGone(
      () => api.delete(membership.imageId, membership.memberId),
      membership,
      recorded,
      service,
      sight,
    );
  } catch (e) {
    if (isImageMemberError(e, "ERR_FORBIDDEN"))
      throw notOwner(e as HttpError, "revoke", service, recorded.projectId);
    throw e;
  }
}

function notOwner(
  e: HttpError,
  verb: "share" | "revoke",
  service: ImageService,
  creator?: string,
): HttpError {
  const madeBy = creator ? ` The share was created by project ${creator}.` : "";
  return e.recast(
    "ERR_NOT_IMAGE_OWNER",
    `Only the image owner's project can ${verb} it${actingFor(service)}.${madeBy}`,
    "Use credentials of the project that owns the image. The resource stays in state.",
  );
}
