/** How a test cloud's users log in, in the forms OpenStack tools take: `OS_*` variables and clouds.yaml. */
import { stringify } from "yaml";
import type { CloudFixtures, Role } from "./fixtures";

const ROLES: readonly Role[] = ["owner", "consumer", "third"];

/** Name of `role`'s entry in {@link cloudsYaml}: `local-owner`, `local-consumer`, `local-third`. */
export function cloudName(role: Role): string {
  return `local-${role}`;
}

/** The `OS_*` environment that logs in as `role`'s user on its own project, as the OpenStack CLI takes it. */
export function osEnvironment(f: CloudFixtures, role: Role): Record<string, string> {
  return {
    OS_AUTH_URL: f.authUrl,
    OS_USERNAME: f.users[role].name,
    OS_PASSWORD: f.users[role].password,
    OS_PROJECT_NAME: f.projects[role].name,
    OS_USER_DOMAIN_NAME: f.domain,
    OS_PROJECT_DOMAIN_NAME: f.domain,
    OS_REGION_NAME: f.region,
  };
}

/** The same login as a clouds.yaml entry (`clouds.<name>`). */
export function cloudsYamlEntry(f: CloudFixtures, role: Role) {
  return {
    auth: {
      auth_url: f.authUrl,
      username: f.users[role].name,
      password: f.users[role].password,
      project_name: f.projects[role].name,
      user_domain_name: f.domain,
      project_domain_name: f.domain,
    },
    region_name: f.region,
  };
}

/** A whole clouds.yaml with one entry per user (see {@link cloudName}), for `--os-cloud` / `OS_CLOUD`. */
export function cloudsYaml(f: CloudFixtures): string {
  return stringify({ clouds: Object.fromEntries(ROLES.map((r) => [cloudName(r), cloudsYamlEntry(f, r)])) });
}

/**
 * A token for `role`'s user scoped to its project, fetched from the cloud's Keystone the way any
 * client would (for tests of bare-token setups, or raw requests).
 */
export async function passwordToken(f: CloudFixtures, role: Role): Promise<string> {
  const user = { name: f.users[role].name, domain: { name: f.domain }, password: f.users[role].password };
  const res = await fetch(`${f.authUrl}/auth/tokens`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      auth: {
        identity: { methods: ["password"], password: { user } },
        scope: { project: { id: f.projects[role].id } },
      },
    }),
  });
  await res.text();
  const token = res.headers.get("x-subject-token");
  if (res.status !== 201 || !token)
    throw new Error(`Keystone answered ${res.status} to ${f.users[role].name}'s login`);
  return token;
}
