/**
 * The image owner's two calls on one membership, with what their failures mean to a user: shared by
 * `ImageMember` (one membership) and `ImageMemberSet` (many memberships of one image).
 */
import type { ImageService } from "../auth/connect";
import { isImageMemberError, type HttpError } from "../errors";
import type { Member } from "../glance/member";
import type { MembersApi } from "../glance/members";
import { hiddenMembers, imageSightOnce, membersShown, type ImageSight } from "./image-sight";
import { actingFor, unlessGone, type Membership } from "./membership";
import { mayHaveActed } from "./unconfirmed";
import type { Provenance } from "./provenance";

/**
 * Shares the image with the member project. A share that exists already is ERR_MEMBER_EXISTS,
 * unless `adopt`: then it is read and taken over.
 */
export async function shareImage(
  api: MembersApi,
  target: Membership & { adopt?: boolean },
  service: ImageService,
  sight = imageSightOnce(service, target.imageId),
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
    if (isImageMemberError(e, "ERR_FORBIDDEN"))
      throw await ownerRefused(e as HttpError, "share", service, sight);
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

/** What a share request came to: the share made (or found made), or an outcome unknown. */
export type ShareAttempt = { made: Member } | { unanswered: HttpError };

/**
 * Shares the image (as {@link shareImage}); when the request may have been carried out without
 * an answer saying so, one read tells: a 200 is the share. Anything else leaves the outcome
 * unknown, a 404 included: the request may still land. Definite refusals are thrown.
 */
export async function attemptShare(
  api: MembersApi,
  target: Membership & { adopt?: boolean },
  service: ImageService,
  sight = imageSightOnce(service, target.imageId),
): Promise<ShareAttempt> {
  try {
    return { made: await shareImage(api, target, service, sight) };
  } catch (e) {
    if (!mayHaveActed(e)) throw e;
    const found = await api.get(target.imageId, target.memberId).catch((readError) => {
      if (isImageMemberError(readError)) return undefined;
      throw readError;
    });
    return found ? { made: found } : { unanswered: e };
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
      throw await ownerRefused(e as HttpError, "revoke", service, sight, recorded.projectId);
    throw e;
  }
}

/** What the owner's calls do, for the words of a refusal. */
export type OwnerVerb = "share" | "revoke" | "list";

/**
 * A 403 to an owner's call, told by the image (one read): it is not shared (Glance refuses every
 * member change then, to its owner too), an admin gave it to another project, or these
 * credentials never were the owner's.
 */
export async function ownerRefused(
  e: HttpError,
  verb: OwnerVerb,
  service: ImageService,
  sight: () => Promise<ImageSight>,
  creator?: string,
): Promise<HttpError> {
  const seen = await sight();
  if (seen.kind !== "seen") return notOwner(e, verb, service, creator);
  const { image } = seen;
  if (image.owner === service.projectId) {
    if (membersShown(image, service)) {
      // Owner and shared, yet refused: the cloud's policy. Kept under ERR_NOT_IMAGE_OWNER, the
      // code this refusal has always had, with what is known.
      return e.recast(
        "ERR_NOT_IMAGE_OWNER",
        `Glance refused to ${verb} the members of image ${image.id}, although project ${image.owner} owns it and it is ${image.visibility}: the cloud's policy keeps these credentials from changing its members`,
        `Use credentials of project ${image.owner} with a role Glance's add_member and delete_member policies allow, or ask the cloud's operator. The resource stays in state.`,
      );
    }
    return verb === "share"
      ? e.recast(
          "ERR_IMAGE_NOT_SHARED",
          `Image ${image.id} is ${image.visibility}: Glance shares only images whose visibility is shared`,
          `Make it shared (\`openstack image set --shared ${image.id}\`), then run \`pulumi up\` again.`,
        )
      : e.recast(
          "ERR_IMAGE_NOT_SHARED",
          `Glance refused to ${verb} the members of image ${image.id}${actingFor(service)}: ${hiddenMembers(image)}`,
          `Make the image shared again (\`openstack image set --shared ${image.id}\`), then run the command again; Glance changes the members of shared images only. The resource stays in state.`,
        );
  }
  if (creator && creator === service.projectId) {
    return e.recast(
      "ERR_IMAGE_OWNER_CHANGED",
      `Image ${image.id} is owned by project ${image.owner ?? "none"} now, not by project ${creator}, which made the share: an admin gave it away, members and all`,
      `Run with credentials of project ${image.owner ?? "that owns the image"}, which can ${verb} them; to leave the share to that project, \`pulumi state delete\` it. The resource stays in state.`,
    );
  }
  return notOwner(e, verb, service, creator, image.owner);
}

function notOwner(
  e: HttpError,
  verb: OwnerVerb,
  service: ImageService,
  creator?: string,
  owner?: string | null,
): HttpError {
  const madeBy = creator ? ` The share was created by project ${creator}.` : "";
  const ownedBy = owner ? ` (project ${owner} owns it)` : "";
  const action = verb === "list" ? "list its members" : `${verb} it`;
  return e.recast(
    "ERR_NOT_IMAGE_OWNER",
    `Only the image owner's project can ${action}${actingFor(service)}${ownedBy}.${madeBy}`,
    "Use credentials of the project that owns the image. The resource stays in state.",
  );
}
