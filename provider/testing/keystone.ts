/**
 * Keystone v3, the part clients use to authenticate: version documents,
 * `POST /v3/auth/tokens` (password, application_credential and token methods; project,
 * domain or no scope), `GET`/`HEAD`/`DELETE /v3/auth/tokens`; the project and user reads the
 * OpenStack clients make are in keystone-read.ts. Answers, status codes and error bodies are
 * those of Keystone (Zed).
 */
import type { CatalogEntry } from "./catalog";
import type { Exchange } from "./exchange";
import { type Body, keystoneError } from "./error-bodies";
import { KeystoneFailure, unauthorized } from "./keystone-failure";
import { KeystoneReadApi } from "./keystone-read";
import type { ApplicationCredential, IdentityStore, KeystoneRole, User } from "./identity-store";
import { pythonJson } from "./python-json";
import { keystoneTime, type NewToken, type TokenRecord, type TokenStore } from "./tokens";

const BAD_REQUEST_SUFFIX =
  " The server could not comply with the request since it is either malformed or otherwise incorrect." +
  " The client is assumed to be in error.";
const NOT_JSON = "Expecting to find valid JSON in request body." + BAD_REQUEST_SUFFIX;
const VERSION = { id: "v3.14", status: "stable", updated: "2020-04-07T00:00:00Z" };
const MEDIA_TYPES = [{ base: "application/json", type: "application/vnd.openstack.identity-v3+json" }];
const NOT_FOUND_PAGE =
  "<!doctype html>\n<html lang=en>\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n" +
  "<p>The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.</p>\n";

const badRequest = (message: string) => new KeystoneFailure(400, message + BAD_REQUEST_SUFFIX);

/** Who authenticated, before scoping. */
interface Identity {
  user: User;
  methods: string[];
  appCred?: ApplicationCredential;
  parent?: TokenRecord;
}

export class KeystoneApi {
  private readonly reads: KeystoneReadApi;

  constructor(
    private readonly identity: IdentityStore,
    private readonly tokens: TokenStore,
    /** The catalog, set once the server knows its port. */
    private readonly catalog: () => CatalogEntry[],
    private readonly baseUrl: () => string,
  ) {
    this.reads = new KeystoneReadApi(identity, baseUrl);
  }

  /** Serve a request to `/` or `/v3…`. */
  async handle(ex: Exchange): Promise<void> {
    try {
      await this.route(ex);
    } catch (e) {
      if (!(e instanceof KeystoneFailure)) throw e;
      this.sendError(ex, keystoneError(e.status, e.message, e.extra), e.status);
    }
  }

  private async route(ex: Exchange): Promise<void> {
    const path = ex.path.length > 1 && ex.path.endsWith("/") ? ex.path.slice(0, -1) : ex.path;
    const base = this.baseUrl();
    if (path === "/" || path === "") {
      const links = [{ rel: "self", href: `${base}/v3/` }];
      const body = pythonJson({ versions: { values: [{ ...VERSION, links, "media-types": MEDIA_TYPES }] } });
      return this.send(ex, 300, { "content-type": "application/json", location: `${base}/v3/` }, body);
    }
    if (path === "/v3") {
      const links = [{ rel: "self", href: `${base}/v3/` }];
      const body = pythonJson({ version: { ...VERSION, links, "media-types": MEDIA_TYPES } });
      return this.send(ex, 200, { "content-type": "application/json" }, body);
    }
    if (path === "/v3/auth/tokens") {
      switch (ex.method) {
        case "POST":
          return this.issue(ex);
        case "GET":
        case "HEAD":
          return this.validate(ex);
        case "DELETE":
          return this.revoke(ex);
      }
      throw new KeystoneFailure(405, "The method is not allowed for the requested URL.");
    }
    if ((ex.method === "GET" || ex.method === "HEAD") && this.reads.serves(path)) {
      const caller = this.tokens.valid(ex.header("x-auth-token"));
      if (!caller) throw unauthorized();
      const body = pythonJson(this.reads.answer(path, ex.query, caller));
      return this.send(
        ex,
        200,
        { "content-type": "application/json" },
        ex.method === "HEAD" ? undefined : body,
      );
    }
    this.send(ex, 404, { "content-type": "text/html; charset=utf-8" }, NOT_FOUND_PAGE);
  }

