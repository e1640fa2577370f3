/**
 * The clouds the end-to-end programs run against: the local Keystone + Glance of this package,
 * in the jest process, and a real Keystone + Glance when `REAL_OPENSTACK_FIXTURES` names the
 * fixtures.json written by toolchain/real-openstack/start.sh. The tests look at each server from
 * the outside through this interface (as the owner would list members, as the consumer would
 * accept), never through the package under test.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { stringify } from "yaml";
import { cloudsYamlEntry, osEnvironment, startLocalCloud, type LocalCloud } from "../../provider/testing";
import type { CloudFixtures, Role } from "../../provider/testing/fixtures";

export const REAL_ENV = "REAL_OPENSTACK_FIXTURES";

export interface MemberView {
  memberId: string;
  status: string;
}

export interface E2eTarget {
  name: "local" | "real";
  fixtures: CloudFixtures;
  /** The local cloud: request log, fault injection, token expiry. Absent for the real one. */
  local?: LocalCloud;
  /** A new image owned by the owner project. */
  createImage(): Promise<string>;
  /** The image's members as the owner lists them. */
  members(imageId: string): Promise<MemberView[]>;
  /** The member project answers the share itself, outside Pulumi. */
  setStatus(imageId: string, memberId: string, status: "accepted" | "rejected"): Promise<void>;
  /** The owner shares the image outside Pulumi. */
  addMember(imageId: string, memberId: string): Promise<void>;
  /** The cloud's admin (role admin on project admin) shares the owner's image, over HTTP. */
  addMemberAsAdmin(imageId: string, memberId: string): Promise<void>;
  /** The owner revokes the share outside Pulumi. */
  removeMember(imageId: string, memberId: string): Promise<void>;
  deleteImage(imageId: string): Promise<void>;
  /** The OS_* variables that log in as a role, as the OpenStack CLI takes them. */
  env(role: Role): Record<string, string>;
  /** A clouds.yaml with one entry per role, named after the role. */
  cloudsYaml(): string;
  /** Ends the session; the real target also deletes every image it created (and so their members). */
  close(): Promise<void>;
}

export const envOf = osEnvironment;

export function cloudsYamlOf(f: CloudFixtures): string {
  const roles: Role[] = ["owner", "consumer", "third"];
  return stringify({ clouds: Object.fromEntries(roles.map((role) => [role, cloudsYamlEntry(f, role)])) });
}

/** The local server, with passwords unique to this run (so a leak into state can be searched for). */
export async function localTarget(options: { tokenTtlSeconds?: number } = {}): Promise<E2eTarget> {
  const secret = (role: string) => `${role}-pw-${randomBytes(9).toString("base64url")}`;
  const cloud = await startLocalCloud({
    tokenTtlSeconds: options.tokenTtlSeconds,
    fixtures: {
      users: {
        owner: { password: secret("owner") },
        consumer: { password: secret("consumer") },
        third: { password: secret("third") },
      },
    },
  });
  const f = cloud.fixtures;
  return {
    name: "local",
    fixtures: f,
    local: cloud,
    createImage: async () => cloud.createImage({ owner: f.projects.owner.id, name: `e2e-${randomUUID()}` }),
    members: async (imageId) =>
      cloud.members(imageId).map((m) => ({ memberId: m.member_id, status: m.status })),
    setStatus: async (imageId, memberId, status) => {
      cloud.setMemberStatus(imageId, memberId, status);
    },
    addMember: async (imageId, memberId) => {
      cloud.addMember(imageId, memberId);
    },
    addMemberAsAdmin: (imageId, memberId) => addMemberAsAdmin(f, imageId, memberId),
    removeMember: async (imageId, memberId) => {
      if (!cloud.removeMember(imageId, memberId)) throw new Error(`no member ${memberId} of ${imageId}`);
    },
    deleteImage: async (imageId) => {
      cloud.deleteImage(imageId);
    },
    env: (role) => envOf(f, role),
    cloudsYaml: () => cloudsYamlOf(f),
    close: () => cloud.close(),
  };
}

