import { HttpError, ImageMemberError } from "../errors";
import { hidingSecrets } from "../hidden-text";
import {
  Transport,
  headerValue,
  redactUrl,
  unexpectedStatus,
  type HttpRequest,
  type HttpResponse,
} from "../http/transport";
import type { CatalogService } from "./catalog";
import { authMethodOf } from "./auth-method";
import { CREDENTIAL_SETTINGS, whereToSet, type AuthSettings, type SettingName } from "./settings";

/** A Keystone token and what it says about who holds it. */
export interface Token {
  value: string;
  expiresAt: number;
  /** Project the token is scoped to; absent for unscoped and domain-scoped tokens. */
  projectId?: string;
  projectName?: string;
  userId?: string;
  catalog: CatalogService[];
}

/** `auth_url` with or without `/v3`, always returned with it. */
export function identityV3Url(authUrl: string): string {
  const trimmed = authUrl.replace(/\/+$/, "");
  return /\/v3$/.test(trimmed) ? trimmed : `${trimmed}/v3`;
}

/**
 * Gets a new token from Keystone v3 with whichever credentials the settings hold: `POST` with a
 * password, an application credential or (to rescope it) a token; a token with no scope to
 * request is validated instead, with `GET`, to learn its project and catalog.
 */
export async function issueToken(transport: Transport, settings: AuthSettings): Promise<Token> {
  const authUrl = settings.authUrl;
  if (!authUrl) throw missing(settings, "authUrl", "to authenticate with Keystone");
  const url = `${identityV3Url(authUrl)}/auth/tokens`;
  const req = tokenRequest(url, settings);
  const res = await transport.send(req);
  const expected = req.method === "POST" ? 201 : 200;
  if (res.status !== expected) {
    const answer = withoutCredentials(res, settings);
    throw authFailure(req, unexpectedStatus(req, answer, "Keystone refused to issue a token"), settings);
  }
  const value = req.method === "POST" ? headerValue(res.headers, "x-subject-token") : settings.token;
  if (!value)
    throw new ImageMemberError("ERR_AUTH_FAILED", `Keystone answered ${redactUrl(url)} without a token.`);
  return parseToken(value, res.text);
}

function tokenRequest(url: string, s: AuthSettings): HttpRequest {
  const method = authMethodOf(s);
  switch (method) {
    case "application_credential":
      return { method: "POST", url, body: { auth: { identity: applicationCredential(s) } } };
    case "password":
      return { method: "POST", url, body: { auth: scoped(s, passwordIdentity(s)) } };
    case "token": {
      const token = s.token;
      if (!token) throw missing(s, "token", "for auth_type token");
      const scope = scopeOf(s);
      if (!scope) {
        return { method: "GET", url, headers: { "x-auth-token": token, "x-subject-token": token } };
      }
      return {
        method: "POST",
        url,
        body: { auth: { identity: { methods: ["token"], token: { id: token } }, scope } },
      };
    }
    default:
      throw new ImageMemberError("ERR_MISSING_SETTING", "No credentials to authenticate with Keystone.", {
        hint: `Set ${whereToSet("password", s)} with a user, or ${whereToSet("applicationCredentialSecret", s)}, or ${whereToSet("token", s)}.`,
      });
  }
}

/**
 * The answer with the credentials' own values cut out of its text: Keystone may quote what it did
 * not accept ("Could not find token: gAAAA…"), and its message is printed.
 */
function withoutCredentials(res: HttpResponse, s: AuthSettings): HttpResponse {
  const credentials = [...CREDENTIAL_SETTINGS].map((name) => s[name]).filter((v): v is string => !!v);
  return credentials.length === 0 ? res : { ...res, text: hidingSecrets(res.text, credentials) };
}

function passwordIdentity(s: AuthSettings): object {
  if (!s.password) throw missing(s, "password", "with a user name or id");
  return { methods: ["password"], password: { user: { ...user(s), password: s.password } } };
}

function scoped(s: AuthSettings, identity: object): object {
  const scope = scopeOf(s);
  return scope ? { identity, scope } : { identity };
}

