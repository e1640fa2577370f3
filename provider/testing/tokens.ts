/**
 * Issued Keystone tokens: an O(1) map from the opaque token to what it stands for, with
 * Keystone's expiry rules (times truncated to the second, like Fernet tokens).
 */
import { auditId, opaqueToken } from "./ids";
import type { KeystoneRole } from "./identity-store";

export interface TokenRecord {
  id: string;
  userId: string;
  methods: string[];
  /** Project scope. */
  projectId?: string;
  /** Domain scope. */
  domainId?: string;
  roles: KeystoneRole[];
  /** Application credential the token was issued for. */
  appCredId?: string;
  auditIds: string[];
  /** Milliseconds since the epoch, whole seconds. */
  issuedAt: number;
  expiresAt: number;
  /** Whether the token was revoked (`DELETE /v3/auth/tokens`). */
  revoked: boolean;
  /** Rendered response body, cached: tokens never change once issued. */
  body?: string;
  /** Whether the token carries the `admin` role (Glance's `context_is_admin`). */
  isAdmin: boolean;
}

const SWEEP_EVERY = 4096;

export type NewToken = Pick<
  TokenRecord,
  "userId" | "methods" | "projectId" | "domainId" | "roles" | "appCredId"
>;

export class TokenStore {
  private readonly tokens = new Map<string, TokenRecord>();
  private issuedSinceSweep = 0;

  constructor(private readonly ttlSeconds: number) {}

  /** Issue a token; `parent` (for the `token` method) keeps its expiry and audit chain. */
  issue(spec: NewToken, parent?: TokenRecord): TokenRecord {
    const issuedAt = Math.floor(Date.now() / 1000) * 1000;
    const record: TokenRecord = {
      ...spec,
      id: opaqueToken(),
      auditIds: parent ? [auditId(), parent.auditIds[0]] : [auditId()],
      issuedAt,
      expiresAt: parent ? parent.expiresAt : issuedAt + this.ttlSeconds * 1000,
      revoked: false,
      isAdmin: spec.roles.some((r) => r.name === "admin"),
    };
    this.tokens.set(record.id, record);
    if (++this.issuedSinceSweep >= SWEEP_EVERY) this.sweep();
    return record;
  }

  /** Forget tokens that expired over a minute ago, so long benchmarks do not grow memory. */
  private sweep(): void {
    this.issuedSinceSweep = 0;
    const limit = Date.now() - 60_000;
    for (const [id, record] of this.tokens) if (record.expiresAt < limit) this.tokens.delete(id);
  }

  /** A token that is known, not revoked and not expired. */
  valid(id: string | undefined): TokenRecord | undefined {
    if (!id) return undefined;
    const record = this.tokens.get(id);
    if (!record || record.revoked || record.expiresAt <= Date.now()) return undefined;
    return record;
  }

  /** A token whatever its state (for telling "expired" from "unknown"). */
  lookup(id: string): TokenRecord | undefined {
    return this.tokens.get(id);
  }

  /** Expire every token issued so far. */
  expireAll(): void {
    const past = Date.now() - 1000;
    for (const record of this.tokens.values()) record.expiresAt = past;
  }
}

/** Keystone's time format: `2026-11-28T20:00:00.000000Z`. */
export function keystoneTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 23) + "000Z";
}
