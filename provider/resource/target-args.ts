import type * as pulumi from "@pulumi/pulumi";

/** Where a resource's requests go and whose credentials they carry. Changing any of them replaces the resource. */
export interface TargetArgs {
  /**
   * Region whose image endpoint to use, by name or id. Defaults to the provider's `region` setting
   * (`openstack:region` for the dynamic provider) or `OS_REGION_NAME`.
   */
  region?: pulumi.Input<string>;
  /**
   * Glance URL to use instead of the service catalog's (`/v2` is appended unless the URL ends in a
   * version). Never put credentials in it: it is stored in state.
   */
  endpoint?: pulumi.Input<string>;
  /**
   * Name of the `clouds.yaml` entry whose credentials to use (not secret: the name only). Lets one
   * program act as several projects. Defaults to the provider's `cloud` setting (`openstack:cloud`
   * for the dynamic provider) or `OS_CLOUD`.
   */
  cloud?: pulumi.Input<string>;
}
