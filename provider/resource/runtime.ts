/**
 * The provider logic as the engine's provider process runs it. The provider stored in state only
 * `require`s this module (`pulumi-image-member/provider-runtime`), so the code that reads and
 * deletes existing resources is always that of the installed package version.
 */
import { presentErrors } from "./engine-errors";
import { createImageMemberAcceptanceProvider } from "./image-member-acceptance-provider";
import { createImageMemberProvider } from "./image-member-provider";
import { createImageMemberSetProvider } from "./image-member-set-provider";
import { ProviderContext } from "../auth/provider-context";

/** One context per process: every resource shares its tokens and connection pool. */
const context = new ProviderContext();

// Errors reach the engine as one line with their code, without a stack trace (./engine-errors).
export const imageMember = presentErrors(createImageMemberProvider(context));
export const imageMemberAcceptance = presentErrors(createImageMemberAcceptanceProvider(context));
export const imageMemberSet = presentErrors(createImageMemberSetProvider(context));
