/**
 * Every failure this package raises is an `ImageMemberError` with a stable `code`.
 *
 * Match on `code`, not on `instanceof`: the Pulumi engine runs the provider in a separate
 * process, so an error that reaches a program has crossed a process boundary as plain data.
 */

/**
 * Every code this package raises, and what it means. The codes are spelled like Node's own
 * (`ERR_INVALID_URL`) and other libraries' (`ERR_NETWORK`), so a code alone does not say whose an
 * error is: {@link isImageMemberError} also asks for {@link ERROR_ORIGIN}.
 */
const ERROR_CODES = {
  /** A resource input is malformed; nothing was sent. */
  ERR_INVALID_INPUT: true,
  /** A required setting (auth URL, credentials, endpoint) is missing from every place it can come from. */
  ERR_MISSING_SETTING: true,
  /** A setting is present but unusable (bad URL, unreadable file, conflicting values). */
  ERR_INVALID_SETTING: true,
  /** Keystone refused the credentials. */
  ERR_AUTH_FAILED: true,
  /** The service catalog has no image endpoint for the requested interface and region. */
  ERR_ENDPOINT_NOT_FOUND: true,
  /** The server answered with a status the call does not expect. */
  ERR_UNEXPECTED_STATUS: true,
  /** The server failed (5xx) at every attempt. */
  ERR_SERVER_ERROR: true,
  /** The server answered 429 (too many requests) at every attempt. */
  ERR_RATE_LIMITED: true,
  /** The server answered 413: the image has as many members as its quota allows. */
  ERR_QUOTA_EXCEEDED: true,
  /** The server answered 404. */
  ERR_NOT_FOUND: true,
  /** The server answered 403. */
  ERR_FORBIDDEN: true,
  /** The server answered 401 even after a fresh token. */
  ERR_UNAUTHORIZED: true,
  /** The server answered 409. */
  ERR_CONFLICT: true,
  /** The image is already shared with the project and `adopt` is not set. */
  ERR_MEMBER_EXISTS: true,
  /** Only the image owner's project can add or revoke members. */
  ERR_NOT_IMAGE_OWNER: true,
  /** A 404 came from another endpoint or another project than the share's: it proves nothing. */
  ERR_NOT_FOUND_UNPROVEN: true,
  /** The image is not `shared` (private, public, community): Glance hides its members and keeps them. */
  ERR_IMAGE_NOT_SHARED: true,
  /** An admin gave the image to another project: the share lives on under the new owner. */
  ERR_IMAGE_OWNER_CHANGED: true,
  /** A share's request got no answer (or none in time): it may exist; state records it `unconfirmed`. */
  ERR_SHARE_UNCONFIRMED: true,
  /** No HTTP response: connection refused or reset, DNS, TLS. */
  ERR_NETWORK: true,
  /** No response within the per-request timeout. */
  ERR_TIMEOUT: true,
  /** The membership did not appear within the wait time. */
  ERR_MEMBER_NOT_VISIBLE: true,
  /** The credentials are the image owner's, where the consumer's are needed. */
  ERR_NOT_IMAGE_MEMBER: true,
  /** Some of an ImageMemberSet's shares could not be made or revoked; state records those that exist. */
  ERR_SOME_SHARES_FAILED: true,
  /** `pulumi-image-member-recover`: the file is not a stack export as `pulumi stack export` writes it. */
  ERR_INVALID_EXPORT: true,
  /** `pulumi-image-member-recover`: the fixed state would lose a share or another provider's operation. */
  ERR_RECOVERY_REFUSED: true,
  /** `pulumi-image-member-recover`: a `pulumi` command it ran failed. */
  ERR_PULUMI_FAILED: true,
  /** `pulumi-image-member-recover`: an unknown or incomplete argument. */
  ERR_USAGE: true,
  /** An exclusive ImageMemberSet and another resource manage the same image's members. */
  ERR_EXCLUSIVE_CONFLICT: true,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/**
 * The `origin` every error of this package carries: an own, enumerable string, so it survives
 * what `instanceof` does not (another copy of the package, JSON, a process boundary).
 */
export const ERROR_ORIGIN = "pulumi-image-member";

/** Details an error may carry besides its message. */
export interface ErrorDetails {
  /** What the user can do about it. */
  hint?: string;
  cause?: unknown;
}

/**
 * The line every error reads as, in the order a reader needs it: what happened, what to do, then
 * the request and answer it comes from (for the operator's logs).
 */
function errorLine(summary: string, hint: string | undefined, exchange: string | undefined): string {
  const parts = [summary, hint, exchange].filter((part): part is string => !!part);
  return oneLine(parts.map((part, i) => (i < parts.length - 1 ? sentence(part) : part)).join(" "));
}

export class ImageMemberError extends Error {
  readonly code: ErrorCode;
  readonly hint?: string;
  /** Always {@link ERROR_ORIGIN}: what tells this package's errors from others with `ERR_*` codes. */
  readonly origin = ERROR_ORIGIN;

  constructor(code: ErrorCode, message: string, details: ErrorDetails = {}, exchange?: string) {
    super(errorLine(message, details.hint, exchange), { cause: details.cause });
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
  /**
   * The server may have carried the request out although no answer said so: no answer, none in
   * time, or a gateway's 502 or 504, at the last attempt or an earlier one.
   */
  outcomeUnknown?: boolean;
}

export class HttpError extends ImageMemberError {
  readonly method: string;
  readonly url: string;
  readonly status?: number;
  readonly serverMessage?: string;
  readonly requestId?: string;
  readonly outcomeUnknown: boolean;

  /** What happened, in about a line: the line's first part (the hint and the exchange follow). */
  readonly summary: string;

  constructor(code: ErrorCode, summary: string, details: HttpErrorDetails) {
    super(code, summary, details, describeExchange(details));
    this.summary = summary;
    this.name = "HttpError";
    this.method = details.method;
    this.url = details.url;
    this.status = details.status;
    this.serverMessage = details.serverMessage;
    this.requestId = details.requestId;
    this.outcomeUnknown = details.outcomeUnknown ?? false;
  }

  /** The same exchange, reported under another code with another summary and hint. */
  recast(code: ErrorCode, summary: string, hint?: string): HttpError {
    return new HttpError(code, summary, {
      method: this.method,
      url: this.url,
      status: this.status,
      serverMessage: this.serverMessage,
      requestId: this.requestId,
      outcomeUnknown: this.outcomeUnknown,
      hint,
      cause: this,
    });
  }
}

/**
 * True when `e` is an error of this package, optionally with the given code: its `code` is one of
 * this package's and its `origin` is {@link ERROR_ORIGIN}. Node's `ERR_INVALID_URL`, undici's
 * `UND_ERR_*` or another library's `ERR_NETWORK` are not, whatever their code looks like. Works
 * across processes and copies of the package (both are plain properties).
 */
export function isImageMemberError(e: unknown, code?: ErrorCode): e is ImageMemberError {
  if (typeof e !== "object" || e === null) return false;
  const { code: actual, origin } = e as { code?: unknown; origin?: unknown };
  if (origin !== ERROR_ORIGIN || !isErrorCode(actual)) return false;
  return code === undefined || actual === code;
}

/** True when `value` is one of this package's codes (an own key of the registry, not `toString`). */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === "string" && Object.hasOwn(ERROR_CODES, value);
}

/** `(POST https://… → HTTP 409: "message"; request id req-…)` */
function describeExchange(d: HttpErrorDetails): string {
  const answer = d.status === undefined ? "no response" : `HTTP ${d.status}`;
  const parts = [`(${d.method} ${d.url} → ${answer}`];
  if (d.serverMessage) parts.push(`: "${d.serverMessage}"`);
  if (d.requestId) parts.push(`; request id ${d.requestId}`);
  parts.push(")");
  return parts.join("");
}

/** `text` ending in a full stop, unless it already ends in one (or a parenthesis closes it). */
function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?)]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
