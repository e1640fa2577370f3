import * as pulumi from "@pulumi/pulumi";
import imageMemberProvider = require("./serialized/image-member");
import { claimedImageId } from "./program-claims";
import { imageMemberOutputs } from "../plugin/schema";
import { secrecyOf } from "./secret-carriers";
import type { TargetArgs } from "./target-args";
import { unsetOutputs } from "./unset-outputs";

/** The inputs of an {@link ImageMember}. */
export interface ImageMemberArgs extends TargetArgs {
  /** UUID of the image to share. The credentials must belong to the image owner's project. */
  imageId: pulumi.Input<string>;
  /** Id of the project (tenant) to share the image with. */
  memberId: pulumi.Input<string>;
  /**
   * Take over a share that already exists instead of failing with ERR_MEMBER_EXISTS (default false).
   * Through the plugin, `pulumi import` with the id `<imageId>/<memberId>` does the same once; the
   * dynamic provider cannot import, so this is its way to bring a share under management.
   */
  adopt?: pulumi.Input<boolean>;
}

/**
 * Shares a Glance (OpenStack, or Huawei Cloud IMS) image with another project. Removing the resource
 * revokes the share. The image owner's credentials come from stack config (`openstack:*`) or the
 * `OS_*` environment at each operation; they are never stored in state.
 */
export class ImageMember extends pulumi.dynamic.Resource {
  /** UUID of the shared image. */
  declare readonly imageId: pulumi.Output<string>;
  /** Id of the project the image is shared with. */
  declare readonly memberId: pulumi.Output<string>;
  /**
   * `pending` until the member project accepts (`accepted`) or declines (`rejected`); kept current by
   * refresh. `unconfirmed` while a share whose request got no answer is not settled: the next up
   * makes it or finds it made.
   */
  declare readonly status: pulumi.Output<string>;
  /** When Glance created the membership. */
  declare readonly createdAt: pulumi.Output<string>;
  /** When the membership last changed. */
  declare readonly updatedAt: pulumi.Output<string>;
  /** Glance's JSON schema path for the member object. */
  declare readonly schema: pulumi.Output<string>;
  /** The region input, if given. */
  declare readonly region: pulumi.Output<string | undefined>;
  /** The endpoint input, if given. */
  declare readonly endpoint: pulumi.Output<string | undefined>;
  /** The cloud input, if given. */
  declare readonly cloud: pulumi.Output<string | undefined>;
  /** Whether an existing share was adopted. */
  declare readonly adopt: pulumi.Output<boolean | undefined>;
  /** The Glance v2 URL the share was created at; a 404 from any other URL is not taken as "gone". */
  declare readonly glanceUrl: pulumi.Output<string>;
  /**
   * `<service id>@<region>` of the catalog's image service the membership lives in ("" when the
   * catalog does not list the URL): the same service and region is the same Glance at a new URL.
   */
  declare readonly glanceService: pulumi.Output<string>;
  /**
   * Project of the credentials that created the share ("" if unknown). A 404 is taken as "gone"
   * only from the project that owns the image then, while it is shared.
   */
  declare readonly ownerProjectId: pulumi.Output<string>;

  constructor(name: string, args: ImageMemberArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      imageMemberProvider,
      name,
      {
        ...unsetOutputs(imageMemberOutputs),
        ...args,
        imageId: claimedImageId(`ImageMember ${name}`, args.imageId),
        glanceUrl: secrecyOf(args.endpoint, ""),
        opaqueId: secrecyOf(pulumi.all([args.imageId, args.memberId]), true),
      },
      opts,
      "glance",
      "ImageMember",
    );
  }
}
