/**
 * What the asking project sees of an image: one `GET /v2/images/{id}`, made only when a member
 * call was refused or answered 404 (never after a success), and made once per hook however many
 * members of the image need it.
 */
import type { ImageService } from "../auth/connect";
import { isImageMemberError, type ImageMemberError } from "../errors";
import type { Image } from "../glance/image";
import { ImagesApi } from "../glance/images";

export type ImageSight =
  /** 200: the image, as Glance shows it to this project. */
  | { kind: "seen"; image: Image }
  /** 404: the image is gone, or this project cannot see it; Glance answers both alike, even to an admin. */
  | { kind: "not-visible" }
  /** Any other failure: nothing can be told. */
  | { kind: "unreadable"; error: ImageMemberError };

/** Reads the image at the first call, and gives the same answer to every later one. */
export function imageSightOnce(service: ImageService, imageId: string): () => Promise<ImageSight> {
  let sight: Promise<ImageSight> | undefined;
  return () => (sight ??= readImage(service, imageId));
}

async function readImage(service: ImageService, imageId: string): Promise<ImageSight> {
  try {
    return { kind: "seen", image: await new ImagesApi(service.client, service.glanceUrl).get(imageId) };
  } catch (e) {
    if (isImageMemberError(e, "ERR_NOT_FOUND")) return { kind: "not-visible" };
    if (isImageMemberError(e)) return { kind: "unreadable", error: e };
    throw e;
  }
}

/** Whether Glance shows (and lets the owner change) the image's members: shared, or private on IMS. */
export function membersShown(image: Image, service: ImageService): boolean {
  return (
    image.visibility === "shared" || (image.visibility === "private" && !!service.privateImagesHaveMembers)
  );
}

/** `shared` aside, the words for where a visibility leaves the members. */
export function hiddenMembers(image: Image): string {
  return `image ${image.id} is ${image.visibility} now: Glance hides the members of an image that is not shared, and keeps them, live again once it is shared again`;
}
