/**
 * Image actions: `POST /v2/images/{id}/actions/deactivate` and `…/reactivate` (owner or admin;
 * 204). Only an `active` image can be deactivated and only a `deactivated` one reactivated;
 * repeating either is a no-op. Members do not depend on the status.
 */
import type { Exchange } from "./exchange";
import { type Caller, GlanceError, type GlanceSettings, isVisible, rejectBody } from "./glance-context";
import type { RawAnswer } from "./glance-image-data";
import type { ImageStatus, ImageStore, StoredImage } from "./image-store";

const DONE: RawAnswer = { status: 204, headers: { "content-type": "text/html; charset=UTF-8" }, body: "" };

export type ImageAction = "deactivate" | "reactivate";

/** The status an action leaves and the one it needs (its own result is a no-op). */
const TRANSITIONS: Record<ImageAction, { from: ImageStatus; to: ImageStatus }> = {
  deactivate: { from: "active", to: "deactivated" },
  reactivate: { from: "deactivated", to: "active" },
};

export function isImageAction(name: string): name is ImageAction {
  return Object.hasOwn(TRANSITIONS, name);
}

/**
 * Apply an action to an image, as Glance's domain model does: 403 `Not allowed to deactivate image
 * in status 'queued'` from any other status.
 */
export function applyImageAction(store: ImageStore, image: StoredImage, action: ImageAction): void {
  const { from, to } = TRANSITIONS[action];
  if (image.status === to) return;
  if (image.status !== from) {
    throw new GlanceError(403, `Not allowed to ${action} image in status '${image.status}'`);
  }
  image.status = to;
  store.touch(image);
}

export class ImageActionsController {
  constructor(
    private readonly store: ImageStore,
    private readonly settings: GlanceSettings,
  ) {}

  run(ex: Exchange, caller: Caller, imageId: string, action: ImageAction): RawAnswer {
    rejectBody(ex);
    const image = this.store.get(imageId);
    if (!image || !isVisible(caller, image, this.settings.flavour)) {
      throw new GlanceError(404, `No image found with ID ${imageId}`);
    }
    if (!caller.isAdmin && (image.owner === null || image.owner !== caller.projectId)) {
      throw new GlanceError(403, "You do not own this image");
    }
    applyImageAction(this.store, image, action);
    return DONE;
  }
}
