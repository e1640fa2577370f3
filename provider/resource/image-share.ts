import * as pulumi from "@pulumi/pulumi";
import { ImageMemberError } from "../errors";
import { caseVariantsProblem, memberIdProblem } from "../glance/ids";
import { ImageMember, type ImageMemberArgs } from "./image-member";
import { mapKeyProblem } from "./map-keys";
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

/** A child share as ImageShare needs it: the dynamic ImageMember, or the plugin's own resource. */
export interface ShareChild {
  readonly memberId: pulumi.Output<string>;
  readonly status: pulumi.Output<string>;
}

/**
 * The children of an ImageShare component `parent`: one share per project, named
 * `<name>-<memberId>`, made by `makeMember` (so the dynamic provider and the plugin share the rule).
 */
export function shareWithEach<M extends ShareChild>(
  parent: pulumi.ComponentResource,
  name: string,
  args: ImageShareArgs,
  makeMember: (name: string, args: ImageMemberArgs, opts: pulumi.CustomResourceOptions) => M,
): { members: Record<string, M>; statuses: pulumi.Output<Record<string, string>> } {
  checkMemberIds(args.memberIds);
  const { memberIds, ...shared } = args;
  // Built from entries, not by assignment: a project id may be `constructor` or `toString`.
  const members: Record<string, M> = Object.fromEntries(
    memberIds.map((memberId) => [
      memberId,
      makeMember(`${name}-${memberId}`, { ...shared, memberId }, { parent }),
    ]),
  );
  const statuses = pulumi
    .all(Object.values(members).map((m) => pulumi.all([m.memberId, m.status])))
    .apply((pairs) => Object.fromEntries(pairs));
  return { members, statuses };
}

function checkMemberIds(memberIds: readonly string[]): void {
  if (!Array.isArray(memberIds) || memberIds.length === 0) {
    throw new ImageMemberError(
      "ERR_INVALID_INPUT",
      "ImageShare needs at least one project id in memberIds.",
      {
        hint: "To stop sharing the image with everyone, remove the ImageShare instead.",
      },
    );
  }
  const seen = new Set<string>();
  const repeated = memberIds.filter((id) => seen.size === seen.add(id).size);
  if (repeated.length > 0) {
    throw new ImageMemberError(
      "ERR_INVALID_INPUT",
      `ImageShare memberIds lists ${[...new Set(repeated)].join(", ")} more than once.`,
      {
        hint: "List each project once.",
      },
    );
  }
  // The ids are keys of `members` and `statuses`, maps the engine carries.
  const problems = memberIds
    .map((id) => memberIdProblem(id) ?? mapKeyProblem(id))
    .filter((p): p is string => p !== undefined);
  if (problems.length > 0) {
    throw new ImageMemberError("ERR_INVALID_INPUT", `ImageShare memberIds: ${problems.join(" ")}`, {
      hint: "List project ids only.",
    });
  }
  // Two children would manage one member: removing either would revoke the other's share.
  const variants = caseVariantsProblem(memberIds);
  if (variants) throw new ImageMemberError("ERR_INVALID_INPUT", `ImageShare memberIds: ${variants}`);
}
