/**
 * Image data: `PUT /v2/images/{id}/file` (upload: the image goes `queued` → `active`, with
 * `size`, md5 `checksum` and sha512 `os_hash_value`) and `GET /v2/images/{id}/file` (download;
 * 204 while there is no data, 403 for a deactivated image but to an admin). Data is kept in memory, up to {@link MAX_IMAGE_BYTES}.
 */
import { createHash } from "node:crypto";
import type { Exchange } from "./exchange";
import { type Caller, GlanceError, type GlanceSettings, isVisible } from "./glance-context";
import type { ImageData, ImageStore, StoredImage } from "./image-store";

/** Largest upload kept (64 MiB): test images are small; bigger uploads are answered 413. */
export const MAX_IMAGE_BYTES = 64 << 20;

/** A raw answer: the data download is not JSON. */
export interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: Buffer | string;
}

/** Uploaded bytes with the checksums Glance computes. */
export function imageData(bytes: Buffer): ImageData {
  return {
    bytes,
    md5: createHash("md5").update(bytes).digest("hex"),
    sha512: createHash("sha512").update(bytes).digest("hex"),
  };
}

export class ImageDataController {
  constructor(
    private readonly store: ImageStore,
    private readonly settings: GlanceSettings,
  ) {}

  /** `PUT /v2/images/{id}/file` → 204. */
  async upload(ex: Exchange, caller: Caller, imageId: string): Promise<RawAnswer> {
    const contentType = (ex.header("content-type") ?? "").split(";")[0].trim();
    if (contentType.toLowerCase() !== "application/octet-stream") {
      throw new GlanceError(
        415,
        undefined,
        "",
        {},
        `The request media type ${contentType} is not supported by this server.\n<br /><br />\n`,
      );
    }
    const image = this.visible(caller, imageId);
    if (!caller.isAdmin && image.owner !== caller.projectId) {
      throw new GlanceError(403, `Not allowed to upload image data for image ${imageId}`);
    }
    if (image.diskFormat === null || image.containerFormat === null) {
      throw new GlanceError(
        400,
        "Properties disk_format, container_format must be set prior to saving data.",
      );
    }
    if (image.status !== "queued") {
      throw new GlanceError(409, `Image status transition from ${image.status} to saving is not allowed`);
    }
    const bytes = await ex.readBody(MAX_IMAGE_BYTES);
    if (bytes === undefined) throw new GlanceError(413);
    this.store.setData(image, imageData(bytes));
    return { status: 204, headers: { "content-type": "text/html; charset=UTF-8" }, body: "" };
  }

  /** `GET /v2/images/{id}/file` → 200 with the data, or 204 when there is none. */
  download(caller: Caller, imageId: string): RawAnswer {
    const image = this.visible(caller, imageId);
    if (image.status === "deactivated" && !caller.isAdmin) {
      throw new GlanceError(
        403,
        "The requested image has been deactivated. Image data download is forbidden.",
      );
    }
    if (!image.data) return { status: 204, headers: {}, body: "" };
    return {
      status: 200,
      headers: { "content-type": "application/octet-stream", "content-md5": image.data.md5 },
      body: image.data.bytes,
    };
  }

  private visible(caller: Caller, imageId: string): StoredImage {
    const image = this.store.get(imageId);
    if (!image || !isVisible(caller, image, this.settings.flavour)) {
      throw new GlanceError(404, `No image found with ID ${imageId}`);
    }
    return image;
  }
}
