/**
 * Shares whose request got no answer it could rely on (the connection broke after sending, none
 * came in time, a gateway's 502 or 504): the share may exist, or may still be made by a Glance
 * worker that picked the request up after the client gave up. Such an outcome is never taken as a
 * verdict, whatever a read right after says: the share is recorded `unconfirmed`, the next preview
 * shows it as a change, and the next `up` settles it (shares again, a 409 meaning it exists).
 */
import { isImageMemberError, type HttpError } from "../errors";

/** The status state records for a share that may or may not exist. */
export const UNCONFIRMED = "unconfirmed";

/**
 * Whether a failed request may have been carried out all the same: no answer, none in time, a
 * gateway's 502 or 504 (HttpError.outcomeUnknown), or Glance's own 500, which it raises wherever
 * it failed, after its database write too. A 503 or 429 is a refusal to take the request on.
 * (The transport's 409 rule counts a 500 as a refusal: there the doubt must not adopt a share.)
 */
export function mayHaveActed(e: unknown): e is HttpError {
  if (!isImageMemberError(e)) return false;
  const { outcomeUnknown, status } = e as { outcomeUnknown?: unknown; status?: unknown };
  return outcomeUnknown === true || status === 500;
}
