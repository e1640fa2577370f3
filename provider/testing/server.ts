/**
 * The local cloud: one `node:http` server on 127.0.0.1 that serves Keystone v3 under `/v3`
 * and Glance v2 under each image endpoint of the catalog, with fault injection, a request
 * log and direct access to the image state for tests.
 */
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import {
  buildCatalog,
  type CatalogEntry,
  IMAGE_ENDPOINTS,
  type ImageEndpoint,
  REGION_ONE,
  REGION_TWO,
} from "./catalog";
import { type Body, defaultExplanation, keystoneError, webobError } from "./error-bodies";
import { Exchange } from "./exchange";
import { FaultInjector } from "./faults";
import type { CloudFixtures, Role } from "./fixtures";
import { GlanceApi } from "./glance";
import { applyImageAction } from "./glance-image-actions";
import { imageData } from "./glance-image-data";
import { GlanceError } from "./glance-context";
import { IdentityStore } from "./identity-store";
import { ImageStore, memberView, type StoredImage, type StoredMember } from "./image-store";
import { KeystoneApi } from "./keystone";
import { RequestLog } from "./request-log";
import { requestId } from "./ids";
import { TokenStore } from "./tokens";
import type {
  FaultRule,
  LocalCloud,
  LocalCloudOptions,
  Member,
  MemberPolicyRule,
  MemberStatus,
  RequestRecord,
} from "./types";

const ROLES: readonly Role[] = ["owner", "consumer", "third"];
const STATUSES = new Set<string>(["pending", "accepted", "rejected"]);
const VISIBILITIES = new Set<string>(["public", "private", "shared", "community"]);

/**
 * Start a local Keystone v3 + Glance v2 on 127.0.0.1 that behaves like a real one for image
 * sharing (statuses, messages and error bodies measured on Glance 25 / OpenStack Zed).
 *
 * ```ts
 * const cloud = await startLocalCloud();
 * // point the program under test at cloud.fixtures.authUrl, log in as
 * // cloud.fixtures.users.owner on cloud.fixtures.projects.owner, region cloud.fixtures.region
 * const image = cloud.createImage({ owner: cloud.fixtures.projects.owner.id });
 * // … run it, then inspect cloud.members(image), cloud.requests …
 * await cloud.close();
 * ```
 *
 * Catalog: region `RegionOne` has a public image endpoint `<url>/image` (without `/v2`, like
 * most clouds) and an internal one `<url>/internal/image` on the same images; region
 * `RegionTwo` has a public endpoint `<url>/region-two/image/v2` with images of its own.
 * Seeded identities (domain `Default`): `alice`/`AlicePass123` (member of `owner`),
 * `bob`/`BobPass123` (`consumer`), `carol`/`CarolPass123` (`third`), `admin`/`AdminPass123`
 * (role `admin` on project `admin` and on the domain), and an application credential of alice
 * on `owner`. Ids are random per start.
 */
