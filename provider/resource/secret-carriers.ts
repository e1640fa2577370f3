import * as pulumi from "@pulumi/pulumi";

/**
 * An input that carries the secrecy of `source` to the output of the same name. The dynamic
 * provider does not accept secrets: the engine sends its hooks plain values and marks an output
 * secret again only where the input of the same name was secret. An output computed from another
 * input (`shares`, keyed by the project ids of `memberIds`; `glanceUrl`, the `endpoint` input
 * normalised) would otherwise be stored in plain text while that input is secret. The value
 * (`placeholder`) is never read: the hooks compute the output from the inputs themselves.
 */
export function secrecyOf<T>(source: pulumi.Input<unknown>, placeholder: T): pulumi.Output<T> {
  return pulumi.all([source]).apply(() => placeholder);
}
