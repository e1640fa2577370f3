import * as pulumi from "@pulumi/pulumi";
import { ImageClaims } from "./image-claims";

/** The program's claims: the dynamic resource classes run in the program's process. */
export const programClaims = new ImageClaims();

/**
 * The image id, once this program records that the resource `by` manages its members: an exclusive
 * set and another resource for the same image fail the program with ERR_EXCLUSIVE_CONFLICT.
 */
export function claimedImageId(
  by: string,
  imageId: pulumi.Input<string>,
  exclusive?: pulumi.Input<boolean>,
): pulumi.Output<string> {
  return pulumi.all([imageId, exclusive]).apply(([id, isExclusive]) => {
    programClaims.claim(id, { by, exclusive: Boolean(isExclusive) });
    return id;
  });
}
