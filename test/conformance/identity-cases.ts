/**
 * The Keystone table: the token requests clients of this package make (password,
 * application credential, token methods; validation), as a real Keystone answers them.
 *
 * Strings may hold placeholders, filled from the target's fixtures: `{domain}`,
 * `{owner.user.id}`, `{owner.user.name}`, `{owner.password}`, `{owner.project.id}`,
 * `{owner.project.name}` (same for consumer and third), `{ac.id}`, `{ac.name}`, `{ac.secret}`,
 * and tokens issued before the table runs: `{token.owner}`, `{token.consumer}`, `{token.admin}`,
 * `{token.revoked}` (revoked with DELETE /v3/auth/tokens).
 */
import type { Party } from "./cases";

export interface IdentityCase {
  name: string;
  method: "POST" | "GET" | "HEAD" | "DELETE";
  /** Path after the auth URL (`/v3`); may hold placeholders. */
  path: string;
  body?: unknown;
  /** Sent verbatim instead of `body`. */
  raw?: string;
  headers?: Record<string, string>;
  expect: {
    status: number;
    /** `error.message` of Keystone's error body (with `partial`: its beginning). */
    message?: string;
    partial?: boolean;
    /** What the issued or validated token must say. */
    token?: {
      methods: string[];
      project: Party;
      roles: string[];
      applicationCredential?: boolean;
      /** `expires_at` equals that of `{token.owner}`. */
      sameExpiryAsOwnerToken?: boolean;
    };
    /** The project of a `{"project": …}` answer. */
    project?: Party;
    /** The projects of a `{"projects": […]}` answer, in order. */
    projects?: Party[];
    /** The user of a `{"user": …}` answer. */
    user?: Party;
  };
}

const password = (user: Record<string, unknown>, scope?: unknown) => ({
  auth: {
    identity: { methods: ["password"], password: { user } },
    ...(scope === undefined ? {} : { scope }),
  },
});
const alice = { name: "{owner.user.name}", domain: { name: "{domain}" }, password: "{owner.password}" };
const ownerByName = { project: { name: "{owner.project.name}", domain: { name: "{domain}" } } };
const appCred = (cred: Record<string, unknown>, scope?: unknown) => ({
  auth: {
    identity: { methods: ["application_credential"], application_credential: cred },
    ...(scope === undefined ? {} : { scope }),
  },
});
const UNAUTHORIZED = "The request you have made requires authentication.";
const forbidden = (rule: string) => `You are not authorized to perform the requested action: ${rule}.`;
const OWNER_TOKEN = { methods: ["password"], project: "owner" as const, roles: ["member", "reader"] };

