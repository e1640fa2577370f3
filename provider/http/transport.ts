import type { Dispatcher } from "undici";
import { HttpError, type ErrorCode } from "../errors";
import { loadUndici, sharedAgent } from "./agent";
import {
  DEFAULT_RETRY_POLICY,
  RETRYABLE_STATUSES,
  backoffDelay,
  parseRetryAfter,
  type RetryPolicy,
} from "./retry-policy";
import { requestIdOf, serverMessage } from "./server-message";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface HttpRequest {
  method: HttpMethod;
  url: string;
  headers?: Record<string, string>;
  /** Sent as JSON. */
  body?: unknown;
}

/**
 * The request with these headers added. Written out field by field: on Node 20, `{ ...req, headers }`
 * takes V8's slow path (1–2 µs; see `combined` in resource/hooks.ts), and every request comes here.
 */
export function withHeaders(req: HttpRequest, headers: Record<string, string>): HttpRequest {
  return {
    method: req.method,
    url: req.url,
    body: req.body,
    headers: Object.assign({}, req.headers, headers),
  };
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The raw body text ("" when there is none). */
  text: string;
  /** How many attempts it took (1 when the first one answered). */
  attempts: number;
  /**
   * True when an earlier attempt may have been carried out without its answer reaching us: the
   * connection broke after the request was sent, no answer came in time, or a gateway said the
   * server behind it did not answer (502, 504). A 409 to a retried POST then may be our own work.
   */
  earlierOutcomeUnknown: boolean;
}

export interface TransportOptions {
  dispatcher?: Dispatcher;
  policy?: Partial<RetryPolicy>;
  /** Waits between attempts; tests replace it to keep time virtual. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

/**
 * Sends one HTTP request and retries it, with backoff, while the failure is one that waiting can
 * cure: 429 and 5xx gateway statuses, timeouts, and connections that fail. It judges nothing
 * else: every other status is returned to the caller, which decides what it expected.
 */
export class Transport {
  readonly policy: RetryPolicy;
  private readonly dispatcher: Dispatcher;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;

  constructor(options: TransportOptions = {}) {
    this.policy = { ...DEFAULT_RETRY_POLICY, ...options.policy };
    this.dispatcher = options.dispatcher ?? sharedAgent();
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.random = options.random ?? Math.random;
  }

  async send(req: HttpRequest): Promise<HttpResponse> {
    const started = Date.now();
    let unknown = false;
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.attempt(req, attempt, unknown);
      const wait = this.retryDelay(outcome, attempt, Date.now() - started);
      if (wait === undefined) {
        if (outcome instanceof Error) throw outcome;
        return outcome;
      }
      unknown ||= outcome instanceof HttpError ? outcome.outcomeUnknown : outcomeUnknown(outcome);
      await this.sleep(wait);
    }
  }

  private async attempt(
    req: HttpRequest,
    attempt: number,
    earlierOutcomeUnknown: boolean,
  ): Promise<HttpResponse | HttpError> {
    const headers: Record<string, string> = { accept: "application/json", ...req.headers };
    let body: string | undefined;
    if (req.body !== undefined) {
      body = JSON.stringify(req.body);
      headers["content-type"] ??= "application/json";
    }
    try {
      const { origin, path } = requestTarget(req.url);
      const res = await this.dispatcher.request({
        origin,
        path,
        method: req.method,
        headers,
        body,
        headersTimeout: this.policy.requestTimeoutMs,
        bodyTimeout: this.policy.requestTimeoutMs,
      });
      const text = await res.body.text();
      return { status: res.statusCode, headers: res.headers, text, attempts: attempt, earlierOutcomeUnknown };
    } catch (cause) {
      return connectionError(req, cause, earlierOutcomeUnknown);
    }
  }

  /** Milliseconds to wait before the next attempt, or undefined to stop here. */
  private retryDelay(
    outcome: HttpResponse | HttpError,
    attempt: number,
    elapsed: number,
  ): number | undefined {
    if (attempt > this.policy.maxRetries) return undefined;
    let wait: number;
    if (outcome instanceof HttpError) {
      wait = backoffDelay(this.policy, attempt - 1, this.random);
    } else {
      if (!RETRYABLE_STATUSES.has(outcome.status)) return undefined;
      const asked = parseRetryAfter(headerValue(outcome.headers, "retry-after"));
      wait = asked ?? backoffDelay(this.policy, attempt - 1, this.random);
    }
    return elapsed + wait <= this.policy.maxRetryTimeMs ? wait : undefined;
  }
}

/**
 * Where undici's `request(url, options)` would send the request, worked out the same way. The
 * transport calls the dispatcher itself: undici's wrapper copies the options object once more,
 * which on Node 20 costs more than the rest of the request's work in this process.
 */