/** An application credential by id, or by name with its user; it carries its own scope. */
function applicationCredential(s: AuthSettings): object {
  const secret = s.applicationCredentialSecret;
  if (!secret) throw missing(s, "applicationCredentialSecret", "for auth_type v3applicationcredential");
  if (s.applicationCredentialId) {
    return {
      methods: ["application_credential"],
      application_credential: { id: s.applicationCredentialId, secret },
    };
  }
  if (!s.applicationCredentialName)
    throw missing(s, "applicationCredentialId", "(or applicationCredentialName with a user) with the secret");
  return {
    methods: ["application_credential"],
    application_credential: { name: s.applicationCredentialName, secret, user: user(s) },
  };
}

function user(s: AuthSettings): object {
  if (s.userId) return { id: s.userId };
  if (!s.userName) throw missing(s, "userName", "(or userId)");
  return { name: s.userName, domain: domainRef(s.userDomainId, s.userDomainName, s) };
}

function scopeOf(s: AuthSettings): object | undefined {
  if (s.projectId) return { project: { id: s.projectId } };
  if (s.projectName) {
    return { project: { name: s.projectName, domain: domainRef(s.projectDomainId, s.projectDomainName, s) } };
  }
  if (s.domainId) return { domain: { id: s.domainId } };
  if (s.domainName) return { domain: { name: s.domainName } };
  return undefined;
}

/** A domain given explicitly, else the domain settings, else `default` as Terraform does. */
function domainRef(id: string | undefined, name: string | undefined, s: AuthSettings): object {
  if (id) return { id };
  if (name) return { name };
  if (s.domainId) return { id: s.domainId };
  if (s.domainName) return { name: s.domainName };
  return { id: s.defaultDomain ?? "default" };
}

function parseToken(value: string, body: string): Token {
  let parsed: { token?: Record<string, unknown> } | null;
  try {
    parsed = JSON.parse(body) as { token?: Record<string, unknown> } | null;
  } catch {
    throw new ImageMemberError(
      "ERR_AUTH_FAILED",
      "Keystone answered the token request with a body that is not JSON.",
      {
        hint: "Check that the auth URL is a Keystone v3 API (it ends in /v3 or is the Keystone root).",
      },
    );
  }
  const token = parsed?.token ?? {};
  const project = token.project as { id?: string; name?: string } | undefined;
  const expiresAt = Date.parse(String(token.expires_at ?? ""));
  return {
    value,
    expiresAt: Number.isNaN(expiresAt) ? Number.POSITIVE_INFINITY : expiresAt,
    projectId: project?.id,
    projectName: project?.name,
    userId: (token.user as { id?: string } | undefined)?.id,
    catalog: Array.isArray(token.catalog) ? (token.catalog as CatalogService[]) : [],
  };
}

function authFailure(req: HttpRequest, error: HttpError, s: AuthSettings): HttpError {
  if (error.status !== 401 && error.status !== 404) return error;
  const what = req.method === "GET" ? "the token" : "the credentials";
  return error.recast(
    "ERR_AUTH_FAILED",
    `Keystone did not accept ${what}`,
    req.method === "GET"
      ? "The token is expired or revoked: get a new one, or configure a user or application credential instead."
      : `Check the user, password or application credential and the project (${settingsUsed(s)}).`,
  );
}

function missing(s: AuthSettings, name: SettingName, why: string): ImageMemberError {
  return new ImageMemberError("ERR_MISSING_SETTING", `Missing setting ${name} ${why}.`, {
    hint: `Set ${whereToSet(name, s)}.`,
  });
}

/** "user from OS_USERNAME, project from openstack:tenantName": where the identity came from, no values. */
function settingsUsed(s: AuthSettings): string {
  const from = s.origin?.from ?? {};
  const used = (
    [
      "authUrl",
      "userName",
      "userId",
      "password",
      "applicationCredentialId",
      "applicationCredentialName",
      "projectName",
      "projectId",
    ] as const
  )
    .filter((name) => from[name] !== undefined)
    .map((name) => `${name} from ${from[name]}`);
  return used.length > 0
    ? `settings used: ${used.join(", ")}`
    : `${whereToSet("projectName", s)}, or ${whereToSet("projectId", s)}`;
}
