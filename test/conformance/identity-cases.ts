/**
 * The Keystone table: the token requests clients of this package make (password,
 * application credential, token methods; validation), as a real Keystone answers them.
 *
 * Strings may hold placeholders, filled from the target's fixtures: `{domain}`,
 * `{owner.user.id}`, `{owner.user.name}`, `{owner.password}`, `{owner.project.id}`,
 * `{owner.project.name}` (same for consumer and third), `{ac.id}`, `{ac.name}`, `{ac.secret}`,
 * and tokens issued before the table runs: `{token.owner}`, `{token.consumer}`,
 * `{token.revoked}` (revoked with DELETE /v3/auth/tokens).
 */
import type { Party } from "./cases";

export interface IdentityCase {
  name: string;
  method: "POST" | "GET" | "HEAD" | "DELETE";
  /** Path after the auth URL (`/v3`). */
  path: "" | "/auth/tokens";
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
];
