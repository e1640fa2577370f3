/**
 * The children of an ImageShare, shared by the program's component (./image-share) and the plugin's
 * (provider/plugin/image-share-component). Only the SDK's output and resource modules: the plugin
 * loads this beside its provider server, without the rest of `@pulumi/pulumi`.
 */
import { all, type Output } from "@pulumi/pulumi/output";
import type { ComponentResource, CustomResourceOptions } from "@pulumi/pulumi/resource";
import { ImageMemberError } from "../errors";
import { caseVariantsProblem, memberIdProblem } from "../glance/ids";
import type { ImageMemberArgs } from "./image-member";
import type { ImageShareArgs } from "./image-share";
import { mapKeyProblem } from "./map-keys";

/** A child share as ImageShare needs it: the dynamic ImageMember, or the plugin's own resource. */
export interface ShareChild {
  readonly memberId: Output<string>;
  readonly status: Output<string>;
}

/**
 * The children of an ImageShare component `parent`: one share per project, named
 * `<name>-<memberId>`, made by `makeMember` (so the dynamic provider and the plugin share the rule).
 */
export function shareWithEach<M extends ShareChild>(
  parent: ComponentResource,
  name: string,
  args: ImageShareArgs,
  makeMember: (name: string, args: ImageMemberArgs, opts: CustomResourceOptions) => M,
): { members: Record<string, M>; statuses: Output<Record<string, string>> } {
  checkMemberIds(args.memberIds);
  const { memberIds, ...shared } = args;
  // Built from entries, not by assignment: a project id may be `constructor` or `toString`.
  const members: Record<string, M> = Object.fromEntries(
    memberIds.map((memberId) => [
      memberId,
      makeMember(`${name}-${memberId}`, { ...shared, memberId }, { parent }),
    ]),
  );
  const statuses = all(Object.values(members).map((m) => all([m.memberId, m.status]))).apply((pairs) =>
    Object.fromEntries(pairs),
  );
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
