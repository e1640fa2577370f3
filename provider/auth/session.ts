import { createHash } from "node:crypto";
import type { Authorizer } from "../http/service-client";
import { withHeaders, type HttpRequest, type Transport } from "../http/transport";
import { issueToken, type Token } from "./keystone";
import { SETTING_NAMES, type AuthSettings } from "./settings";

/** Tokens are renewed when less than this remains, as keystoneauth does. */
export const RENEW_BEFORE_EXPIRY_MS = 120_000;

/**
 * One identity's Keystone token, shared by every resource that uses the same credentials.
 * Concurrent callers wait on a single token request instead of each making their own.
 */
export class KeystoneSession implements Authorizer {
  private current?: Token;
  private pending?: Promise<Token>;

  constructor(
    private readonly transport: Transport,
    private readonly settings: AuthSettings,
    private readonly now: () => number = Date.now,
  ) {}

  async token(): Promise<Token> {
    if (this.current && this.current.expiresAt - this.now() > RENEW_BEFORE_EXPIRY_MS) return this.current;
    return this.refresh();
  }

  async authorize(req: HttpRequest): Promise<HttpRequest> {
    const token = await this.token();
    return withHeaders(req, { "x-auth-token": token.value });
  }

  async renew(rejected: HttpRequest): Promise<boolean> {
    if (this.current && rejected.headers?.["x-auth-token"] === this.current.value) this.current = undefined;
    return true;
  }

  private refresh(): Promise<Token> {
    this.pending ??= issueToken(this.transport, this.settings)
      .then((token) => (this.current = token))
      .finally(() => (this.pending = undefined));
    return this.pending;
  }
}

/** A token given as is, for an explicit endpoint: nothing to renew, nothing known of its project. */
export class StaticTokenAuthorizer implements Authorizer {
  constructor(private readonly value: string) {}

  async authorize(req: HttpRequest): Promise<HttpRequest> {
    return withHeaders(req, { "x-auth-token": this.value });
  }

  async renew(): Promise<boolean> {
    return false;
  }
}

/** The sessions of one provider process, one per distinct identity. */
export class SessionPool {
  private readonly sessions = new Map<string, KeystoneSession>();
  /** The same settings object always names the same identity: spares hashing it at every call. */
  private readonly bySettings = new WeakMap<AuthSettings, KeystoneSession>();

  /** `now` is the clock tokens are judged by (tests move it). */
  constructor(private readonly now: () => number = Date.now) {}

  sessionFor(settings: AuthSettings, transport: Transport): KeystoneSession {
    const known = this.bySettings.get(settings);
    if (known) return known;
    const key = identityKey(settings);
    let session = this.sessions.get(key);
    if (!session) {
      session = new KeystoneSession(transport, settings, this.now);
      this.sessions.set(key, session);
    }
    this.bySettings.set(settings, session);
    return session;
  }

  /** How many identities have a session (one token request or more each). */
  get size(): number {
    return this.sessions.size;
  }
}

/**
 * Every setting's value (not where it came from), hashed so the key never holds a secret: two
 * resources share a token only when nothing that could change the token or reach it differs.
 */
function identityKey(s: AuthSettings): string {
  return createHash("sha256")
    .update(JSON.stringify(SETTING_NAMES.map((name) => s[name] ?? null)))
    .digest("hex");
}
