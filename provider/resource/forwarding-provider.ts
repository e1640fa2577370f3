import type * as pulumi from "@pulumi/pulumi";

/** The providers of `pulumi-image-member/provider-runtime`, by name. */
export type RuntimeProviderName = "imageMember" | "imageMemberAcceptance" | "imageMemberSet";

/**
 * A provider object that holds no logic, settings or paths: each hook loads the installed
 * package in the engine's provider process, at the time of the operation, and calls the real
 * hook there. This is what Pulumi serializes into state as `__provider`, so keep it this way:
 * everything a hook body refers to is frozen into every resource's state.
 */
export function forwardingProvider(name: RuntimeProviderName): pulumi.dynamic.ResourceProvider {
  const installed = () => require("pulumi-image-member/provider-runtime")[name];
  return {
    configure: (req) => installed().configure(req),
    check: (olds, news) => installed().check(olds, news),
    diff: (id, olds, news) => installed().diff(id, olds, news),
    create: (inputs) => installed().create(inputs),
    read: (id, props) => installed().read(id, props),
    update: (id, olds, news) => installed().update(id, olds, news),
    delete: (id, props) => installed().delete(id, props),
  };
}
