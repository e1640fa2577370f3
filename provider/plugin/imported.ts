/**
 * `pulumi import <type> <name> <imageId>/<memberId>`: the engine reads the resource with no
 * properties, and takes the inputs this module derives for the program it prints and for the
 * diff that must be empty on the next preview.
 */
import { ImageMemberError } from "../errors";
import { imageIdProblem, memberIdProblem } from "../glance/ids";
import { TOKENS } from "./schema";

const IMPORT_HINT =
  "Give the image's UUID and the member project's id, for example: pulumi import image-member:index:ImageMember share 8a5c3b3e-1f0e-4b1e-9c53-2a7f0e6d4c11/f00d1e2c3b4a59687766554433221100";

/**
 * The membership an import id names. Checked as `check` checks inputs, before any request: an id
 * that is not `<image UUID>/<project id>` fails with ERR_INVALID_INPUT and what is wrong with it.
 */
export function membershipOfImportId(id: string): { imageId: string; memberId: string } {
  const parts = id.split("/");
  if (parts.length !== 2 || parts.some((part) => part === "")) {
    throw new ImageMemberError(
      "ERR_INVALID_INPUT",
      `An image member is imported by the id "<imageId>/<memberId>", not ${JSON.stringify(id)}; nothing was sent.`,
      { hint: IMPORT_HINT },
    );
  }
  const [imageId, memberId] = parts;
  const problem = imageIdProblem(imageId) ?? memberIdProblem(memberId);
  if (problem) {
    throw new ImageMemberError(
      "ERR_INVALID_INPUT",
      `Cannot import ${JSON.stringify(id)}: ${problem} Nothing was sent.`,
      { hint: IMPORT_HINT },
    );
  }
  return { imageId, memberId };
}

/** What the read hook is given for an import: the membership, named in full (no memberId defaulted). */
export function importedProps(token: string, id: string): Record<string, unknown> {
  if (token === TOKENS.imageMemberSet) {
    throw new ImageMemberError("ERR_INVALID_INPUT", "An ImageMemberSet cannot be imported.", {
      hint: "Declare it with the projects already shared and adopt: true (the next up takes those shares over), or import each share as an ImageMember.",
    });
  }
  const membership = membershipOfImportId(id);
  return token === TOKENS.imageMemberAcceptance
    ? { ...membership, memberIdFromCredentials: false }
    : membership;
}

/**
 * The inputs of an imported resource, from what its read found: the membership itself, and for an
 * acceptance the answer Glance holds (when it is one a program can ask for).
 */
export function importedInputs(token: string, found: Record<string, unknown>): Record<string, unknown> {
  const inputs: Record<string, unknown> = { imageId: found.imageId, memberId: found.memberId };
  if (token === TOKENS.imageMemberAcceptance && found.status === "rejected") inputs.status = "rejected";
  return inputs;
}
