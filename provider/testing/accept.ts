/**
 * Content negotiation of webob error pages, the way Glance picks the format of an error body:
 * the offers `text/html` and `application/json` are ranked by the `Accept` header (ties keep
 * that order), and when neither is acceptable — including when no `Accept` header is sent at
 * all — the body is plain text.
 */

export type ErrorFormat = "html" | "json" | "plain";

const cache = new Map<string, ErrorFormat>();
const CACHE_LIMIT = 256;

/** The error body format for an `Accept` header value (`undefined` = header absent). */
export function errorFormat(accept: string | undefined): ErrorFormat {
  if (accept === undefined || accept === "") return "plain";
  let format = cache.get(accept);
  if (format === undefined) {
    format = negotiate(accept);
    if (cache.size < CACHE_LIMIT) cache.set(accept, format);
  }
  return format;
}

interface Range {
  type: string;
  subtype: string;
  q: number;
  hasParams: boolean;
}

function negotiate(accept: string): ErrorFormat {
  const ranges = parse(accept);
  if (!ranges) return "html"; // an invalid header accepts anything; text/html is offered first
  const html = quality(ranges, "text", "html");
  const json = quality(ranges, "application", "json");
  if (html <= 0 && json <= 0) return "plain";
  return json > html ? "json" : "html";
}

function parse(accept: string): Range[] | undefined {
  const ranges: Range[] = [];
  for (const part of accept.split(",")) {
    const item = part.trim();
    if (!item) continue;
    const [media, ...params] = item.split(";").map((s) => s.trim());
    const slash = media.indexOf("/");
    if (slash <= 0 || slash === media.length - 1) return undefined;
    let q = 1;
    let hasParams = false;
    for (const param of params) {
      const eq = param.indexOf("=");
      if (eq <= 0) return undefined;
      const key = param.slice(0, eq).trim().toLowerCase();
      if (key === "q") {
        q = Number(param.slice(eq + 1).trim());
        if (!Number.isFinite(q) || q < 0 || q > 1) return undefined;
      } else {
        hasParams = true;
      }
    }
    ranges.push({
      type: media.slice(0, slash).toLowerCase(),
      subtype: media.slice(slash + 1).toLowerCase(),
      q,
      hasParams,
    });
  }
  return ranges;
}

/** q of the most specific range matching `type/subtype` (0 when none does). */
function quality(ranges: Range[], type: string, subtype: string): number {
  let best = -1;
  let q = 0;
  for (const r of ranges) {
    let specificity: number;
    if (r.type === type && r.subtype === subtype) specificity = r.hasParams ? -1 : 3;
    else if (r.type === type && r.subtype === "*") specificity = 2;
    else if (r.type === "*" && r.subtype === "*") specificity = 1;
    else continue;
    if (specificity > best) {
      best = specificity;
      q = r.q;
    }
  }
  return q;
}
