/**
 * The provider logic as the engine's provider process runs it. The provider stored in state only
 * `require`s this module (`pulumi-image-member/provider-runtime`), so the code that reads and
 * deletes existing resources is always that of the installed package version.
 */
import { createImageMemberAcceptanceProvider } from "./image-member-acceptance-provider";
import { createImageMemberProvider } from "./image-member-provider";
import { ProviderContext } from "./provider-context";

/** One context per process: every resource shares its tokens and connection pool. */
const context = new ProviderContext();

export const imageMember = createImageMemberProvider(context);
export const imageMemberAcceptance = createImageMemberAcceptanceProvider(context);
