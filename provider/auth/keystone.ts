import { HttpError, ImageMemberError } from "../errors";
import { Transport, headerValue, redactUrl, unexpectedStatus, type HttpRequest } from "../http/transport";
import type { CatalogService } from "./catalog";
import { whereToSet, type AuthSettings } from "./settings";

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

/** Gets a new token from Keystone v3 with whichever credentials the settings hold. */
export async function issueToken(transport: Transport, settings: AuthSettings): Promise<Token> {
  const authUrl = settings.authUrl;
  if (!authUrl) throw missing("authUrl", "to authenticate with Keystone");
  const url = `${identityV3Url(authUrl)}/auth/tokens`;
  const req: HttpRequest =
    settings.token && !hasSecretCredentials(settings)
      ? { method: "GET", url, headers: { "x-auth-token": settings.token, "x-subject-token": settings.token } }
      : { method: "POST", url, body: { auth: authBody(settings) } };
  const res = await transport.send(req);
  const expected = req.method === "POST" ? 201 : 200;
  if (res.status !== expected)
    throw authFailure(req, unexpectedStatus(req, res, "Keystone refused to issue a token"));
  const value = req.method === "POST" ? headerValue(res.headers, "x-subject-token") : settings.token;
  if (!value)
    throw new ImageMemberError("ERR_AUTH_FAILED", `Keystone answered ${redactUrl(url)} without a token.`);
  return parseToken(value, res.text);
}

function hasSecretCredentials(s: AuthSettings): boolean {
  return Boolean(s.password || s.applicationCredentialSecret);
}

function authBody(s: AuthSettings): object {
  if (s.applicationCredentialSecret) return { identity: applicationCredential(s) };
  if (!s.password) throw missing("password", "with a user name or id");
  const identity = {
    methods: ["password"],
    password: { user: { ...user(s), password: s.password } },
  };
  const scope = scopeOf(s);
  return scope ? { identity, scope } : { identity };
}

function applicationCredential(s: AuthSettings): object {
  const secret = s.applicationCredentialSecret;
  if (s.applicationCredentialId) {
    return {
      methods: ["application_credential"],
      application_credential: { id: s.applicationCredentialId, secret },
    };
  }
  if (!s.applicationCredentialName)
    throw missing("applicationCredentialId", "with the application credential secret");
  return {
    methods: ["application_credential"],
    application_credential: { name: s.applicationCredentialName, secret, user: user(s) },
  };
}

function user(s: AuthSettings): object {
  if (s.userId) return { id: s.userId };
  if (!s.userName) throw missing("userName", "(or userId) with the password");
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
  const token = (JSON.parse(body) as { token?: Record<string, unknown> }).token ?? {};
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

function authFailure(req: HttpRequest, error: HttpError): HttpError {
  if (error.status !== 401 && error.status !== 404) return error;
  const what = req.method === "GET" ? "the token" : "the credentials";
  return error.recast(
    "ERR_AUTH_FAILED",
    `Keystone did not accept ${what}`,
    req.method === "GET"
      ? "The token is expired or revoked: get a new one, or configure a user or application credential instead."
      : `Check the user, password or application credential and the project (${whereToSet("projectName")}, or ${whereToSet("projectId")}).`,
  );
}

function missing(name: keyof AuthSettings, why: string): ImageMemberError {
  return new ImageMemberError("ERR_MISSING_SETTING", `Missing setting ${name} ${why}.`, {
    hint: `Set ${whereToSet(name)}.`,
  });
}
