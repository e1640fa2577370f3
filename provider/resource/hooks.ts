import type * as pulumi from "@pulumi/pulumi";

/** Every hook a provider of this package implements; `update` matters: without it the engine wipes outputs. */
export type ProviderHooks = Required<
  Pick<
    pulumi.dynamic.ResourceProvider,
    "configure" | "check" | "diff" | "create" | "read" | "update" | "delete"
  >
>;
