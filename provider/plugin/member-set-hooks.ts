/**
 * ImageMemberSet in the plugin. Programs give `memberIds`, a list, as in TypeScript; `check`
 * records the `members` map instead (what the dynamic resource's constructor does), so that the
 * preview names each project added or removed, where a list would show every later entry changed.
 */
import type { ProviderHooks } from "../resource/hooks";
import { isUnknown, UNKNOWN } from "../resource/image-member-inputs";
import { memberIdsProblem, membersMap } from "../resource/image-member-set-inputs";

export function withMemberIdsList(hooks: ProviderHooks): ProviderHooks {
  return {
    ...hooks,
    async check(olds: unknown, news: Record<string, unknown>) {
      const { memberIds, ...rest } = news;
      if (isUnknown(memberIds) || (Array.isArray(memberIds) && memberIds.some(isUnknown))) {
        return hooks.check(olds, { ...rest, members: UNKNOWN });
      }
      const problem = memberIdsProblem(memberIds);
      if (problem) return { inputs: news, failures: [{ property: "memberIds", reason: problem }] };
      return hooks.check(olds, { ...rest, members: membersMap(memberIds as string[]) });
    },
  };
}