  /** `POST /v3/auth/tokens` → 201, `X-Subject-Token`. */
  private async issue(ex: Exchange): Promise<void> {
    const raw = await ex.readBody();
    let request: unknown;
    try {
      request = JSON.parse(raw === undefined ? "" : raw.toString("utf8"));
    } catch {
      throw new KeystoneFailure(400, NOT_JSON);
    }
    const auth = (request as { auth?: unknown } | null)?.auth;
    if (!isObject(auth)) throw new KeystoneFailure(400, "'auth' is a required property");
    const identitySection = auth.identity;
    if (!isObject(identitySection)) throw new KeystoneFailure(400, "'identity' is a required property");
    const methods = identitySection.methods;
    if (!Array.isArray(methods) || methods.length === 0 || methods.some((m) => typeof m !== "string")) {
      throw new KeystoneFailure(400, "'methods' is a required property");
    }
    const who = this.authenticate(identitySection, methods as string[]);
    const spec = this.scope(who, auth.scope);
    const record = this.tokens.issue(spec, who.parent);
    const body = this.tokenBody(record);
    this.send(ex, 201, { "content-type": "application/json", "x-subject-token": record.id }, body);
  }

  /** `GET`/`HEAD /v3/auth/tokens`: validate `X-Subject-Token` for the holder of `X-Auth-Token`. */
  private validate(ex: Exchange): void {
    const caller = this.tokens.valid(ex.header("x-auth-token"));
    if (!caller) throw unauthorized();
    const subjectId = ex.header("x-subject-token");
    if (!subjectId) {
      throw new KeystoneFailure(
        403,
        "You are not authorized to perform the requested action: identity:validate_token.",
      );
    }
    const subject = this.subject(subjectId);
    if (subject.userId !== caller.userId && !caller.isAdmin) {
      throw new KeystoneFailure(
        403,
        "You are not authorized to perform the requested action: identity:validate_token.",
      );
    }
    const nocatalog = /(^|&)nocatalog(=|&|$)/.test(ex.query);
    const body = this.tokenBody(subject, !nocatalog);
    if (ex.method === "HEAD") {
      this.send(ex, 200, { "content-type": "application/json", "x-subject-token": subject.id });
      return;
    }
    this.send(ex, 200, { "content-type": "application/json", "x-subject-token": subject.id }, body);
  }

  /** `DELETE /v3/auth/tokens`: revoke `X-Subject-Token` → 204. */
  private revoke(ex: Exchange): void {
    const caller = this.tokens.valid(ex.header("x-auth-token"));
    if (!caller) throw unauthorized();
    const subject = this.subject(ex.header("x-subject-token") ?? "");
    if (subject.userId !== caller.userId && !caller.isAdmin) {
      throw new KeystoneFailure(
        403,
        "You are not authorized to perform the requested action: identity:revoke_token.",
      );
    }
    subject.revoked = true;
    this.send(ex, 204, {});
  }

  /** A token to validate or revoke: unknown → 404, expired or revoked → 404. */
  private subject(id: string): TokenRecord {
    const valid = this.tokens.valid(id);
    if (valid) return valid;
    if (this.tokens.lookup(id)) throw new KeystoneFailure(404, "Failed to validate token");
    throw new KeystoneFailure(404, "Could not recognize Fernet token");
  }

  private authenticate(section: Record<string, unknown>, methods: string[]): Identity {
    if (methods.includes("application_credential")) {
      return this.authAppCred(section.application_credential);
    }
    if (methods.includes("password")) return this.authPassword(section.password);
    if (methods.includes("token")) return this.authToken(section.token);
    throw unauthorized();
  }

  private authPassword(section: unknown): Identity {
    if (!isObject(section) || !isObject(section.user))
      throw new KeystoneFailure(400, "'user' is a required property");
    const ref = section.user;
    const user = this.findUser(ref);
    if (!user || typeof ref.password !== "string" || ref.password !== user.password) throw unauthorized();
    return { user, methods: ["password"] };
  }

  private authAppCred(section: unknown): Identity {
    if (!isObject(section) || typeof section.secret !== "string") throw unauthorized();
    let cred: ApplicationCredential | undefined;
    if (typeof section.id === "string") {
      cred = this.identity.appCredById(section.id);
    } else if (typeof section.name === "string" && isObject(section.user)) {
      const user = this.findUser(section.user);
      cred = user && this.identity.appCredByName(user.id, section.name);
    }
    if (!cred || cred.secret !== section.secret) throw unauthorized();
    const user = this.identity.userById(cred.userId);
    if (!user) throw unauthorized();
    return { user, methods: ["application_credential"], appCred: cred };
  }

  private authToken(section: unknown): Identity {
    const id = isObject(section) && typeof section.id === "string" ? section.id : "";
    const parent = this.subject(id);
    if (parent.appCredId) {
      throw new KeystoneFailure(
        403,
        "You are not authorized to perform the requested action: rescoping an application credential token.",
      );
    }
    const user = this.identity.userById(parent.userId);
    if (!user) throw unauthorized();
    const methods = ["token", ...parent.methods.filter((m) => m !== "token")];
    return { user, methods, parent };
  }

