/**
 * The provider plugin: the engine's resource-provider calls, by type token, on the same hooks the
 * dynamic provider runs (provider/resource/*-provider.ts) against one ProviderContext per plugin
 * process. The engine starts one process per provider (the default one, or each explicit
 * `Provider`), so one context is one identity's settings, given by {@link PluginProvider.configure}.
 */
import type * as pulumi from "@pulumi/pulumi";
import type * as provider from "@pulumi/pulumi/provider";
import { engineFacing, presentErrors, presentingErrors } from "../resource/engine-errors";
import { isUnknown as isUnknownText } from "../resource/image-member-inputs";
import type { ProviderHooks } from "../resource/hooks";
import { createImageMemberAcceptanceProvider } from "../resource/image-member-acceptance-provider";
import { createImageMemberProvider } from "../resource/image-member-provider";
import { createImageMemberSetProvider } from "../resource/image-member-set-provider";
import type { ImageShareArgs } from "../resource/image-share";
import { ProviderContext, type ProviderContextOptions } from "../auth/provider-context";
import { ImageMemberError, isImageMemberError } from "../errors";
import { ImageClaims } from "../resource/image-claims";
import { PLUGIN_CONFIG_NAMESPACE } from "../auth/resolve-settings";
import { importedInputs, importedProps } from "./imported";
import { withMemberIdsList } from "./member-set-hooks";
import { providerSettingsReader } from "./provider-settings";
import { hidingSecrets } from "../hidden-text";
import { keepingSecrets, recordedId, withSecretsOf } from "./kept-secrets";
import { revealedProps, secretTexts } from "./revealed-values";
import { packageSchema, TOKENS } from "./schema";

export interface PluginProvider extends provider.Provider {
  version: string;
  /** The settings of this provider instance: the Configure request's `args`. */
  configure(args: Record<string, unknown>): void;
}

/** The type token of a resource URN (`urn:pulumi:stack::project::parent$type::name`). */
export function typeOfUrn(urn: string): string {
  const qualified = urn.split("::")[2] ?? "";
  return qualified.slice(qualified.lastIndexOf("$") + 1);
}

export function createPluginProvider(
  version: string,
  contextOptions: ProviderContextOptions = {},
): PluginProvider {
  const context = new ProviderContext({ ...contextOptions, configNamespace: PLUGIN_CONFIG_NAMESPACE });
  const hooksByType = new Map<string, ProviderHooks>([
    [TOKENS.imageMember, presentErrors(createImageMemberProvider(context))],
    [TOKENS.imageMemberAcceptance, presentErrors(createImageMemberAcceptanceProvider(context))],
    [TOKENS.imageMemberSet, presentErrors(withMemberIdsList(createImageMemberSetProvider(context)))],
  ]);
  const hooksOf = (urn: string): ProviderHooks => {
    const hooks = hooksByType.get(typeOfUrn(urn));
    if (!hooks) throw new Error(`The image-member provider has no resource type ${typeOfUrn(urn)} (${urn}).`);
    return hooks;
  };
  const schema = JSON.stringify(packageSchema(version));
  const claims = new ImageClaims();

  return {
    version,
    schema,

    configure(args) {
      context.configure(providerSettingsReader(args));
    },

    // The hooks get plain values; what they answer, and any error, keeps the request's secrets (./kept-secrets).
    async check(urn, olds, news) {
      const token = typeOfUrn(urn);
      claimImage(claims, urn, revealedProps(news));
      const result = await keepingSecrets(token, news, () =>
        hooksOf(urn).check(revealedProps(olds), revealedProps(news)),
      );
      const secrets = secretTexts(news);
      const failures = result.failures?.map((f) => ({ ...f, reason: hidingSecrets(f.reason, secrets) }));
      return {
        ...result,
        inputs: withSecretsOf(token, result.inputs, news),
        ...(failures ? { failures } : {}),
      };
    },
    diff: (id, urn, olds, news) =>
      keepingSecrets(typeOfUrn(urn), [olds, news], () =>
        hooksOf(urn).diff(id, revealedProps(olds), revealedProps(news)),
      ),
    async create(urn, inputs) {
      const token = typeOfUrn(urn);
      const result = await keepingSecrets(token, inputs, () => hooksOf(urn).create(revealedProps(inputs)));
      return { id: recordedId(result.id, inputs), outs: withSecretsOf(token, result.outs, inputs) };
    },
    async update(id, urn, olds, news) {
      const token = typeOfUrn(urn);
      const result = await keepingSecrets(token, news, () =>
        hooksOf(urn).update(id, revealedProps(olds), revealedProps(news)),
      );
      return { ...result, outs: withSecretsOf(token, result.outs, news) };
    },
    delete: (id, urn, props) =>
      keepingSecrets(typeOfUrn(urn), props, () => hooksOf(urn).delete(id, revealedProps(props))),

    /**
     * A refresh reads what state holds; an import (no properties) reads the membership its id
     * names. Every error reaches the engine as one line with its code (an import id is checked
     * here, outside the hooks).
     */
    read: presentingErrors(async (id: string, urn: string, props: unknown) => {
      const hooks = hooksOf(urn);
      const known = revealedProps(props);
      const token = typeOfUrn(urn);
      if (Object.keys(known).length > 0) {
        const read = await keepingSecrets(token, props, () => hooks.read(id, known));
        const refreshed = { ...read, props: withSecretsOf(token, read.props, props) };
        if (!read.inputs) return refreshed;
        return { ...refreshed, inputs: withSecretsOf(token, read.inputs, props) };
      }
      const found = await hooks.read(id, importedProps(token, id)).catch((e) => {
        throw presentImportError(e, id);
      });
      if (!found.id) return found;
      return { ...found, inputs: importedInputs(token, found.props as Record<string, unknown>) };
    }),

    construct: presentingErrors(async (name, type, inputs, options) => {
      if (type !== TOKENS.imageShare) throw new Error(`The image-member provider has no component ${type}.`);
      // Loaded here, not at start: most deployments never construct one.
      const { PluginImageShare } = await import("./image-share-component");
      const share = new PluginImageShare(name, inputs as unknown as ImageShareArgs, options);
      return {
        urn: share.urn,
        state: { members: share.members, statuses: share.statuses } as pulumi.Inputs,
      };
    }),
  };
}

/** An import of a membership Glance does not show: say so in the words of an import. */
function presentImportError(e: unknown, id: string): unknown {
  if (!isImageMemberError(e, "ERR_NOT_FOUND_UNPROVEN")) return e;
  return engineFacing(
    new ImageMemberError(
      "ERR_NOT_FOUND",
      `Nothing to import at ${id}: Glance does not show that member of that image to these credentials.`,
      {
        hint: "Check the ids, the region, and that the provider acts as the image owner's or the member's project.",
      },
    ),
  );
}

/**
 * Records which resource manages the members of the image it names: this process sees the check
 * of every resource of the provider, so an exclusive set and another share of its image are refused.
 */
function claimImage(claims: ImageClaims, urn: string, news: Record<string, unknown>): void {
  const token = typeOfUrn(urn);
  if (token !== TOKENS.imageMember && token !== TOKENS.imageMemberSet) return;
  if (typeof news.imageId !== "string" || isUnknownText(news.imageId)) return;
  const by = `${token.slice(token.lastIndexOf(":") + 1)} ${urn.slice(urn.lastIndexOf("::") + 2)}`;
  try {
    claims.claim(news.imageId, { by, exclusive: token === TOKENS.imageMemberSet && news.exclusive === true });
  } catch (e) {
    throw engineFacing(e);
  }
}
