/**
 * Resource ids. Pulumi never keeps an id secret (state, `pulumi stack --show-ids`, the engine's
 * messages), and an ImageMember's id is `<imageId>/<memberId>`, an ImageMemberSet's its image: an
 * id made of a secret input is recorded as a hash of that id instead. The hash is stable, so that
 * `pulumi-image-member-recover` puts an interrupted create back under the id the create would
 * have recorded. The hooks never read an id back (refresh, update and delete go by the state).
 */
import { createHash } from "node:crypto";

/** `secret-` and 32 hex digits of the SHA-256 of the id it stands for. */
export function opaqueId(plainId: string): string {
  return `secret-${createHash("sha256").update(plainId, "utf8").digest("hex").slice(0, 32)}`;
}

/** The id to record: `plainId`, or {@link opaqueId} of it when an input it is made of is secret. */
export function recordedIdOf(plainId: string, madeOfSecrets: boolean | undefined): string {
  return madeOfSecrets ? opaqueId(plainId) : plainId;
}
