/**
 * The provider logic as the engine's provider process runs it. The serialized provider stored in
 * state only `require`s this module (`pulumi-image-member/provider-runtime`), so the code that
 * reads and deletes existing shares is always that of the installed package version.
 */
import { createImageMemberProvider } from "./image-member-provider";
import { ProviderContext } from "./provider-context";

const context = new ProviderContext();

export const imageMember = createImageMemberProvider(context);
