/** Public types of the local cloud (`pulumi-image-member/testing`). */
import type { CloudFixtures, Role } from "./fixtures";

/** Which API dialect the image service speaks. */
export type CloudFlavour = "glance" | "ims";

/** How member ids compare in Glance's database (see {@link LocalCloudOptions.memberIdCollation}). */
export type MemberIdCollation = "binary" | "case-insensitive";

/** Glance image visibility. */
export type ImageVisibility = "public" | "private" | "shared" | "community";

/** A rule of Glance's policy file on image members (`add_member`, …). */
export type MemberPolicyRule = "add_member" | "delete_member" | "modify_member";

/** Status of an image member, as Glance stores it. */
export type MemberStatus = "pending" | "accepted" | "rejected";

/** An image member exactly as Glance v2 returns it. */
export interface Member {
  /** Project id the image is shared with. */
  member_id: string;
  image_id: string;
  status: MemberStatus;
  /** `YYYY-MM-DDTHH:MM:SSZ`, like Glance. */
  created_at: string;
  updated_at: string;
  /** Always `/v2/schemas/member`. */
  schema: string;
}

/** Overrides of the seeded identities; anything left out gets the default (ids are random). */
export interface FixtureOverrides {
  /** Project names and ids (ids must be unique). */
  projects?: Partial<Record<Role, { id?: string; name?: string }>>;
  /** User names, ids and passwords. */
  users?: Partial<Record<Role, { id?: string; name?: string; password?: string }>>;
  /** The owner user's application credential. */
  applicationCredential?: { id?: string; name?: string; secret?: string };
}

/** Options of {@link startLocalCloud}. */
export interface LocalCloudOptions {
  /** TCP port; `0` (the default) picks a free one. */
  port?: number;
  /** Interface to listen on; only `127.0.0.1` is supported. */
  host?: "127.0.0.1";
  /**
   * `glance` (default): OpenStack Glance v2 as measured on a real server.
   * `ims`: Huawei Cloud IMS's native OpenStack API: private images can have members too,
   * errors are `{"error": {"code": "IMG.xxxx", "message": …}}`, and responses also carry
   * `x-request-id`.
   */
  flavour?: CloudFlavour;
  /** Lifetime of issued tokens in seconds (default 3600). */
  tokenTtlSeconds?: number;
  /** Glance `image_member_quota`: members per image (default 128; negative = unlimited). */
  memberQuota?: number;
  /**
   * How the database compares member ids. `binary` (default): as the sqlite the reference was
   * measured on, `ABC` and `abc` are two members. `case-insensitive`: as MySQL's usual collation,
   * the most common deployment, they are one (a second POST is a 409, and either spelling reaches
   * the member, which keeps the spelling it was made with).
   */
  memberIdCollation?: MemberIdCollation;
  /** Overrides of the seeded projects, users and application credential. */
  fixtures?: FixtureOverrides;
  /**
   * At most this many entries are kept in {@link LocalCloud.requests} (default 100000); the
   * oldest are dropped first, so long benchmarks do not grow memory without bound.
   */
  requestLogLimit?: number;
  /** Called with each request's record once it is answered (or its connection reset). */
  onRequestDone?: (record: RequestRecord) => void;
}

/**
 * A fault to inject. Rules are tried in the order they were added; the first whose `method`
 * and `path` match the request applies and uses up one of its `times`.
 */
export interface FaultRule {
  /** HTTP method (case-insensitive); any method when left out. */
  method?: string;
  /**
   * Request path without the query string, as the client sent it (e.g.
   * `/image/v2/images/<id>/members`, `/v3/auth/tokens`). A string matches as a PREFIX (so an
   * exact path matches too); a RegExp is tested against the path. Any path when left out.
   */
  path?: string | RegExp;
  /** How many requests the rule applies to (default 1; `Infinity` for all). */
  times?: number;
  /**
   * Answer with this status instead of serving the request. The body is `body` when given
   * (a string is sent as is, anything else as JSON), otherwise an error body in the style of
   * the service the path belongs to.
   */
  status?: number;
  /** Value of the `Retry-After` header of the faulted response. */
  retryAfter?: number | string;
  /** Body of the faulted response (see `status`). */
  body?: unknown;
  /** Destroy the connection without any response. */
  reset?: boolean;
  /**
   * With `status` or `reset`: serve the request first, so that its effects happen, and only then
   * answer with the fault — a response lost on its way back to the client.
   */
  afterServing?: boolean;
  /** Wait this long before answering (alone: then serve the request normally). */
  latencyMs?: number;
  /**
   * Never answer: the connection stays open until the client gives up (its request timeout).
   * With `afterServing` the request is carried out first: the work is done, the answer times out.
   */
  hang?: boolean;
  /**
   * Keep the request, neither served nor answered, until {@link FaultControls.releaseHeld}: only
   * then is it carried out (its answer thrown away), as a busy worker picks up a request after the
   * client gave up on it. The client meanwhile gets what the rest of the rule says: `status`,
   * `reset`, or, by default, no answer until it times out.
   */
  hold?: boolean;
}

