/**
 * ImageShare as the plugin constructs it for programs in other languages: the same component and
 * child naming as the TypeScript class (provider/resource/image-share.ts), with the plugin's own
 * `image-member:index:ImageMember` resources as children.
 */
import type { Output } from "@pulumi/pulumi/output";
import {
  ComponentResource,
  CustomResource,
  type ComponentResourceOptions,
  type CustomResourceOptions,
} from "@pulumi/pulumi/resource";
import type { ImageMemberArgs } from "../resource/image-member";
import type { ImageShareArgs } from "../resource/image-share";
import { shareWithEach } from "../resource/share-children";
import { imageMemberOutputs, TOKENS } from "./schema";

/** The plugin's ImageMember, as a child of the component (its provider is the component's). */
class ImageMemberChild extends CustomResource {
  declare readonly memberId: Output<string>;
  declare readonly status: Output<string>;

  constructor(name: string, args: ImageMemberArgs, opts: CustomResourceOptions) {
    const outputs = Object.fromEntries(Object.keys(imageMemberOutputs).map((key) => [key, undefined]));
    super(TOKENS.imageMember, name, { ...outputs, ...args }, opts);
  }
}

export class PluginImageShare extends ComponentResource {
  readonly members: Record<string, ImageMemberChild>;
  readonly statuses: Output<Record<string, string>>;

  constructor(name: string, args: ImageShareArgs, opts?: ComponentResourceOptions) {
    super(TOKENS.imageShare, name, {}, opts);
    const children = shareWithEach(this, name, args, (child, memberArgs, childOpts) => {
      return new ImageMemberChild(child, memberArgs, childOpts);
    });
    this.members = children.members;
    this.statuses = children.statuses;
    this.registerOutputs({ members: this.members, statuses: this.statuses });
  }
}
