/** Stack exports as the engine writes them after a killed `pulumi up`, for the recovery tests. */
export const IMAGE = "6f1c9a52-3b7e-4d0a-9e21-8c4b5a7d2f10";
export const IMAGE_2 = "0b9d2e7a-5c41-4f3e-8a6d-1e2f3a4b5c6d";
export const STACK_URN = "urn:pulumi:dev::share::pulumi:pulumi:Stack::share-dev";
export const SIG_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

const serialized = (module: string) =>
  `exports.handler = __f0;\nconst provider = require("pulumi-image-member/serialized/${module}");`;

export const DYNAMIC = {
  member: { type: "pulumi-nodejs:dynamic/glance:ImageMember", provider: serialized("image-member") },
  set: { type: "pulumi-nodejs:dynamic/glance:ImageMemberSet", provider: serialized("image-member-set") },
  acceptance: {
    type: "pulumi-nodejs:dynamic/glance:ImageMemberAcceptance",
    provider: serialized("image-member-acceptance"),
  },
} as const;

export const PLUGIN = {
  member: "image-member:index:ImageMember",
  set: "image-member:index:ImageMemberSet",
  acceptance: "image-member:index:ImageMemberAcceptance",
} as const;

export const PLUGIN_PROVIDER_URN = "urn:pulumi:dev::share::pulumi:providers:image-member::default_0_1_0";
export const PLUGIN_PROVIDER = `${PLUGIN_PROVIDER_URN}::5b0e4c1a-2f3d-4e5f-8a9b-0c1d2e3f4a5b`;

export const urnOf = (type: string, name: string) => `urn:pulumi:dev::share::${type}::${name}`;

export interface Resource {
  urn: string;
  type: string;
  custom?: boolean;
  id?: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
  parent?: string;
  provider?: string;
  dependencies?: string[];
  delete?: boolean;
  pendingReplacement?: boolean;
  [key: string]: unknown;
}

export interface Operation {
  type: string;
  resource: Resource;
}

/** A resource of the dynamic provider (`kind`), its serialized provider among its inputs. */
export function dynamic(
  kind: keyof typeof DYNAMIC,
  name: string,
  inputs: Record<string, unknown>,
  extra: Partial<Resource> = {},
): Resource {
  const { type, provider } = DYNAMIC[kind];
  return {
    urn: urnOf(type, name),
    type,
    custom: true,
    inputs: { __provider: provider, ...inputs },
    parent: STACK_URN,
    ...extra,
  };
}

/** A resource of the provider plugin (`kind`), its provider a reference. */
export function plugin(
  kind: keyof typeof PLUGIN,
  name: string,
  inputs: Record<string, unknown>,
  extra: Partial<Resource> = {},
): Resource {
  const type = PLUGIN[kind];
  return {
    urn: urnOf(type, name),
    type,
    custom: true,
    inputs,
    parent: STACK_URN,
    provider: PLUGIN_PROVIDER,
    ...extra,
  };
}

/** `resource` as the engine records it once made: an id and outputs. */
export function made(resource: Resource, id: string, outputs: Record<string, unknown> = {}): Resource {
  const inputs = { ...resource.inputs };
  return { ...resource, id, outputs: { ...inputs, ...outputs } };
}

export const pending = (type: string, resource: Resource): Operation => ({ type, resource });

export const stackResource: Resource = { urn: STACK_URN, type: "pulumi:pulumi:Stack" };
export const pluginProvider: Resource = {
  urn: PLUGIN_PROVIDER_URN,
  type: "pulumi:providers:image-member",
  custom: true,
  id: "5b0e4c1a-2f3d-4e5f-8a9b-0c1d2e3f4a5b",
};

/** An export with the stack (and the plugin's provider) first, then `resources`. */
export function exportWith(operations: Operation[], resources: Resource[] = []) {
  return {
    version: 3,
    deployment: {
      manifest: { time: "2026-12-03T08:00:00Z", magic: "m", version: "v3.276.0" },
      secrets_providers: { type: "passphrase", state: { salt: "v1:abc" } },
      resources: [stackResource, pluginProvider, ...resources],
      pending_operations: operations,
    },
  };
}

export const secretPlain = (value: unknown) => ({ [SIG_KEY]: SECRET_SIG, plaintext: JSON.stringify(value) });
export const secretCipher = (ciphertext: string) => ({ [SIG_KEY]: SECRET_SIG, ciphertext });

export const UNCONFIRMED = { status: "unconfirmed", createdAt: "", updatedAt: "" };
