/**
 * Raw HTTP for the conformance suite: undici's `request`, nothing from the library under
 * test, so the suite checks the servers and not our client code.
 */
import { request } from "undici";

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** Parsed body when it is JSON, else undefined. */
  json: unknown;
}

export interface CallOptions {
  token?: string;
  /** Sent as JSON. */
  json?: unknown;
  /** Sent verbatim (for malformed bodies). */
  raw?: string;
  /** Extra headers; `accept: ""` sends no `Accept` header. */
  headers?: Record<string, string>;
}

export async function call(method: string, url: string, options: CallOptions = {}): Promise<RawResponse> {
  const headers: Record<string, string> = { accept: "application/json", ...options.headers };
  if (headers.accept === "") delete headers.accept; // no Accept header at all
  if (options.token) headers["x-auth-token"] = options.token;
  let body: string | undefined;
  if (options.json !== undefined) {
    body = JSON.stringify(options.json);
    headers["content-type"] ??= "application/json";
  } else if (options.raw !== undefined) {
    body = options.raw;
    headers["content-type"] ??= "application/json";
  }
  const res = await request(url, { method: method as "GET", headers, body });
  const text = await res.body.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.statusCode, headers: res.headers, text, json };
}

export interface Login {
  user: string;
  password: string;
  project: string;
  domain: string;
}

/** Keystone v3 password auth scoped to a project by name → the token. */
export async function passwordToken(authUrl: string, login: Login): Promise<string> {
  const res = await call("POST", `${authUrl.replace(/\/+$/, "")}/auth/tokens`, {
    json: {
      auth: {
        identity: {
          methods: ["password"],
          password: { user: { name: login.user, domain: { name: login.domain }, password: login.password } },
        },
        scope: { project: { name: login.project, domain: { name: login.domain } } },
      },
    },
  });
  const token = res.headers["x-subject-token"];
  if (res.status !== 201 || typeof token !== "string") {
    throw new Error(
      `login of ${login.user} on ${login.project} failed: ${res.status} ${res.text.slice(0, 200)}`,
    );
  }
  return token;
}

/** The Glance v2 root for a catalog image URL: append `/v2` unless it already ends in a version. */
export function glanceV2(imageUrl: string): string {
  const trimmed = imageUrl.replace(/\/+$/, "");
  return /\/v2(\.\d+)?$/.test(trimmed) ? trimmed : `${trimmed}/v2`;
}
