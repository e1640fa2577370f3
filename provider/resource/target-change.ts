import type { ImageService, ImageServiceTarget } from "../auth/connect";
import { isImageMemberError } from "../errors";
import { MembersApi } from "../glance/members";
import { isUnknown } from "./image-member-inputs";
import type { Membership } from "../shares/membership";
import { glanceMatch, type Provenance } from "../shares/provenance";
import type { ProviderContext } from "../auth/provider-context";

/** The inputs that say where requests go and as whom, not which membership. */
export const TARGET_INPUTS = ["region", "endpoint", "cloud"] as const;

/** The target inputs whose text changed (unset and "" are the same). */
export function changedTargetInputs(olds: ImageServiceTarget, news: ImageServiceTarget): string[] {
  return TARGET_INPUTS.filter((key) => (olds[key] ?? "") !== (news[key] ?? ""));
}

/**
 * Whether new target inputs still reach the recorded membership: they lead to the same Glance
 * (a trailing slash, `/v2`, the region the environment already named, another interface of the
 * catalog's service), or the member is found where they lead. `membership` gives the membership
 * as seen with the new target's credentials (undefined: cannot tell). Unknown inputs (preview)
 * cannot be judged: false.
 */
export async function reachesSameMembership(
  context: ProviderContext,
  target: ImageServiceTarget,
  membership: (service: ImageService) => Membership | undefined,
  recorded: Provenance,
): Promise<boolean> {
  if ([target.region, target.endpoint, target.cloud].some(isUnknown)) return false;
  const service = await context.imageService(target);
  const wanted = membership(service);
  if (!wanted) return false;
  if (glanceMatch(recorded, service) === "same") return true;
  try {
    await new MembersApi(service.client, service.glanceUrl).get(wanted.imageId, wanted.memberId);
    return true;
  } catch (e) {
    if (isImageMemberError(e, "ERR_NOT_FOUND")) return false;
    throw e;
  }
}
