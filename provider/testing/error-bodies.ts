/**
 * Error bodies in the formats the imitated services send: webob pages (Glance), Keystone's
 * JSON errors, and Huawei Cloud IMS / API gateway errors.
 */
import { randomUUID } from "node:crypto";
import { errorFormat } from "./accept";
import { pythonJson } from "./python-json";

/** HTTP reason phrases as webob spells them. */
const TITLES: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  409: "Conflict",
  413: "Request Entity Too Large",
  415: "Unsupported Media Type",
  429: "Too Many Requests",
  500: "Internal Server Error",
  501: "Not Implemented",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

/** webob's default explanation of each status. */
const EXPLANATIONS: Record<number, string> = {
  400: "The server could not comply with the request since it is either malformed or otherwise incorrect.",
  401:
    "This server could not verify that you are authorized to access the document you requested. " +
    "Either you supplied the wrong credentials (e.g., bad password), or your browser does not " +
    "understand how to supply the credentials required.",
  403: "Access was denied to this resource.",
  404: "The resource could not be found.",
  409: "There was a conflict when trying to complete your request.",
  413: "The request is larger than the server is willing or able to process.",
  429: "The client has sent too many requests in a given amount of time.",
  500: "The server has either erred or is incapable of performing the requested operation.",
  502: "Bad gateway.",
  503: "The server is currently unavailable. Please try again at a later time.",
  504: "The gateway has timed out.",
};

export function statusTitle(status: number): string {
  return TITLES[status] ?? (status >= 500 ? "Server Error" : "Client Error");
}

export function defaultExplanation(status: number): string {
  return EXPLANATIONS[status] ?? statusTitle(status) + ".";
}

/** A response body with its content type. */
export interface Body {
  contentType: string;
  body: string;
}

/**
 * A webob error page (what Glance sends), in the format the `Accept` header asks for:
 * JSON `{"message": "<explanation><br /><br />\n<detail>\n\n", "code": "404 Not Found", "title": "Not Found"}`,
 * HTML, or plain text when neither is acceptable.
 * @param rawBody webob's body template already filled in (e.g. the 405 page), instead of
 *   `explanation` and `detail`.
 */
export function webobError(
  status: number,
  accept: string | undefined,
  explanation: string = defaultExplanation(status),
  detail = "",
  rawBody?: string,
): Body {
  const title = statusTitle(status);
  const code = `${status} ${title}`;
  const format = errorFormat(accept);
  if (format === "json") {
    const message = rawBody ?? `${explanation}<br /><br />\n${detail}\n\n`;
    return {
      contentType: "application/json",
      body: pythonJson({ message, code, title }),
    };
  }
  if (format === "html") {
    const message = rawBody ?? `${escapeHtml(explanation)}<br /><br />\n${escapeHtml(detail)}\n\n`;
    return {
      contentType: "text/html; charset=UTF-8",
      body: `<html>\n <head>\n  <title>${code}</title>\n </head>\n <body>\n  <h1>${code}</h1>\n  ${message}\n </body>\n</html>`,
    };
  }
  const message = rawBody ?? `${explanation}<br /><br />\n${detail}\n\n`;
  return { contentType: "text/plain; charset=UTF-8", body: `${code}\n\n${stripTags(message)}` };
}

/** Keystone's JSON error: `{"error":{"code":401,"message":"…","title":"Unauthorized"}}` and a newline. */
export function keystoneError(status: number, message: string, extra?: Record<string, unknown>): Body {
  const error = { code: status, ...extra, message, title: statusTitle(status) };
  return { contentType: "application/json", body: JSON.stringify({ error }) + "\n" };
}

/** Keystone's message for any failed authentication. */
export const KEYSTONE_UNAUTHORIZED = "The request you have made requires authentication.";

/**
 * IMS error codes. Only `IMG.0024` (image not found) is documented by the reference notes;
 * the others are plausible stand-ins in the same `IMG.xxxx` scheme.
 */
const IMS_CODES: Record<number, string> = {
  400: "IMG.0001",
  403: "IMG.0003",
  404: "IMG.0024",
  405: "IMG.0005",
  409: "IMG.0045",
  413: "IMG.0069",
  415: "IMG.0006",
  429: "IMG.0071",
};

/** A Huawei Cloud IMS error: `{"error": {"code": "IMG.0024", "message": "…"}}`. */
export function imsError(status: number, message: string): Body {
  const code = IMS_CODES[status] ?? "IMG.0010";
  return { contentType: "application/json", body: pythonJson({ error: { code, message } }) };
}

/** A Huawei Cloud API gateway error: `{"error_code": "APIG.1002", "error_msg": …, "request_id": …}`. */
export function apigError(status: number, message: string): Body {
  const code = status === 401 ? "APIG.1002" : status === 429 ? "APIG.1007" : "APIG.0301";
  return {
    contentType: "application/json",
    body: pythonJson({
      error_code: code,
      error_msg: message,
      request_id: randomUUID().replace(/-/g, ""),
    }),
  };
}

const HTML_ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#x27;",
};

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c]);
}

/** webob's `strip_tags`: newlines become spaces, `<br>` becomes a newline, tags vanish. */
function stripTags(s: string): string {
  return s
    .replace(/\n/g, " ")
    .replace(/\r/g, "")
    .replace(/<br.*?>/gis, "\n")
    .replace(/<!--|-->/g, "")
    .replace(/<.*?>/gs, "");
}