  /** A user by `{id}` or by `{name, domain: {id | name}}` (a name without a domain is a 400). */
  private findUser(ref: Record<string, unknown>): User | undefined {
    if (typeof ref.id === "string") return this.identity.userById(ref.id);
    if (typeof ref.name !== "string") throw badRequest("Expecting to find id or name in user.");
    if (!isObject(ref.domain)) throw badRequest("Expecting to find domain in user.");
    const domain = this.identity.findDomain(ref.domain);
    return domain && this.identity.userByName(domain.id, ref.name);
  }

  /** Apply the requested scope (or the default project, or the parent token's scope). */
  private scope(who: Identity, scope: unknown): NewToken {
    const base = { userId: who.user.id, methods: who.methods };
    if (who.appCred) {
      if (scope !== undefined) {
        throw unauthorized(
          "Error authenticating with application credential: Application credentials cannot request a scope.",
          {
            identity: {},
          },
        );
      }
      return {
        ...base,
        projectId: who.appCred.projectId,
        roles: who.appCred.roles,
        appCredId: who.appCred.id,
      };
    }
    if (scope === undefined || scope === null) {
      if (who.parent) {
        const { projectId, domainId, roles } = who.parent;
        return { ...base, projectId, domainId, roles };
      }
      const projectId = who.user.defaultProjectId;
      const roles = projectId ? this.identity.rolesOn(who.user.id, projectId) : [];
      if (projectId && roles.length > 0) return { ...base, projectId, roles };
      return { ...base, roles: [] };
    }
    if (!isObject(scope)) throw new KeystoneFailure(400, "Invalid scope");
    if (isObject(scope.project)) {
      const ref = scope.project;
      let project;
      if (typeof ref.id === "string") {
        project = this.identity.projectById(ref.id);
      } else if (typeof ref.name === "string") {
        if (!isObject(ref.domain)) throw badRequest("Expecting to find domain in project.");
        const domain = this.identity.findDomain(ref.domain);
        project = domain && this.identity.projectByName(domain.id, ref.name);
      } else {
        throw badRequest("Expecting to find id or name in project.");
      }
      const roles = project ? this.identity.rolesOn(who.user.id, project.id) : [];
      if (!project || roles.length === 0) throw unauthorized();
      return { ...base, projectId: project.id, roles };
    }
    if (isObject(scope.domain)) {
      const domain = this.identity.findDomain(scope.domain);
      const roles = domain ? this.identity.rolesOn(who.user.id, "domain:" + domain.id) : [];
      if (!domain || roles.length === 0) throw unauthorized();
      return { ...base, domainId: domain.id, roles };
    }
    throw unauthorized();
  }

  /** The `{"token": …}` body (cached per token: a token never changes). */
  private tokenBody(record: TokenRecord, withCatalog = true): string {
    if (withCatalog && record.body !== undefined) return record.body;
    const user = this.identity.userById(record.userId);
    const domainRef = (id: string) => ({ id, name: this.identity.domainById(id)?.name ?? id });
    const token: Record<string, unknown> = {
      methods: record.methods,
      user: {
        domain: domainRef(user?.domainId ?? "default"),
        id: record.userId,
        name: user?.name,
        password_expires_at: null,
      },
      audit_ids: record.auditIds,
      expires_at: keystoneTime(record.expiresAt),
      issued_at: keystoneTime(record.issuedAt),
    };
    const scoped = record.projectId !== undefined || record.domainId !== undefined;
    if (record.projectId !== undefined) {
      const project = this.identity.projectById(record.projectId);
      token.project = {
        domain: domainRef(project?.domainId ?? "default"),
        id: record.projectId,
        name: project?.name,
      };
      token.is_domain = false;
    } else if (record.domainId !== undefined) {
      token.domain = domainRef(record.domainId);
    }
    if (scoped) token.roles = record.roles.map((r: KeystoneRole) => ({ id: r.id, name: r.name }));
    if (scoped && withCatalog) token.catalog = this.catalog();
    if (record.appCredId !== undefined) {
      const cred = this.identity.appCredById(record.appCredId);
      token.application_credential = { id: record.appCredId, name: cred?.name, restricted: true };
    }
    const body = pythonJson({ token });
    if (withCatalog) record.body = body;
    return body;
  }

  private send(ex: Exchange, status: number, headers: Record<string, string>, body?: string): void {
    ex.send(status, { ...headers, vary: "X-Auth-Token" }, body);
  }

  private sendError(ex: Exchange, error: Body, status: number): void {
    const headers: Record<string, string> = { "content-type": error.contentType };
    if (status === 401) headers["www-authenticate"] = `Keystone uri="${this.baseUrl()}/v3"`;
    this.send(ex, status, headers, error.body);
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}