function requestTarget(url: string): { origin: string; path: string } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new (undiciErrors().InvalidArgumentError)("Invalid URL");
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:")
    throw new (undiciErrors().InvalidArgumentError)(
      "Invalid URL protocol: the URL must start with `http:` or `https:`.",
    );
  return { origin: parsed.origin, path: `${parsed.pathname}${parsed.search}` };
}

/** undici's error classes, loaded when first needed, as undici itself is (see ./agent.ts). */
function undiciErrors(): typeof import("undici").errors {
  return loadUndici().errors;
}

/** Gateway statuses that say the server behind did not answer: it may have acted. */
const GATEWAY_NO_ANSWER: ReadonlySet<number> = new Set([502, 504]);

/** Connection failures that happen before the request is sent: the server cannot have acted. */
const NOT_SENT = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ENETUNREACH",
  "EHOSTUNREACH",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_INVALID_ARG",
]);

/** Whether the server may have carried out an attempt whose answer we did not get. */
export function outcomeUnknown(outcome: HttpResponse | HttpError): boolean {
  if (!(outcome instanceof HttpError)) return GATEWAY_NO_ANSWER.has(outcome.status);
  return mayHaveBeenSent((outcome.cause as { code?: string } | undefined)?.code ?? "");
}

/** Whether a connection failure with this code can come after the request was sent. */
function mayHaveBeenSent(code: string): boolean {
  return !(NOT_SENT.has(code) || /^(ERR_TLS_|CERT_|ERR_SSL_)|SELF_SIGNED|UNABLE_TO_/.test(code));
}

/** The error for a response whose status the call did not expect. */
export function unexpectedStatus(req: HttpRequest, res: HttpResponse, summary?: string): HttpError {
  const retried = res.attempts > 1 ? ` after ${res.attempts} attempts` : "";
  const known = STATUS_MEANINGS.find((m) => m.matches(res.status));
  return new HttpError(
    known?.code ?? codeForStatus(res.status),
    `${summary ?? known?.summary ?? "Unexpected answer from the server"}${retried}`,
    {
      method: req.method,
      url: redactUrl(req.url),
      status: res.status,
      serverMessage: serverMessage(res.text),
      requestId: requestIdOf(res.headers, res.text),
      outcomeUnknown: res.earlierOutcomeUnknown || GATEWAY_NO_ANSWER.has(res.status),
      hint: known?.hint,
    },
  );
}

/** Statuses that say what to do whatever the call: the service's health, its rate limit, a quota. */
const STATUS_MEANINGS: readonly {
  matches: (status: number) => boolean;
  code: ErrorCode;
  summary: string;
  hint: string;
}[] = [
  {
    matches: (status) => status >= 500 && status <= 599,
    code: "ERR_SERVER_ERROR",
    summary: "The service failed",
    hint: "Run `pulumi up` again once the service is healthy (the request id is for its operator); raise `maxRetries` to wait out short outages.",
  },
  {
    matches: (status) => status === 429,
    code: "ERR_RATE_LIMITED",
    summary: "The service kept refusing requests as too many",
    hint: "Run again with fewer at once (`pulumi up --parallel 4`), or raise `maxRetries` to wait longer.",
  },
  {
    matches: (status) => status === 413,
    code: "ERR_QUOTA_EXCEEDED",
    summary: "The image has as many members as the service allows",
    hint: "Revoke shares it no longer needs, or ask the operator to raise Glance's `image_member_quota` (128 by default).",
  },
];

/** A URL safe to print: no user-info, no query values (they can carry signatures or tokens). */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = "";
    u.password = "";
    for (const key of [...u.searchParams.keys()]) u.searchParams.set(key, "***");
    return u.toString();
  } catch {
    return "<invalid URL>";
  }
}

export function headerValue(headers: HttpResponse["headers"], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function codeForStatus(status: number): ErrorCode {
  switch (status) {
    case 401:
      return "ERR_UNAUTHORIZED";
    case 403:
      return "ERR_FORBIDDEN";
    case 404:
      return "ERR_NOT_FOUND";
    case 409:
      return "ERR_CONFLICT";
    default:
      return "ERR_UNEXPECTED_STATUS";
  }
}

function connectionError(req: HttpRequest, cause: unknown, earlierOutcomeUnknown: boolean): HttpError {
  const code = (cause as { code?: string }).code ?? "";
  const timedOut = code === "UND_ERR_HEADERS_TIMEOUT" || code === "UND_ERR_BODY_TIMEOUT";
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new HttpError(
    timedOut ? "ERR_TIMEOUT" : "ERR_NETWORK",
    timedOut ? "The server did not answer in time" : `Could not reach the server (${code || reason})`,
    {
      method: req.method,
      url: redactUrl(req.url),
      hint: timedOut
        ? "Check the endpoint's health, or raise the request timeout."
        : "Check the URL, the network path to it and, for https, the TLS settings.",
      cause,
      outcomeUnknown: earlierOutcomeUnknown || mayHaveBeenSent(code),
    },
  );
}
