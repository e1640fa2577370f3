/**
 * Every failure this package raises is an `ImageMemberError` with a stable `code`.
 *
 * Match on `code`, not on `instanceof`: the Pulumi engine runs the provider in a separate
 * process, so an error that reaches a program has crossed a process boundary as plain data.
 */
export type ErrorCode =
  /** A resource input is malformed; nothing was sent. */
  | "ERR_INVALID_INPUT"
  /** A required setting (auth URL, credentials, endpoint) is missing from every place it can come from. */
  | "ERR_MISSING_SETTING"
  /** A setting is present but unusable (bad URL, unreadable file, conflicting values). */
  | "ERR_INVALID_SETTING"
  /** Keystone refused the credentials. */
  | "ERR_AUTH_FAILED"
  /** The service catalog has no image endpoint for the requested interface and region. */
  | "ERR_ENDPOINT_NOT_FOUND"
  /** The server answered with a status the call does not expect. */
  | "ERR_UNEXPECTED_STATUS"
  /** The server answered 404. */
  | "ERR_NOT_FOUND"
  /** The server answered 403. */
  | "ERR_FORBIDDEN"
  /** The server answered 401 even after a fresh token. */
  | "ERR_UNAUTHORIZED"
  /** The server answered 409. */
  | "ERR_CONFLICT"
  /** The image is already shared with the project and `adopt` is not set. */
  | "ERR_MEMBER_EXISTS"
  /** Only the image owner's project can add or revoke members. */
  | "ERR_NOT_IMAGE_OWNER"
  /** A 404 came from another endpoint or another project than the share's: it proves nothing. */
  | "ERR_NOT_FOUND_UNPROVEN"
  /** No HTTP response: connection refused or reset, DNS, TLS. */
  | "ERR_NETWORK"
  /** No response within the per-request timeout. */
  | "ERR_TIMEOUT"
  /** The membership did not appear within the wait time. */
  | "ERR_MEMBER_NOT_VISIBLE"
  /** The credentials are the image owner's, where the consumer's are needed. */
  | "ERR_NOT_IMAGE_MEMBER"
  /** Some of an ImageMemberSet's shares could not be made or revoked; state records those that exist. */
  | "ERR_SOME_SHARES_FAILED"
  /** `pulumi-image-member-recover`: the file is not a stack export as `pulumi stack export` writes it. */
  | "ERR_INVALID_EXPORT"
  /** `pulumi-image-member-recover`: the fixed state would lose a share or another provider's operation. */
  | "ERR_RECOVERY_REFUSED"
  /** `pulumi-image-member-recover`: a `pulumi` command it ran failed. */
  | "ERR_PULUMI_FAILED"
  /** `pulumi-image-member-recover`: an unknown or incomplete argument. */
  | "ERR_USAGE";

/** Details an error may carry besides its message. */
export interface ErrorDetails {
  /** What the user can do about it. */
  hint?: string;
  cause?: unknown;
}

export class ImageMemberError extends Error {
  readonly code: ErrorCode;
  readonly hint?: string;

  constructor(code: ErrorCode, message: string, details: ErrorDetails = {}) {
    super(oneLine([message, details.hint].filter(Boolean).join(" ")), { cause: details.cause });
    this.name = "ImageMemberError";
    this.code = code;
    this.hint = details.hint;
  }

  /** The one line a user sees: the code, what happened and what to do. */
  override toString(): string {
    return `${this.code}: ${this.message}`;
  }
}

/** What is known about the HTTP exchange that failed. */
export interface HttpErrorDetails extends ErrorDetails {
  method: string;
  /** The request URL, without credentials or query secrets. */
  url: string;
  /** Absent when no response arrived. */
  status?: number;
  /** The server's own explanation, cleaned of HTML padding. */
  serverMessage?: string;
  /** `x-openstack-request-id` (or the cloud's equivalent), for the operator's logs. */
  requestId?: string;
}

export class HttpError extends ImageMemberError {
  readonly method: string;
  readonly url: string;
  readonly status?: number;
  readonly serverMessage?: string;
  readonly requestId?: string;

  constructor(code: ErrorCode, summary: string, details: HttpErrorDetails) {
    super(code, describeExchange(summary, details), details);
    this.name = "HttpError";
    this.method = details.method;
    this.url = details.url;
    this.status = details.status;
    this.serverMessage = details.serverMessage;
    this.requestId = details.requestId;
  }

  /** The same exchange, reported under another code with another summary and hint. */
  recast(code: ErrorCode, summary: string, hint?: string): HttpError {
    return new HttpError(code, summary, {
      method: this.method,
      url: this.url,
      status: this.status,
      serverMessage: this.serverMessage,
      requestId: this.requestId,
      hint,
      cause: this,
    });
  }
}

/** True when `e` is an error of this package, optionally with the given code. Works across processes. */
export function isImageMemberError(e: unknown, code?: ErrorCode): e is ImageMemberError {
  if (typeof e !== "object" || e === null || typeof (e as { code?: unknown }).code !== "string") return false;
  const actual = (e as { code: string }).code;
  return code === undefined ? actual.startsWith("ERR_") : actual === code;
}

function describeExchange(summary: string, d: HttpErrorDetails): string {
  const answer = d.status === undefined ? "no response" : `HTTP ${d.status}`;
  const parts = [`${summary} (${d.method} ${d.url} → ${answer}`];
  if (d.serverMessage) parts.push(`: "${d.serverMessage}"`);
  if (d.requestId) parts.push(`; request id ${d.requestId}`);
  parts.push(").");
  return parts.join("");
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
