/** The ImageMember hooks driven in-process, as the engine's provider process would call them. */
import { randomBytes } from "node:crypto";
import { createImageMemberProvider } from "../../provider/resource/image-member-provider";
import type { ImageMemberInputs, ImageMemberOutputs } from "../../provider/resource/image-member-inputs";
import { ProviderContext } from "../../provider/auth/provider-context";
import type { ProviderHooks } from "../../provider/resource/hooks";

export type { ProviderHooks };

/** A fresh provider process's hooks (own token cache), reading credentials from `env`. */
export function hooksWith(env: NodeJS.ProcessEnv, warnings: string[] = []): ProviderHooks {
  const context = new ProviderContext({ env: () => env, warn: (line) => warnings.push(line) });
  return createImageMemberProvider(context);
}

/**
 * Hooks that read credentials from `process.env`, as in the engine's provider process (reading
 * `process.env` costs more than a plain object): every OS_/HW_/HUAWEICLOUD_ variable of this
 * process is replaced by `env`.
 */
export function hooksFromProcessEnv(env: Record<string, string>): ProviderHooks {
  for (const key of Object.keys(process.env))
    if (/^(OS_|HW_|HUAWEICLOUD_)/.test(key)) delete process.env[key];
  Object.assign(process.env, env);
  return createImageMemberProvider(new ProviderContext());
}

/** A project id nobody has: Glance does not check that member projects exist. */
export function newProjectId(): string {
  return randomBytes(16).toString("hex");
}

export async function createShare(hooks: ProviderHooks, inputs: ImageMemberInputs) {
  const { id, outs } = await hooks.create(inputs);
  return { id, outs: outs as ImageMemberOutputs };
}
