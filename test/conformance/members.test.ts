/**
 * Runs the conformance table (cases.ts) against every target: the local server always, a real
 * Keystone + Glance when REAL_OPENSTACK_FIXTURES names its fixtures.json (otherwise the real
 * target shows up as skipped). Each row gets a fresh image owned by the owner project, made
 * with POST /v2/images, and the image is deleted afterwards.
 */
import { randomUUID } from "node:crypto";
import { type Actor, type Case, CASES, type Party } from "./cases";
import { call, type CallOptions, passwordToken, type RawResponse } from "./http";
import { localTarget, type OpenTarget, REAL_ENV, realTarget, type Target } from "./targets";

const PARTIES: Party[] = ["owner", "consumer", "third"];
const PATCH_TYPE = "application/openstack-images-v2.1-json-patch";
const realFixtures = process.env[REAL_ENV];
const targets: Target[] = realFixtures ? [localTarget, realTarget(realFixtures)] : [localTarget];

function title(target: string, c: Case): string {
  return `[${target}] ${c.call} as ${c.actor}, ${c.image} image: ${c.name} → ${c.expect.status}`;
}

describe.each(targets.map((t) => [t.name, t] as const))(
  "Glance v2 image members conformance: %s",
  (name, target) => {
    let t: OpenTarget;
    const tokens = {} as Record<Actor, string | undefined>;
    const created: string[] = [];

    beforeAll(async () => {
      t = await target.open();
      const f = t.fixtures;
      for (const party of PARTIES) {
        tokens[party] = await passwordToken(f.authUrl, {
          user: f.users[party].name,
          password: f.users[party].password,
          project: f.projects[party].name,
          domain: f.domain,
        });
      }
      tokens.admin = await passwordToken(f.authUrl, t.admin).catch((e: Error) => {
        throw new Error(`${e.message} (admin credentials: REAL_OPENSTACK_ADMIN_USER/_PASSWORD/_PROJECT)`);
      });
      tokens.none = undefined;
      tokens["bad-token"] = "not-a-valid-token";
    }, 60_000);

    afterEach(async () => {
      // every image a row created goes, whatever the row did to it
      const ids = created.splice(0);
      // as the admin: a row may have given the image to another project
      await Promise.all(ids.map((id) => call("DELETE", `${t.glance}/images/${id}`, { token: tokens.admin })));
    });

    afterAll(async () => {
      await t?.close();
    });

    const projectId = (party: Party) => t.fixtures.projects[party].id;

    async function createImage(visibility = "shared"): Promise<string> {
      const res = await call("POST", `${t.glance}/images`, {
        token: tokens.owner,
        json: {
          name: `conformance-${randomUUID().slice(0, 8)}`,
          visibility,
          disk_format: "raw",
          container_format: "bare",
        },
      });
      expectOk(res, 201, "setup: create image");
      const id = (res.json as { id: string }).id;
      created.push(id);
      return id;
    }

    /** Image and memberships of a row, as its `image`, `members` and `fillQuota` say. */
    async function setUp(c: Case): Promise<string> {
      if (c.image === "missing") return randomUUID();
      if (c.image === "non-uuid") return "not-a-uuid";
      const imageId = await createImage();
      const members = `${t.glance}/images/${imageId}/members`;
      for (const [party, status] of Object.entries(c.members ?? {}) as [Party, string][]) {
        const add = await call("POST", members, { token: tokens.owner, json: { member: projectId(party) } });
        expectOk(add, 200, `setup: add ${party}`);
        if (status !== "pending") {
          const put = await call("PUT", `${members}/${projectId(party)}`, {
            token: tokens[party],
            json: { status },
          });
          expectOk(put, 200, `setup: ${party} ${status}`);
        }
      }
      if (c.fillQuota) {
        const missing = t.memberQuota - Object.keys(c.members ?? {}).length;
        const ids = Array.from({ length: missing }, () => randomUUID().replace(/-/g, ""));
        for (let i = 0; i < ids.length; i += 16) {
          const batch = ids
            .slice(i, i + 16)
            .map((id) => call("POST", members, { token: tokens.owner, json: { member: id } }));
          for (const res of await Promise.all(batch)) expectOk(res, 200, "setup: fill quota");
        }
      }
      for (const [field, value, as] of imageChanges(c.image)) {
        const patch = await call("PATCH", `${t.glance}/images/${imageId}`, {
          token: tokens[as],
          raw: JSON.stringify([{ op: "replace", path: `/${field}`, value }]),
          headers: { "content-type": PATCH_TYPE },
        });
        expectOk(patch, 200, `setup: ${field} ${value}`);
      }
      if (c.image === "active" || c.image === "deactivated") {
        const upload = await call("PUT", `${t.glance}/images/${imageId}/file`, {
          token: tokens.owner,
          raw: "conformance image data",
          headers: { "content-type": "application/octet-stream" },
        });
        expectOk(upload, 204, "setup: upload data");
      }
      if (c.image === "deactivated") {
        const deactivate = await call("POST", `${t.glance}/images/${imageId}/actions/deactivate`, {
          token: tokens.admin,
        });
        expectOk(deactivate, 204, "setup: deactivate");
      }
      if (c.image === "deleted") {
        expectOk(
          await call("DELETE", `${t.glance}/images/${imageId}`, { token: tokens.owner }),
          204,
          "setup: delete",
        );
      }
      return imageId;
    }

    /** The image changes a row's setup makes after its memberships: field, value, and who. */
    function imageChanges(setup: Case["image"]): [string, string, Actor][] {
      const move: [string, string, Actor] = ["owner", projectId("third"), "admin"];
      switch (setup) {
        case "private":
        case "community":
          return [["visibility", setup, "owner"]];
        case "public":
          return [["visibility", "public", "admin"]];
        case "reshared":
          return [
            ["visibility", "private", "owner"],
            ["visibility", "shared", "owner"],
          ];
        case "moved":
          return [move];
        case "moved-private":
          return [move, ["visibility", "private", "admin"]];
        case "moved-public":
          return [move, ["visibility", "public", "admin"]];
        default:
          return [];
      }
    }

    /** Method, URL and options of the row's call. */
    function request(c: Case, imageId: string, memberId: string): [string, string, CallOptions] {
      const base = c.regionTwo ? t.glanceRegionTwo : t.glance;
      if (!base) throw new Error("this target has no RegionTwo endpoint");
      const image = `${base}/images/${encodeURIComponent(imageId)}`;
      const member = `${image}/members/${encodeURIComponent(memberId)}`;
      const options: CallOptions = { token: tokens[c.actor] };
      if (c.accept !== undefined) options.headers = { accept: c.accept ?? "" };
      if (c.body && "json" in c.body) options.json = c.body.json;
      if (c.body && "raw" in c.body) options.raw = c.body.raw;
      const body = (fallback: unknown) => {
        if (!c.body) options.json = fallback;
      };
      switch (c.call) {
        case "createMember":
          body({ member: memberId });
          return ["POST", `${image}/members`, options];
        case "listMembers":
          return ["GET", `${image}/members`, options];
        case "getMember":
          return ["GET", member, options];
        case "updateMember":
          body({ status: "accepted" });
          return ["PUT", member, options];
        case "deleteMember":
          return ["DELETE", member, options];
        case "createImage":
          body({ name: `conformance-${randomUUID().slice(0, 8)}` });
          return ["POST", `${base}/images`, options];
        case "getImage":
          return ["GET", image, options];
        case "patchImage":
          options.raw = JSON.stringify([{ op: "replace", path: "/visibility", value: "private" }]);
          options.headers = { ...options.headers, "content-type": PATCH_TYPE };
          return ["PATCH", image, options];
        case "deleteImage":
          return ["DELETE", image, options];
        case "downloadImage":
          return ["GET", `${image}/file`, options];
        case "deactivateImage":
          return ["POST", `${image}/actions/deactivate`, options];
      }
    }

    async function run(c: Case): Promise<void> {
      const imageId = await setUp(c);
      const memberId = projectId(c.member ?? "consumer");
      const [method, url, options] = request(c, imageId, memberId);
      const res = await call(method, url, options);
      if (c.call === "createImage" && res.status === 201) created.push((res.json as { id: string }).id);
      const where = `${method} ${url.replace(t.glance, "")}`;
      expectOk(res, c.expect.status, where);
      checkHeaders(res, where);
      const json = res.json as Record<string, unknown> | undefined;

      if (c.expect.contentType) expect(res.headers["content-type"]).toBe(c.expect.contentType);
      if (c.expect.status >= 400 && res.headers["content-type"] === "application/json") {
        expect(json).toMatchObject({ code: expect.stringMatching(new RegExp(`^${c.expect.status} `)) });
        expect(typeof json?.title).toBe("string");
      }
      if (c.expect.message !== undefined) {
        const message = c.expect.message.replace(/\{image\}/g, imageId).replace(/\{member\}/g, memberId);
        const actual = String(json?.message);
        if (c.expect.partial) expect(actual.startsWith(message)).toBe(true);
        else expect(actual).toBe(`${message}<br /><br />\n\n\n`);
      }
      if (c.expect.status === 204) {
        expect(res.text).toBe("");
        expect(res.headers["content-length"]).toBe("0");
        // member DELETE answers a bare 204; image DELETE and actions a webob default (empty text/html)
        const webob = c.call === "deleteImage" || c.call === "deactivateImage";
        const contentType = webob ? "text/html; charset=UTF-8" : undefined;
        expect(res.headers["content-type"]).toBe(contentType);
      }
      if (c.expect.memberStatus) {
        expect(json).toEqual({
          member_id: "echoedMember" in c.expect ? c.expect.echoedMember : memberId,
          image_id: imageId,
          status: c.expect.memberStatus,
          created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
          updated_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
          schema: "/v2/schemas/member",
        });
      }
      if (c.expect.listed) {
        const list = json as { members: { member_id: string; image_id: string }[]; schema: string };
        expect(list.schema).toBe("/v2/schemas/members");
        expect(list.members.map((m) => m.member_id).sort()).toEqual(c.expect.listed.map(projectId).sort());
        for (const m of list.members) expect(m.image_id).toBe(imageId);
      }
      if (c.expect.visibility) expect(json?.visibility).toBe(c.expect.visibility);
      if (c.expect.owner) expect(json?.owner).toBe(projectId(c.expect.owner));
      if (c.expect.imageStatus) expect(json?.status).toBe(c.expect.imageStatus);
      if (c.call === "createImage" && res.status === 201) {
        expect(json?.owner).toBe(projectId("owner"));
        expect(res.headers.location).toEqual(expect.stringContaining(`/v2/images/${String(json?.id)}`));
      }
      if (c.after) await checkMemberships(c, imageId);
    }

    /** The memberships the image's owner sees after the call (the admin's view of a moved image). */
    async function checkMemberships(c: Case, imageId: string): Promise<void> {
      const as = c.image.startsWith("moved") ? tokens.admin : tokens.owner;
      const res = await call("GET", `${t.glance}/images/${imageId}/members`, { token: as });
      expectOk(res, 200, "after: owner lists members");
      const seen = new Map(
        (res.json as { members: { member_id: string; status: string }[] }).members.map((m) => [
          m.member_id,
          m.status,
        ]),
      );
      const actual: Record<string, string> = {};
      const wanted: Record<string, string> = {};
      for (const [party, status] of Object.entries(c.after ?? {}) as [Party, string][]) {
        wanted[party] = status;
        actual[party] = seen.get(projectId(party)) ?? "absent";
      }
      expect(actual).toEqual(wanted);
    }

    for (const c of CASES) {
      if (c.localOnly && name !== "local") {
        test.skip(`${title(name, c)} (local only: ${c.localOnly})`, () => {});
        continue;
      }
      test(title(name, c), () => run(c), c.fillQuota ? 180_000 : 30_000);
    }
  },
);

if (!realFixtures) {
  describe.skip(`Glance v2 image members conformance: real (${REAL_ENV} not set, real Keystone + Glance not tested)`, () => {
    test(`[real] ${CASES.length} rows skipped: set ${REAL_ENV} to a fixtures.json of toolchain/real-openstack/start.sh`, () => {});
  });
}

function expectOk(res: RawResponse, status: number, what: string): void {
  if (res.status !== status) {
    throw new Error(`${what}: expected ${status}, got ${res.status}: ${res.text.slice(0, 500)}`);
  }
}

/** Every Glance answer but the auth middleware's 401 has a request id; 401 has a Keystone challenge. */
function checkHeaders(res: RawResponse, where: string): void {
  if (res.status === 401) {
    expect({ where, challenge: res.headers["www-authenticate"] }).toEqual({
      where,
      challenge: expect.stringMatching(/^Keystone uri=/),
    });
    return;
  }
  expect({ where, requestId: res.headers["x-openstack-request-id"] }).toEqual({
    where,
    requestId: expect.stringMatching(/^req-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/),
  });
}
