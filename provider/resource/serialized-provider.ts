import type * as pulumi from "@pulumi/pulumi";

/**
 * Loads the provider logic of the installed package. Called inside each hook, so it runs in the
 * engine's provider process at the time of the operation, never at serialization.
 */
const installed = () => require("pulumi-image-member/provider-runtime").imageMember;

/**
 * The provider object Pulumi serializes into state as `__provider`. It holds no logic, settings or
 * paths: each hook forwards to the installed package. Keep it this way: everything a hook body
 * refers to is frozen into every resource's state.
 *
 * It is this module's whole export on purpose: when the package is installed under node_modules,
 * Pulumi's serializer recognizes the object as the module `pulumi-image-member/serialized-provider`
 * and stores a one-line `require` of it instead of the functions.
 */
const imageMemberProviderStub: pulumi.dynamic.ResourceProvider = {
  configure: (req) => installed().configure(req),
  check: (olds, news) => installed().check(olds, news),
  diff: (id, olds, news) => installed().diff(id, olds, news),
  create: (inputs) => installed().create(inputs),
  read: (id, props) => installed().read(id, props),
  update: (id, olds, news) => installed().update(id, olds, news),
  delete: (id, props) => installed().delete(id, props),
};

export = imageMemberProviderStub;
