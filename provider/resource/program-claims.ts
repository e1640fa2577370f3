import * as pulumi from "@pulumi/pulumi";
import { ERROR_ORIGIN, isImageMemberError } from "../errors";
import { ImageClaims } from "./image-claims";

/** The program's claims: the dynamic resource classes run in the program's process. */
export const programClaims = new ImageClaims();

/**
 * The image id, once this program records that the resource `by` manages its members: an exclusive
 * set and another resource for the same image fail the program with ERR_EXCLUSIVE_CONFLICT, in one
 * line, before the engine is asked for either.
 */
export function claimedImageId(
  by: string,
  imageId: pulumi.Input<string>,
  exclusive?: pulumi.Input<boolean>,
): pulumi.Output<string> {
  return pulumi.all([imageId, exclusive]).apply(([id, isExclusive]) => {
    try {
      programClaims.claim(id, { by, exclusive: Boolean(isExclusive) });
    } catch (e) {
      throw isImageMemberError(e) ? programFailure(e) : e;
    }
    return id;
  });
}

/**
 * A refused claim as the program's failure. The Node.js host prints a `RunError` as its message
 * alone, with no stack (any other error is an "unhandled exception", stack and all); and the SDK
 * prefixes the message of an error thrown while it serializes an input (`error serializing
 * property "imageId": …`), which would push the code off the start of the line: the message is
 * fixed to `ERR_…: what happened. What to do.`
 */
export function programFailure(e: { code: string; message: string }): pulumi.RunError {
  const line = `${e.code}: ${e.message}`;
  const failure = new pulumi.RunError(line);
  Object.defineProperty(failure, "message", { get: () => line, set: () => undefined, configurable: true });
  return Object.assign(failure, { code: e.code, origin: ERROR_ORIGIN });
}