export async function startLocalCloud(options: LocalCloudOptions = {}): Promise<LocalCloud> {
  const host = options.host ?? "127.0.0.1";
  if (host !== "127.0.0.1")
    throw new Error(`startLocalCloud: only 127.0.0.1 is supported, got ${String(host)}`);
  const flavour = options.flavour ?? "glance";
  if (flavour !== "glance" && flavour !== "ims")
    throw new Error(`startLocalCloud: unknown flavour ${String(flavour)}`);
  const ttl = options.tokenTtlSeconds ?? 3600;
  if (!(ttl >= 0)) throw new Error(`startLocalCloud: tokenTtlSeconds must be >= 0, got ${ttl}`);
  const memberQuota = options.memberQuota ?? 128;
  if (!Number.isInteger(memberQuota)) throw new Error(`startLocalCloud: memberQuota must be an integer`);

  const identity = new IdentityStore(options.fixtures);
  const tokens = new TokenStore(ttl);
  const faults = new FaultInjector();
  const log = new RequestLog(options.requestLogLimit ?? 100_000);
  const collation = options.memberIdCollation ?? "binary";
  if (collation !== "binary" && collation !== "case-insensitive")
    throw new Error(`startLocalCloud: unknown memberIdCollation ${String(collation)}`);
  const stores = new Map<string, ImageStore>([
    [REGION_ONE, new ImageStore(REGION_ONE, collation)],
    [REGION_TWO, new ImageStore(REGION_TWO, collation)],
  ]);
  let baseUrl = "";
  let catalog: CatalogEntry[] = [];
  const settings = { flavour, memberQuota, memberPolicyDenied: new Map<string, Set<MemberPolicyRule>>() };
  const keystone = new KeystoneApi(
    identity,
    tokens,
    () => catalog,
    () => baseUrl,
  );
  const glance = new Map<string, GlanceApi>();
  for (const [region, store] of stores)
    glance.set(region, new GlanceApi(store, tokens, settings, () => baseUrl));
  const routes = IMAGE_ENDPOINTS.map((endpoint) => ({ endpoint, prefix: endpoint.base + "/" }));
  const extraHeaders =
    flavour === "ims" ? () => ({ "x-request-id": randomUUID().replace(/-/g, "") }) : undefined;
  const timers = new Set<NodeJS.Timeout>();

  const serve = async (ex: Exchange, endpoint: ImageEndpoint | undefined, api: GlanceApi | undefined) => {
    const rule = faults.take(ex.method, ex.path);
    const delay = faults.latency + (rule?.latencyMs ?? 0);
    if (delay > 0) await sleep(delay, timers);
    if (rule?.hold) {
      await ex.readBody();
      faults.hold(() => servedLate(ex, endpoint, api));
    }
    if (rule?.afterServing) {
      ex.loseAnswer();
      await handle(ex, endpoint, api);
    }
    if (rule?.reset) return ex.reset();
    if (rule?.status !== undefined) return sendFault(ex, rule, api);
    if (rule?.hang || rule?.hold) return; // no answer: the client times out
    await handle(ex, endpoint, api);
  };

  /** A held request, carried out after its client gave up: whatever it answers is thrown away. */
  const servedLate = async (
    ex: Exchange,
    endpoint: ImageEndpoint | undefined,
    api: GlanceApi | undefined,
  ) => {
    ex.loseAnswer();
    await handle(ex, endpoint, api).catch((err: unknown) => {
      if (process.env.LOCAL_CLOUD_DEBUG) console.error(err);
    });
  };

  const handle = async (ex: Exchange, endpoint: ImageEndpoint | undefined, api: GlanceApi | undefined) => {
    if (endpoint && api) {
      await api.handle(ex, ex.path.slice(endpoint.base.length), baseUrl + endpoint.base);
    } else {
      await keystone.handle(ex);
    }
  };

  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    const path = pathOf(req.url);
    let endpoint: ImageEndpoint | undefined;
    for (const r of routes) {
      if (path.startsWith(r.prefix) || path === r.endpoint.base) {
        endpoint = r.endpoint;
        break;
      }
    }
    const record: RequestRecord = {
      method: req.method ?? "GET",
      path,
      query: queryOf(req.url),
      service: endpoint
        ? "image"
        : path === "/" || path === "/v3" || path.startsWith("/v3/")
          ? "identity"
          : "other",
      hasToken: req.headers["x-auth-token"] !== undefined,
      status: 0,
    };
    if (endpoint) record.region = endpoint.region;
    log.add(record);
    const done = options.onRequestDone;
    if (done) res.once("close", () => done(record));
    const ex = new Exchange(req, res, record, requestId(), extraHeaders?.());
    const api = endpoint ? glance.get(endpoint.region) : undefined;
    serve(ex, endpoint, api).catch((err: unknown) => {
      const body = api
        ? api.errorBody(ex, 500)
        : keystoneError(500, "An unexpected error prevented the server from fulfilling your request.");
      ex.send(500, { "content-type": body.contentType }, body.body);
      if (process.env.LOCAL_CLOUD_DEBUG) console.error(err);
    });
  };

  const server: Server = createServer({ keepAlive: true }, onRequest);
  server.keepAliveTimeout = 30_000;
  server.headersTimeout = 35_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  baseUrl = `http://${host}:${port}`;
  catalog = buildCatalog(baseUrl);

  const fixtures: CloudFixtures = {
    authUrl: `${baseUrl}/v3`,
    region: REGION_ONE,
    imageUrl: `${baseUrl}${IMAGE_ENDPOINTS[0].base}`,
    domain: identity.domain.name,
    projects: Object.fromEntries(
      ROLES.map((r) => [r, { id: identity.projectOf[r].id, name: identity.projectOf[r].name }]),
    ) as CloudFixtures["projects"],
    users: Object.fromEntries(
      ROLES.map((r) => {
        const u = identity.userOf[r];
        return [r, { id: u.id, name: u.name, password: u.password }];
      }),
    ) as CloudFixtures["users"],
    applicationCredential: {
      id: identity.applicationCredential.id,
      name: identity.applicationCredential.name,
      secret: identity.applicationCredential.secret,
    },
  };

  const storeOf = (region = REGION_ONE): ImageStore => {
    const store = stores.get(region);
    if (!store) throw new Error(`unknown region ${region} (known: ${[...stores.keys()].join(", ")})`);
    return store;
  };
  const imageOf = (imageId: string, region?: string): StoredImage => {
    const image = storeOf(region).get(imageId);
    if (!image) throw new Error(`no image ${imageId} in ${region ?? REGION_ONE}`);
    return image;
  };
  const checkStatus = (status: string): MemberStatus => {
    if (!STATUSES.has(status)) throw new Error(`invalid member status ${status}`);
    return status as MemberStatus;
  };

  let closed: Promise<void> | undefined;
  return {
    url: baseUrl,
    fixtures,
    flavour,
    faults,
    requests: log.entries,
    expireAllTokens: () => tokens.expireAll(),
    clearRequests: () => log.clear(),
    createImage(opts) {
      if (!opts || typeof opts.owner !== "string")
        throw new Error("createImage: owner (a project id) is required");
      return storeOf(opts.region).create({
        owner: opts.owner,
        visibility: opts.visibility ?? "shared",
        name: opts.name ?? null,
      }).id;
    },
    members(imageId, region) {
      const image = imageOf(imageId, region);
      return [...image.members.values()].map((m): Member => memberView(image, m));
    },
    addMember(imageId, memberId, status = "pending", region) {
      const image = imageOf(imageId, region);
      return memberView(image, storeOf(region).addMember(image, memberId, checkStatus(status)));
    },
    setMemberStatus(imageId, memberId, status, region) {
      const image = imageOf(imageId, region);
      const member: StoredMember | undefined = image.members.get(memberId);
      if (!member) throw new Error(`image ${imageId} has no member ${memberId}`);
      storeOf(region).setStatus(member, checkStatus(status));
      return memberView(image, member);
    },
    removeMember(imageId, memberId, region) {
      return imageOf(imageId, region).members.delete(memberId);
    },
    updateImage(imageId, change, region) {
      const image = imageOf(imageId, region);
      if (change.visibility !== undefined && !VISIBILITIES.has(change.visibility))
        throw new Error(`invalid visibility ${String(change.visibility)}`);
      if (change.status !== undefined) changeStatus(storeOf(region), image, change.status);
      if (change.owner !== undefined) image.owner = change.owner;
      if (change.visibility !== undefined) image.visibility = change.visibility;
      storeOf(region).touch(image);
    },
    denyMemberPolicy(projectId, rules) {
      if (rules.length === 0) settings.memberPolicyDenied.delete(projectId);
      else settings.memberPolicyDenied.set(projectId, new Set(rules));
    },
    deleteImage(imageId, region) {
      return storeOf(region).delete(imageId);
    },
    close() {
      closed ??= new Promise<void>((resolve) => {
        faults.dropHeld();
        for (const t of timers) clearTimeout(t);
        timers.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closed;
    },
  };
}

/** An admin's status change: a queued image gets (empty) data; otherwise Glance's actions. */
function changeStatus(store: ImageStore, image: StoredImage, status: "active" | "deactivated"): void {
  if (status === "active" && image.status === "queued") {
    store.setData(image, imageData(Buffer.alloc(0)));
    return;
  }
  try {
    applyImageAction(store, image, status === "active" ? "reactivate" : "deactivate");
  } catch (e) {
    if (e instanceof GlanceError) throw new Error(`image ${image.id}: ${e.explanation}`);
    throw e;
  }
}

function queryOf(url: string | undefined): string {
  const q = url ? url.indexOf("?") : -1;
  return q < 0 ? "" : (url as string).slice(q + 1);
}

function pathOf(url: string | undefined): string {
  if (!url) return "/";
  const q = url.indexOf("?");
  return q < 0 ? url : url.slice(0, q);
}

function sleep(ms: number, timers: Set<NodeJS.Timeout>): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(() => {
      timers.delete(t);
      resolve();
    }, ms);
    timers.add(t);
  });
}

/** Answer with the rule's status: its body, or an error body in the style of the service. */
function sendFault(ex: Exchange, rule: FaultRule, api: GlanceApi | undefined): void {
  const status = rule.status as number;
  let body: Body;
  if (rule.body !== undefined) {
    body =
      typeof rule.body === "string"
        ? { contentType: "text/plain; charset=UTF-8", body: rule.body }
        : { contentType: "application/json", body: JSON.stringify(rule.body) };
  } else if (api) {
    body = api.errorBody(ex, status);
  } else if (ex.record.service === "identity") {
    body = keystoneError(status, defaultExplanation(status));
  } else {
    body = webobError(status, ex.header("accept"));
  }
  const headers: Record<string, string | number> = { "content-type": body.contentType };
  if (rule.retryAfter !== undefined) headers["retry-after"] = String(rule.retryAfter);
  ex.send(status, headers, body.body);
}
