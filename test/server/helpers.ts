/** Raw HTTP against a local cloud for the server's own tests. */
import { request } from "undici";
import type { LocalCloud } from "../../provider/testing";
import type { Role } from "../../provider/testing/fixtures";

export interface Res {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: unknown;
}

export async function http(
  method: string,
  url: string,
  opts: { token?: string; json?: unknown; headers?: Record<string, string> } = {},
): Promise<Res> {
  const headers: Record<string, string> = { accept: "application/json", ...opts.headers };
  if (opts.token) headers["x-auth-token"] = opts.token;
  let body: string | undefined;
  if (opts.json !== undefined) {
    body = JSON.stringify(opts.json);
    headers["content-type"] = "application/json";
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

/** Password auth as a role's user, scoped to its project (by name). */
export async function login(cloud: LocalCloud, role: Role): Promise<{ token: string; res: Res }> {
  const f = cloud.fixtures;
  const res = await http("POST", `${f.authUrl}/auth/tokens`, {
    json: {
      auth: {
        identity: {
          methods: ["password"],
          password: {
            user: { name: f.users[role].name, domain: { name: f.domain }, password: f.users[role].password },
          },
        },
        scope: { project: { name: f.projects[role].name, domain: { name: f.domain } } },
      },
    },
  });
  const token = res.headers["x-subject-token"];
  if (res.status !== 201 || typeof token !== "string")
    throw new Error(`login failed: ${res.status} ${res.text}`);
  return { token, res };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
