// The module's whole export is the provider object on purpose: when the package is installed under
// node_modules, Pulumi's serializer recognizes the object as this module and stores a one-line
// `require("pulumi-image-member/serialized/image-member")` instead of the functions. This path is
// therefore part of the state format: keep it exported for as long as such state may exist.
import { forwardingProvider } from "../forwarding-provider";

export = forwardingProvider("imageMember");
