/**
 * Shares whose request got no answer it could rely on (the connection broke after sending, none
 * came in time, a gateway's 502 or 504): the share may exist, or may still be made by a Glance
 * worker that picked the request up after the client gave up. Such an outcome is never taken as a
 * verdict, whatever a read right after says: the share is recorded `unconfirmed`, the next preview
 * shows it as a change, and the next `up` settles it (shares again, a 409 meaning it exists).
 */
import { HttpError, isImageMemberError } from "../errors";

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

/**
 * A create or update whose share may exist: the host hands the engine `properties` under `id`
 * along with the error (a partial failure), so state records the share, `unconfirmed`.
 */
export class ShareUnconfirmed extends HttpError {
  constructor(
    unanswered: HttpError,
    share: { imageId: string; memberId: string },
    /** The resource id and the outputs to record. */
    readonly id: string,
    readonly properties: Record<string, unknown>,
  ) {
    super(
      "ERR_SHARE_UNCONFIRMED",
      `Image ${share.imageId} may or may not be shared with project ${share.memberId}: no answer said whether the request was carried out (${unanswered.code}), and Glance may still carry it out`,
      {
        method: unanswered.method,
        url: unanswered.url,
        status: unanswered.status,
        serverMessage: unanswered.serverMessage,
        requestId: unanswered.requestId,
        outcomeUnknown: true,
        hint: "State records the share as `unconfirmed`; `pulumi preview` shows it as a change, and the next `pulumi up` makes it or finds it made (a 409 then means it exists). Check the image service's health if it keeps happening.",
        cause: unanswered,
      },
    );
  }
}