/** Fault injection controls of a {@link LocalCloud}. */
export interface FaultControls {
  /** Append a rule (see {@link FaultRule}). */
  add(rule: FaultRule): void;
  /** Delay every request by `ms` milliseconds (0 turns it off). */
  setLatency(ms: number): void;
  /** Remove every rule and the global latency (requests held by a `hold` rule stay held). */
  clear(): void;
  /** Carry out every held request now, oldest first, throwing their answers away; resolves to how many. */
  releaseHeld(): Promise<number>;
  /** Requests held by `hold` rules, not yet released. */
  readonly held: number;
}

/** Which service a request was addressed to. */
export type ServiceName = "identity" | "image" | "other";

/** One request as the local cloud saw it. */
export interface RequestRecord {
  method: string;
  /** Path without the query string. */
  path: string;
  /** Query string as sent, without `?` (empty when none). */
  query: string;
  service: ServiceName;
  /** Region of the image endpoint used (image requests only). */
  region?: string;
  /** Whether an `X-Auth-Token` header was sent. */
  hasToken: boolean;
  /** Status sent; `0` when a fault reset the connection or sent no answer (`hang`, `hold`). */
  status: number;
}

/** Options of {@link LocalCloud.createImage}. */
export interface CreateImageOptions {
  /** Owning project id. */
  owner: string;
  /** Default `shared`, like Glance. */
  visibility?: ImageVisibility;
  name?: string;
  /** `RegionOne` (default) or `RegionTwo`. */
  region?: string;
}

/** What {@link LocalCloud.updateImage} changes. */
export interface ImageChange {
  /** New owning project id (an admin's `owner` change). */
  owner?: string;
  visibility?: ImageVisibility;
  /**
   * `active`: a queued image gets (empty) data, a deactivated one is reactivated; `deactivated`:
   * an active image is deactivated (a queued one throws, as Glance refuses it).
   */
  status?: "active" | "deactivated";
}

/** A running local Keystone v3 + Glance v2. */
export interface LocalCloud {
  /** Base URL, e.g. `http://127.0.0.1:41234` (no trailing slash). */
  url: string;
  /** Who and what the cloud holds; `authUrl` ends in `/v3`, `imageUrl` is RegionOne's public endpoint. */
  fixtures: CloudFixtures;
  /** Flavour this cloud speaks. */
  flavour: CloudFlavour;
  /** Fault injection. */
  faults: FaultControls;
  /** Make every token issued so far expired (Keystone 404 on validation, Glance 401). */
  expireAllTokens(): void;
  /** Log of the requests received, oldest first (the same array for the cloud's lifetime). */
  requests: RequestRecord[];
  /** Empty {@link requests}. */
  clearRequests(): void;
  /** Create an image directly (no HTTP); returns its id. */
  createImage(opts: CreateImageOptions): string;
  /** Every member of an image (all statuses), as the owner would list them. Throws if the image does not exist. */
  members(imageId: string, region?: string): Member[];
  /** Add a member directly (default status `pending`); replaces an existing one. */
  addMember(imageId: string, memberId: string, status?: MemberStatus, region?: string): Member;
  /** Change a member's status directly. Throws if the member does not exist. */
  setMemberStatus(imageId: string, memberId: string, status: MemberStatus, region?: string): Member;
  /** Remove a member directly; returns whether it existed. */
  removeMember(imageId: string, memberId: string, region?: string): boolean;
  /**
   * Change an image directly, as an admin would (`openstack image set --project P`, `--private`):
   * its members are kept, as Glance keeps them. Throws if the image does not exist.
   */
  updateImage(imageId: string, change: ImageChange, region?: string): void;
  /**
   * Deny a project the given member rules, as an operator's policy file does (e.g.
   * `"add_member": "not project_id:<id>"`): its calls then get Glance's 403 `You are not authorized
   * to complete add_member action.`, after the ownership checks. An empty list lifts the denial.
   */
  denyMemberPolicy(projectId: string, rules: readonly MemberPolicyRule[]): void;
  /** Delete an image and its members directly; returns whether it existed. */
  deleteImage(imageId: string, region?: string): boolean;
  /** Stop listening and drop open connections. */
  close(): Promise<void>;
}
