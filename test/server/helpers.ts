/** Raw HTTP against a local cloud for the server's own tests. */
import { call as http, type RawResponse as Res } from "../conformance/http";
import type { LocalCloud } from "../../provider/testing";
import type { Role } from "../../provider/testing/fixtures";

/** The conformance suite's raw client (undici only, nothing from the library under test). */
export { http, type Res };

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