/** A real Keystone + Glance, over plain HTTP with tokens of the fixture users. */
export function realTarget(fixturesPath: string): E2eTarget {
  const f = JSON.parse(readFileSync(fixturesPath, "utf8")) as CloudFixtures;
  const glance = glanceV2(f.imageUrl);
  const created = new Set<string>();
  const tokens = new Map<Role, Promise<string>>();
  const token = (role: Role) => {
    let t = tokens.get(role);
    if (!t) tokens.set(role, (t = login(f, role)));
    return t;
  };
  const roleOf = (projectId: string): Role => {
    const role = (Object.keys(f.projects) as Role[]).find((r) => f.projects[r].id === projectId);
    if (!role) throw new Error(`project ${projectId} is none of the fixtures'`);
    return role;
  };
  return {
    name: "real",
    fixtures: f,
    async createImage() {
      const res = await http("POST", `${glance}/images`, await token("owner"), {
        name: `e2e-${randomUUID()}`,
        visibility: "shared",
        disk_format: "raw",
        container_format: "bare",
      });
      const id = (res as { id: string }).id;
      created.add(id);
      return id;
    },
    async members(imageId) {
      const res = (await http("GET", `${glance}/images/${imageId}/members`, await token("owner"))) as {
        members: { member_id: string; status: string }[];
      };
      return res.members.map((m) => ({ memberId: m.member_id, status: m.status }));
    },
    async setStatus(imageId, memberId, status) {
      await http("PUT", `${glance}/images/${imageId}/members/${memberId}`, await token(roleOf(memberId)), {
        status,
      });
    },
    async addMember(imageId, memberId) {
      await http("POST", `${glance}/images/${imageId}/members`, await token("owner"), { member: memberId });
    },
    addMemberAsAdmin: (imageId, memberId) => addMemberAsAdmin(f, imageId, memberId),
    async removeMember(imageId, memberId) {
      await http("DELETE", `${glance}/images/${imageId}/members/${memberId}`, await token("owner"));
    },
    async deleteImage(imageId) {
      await http("DELETE", `${glance}/images/${imageId}`, await token("owner"), undefined, [204, 404]);
      created.delete(imageId);
    },
    env: (role) => envOf(f, role),
    cloudsYaml: () => cloudsYamlOf(f),
    async close() {
      // Whatever a failed case left behind.
      for (const imageId of created) await this.deleteImage(imageId).catch(() => undefined);
    },
  };
}

function glanceV2(imageUrl: string): string {
  const trimmed = imageUrl.replace(/\/+$/, "");
  return /\/v2(\.\d+)?$/.test(trimmed) ? trimmed : `${trimmed}/v2`;
}

/**
 * The admin's login: `REAL_OPENSTACK_ADMIN_USER`, `_PASSWORD`, `_PROJECT` (defaults admin /
 * AdminPass123 / admin, as toolchain/real-openstack/start.sh bootstraps Keystone and the local
 * cloud seeds it), as test/conformance/targets.ts takes them.
 */
async function addMemberAsAdmin(f: CloudFixtures, imageId: string, memberId: string): Promise<void> {
  const admin = {
    name: process.env.REAL_OPENSTACK_ADMIN_USER ?? "admin",
    password: process.env.REAL_OPENSTACK_ADMIN_PASSWORD ?? "AdminPass123",
    project: process.env.REAL_OPENSTACK_ADMIN_PROJECT ?? "admin",
  };
  const token = await loginAs(f, admin, admin.project);
  await http("POST", `${glanceV2(f.imageUrl)}/images/${imageId}/members`, token, { member: memberId });
}

async function login(f: CloudFixtures, role: Role): Promise<string> {
  return loginAs(f, f.users[role], f.projects[role].name, role);
}

async function loginAs(
  f: CloudFixtures,
  user: { name: string; password: string },
  project: string,
  who = user.name,
): Promise<string> {
  const res = await fetch(`${f.authUrl.replace(/\/+$/, "")}/auth/tokens`, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify({
      auth: {
        identity: {
          methods: ["password"],
          password: {
            user: { name: user.name, domain: { name: f.domain }, password: user.password },
          },
        },
        scope: { project: { name: project, domain: { name: f.domain } } },
      },
    }),
  });
  const token = res.headers.get("x-subject-token");
  if (res.status !== 201 || !token)
    throw new Error(`login as ${who}: HTTP ${res.status} ${await res.text()}`);
  return token;
}

async function http(
  method: string,
  url: string,
  token: string,
  body?: unknown,
  ok: number[] = [200, 201, 204],
): Promise<unknown> {
  const res = await fetch(url, {
    method,
    headers: {
      "x-auth-token": token,
      accept: "application/json",
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!ok.includes(res.status)) throw new Error(`${method} ${url}: HTTP ${res.status} ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : undefined;
}

/**
 * Defines `cases` against the local server, then (plus `localOnly`, with the local server's
 * controls) and against the real Keystone + Glance when REAL_OPENSTACK_FIXTURES is set; otherwise
 * the real block is skipped with a title that says why.
 */
export function forEachTarget(cases: (open: () => Promise<E2eTarget>) => void, localOnly?: () => void): void {
  const realFixtures = process.env[REAL_ENV];
  describe("local Keystone + Glance", () => {
    cases(() => localTarget());
    localOnly?.();
  });
  (realFixtures ? describe : describe.skip)(
    realFixtures
      ? `real Keystone + Glance (${REAL_ENV})`
      : `real Keystone + Glance: SKIPPED, ${REAL_ENV} is not set (see toolchain/real-openstack/start.sh)`,
    () => cases(async () => realTarget(realFixtures ?? "")),
  );
}
