import type * as pulumi from "@pulumi/pulumi";

/** Every hook a provider of this package implements; `update` matters: without it the engine wipes outputs. */
export type ProviderHooks = Required<
  Pick<
    pulumi.dynamic.ResourceProvider,
    "configure" | "check" | "diff" | "create" | "read" | "update" | "delete"
  >
>;

/**
 * Outputs as the engine can store them: the dynamic-provider host refuses a state holding
 * `undefined` ("Unexpected struct type"), which an input removed by an update leaves behind.
 */
export function storable<T extends object>(outs: T): T {
  return Object.fromEntries(Object.entries(outs).filter(([, value]) => value !== undefined)) as T;
}

/**
 * The parts' own properties in one new object, later parts winning: what `{ ...a, ...b }` means.
 * Spelled this way because Node 20's V8 takes a slow path for a spread followed by more
 * properties, 1–2 µs each: more than the rest of a hook's own work (README, "Where the time goes").
 */
export function combined<T extends object>(...parts: object[]): T {
  return Object.assign({}, ...parts) as T;
}

/**
 * The state a failed create or update hands the engine (a "partial failure"), with `__provider`:
 * the dynamic-provider host adds it to a hook's result but not to the state an error carries, and
 * without it the resource could never be read or deleted. The plugin has none to copy.
 */
export function withProvider(outs: object, inputs: object): Record<string, unknown> {
  const provider = (inputs as { __provider?: unknown }).__provider;
  return provider === undefined ? { ...outs } : { ...outs, __provider: provider };
}
