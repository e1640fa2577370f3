import * as pulumi from "@pulumi/pulumi";
import imageMemberAcceptanceProvider = require("./serialized/image-member-acceptance");
import { imageMemberAcceptanceOutputs } from "../plugin/schema";
import { secrecyOf } from "./secret-carriers";
import type { TargetArgs } from "./target-args";
import { unsetOutputs } from "./unset-outputs";

/** The inputs of an {@link ImageMemberAcceptance}. */
export interface ImageMemberAcceptanceArgs extends TargetArgs {
  /** UUID of the image shared with the consumer project. */
  imageId: pulumi.Input<string>;
  /** The consumer project's id; defaults to the project of the credentials. Changing it replaces the resource. */
  memberId?: pulumi.Input<string>;
  /** `accepted` (default) or `rejected`. Changing it updates the membership in place. */
  status?: pulumi.Input<"accepted" | "rejected">;
  /**
   * How long to wait for a membership the owner has just created to become visible, in seconds
   * (default 60; Huawei Cloud IMS is eventually consistent).
   */
  memberWaitSeconds?: pulumi.Input<number>;
}

/**
 * Accepts (or rejects) an image shared with a project, with that project's credentials (the owner
 * cannot accept on a consumer's behalf: in one program, give each side its own `cloud`). Removing
 * the resource sets the membership to `rejected`, as Terraform's accept resources do; the owner's
 * {@link ImageMember} is what revokes the share.
 */
export class ImageMemberAcceptance extends pulumi.dynamic.Resource {
  /** UUID of the image. */
  declare readonly imageId: pulumi.Output<string>;
  /** The consumer project's id, as given or as the credentials' project. */
  declare readonly memberId: pulumi.Output<string>;
  /** The membership status Glance reports; refresh keeps it current and `up` restores the program's. */
  declare readonly status: pulumi.Output<string>;
  /** When Glance created the membership. */
  declare readonly createdAt: pulumi.Output<string>;
  /** When the membership last changed. */
  declare readonly updatedAt: pulumi.Output<string>;
  /** Glance's JSON schema path for the member object. */
  declare readonly schema: pulumi.Output<string>;
  /** The Glance v2 URL used; a 404 from any other URL is not taken as "gone". */
  declare readonly glanceUrl: pulumi.Output<string>;
  /**
   * `<service id>@<region>` of the catalog's image service the membership lives in ("" when the
   * catalog does not list the URL): the same service and region is the same Glance at a new URL.
   */
  declare readonly glanceService: pulumi.Output<string>;
  /** Project of the credentials that accepted ("" if unknown). */
  declare readonly consumerProjectId: pulumi.Output<string>;

  constructor(name: string, args: ImageMemberAcceptanceArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      imageMemberAcceptanceProvider,
      name,
      {
        ...unsetOutputs(imageMemberAcceptanceOutputs),
        ...args,
        glanceUrl: secrecyOf(args.endpoint, ""),
        memberIdFromCredentials: undefined,
        opaqueId: secrecyOf(pulumi.all([args.imageId, args.memberId]), true),
      },
      opts,
      "glance",
      "ImageMemberAcceptance",
    );
  }
}
