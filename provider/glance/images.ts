import type { ServiceClient } from "../http/service-client";
import { parseImage, type Image } from "./image";
import { imageUrl } from "./urls";

/** The one image call this package needs: whose an image is, and its visibility. */
export class ImagesApi {
  constructor(
    private readonly client: ServiceClient,
    /** Glance base URL, ending in `/v2`. */
    readonly glanceUrl: string,
  ) {}

  /**
   * `GET /v2/images/{id}` → 200. Glance answers 404 (ERR_NOT_FOUND) alike for an image that is
   * gone and for one this project cannot see (another project's, not public, not shared with it).
   */
  async get(imageId: string): Promise<Image> {
    const res = await this.client.call({
      method: "GET",
      url: imageUrl(this.glanceUrl, imageId),
      expect: [200],
    });
    return parseImage(res.text);
  }
}
