import * as pulumi from "@pulumi/pulumi";
import { ImageMember } from "./image-member";
import { shareWithEach } from "./share-children";
import type { TargetArgs } from "./target-args";

/** The inputs of an {@link ImageShare}; the target settings apply to every share. */
export interface ImageShareArgs extends TargetArgs {
  /** UUID of the image to share. The credentials must belong to the image owner's project. */
  imageId: pulumi.Input<string>;
  /**
   * Ids of the projects to share the image with. Plain strings, not outputs: each one names its
   * own child resource, so adding or removing a project touches only that project's share.
   */
  memberIds: readonly string[];
  /** Take over shares that already exist instead of failing. */
  adopt?: pulumi.Input<boolean>;
}

/** One image shared with a list of projects: one {@link ImageMember} child per project. */
export class ImageShare extends pulumi.ComponentResource {
  /** The child share of each project, by project id. */
  readonly members: Readonly<Record<string, ImageMember>>;
  /** Each project's answer (`pending`, `accepted`, `rejected`), by project id. */
  readonly statuses: pulumi.Output<Record<string, string>>;

  constructor(name: string, args: ImageShareArgs, opts?: pulumi.ComponentResourceOptions) {
    super("pulumi-image-member:index:ImageShare", name, {}, opts);
    const children = shareWithEach(this, name, args, (child, memberArgs, childOpts) => {
      return new ImageMember(child, memberArgs, childOpts);
    });
    this.members = children.members;
    this.statuses = children.statuses;
    this.registerOutputs({ statuses: this.statuses });
  }
}
