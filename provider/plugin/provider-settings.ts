/**
 * The settings an instance of the plugin was configured with: its default provider's stack
 * config (`image-member:authUrl`, …) or an explicit provider's inputs, which the engine both hands
 * to Configure as the same property map. They stay in this process: resolveSettings reads them
 * under the `image-member` namespace, with `openstack:`'s key names.
 */
import { PLUGIN_CONFIG_NAMESPACE } from "../auth/resolve-settings";
import type { ConfigReader } from "../auth/settings";
import { revealed } from "./revealed-values";

const PREFIX = `${PLUGIN_CONFIG_NAMESPACE}:`;

/** A reader of `image-member:<key>` over a Configure request's `args` (secrets unwrapped). */
export function providerSettingsReader(args: Record<string, unknown>): ConfigReader {
  const plain = revealed(args) as Record<string, unknown>;
  return {
    get(key: string) {
      if (!key.startsWith(PREFIX)) return undefined;
      const value = plain[key.slice(PREFIX.length)];
      if (value === undefined || value === null) return undefined;
      // Maps (endpointOverrides) as they are; booleans and numbers as the text stack config holds.
      return typeof value === "object" ? (value as Record<string, unknown>) : String(value);
    },
  };
}

/**
 * The same map from the deprecated `variables` of a Configure request
 * (`image-member:config:authUrl` → value; maps JSON-encoded), for engines that send no `args`.
 */
export function argsFromVariables(variables: ReadonlyMap<string, string>): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  const prefix = `${PLUGIN_CONFIG_NAMESPACE}:config:`;
  for (const [key, value] of variables) {
    if (key.startsWith(prefix)) args[key.slice(prefix.length)] = value;
  }
  return args;
}
