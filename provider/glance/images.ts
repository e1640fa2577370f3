import type { ServiceClient } from "../http/service-client";
import { ImageMemberError } from "../errors";
import { imageUrl } from "./urls";

/** The one image call this package needs: who owns an image. */
export class ImagesApi {
  constructor(
    private readonly client: ServiceClient,
    /** Glance base URL, ending in `/v2`. */
    readonly glanceUrl: string,
  ) {}

  /** `GET /v2/images/{id}` → 200: the owner project's id. */
  async owner(imageId: string): Promise<string> {
    const res = await this.client.call({
      method: "GET",
      url: imageUrl(this.glanceUrl, imageId),
      expect: [200],
    });
    let owner: unknown;
    try {
      owner = (JSON.parse(res.text) as { owner?: unknown }).owner;
    } catch {
      owner = undefined;
    }
    if (typeof owner !== "string") {
      throw new ImageMemberError(
        "ERR_UNEXPECTED_STATUS",
        `The image service answered for image ${imageId} without its owner.`,
        {
          hint: "Check that the endpoint is a Glance v2 (or Huawei IMS) API.",
        },
      );
    }
    return owner;
  }
}