export const IDENTITY_CASES: IdentityCase[] = [
  {
    name: "version document",
    method: "GET",
    path: "",
    expect: { status: 200 },
  },
  {
    name: "password, user and project by name",
    method: "POST",
    path: "/auth/tokens",
    body: password(alice, ownerByName),
    expect: { status: 201, token: OWNER_TOKEN },
  },
  {
    name: "password, domain by id, project by id",
    method: "POST",
    path: "/auth/tokens",
    body: password(
      { name: "{owner.user.name}", domain: { id: "default" }, password: "{owner.password}" },
      { project: { id: "{owner.project.id}" } },
    ),
    expect: { status: 201, token: OWNER_TOKEN },
  },
  {
    name: "password, user by id",
    method: "POST",
    path: "/auth/tokens",
    body: password(
      { id: "{consumer.user.id}", password: "{consumer.password}" },
      { project: { id: "{consumer.project.id}" } },
    ),
    expect: { status: 201, token: { ...OWNER_TOKEN, project: "consumer" } },
  },
  {
    name: "password without scope: the default project",
    method: "POST",
    path: "/auth/tokens",
    body: password(alice),
    expect: { status: 201, token: OWNER_TOKEN },
  },
  {
    name: "wrong password",
    method: "POST",
    path: "/auth/tokens",
    body: password({ ...alice, password: "wrong" }, ownerByName),
    expect: { status: 401, message: UNAUTHORIZED },
  },
  {
    name: "unknown user",
    method: "POST",
    path: "/auth/tokens",
    body: password({ ...alice, name: "nobody-here" }, ownerByName),
    expect: { status: 401, message: UNAUTHORIZED },
  },
  {
    name: "user name without a domain",
    method: "POST",
    path: "/auth/tokens",
    body: password({ name: "{owner.user.name}", password: "{owner.password}" }),
    expect: { status: 400, message: "Expecting to find domain in user.", partial: true },
  },
  {
    name: "project name without a domain",
    method: "POST",
    path: "/auth/tokens",
    body: password(alice, { project: { name: "{owner.project.name}" } }),
    expect: { status: 400, message: "Expecting to find domain in project.", partial: true },
  },
  {
    name: "project the user has no role on",
    method: "POST",
    path: "/auth/tokens",
    body: password(alice, { project: { id: "{consumer.project.id}" } }),
    expect: { status: 401, message: UNAUTHORIZED },
  },
  {
    name: "domain scope without a domain role",
    method: "POST",
    path: "/auth/tokens",
    body: password(alice, { domain: { id: "default" } }),
    expect: { status: 401, message: UNAUTHORIZED },
  },
  {
    name: "malformed JSON",
    method: "POST",
    path: "/auth/tokens",
    raw: '{"auth": ',
    expect: { status: 400, message: "Expecting to find valid JSON in request body.", partial: true },
  },
  {
    name: "application credential by id",
    method: "POST",
    path: "/auth/tokens",
    body: appCred({ id: "{ac.id}", secret: "{ac.secret}" }),
    expect: {
      status: 201,
      token: {
        methods: ["application_credential"],
        project: "owner",
        roles: ["member"],
        applicationCredential: true,
      },
    },
  },
  {
    name: "application credential by name and user",
    method: "POST",
    path: "/auth/tokens",
    body: appCred({
      name: "{ac.name}",
      secret: "{ac.secret}",
      user: { name: "{owner.user.name}", domain: { name: "{domain}" } },
    }),
    expect: {
      status: 201,
      token: {
        methods: ["application_credential"],
        project: "owner",
        roles: ["member"],
        applicationCredential: true,
      },
    },
  },
  {
    name: "application credential with a scope",
    method: "POST",
    path: "/auth/tokens",
    body: appCred({ id: "{ac.id}", secret: "{ac.secret}" }, { project: { id: "{owner.project.id}" } }),
    expect: {
      status: 401,
      message:
        "Error authenticating with application credential: Application credentials cannot request a scope.",
    },
  },
  {
    name: "application credential, wrong secret",
    method: "POST",
    path: "/auth/tokens",
    body: appCred({ id: "{ac.id}", secret: "wrong" }),
    expect: { status: 401, message: UNAUTHORIZED },
  },
  {
    name: "token method rescopes, keeping the expiry",
    method: "POST",
    path: "/auth/tokens",
    body: {
      auth: {
        identity: { methods: ["token"], token: { id: "{token.owner}" } },
        scope: { project: { id: "{owner.project.id}" } },
      },
    },
    expect: {
      status: 201,
      token: {
        methods: ["token", "password"],
        project: "owner",
        roles: ["member", "reader"],
        sameExpiryAsOwnerToken: true,
      },
    },
  },
  {
    name: "token method, unknown token",
    method: "POST",
    path: "/auth/tokens",
    body: { auth: { identity: { methods: ["token"], token: { id: "gAAAAABnot-a-token" } } } },
    expect: { status: 404, message: "Could not recognize Fernet token" },
  },
  {
    name: "validate one's own token",
    method: "GET",
    path: "/auth/tokens",
    headers: { "x-auth-token": "{token.owner}", "x-subject-token": "{token.owner}" },
    expect: { status: 200, token: { ...OWNER_TOKEN, sameExpiryAsOwnerToken: true } },
  },
  {
    name: "check (HEAD) one's own token",
    method: "HEAD",
    path: "/auth/tokens",
    headers: { "x-auth-token": "{token.owner}", "x-subject-token": "{token.owner}" },
    expect: { status: 200 },
  },
  {
    name: "validate another user's token without admin",
    method: "GET",
    path: "/auth/tokens",
    headers: { "x-auth-token": "{token.consumer}", "x-subject-token": "{token.owner}" },
    expect: {
      status: 403,
      message: "You are not authorized to perform the requested action: identity:validate_token.",
    },
  },
  {
    name: "validate without X-Subject-Token",
    method: "GET",
    path: "/auth/tokens",
    headers: { "x-auth-token": "{token.owner}" },
    expect: {
      status: 403,
      message: "You are not authorized to perform the requested action: identity:validate_token.",
    },
  },
  {
    name: "validate an unknown token",
    method: "GET",
    path: "/auth/tokens",
    headers: { "x-auth-token": "{token.owner}", "x-subject-token": "gAAAAABnot-a-token" },
    expect: { status: 404, message: "Could not recognize Fernet token" },
  },
  {
    name: "validate a revoked token",
    method: "GET",
    path: "/auth/tokens",
    headers: { "x-auth-token": "{token.owner}", "x-subject-token": "{token.revoked}" },
    expect: { status: 404, message: "Failed to validate token" },
  },
  {
    name: "validate with an invalid X-Auth-Token",
    method: "GET",
    path: "/auth/tokens",
    headers: { "x-auth-token": "not-a-token", "x-subject-token": "{token.owner}" },
    expect: { status: 401, message: UNAUTHORIZED },
  },
  // ---- the project and user reads the OpenStack clients make around image calls -------------
  {
    name: "a user reads its own project",
    method: "GET",
    path: "/projects/{owner.project.id}",
    headers: { "x-auth-token": "{token.owner}" },
    expect: { status: 200, project: "owner" },
  },
  {
    name: "a user reads another project: 403, the client then falls back to the id",
    method: "GET",
    path: "/projects/{consumer.project.id}",
    headers: { "x-auth-token": "{token.owner}" },
    expect: { status: 403, message: forbidden("identity:get_project") },
  },
  {
    name: "a user reads a project that does not exist: 403, not 404",
    method: "GET",
    path: "/projects/no-such-project",
    headers: { "x-auth-token": "{token.owner}" },
    expect: { status: 403, message: forbidden("identity:get_project") },
  },
  {
    name: "a user lists projects by name (its own)",
    method: "GET",
    path: "/projects?name={owner.project.name}",
    headers: { "x-auth-token": "{token.owner}" },
    expect: { status: 403, message: forbidden("identity:list_projects") },
  },
  {
    name: "a user lists projects by another's name",
    method: "GET",
    path: "/projects?name={consumer.project.name}",
    headers: { "x-auth-token": "{token.consumer}" },
    expect: { status: 403, message: forbidden("identity:list_projects") },
  },
  {
    name: "a user lists its own projects",
    method: "GET",
    path: "/users/{owner.user.id}/projects",
    headers: { "x-auth-token": "{token.owner}" },
    expect: { status: 200, projects: ["owner"] },
  },
  {
    name: "a user lists another user's projects",
    method: "GET",
    path: "/users/{consumer.user.id}/projects",
    headers: { "x-auth-token": "{token.owner}" },
    expect: { status: 403, message: forbidden("identity:list_user_projects") },
  },
  {
    name: "the projects a token's user can scope to",
    method: "GET",
    path: "/auth/projects",
    headers: { "x-auth-token": "{token.consumer}" },
    expect: { status: 200, projects: ["consumer"] },
  },
  {
    name: "a user reads itself",
    method: "GET",
    path: "/users/{consumer.user.id}",
    headers: { "x-auth-token": "{token.consumer}" },
    expect: { status: 200, user: "consumer" },
  },
  {
    name: "a user reads another user",
    method: "GET",
    path: "/users/{consumer.user.id}",
    headers: { "x-auth-token": "{token.owner}" },
    expect: { status: 403, message: forbidden("identity:get_user") },
  },
  {
    name: "a project read without a token",
    method: "GET",
    path: "/projects/{owner.project.id}",
    expect: { status: 401, message: UNAUTHORIZED },
  },
  {
    name: "an admin lists projects by name",
    method: "GET",
    path: "/projects?name={consumer.project.name}",
    headers: { "x-auth-token": "{token.admin}" },
    expect: { status: 200, projects: ["consumer"] },
  },
  {
    name: "an admin reads another project",
    method: "GET",
    path: "/projects/{third.project.id}",
    headers: { "x-auth-token": "{token.admin}" },
    expect: { status: 200, project: "third" },
  },
  {
    name: "an admin reads a project that does not exist",
    method: "GET",
    path: "/projects/no-such-project",
    headers: { "x-auth-token": "{token.admin}" },
    expect: { status: 404, message: "Could not find project: no-such-project." },
  },
];
