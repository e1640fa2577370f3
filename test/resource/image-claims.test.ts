/**
 * One program's image claims: an exclusive ImageMemberSet and another resource managing the same
 * image's members are refused with one line saying why; the dynamic classes claim when imageId
 * resolves.
 */
import * as pulumi from "@pulumi/pulumi";
import { ImageClaims } from "../../provider/resource/image-claims";
import type { ImageMemberError } from "../../provider/errors";
import { claimedImageId, programClaims, programFailure } from "../../provider/resource/program-claims";

const IMAGE = "0c4f7a52-6f1e-4a8e-9d3b-2a1f5e7c9b10";

test("an exclusive set refuses a second set and an ImageMember of its image, whichever comes first", () => {
  const claims = new ImageClaims();
  claims.claim(IMAGE, { by: "ImageMember by-hand", exclusive: false });
  const refused = () => claims.claim(IMAGE, { by: "ImageMemberSet golden", exclusive: true });
  expect(refused).toThrow(
    expect.objectContaining({
      code: "ERR_EXCLUSIVE_CONFLICT",
      origin: "pulumi-image-member",
      message: `Declare image ${IMAGE}'s members in one place: ImageMemberSet golden is exclusive for it, so it would revoke the members of ImageMember by-hand. Move those projects into the exclusive set's memberIds, or set exclusive: false.`,
    }),
  );

  const other = new ImageClaims();
  other.claim(IMAGE, { by: "ImageMemberSet golden", exclusive: true });
  expect(() => other.claim(IMAGE.toUpperCase(), { by: "ImageMemberSet second", exclusive: true })).toThrow(
    /ImageMemberSet golden is exclusive for it, so it would revoke the members of ImageMemberSet second\./,
  );
});

test("no exclusive set, or another image, or the same resource again: no conflict", () => {
  const claims = new ImageClaims();
  claims.claim(IMAGE, { by: "ImageMemberSet a", exclusive: false });
  claims.claim(IMAGE, { by: "ImageMember b", exclusive: false });
  claims.claim("another-image", { by: "ImageMemberSet c", exclusive: true });
  claims.claim("another-image", { by: "ImageMemberSet c", exclusive: true });
});

test("a dynamic class's image id claims the image for the program once it resolves", async () => {
  const image = "5d2e9b14-3c7a-4f60-8e21-9a0b1c2d3e4f";
  const imageId = claimedImageId("ImageMemberSet golden", pulumi.output(image), true);
  await expect(valueOf(imageId)).resolves.toBe(image);
  expect(() => programClaims.claim(image, { by: "ImageMember stray", exclusive: false })).toThrow(
    /^Declare image 5d2e9b14-.*ImageMemberSet golden is exclusive for it, so it would revoke the members of ImageMember stray\./,
  );
});

test("a conflict fails the program as a RunError: one line that leads with the code, whatever the SDK prefixes", () => {
  const claims = new ImageClaims();
  claims.claim(IMAGE, { by: "ImageMemberSet golden", exclusive: true });
  let refused: unknown;
  try {
    claims.claim(IMAGE, { by: "ImageMember by-hand", exclusive: false });
  } catch (e) {
    refused = e;
  }
  const failure = programFailure(refused as ImageMemberError);
  // The Node.js host prints a RunError as its message alone; any other error with its stack.
  expect(pulumi.RunError.isInstance(failure)).toBe(true);
  expect(failure).toMatchObject({ code: "ERR_EXCLUSIVE_CONFLICT", origin: "pulumi-image-member" });
  // What @pulumi/pulumi's serializer does to an error thrown while it serializes an input.
  failure.message = `error serializing property "imageId": ${failure.message}`;
  expect(failure.message).toBe(
    `ERR_EXCLUSIVE_CONFLICT: Declare image ${IMAGE}'s members in one place: ImageMemberSet golden is exclusive for it, so it would revoke the members of ImageMember by-hand. Move those projects into the exclusive set's memberIds, or set exclusive: false.`,
  );
});

/** What an output resolves to, or its failure (outputs have no public accessor outside the engine). */
function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
  return (output as unknown as { promise(): Promise<T> }).promise();
}
