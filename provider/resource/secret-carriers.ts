import * as pulumi from "@pulumi/pulumi";

/**
 * An input that carries the secrecy of `source` to the output of the same name. The dynamic
 * provider does not accept secrets: the engine sends its hooks plain values and marks an output
 * secret again only where the input of the same name was secret. An output computed from another
 * input (`shares`, keyed by the project ids of `memberIds`; `glanceUrl`, the `endpoint` input
 * normalised) would otherwise be stored in plain text while that input is secret. The value
 * (`placeholder`) is never read: the hooks compute the output from the inputs themselves.
 *
 * Only a secret source gets a carrier. For a plain one the input stays unset, as it always was:
 * an input of that name would appear in every preview as a change against the output it stands for
 * (the kept shares of a set shown as removed).
 */
export function secrecyOf<T>(source: pulumi.Input<unknown>, placeholder: T): pulumi.Output<T | undefined> {
  const output: pulumi.Output<unknown> = pulumi.output(source);
  return pulumi
    .all([output, pulumi.output(pulumi.isSecret(output))])
    .apply(([, secret]) => (secret ? placeholder : undefined));
}
