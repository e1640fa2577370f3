import type { CloudFixtures, Role } from "../../provider/testing/fixtures";

/** The `OS_*` environment of a test cloud's user, logging in by name on its own project. */
export function osEnv(f: CloudFixtures, role: Role, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    OS_AUTH_URL: f.authUrl,
    OS_USERNAME: f.users[role].name,
    OS_PASSWORD: f.users[role].password,
    OS_PROJECT_NAME: f.projects[role].name,
    OS_USER_DOMAIN_NAME: f.domain,
    OS_PROJECT_DOMAIN_NAME: f.domain,
    OS_REGION_NAME: f.region,
    ...extra,
  };
}
