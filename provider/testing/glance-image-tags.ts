/** Image tags: `PUT` and `DELETE /v2/images/{id}/tags/{tag}` (owner or admin; 204). */
import type { Exchange } from "./exchange";
import { type Caller, GlanceError, type GlanceSettings, isVisible, rejectBody } from "./glance-context";
import type { RawAnswer } from "./glance-image-data";
import type { ImageStore, StoredImage } from "./image-store";

const DONE: RawAnswer = { status: 204, headers: { "content-type": "text/html; charset=UTF-8" }, body: "" };

export class ImageTagsController {
  constructor(
    private readonly store: ImageStore,
    private readonly settings: GlanceSettings,
  ) {}

  /** Add a tag (adding one the image has changes nothing). */
  add(ex: Exchange, caller: Caller, imageId: string, tag: string): RawAnswer {
    rejectBody(ex);
    const image = this.owned(caller, imageId);
    if (!image.tags.includes(tag)) {
      image.tags.push(tag);
      this.store.touch(image);
    }
    return DONE;
  }

  /** Remove a tag; one the image does not have → 404. */
  remove(ex: Exchange, caller: Caller, imageId: string, tag: string): RawAnswer {
    rejectBody(ex);
    const image = this.owned(caller, imageId);
    const at = image.tags.indexOf(tag);
    if (at < 0) throw new GlanceError(404);
    image.tags.splice(at, 1);
    this.store.touch(image);
    return DONE;
  }

  private owned(caller: Caller, imageId: string): StoredImage {
    const image = this.store.get(imageId);
    if (!image || !isVisible(caller, image, this.settings.flavour)) {
      throw new GlanceError(404, `Image ${imageId} not found.`);
    }
    if (!caller.isAdmin && image.owner !== caller.projectId) {
      throw new GlanceError(403, `Not allowed to update tags for image ${imageId}.`);
    }
    return image;
  }
}
