/**
 * The peer's configuration: one `openstack_images_image_access_v2` per share, in OpenTofu's JSON
 * syntax (main.tf.json). The provider block is empty: credentials come from the same `OS_*`
 * environment as ours.
 */
import type { SharePair } from "./share-layout";

/** The provider's address, as the CLI config's `dev_overrides` names it too. */
export const OPENSTACK_PROVIDER_SOURCE = "terraform-provider-openstack/openstack";

export function tofuConfiguration(shares: readonly SharePair[]): object {
  return {
    terraform: { required_providers: { openstack: { source: OPENSTACK_PROVIDER_SOURCE } } },
    provider: { openstack: {} },
    resource: {
      openstack_images_image_access_v2: Object.fromEntries(
        shares.map((s, i) => [`share_${i}`, { image_id: s.imageId, member_id: s.memberId }]),
      ),
    },
  };
}

/**
 * A CLI config (TF_CLI_CONFIG_FILE) that takes the provider from `providerDir` and never asks a
 * registry (no other installation method is listed): `tofu init` is not needed for a provider
 * under dev_overrides.
 */
export function cliConfiguration(providerDir: string): string {
  return [
    "provider_installation {",
    "  dev_overrides {",
    `    ${JSON.stringify(OPENSTACK_PROVIDER_SOURCE)} = ${JSON.stringify(providerDir)}`,
    "  }",
    "}",
    "",
  ].join("\n");
}
