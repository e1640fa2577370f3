/**
 * Glance base URLs: how an endpoint from a setting, an input or the catalog becomes the `/v2` URL
 * requests go to, and when two such URLs name the same Glance.
 */

/** Why `raw` cannot be an endpoint URL (Glance or Keystone), or undefined when it can. */
export function endpointProblem(raw: unknown): string | undefined {
  if (typeof raw !== "string" || raw.trim() === "") return "must be an http or https URL.";
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "is not a URL; give e.g. https://glance.example.com:9292.";
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return "must be an http or https URL.";
  if (url.username || url.password || /^[a-z]+:\/\/[^/]*@/i.test(raw.trim())) {
    return "must not carry credentials (user:password@): URLs are written to state and to error messages; configure credentials as stack config, clouds.yaml or OS_* variables.";
  }
  if (/[?#]/.test(url.href))
    return "must not have a query (?…) or a fragment (#…): request paths are added to it.";
  return undefined;
}

/**
 * The Glance v2 base URL of an endpoint: scheme and host lower-cased and default ports dropped
 * (as the URL parser does), trailing slashes trimmed, and `/v2` appended unless the last path
 * segment is `v2` or `v2.N`. The `href`s of Glance's version document are never followed: they
 * can name hosts only reachable inside the cloud. The URL must have passed {@link endpointProblem}.
 */
export function glanceV2Url(endpoint: string): string {
  const url = new URL(endpoint);
  const path = url.pathname.replace(/\/{2,}/g, "/").replace(/\/+$/, "");
  const last = path.slice(path.lastIndexOf("/") + 1);
  return `${url.origin}${/^v2(\.\d+)?$/.test(last) ? path : `${path}/v2`}`;
}

/**
 * What two Glance URLs are compared by: the same scheme, host, port and path, whatever the case
 * of scheme and host, an explicit default port, a trailing dot on the host, the loopback name
 * used (`localhost`, `127.0.0.1`, `[::1]`), or the minor version (`/v2.15` is `/v2`). Works on
 * URLs recorded by older versions too, credentials and all (they are not part of the key).
 */
export function glanceLocationKey(glanceUrl: string): string {
  let url: URL;
  try {
    url = new URL(glanceV2Url(glanceUrl));
  } catch {
    return `unparsable:${glanceUrl}`;
  }
  const host = url.hostname.replace(/\.$/, "");
  const loopback = host === "localhost" || host === "127.0.0.1" || host === "[::1]";
  const port = url.port || (url.protocol === "https:" ? "443" : "80");
  const path = url.pathname.replace(/\/v2(\.\d+)?$/, "/v2");
  return `${url.protocol}//${loopback ? "loopback" : host}:${port}${path}`;
}

/** True when both URLs name the same Glance by {@link glanceLocationKey}. */
export function sameGlanceUrl(a: string, b: string): boolean {
  return glanceLocationKey(a) === glanceLocationKey(b);
}

/** A recorded URL as it may be shown: without user-info, query or fragment (state of 0.1.0 may hold them). */
export function printableUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = "";
    u.password = "";
    u.search = "";
    u.hash = "";
    return u.toString().replace(/\/$/, "");
  } catch {
    return "<invalid URL>";
  }
}
