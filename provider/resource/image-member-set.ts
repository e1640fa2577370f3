import * as pulumi from "@pulumi/pulumi";
import { ImageMemberError } from "../errors";
import imageMemberSetProvider = require("./serialized/image-member-set");
import { memberIdsProblem, membersMap, type SetShare } from "./image-member-set-inputs";
import { claimedImageId } from "./program-claims";
import { imageMemberSetOutputs } from "../plugin/schema";
import { secrecyOf } from "./secret-carriers";
import type { TargetArgs } from "./target-args";
import { unsetOutputs } from "./unset-outputs";

/** The inputs of an {@link ImageMemberSet}; the target settings apply to every share. */
export interface ImageMemberSetArgs extends TargetArgs {
  /** UUID of the image to share. The credentials must belong to the image owner's project. */
  imageId: pulumi.Input<string>;
  /**
   * Ids of the projects to share the image with, each once. Adding one shares the image with it;
   * removing one revokes exactly that share. May be an output, and may be empty.
   */
  memberIds: pulumi.Input<pulumi.Input<string>[]>;
  /** Take over shares that already exist instead of failing with ERR_MEMBER_EXISTS. */
  adopt?: pulumi.Input<boolean>;
  /**
   * Authoritative mode (default false): `pulumi refresh` records the image's members that
   * `memberIds` does not list (in `undeclaredMembers`), the next preview names each as removed, and
   * `pulumi up` revokes exactly those. Off, members made outside this resource are left alone.
   */
  exclusive?: pulumi.Input<boolean>;
}

/**
 * One image shared with many projects as ONE resource: one engine operation however many projects,
 * where {@link ImageShare} makes one resource per project. The preview still names each project
 * added or removed; other members of the image (made outside this resource) are left alone unless
 * `exclusive` is set.
 */
export class ImageMemberSet extends pulumi.dynamic.Resource {
  /** UUID of the shared image. */
  declare readonly imageId: pulumi.Output<string>;
  /** The projects the image is shared with now, as map keys (each `true`). */
  declare readonly members: pulumi.Output<Record<string, true>>;
  /**
   * Each share by project id: its `status` (`pending`, `accepted`, `rejected`; `unconfirmed` when a
   * request got no answer and a read could not tell, until the next up settles it), `createdAt` and
   * `updatedAt`.
   */
  declare readonly shares: pulumi.Output<Record<string, SetShare>>;
  /** The region input, if given. */
  declare readonly region: pulumi.Output<string | undefined>;
  /** The endpoint input, if given. */
  declare readonly endpoint: pulumi.Output<string | undefined>;
  /** The cloud input, if given. */
  declare readonly cloud: pulumi.Output<string | undefined>;
  /** Whether existing shares are adopted. */
  declare readonly adopt: pulumi.Output<boolean | undefined>;
  /** Whether the set is authoritative for the image's members. */
  declare readonly exclusive: pulumi.Output<boolean | undefined>;
  /**
   * Exclusive sets: the members the last refresh found that `memberIds` does not list, with their
   * status (`pending` is an invitation not yet accepted, `accepted` a share in use), until up
   * revokes them.
   */
  declare readonly undeclaredMembers: pulumi.Output<Record<string, SetShare["status"]>>;
  /** The Glance v2 URL the shares were made at; a 404 from any other URL is not taken as "gone". */
  declare readonly glanceUrl: pulumi.Output<string>;
  /** `<service id>@<region>` of the catalog's image service the shares live in ("" when not listed). */
  declare readonly glanceService: pulumi.Output<string>;
  /** Project of the credentials that made the shares ("" if unknown). */
  declare readonly ownerProjectId: pulumi.Output<string>;

  constructor(name: string, args: ImageMemberSetArgs, opts?: pulumi.CustomResourceOptions) {
    const { memberIds, imageId, ...rest } = args;
    // A plain list is checked now, so that the program stops at this line; outputs when known.
    if (Array.isArray(memberIds) && memberIds.every((id) => typeof id === "string")) {
      checkedMembers(name, memberIds as string[]);
    }
    const members = pulumi.output(memberIds).apply((ids) => checkedMembers(name, ids));
    super(
      imageMemberSetProvider,
      name,
      {
        ...unsetOutputs(imageMemberSetOutputs),
        ...rest,
        imageId: claimedImageId(`ImageMemberSet ${name}`, imageId, args.exclusive),
        members,
        shares: secrecyOf(members, {}),
        glanceUrl: secrecyOf(args.endpoint, ""),
        opaqueId: secrecyOf(args.imageId, true),
      },
      opts,
      "glance",
      "ImageMemberSet",
    );
  }
}

/** The projects as the resource's `members` map; a repeated or malformed id fails the program. */
function checkedMembers(name: string, memberIds: string[]): Record<string, true> {
  const problem = memberIdsProblem(memberIds);
  if (problem) {
    throw new ImageMemberError("ERR_INVALID_INPUT", `ImageMemberSet ${name}: ${problem}`, {
      hint: "List each project id once.",
    });
  }
  return membersMap(memberIds);
}
