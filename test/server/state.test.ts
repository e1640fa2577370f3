/** Direct state access, regions, the member quota option and the IMS flavour. */
import { startLocalCloud } from "../../provider/testing";
import { http, login } from "./helpers";

describe("local cloud: state and regions", () => {
  test("direct state access mirrors what the API shows", async () => {
    const cloud = await startLocalCloud();
    try {
      const f = cloud.fixtures;
      const image = cloud.createImage({ owner: f.projects.owner.id, name: "base" });
      expect(cloud.addMember(image, f.projects.consumer.id)).toMatchObject({
        status: "pending",
        image_id: image,
      });
      cloud.setMemberStatus(image, f.projects.consumer.id, "accepted");
      const { token } = await login(cloud, "consumer");
      const res = await http("GET", `${f.imageUrl}/v2/images/${image}/members/${f.projects.consumer.id}`, {
        token,
      });
      expect(res.json).toEqual(cloud.members(image)[0]);
      expect(cloud.members(image)[0].status).toBe("accepted");

      expect(cloud.removeMember(image, f.projects.consumer.id)).toBe(true);
      expect((await http("GET", `${f.imageUrl}/v2/images/${image}`, { token })).status).toBe(404);
      expect(cloud.deleteImage(image)).toBe(true);
      expect(() => cloud.members(image)).toThrow(/no image/);
      expect(() => cloud.createImage({ owner: f.projects.owner.id, region: "Nowhere" })).toThrow(
        /unknown region/,
      );
    } finally {
      await cloud.close();
    }
  });

  test("updateImage moves the owner or changes the visibility as an admin would; members are kept", async () => {
    const cloud = await startLocalCloud();
    try {
      const f = cloud.fixtures;
      const image = cloud.createImage({ owner: f.projects.owner.id });
      cloud.addMember(image, f.projects.consumer.id, "accepted");
      const owner = (await login(cloud, "owner")).token;
      const third = (await login(cloud, "third")).token;
      const member = `${f.imageUrl}/v2/images/${image}/members/${f.projects.consumer.id}`;

      cloud.updateImage(image, { visibility: "private" });
      expect(await http("GET", member, { token: owner })).toMatchObject({ status: 404 });
      expect(cloud.members(image)).toMatchObject([{ member_id: f.projects.consumer.id, status: "accepted" }]);
      cloud.updateImage(image, { visibility: "shared", owner: f.projects.third.id });
      expect((await http("GET", member, { token: owner })).status).toBe(404);
      expect(await http("GET", member, { token: third })).toMatchObject({
        status: 200,
        json: { status: "accepted" },
      });
      const shown = await http("GET", `${f.imageUrl}/v2/images/${image}`, { token: third });
      expect(shown.json).toMatchObject({ owner: f.projects.third.id, visibility: "shared" });
      expect(() => cloud.updateImage(image, { visibility: "secret" as "private" })).toThrow(/visibility/);
      expect(() => cloud.updateImage("nope", { owner: "x" })).toThrow(/no image/);
    } finally {
      await cloud.close();
    }
  });

  test("updateImage changes the status as Glance's actions do; members are kept", async () => {
    const cloud = await startLocalCloud();
    try {
      const f = cloud.fixtures;
      const image = cloud.createImage({ owner: f.projects.owner.id });
      cloud.addMember(image, f.projects.consumer.id, "accepted");
      const owner = (await login(cloud, "owner")).token;
      const status = async () =>
        ((await http("GET", `${f.imageUrl}/v2/images/${image}`, { token: owner })).json as { status: string })
          .status;

      expect(await status()).toBe("queued");
      expect(() => cloud.updateImage(image, { status: "deactivated" })).toThrow(
        /Not allowed to deactivate image in status 'queued'/,
      );
      cloud.updateImage(image, { status: "active" });
      expect(await status()).toBe("active");
      cloud.updateImage(image, { status: "deactivated" });
      expect(await status()).toBe("deactivated");
      expect(cloud.members(image)).toMatchObject([{ member_id: f.projects.consumer.id, status: "accepted" }]);
      cloud.updateImage(image, { status: "active" });
      expect(await status()).toBe("active");
    } finally {
      await cloud.close();
    }
  });

  test("RegionTwo is a separate image store; the internal endpoint shares RegionOne's", async () => {
    const cloud = await startLocalCloud();
    try {
      const f = cloud.fixtures;
      const { token } = await login(cloud, "owner");
      const created = await http("POST", `${cloud.url}/region-two/image/v2/images`, {
        token,
        json: { name: "two" },
      });
      expect(created.status).toBe(201);
      const id = (created.json as { id: string }).id;
      expect(created.headers.location).toBe(`${cloud.url}/region-two/image/v2/images/${id}`);
      expect((await http("GET", `${f.imageUrl}/v2/images/${id}`, { token })).status).toBe(404);
      expect(cloud.members(id, "RegionTwo")).toEqual([]);

      const one = cloud.createImage({ owner: f.projects.owner.id });
      expect((await http("GET", `${cloud.url}/internal/image/v2/images/${one}`, { token })).status).toBe(200);
    } finally {
      await cloud.close();
    }
  });

  test("memberQuota: 413 once the image has that many members", async () => {
    const cloud = await startLocalCloud({ memberQuota: 1 });
    try {
      const f = cloud.fixtures;
      const { token } = await login(cloud, "owner");
      const image = cloud.createImage({ owner: f.projects.owner.id });
      const url = `${f.imageUrl}/v2/images/${image}/members`;
      expect((await http("POST", url, { token, json: { member: f.projects.consumer.id } })).status).toBe(200);
      const over = await http("POST", url, { token, json: { member: f.projects.third.id } });
      expect(over.status).toBe(413);
      expect((over.json as { message: string }).message).toContain("Attempted: 2, Maximum: 1");
    } finally {
      await cloud.close();
    }
  });

  test("denyMemberPolicy: the denied rules answer 403 after the ownership checks; an empty list lifts them", async () => {
    const cloud = await startLocalCloud();
    try {
      const f = cloud.fixtures;
      const owner = (await login(cloud, "owner")).token;
      const consumer = (await login(cloud, "consumer")).token;
      const image = cloud.createImage({ owner: f.projects.owner.id });
      const url = `${f.imageUrl}/v2/images/${image}/members`;
      const memberUrl = `${url}/${f.projects.consumer.id}`;
      cloud.addMember(image, f.projects.consumer.id);
      cloud.denyMemberPolicy(f.projects.owner.id, ["add_member", "delete_member"]);
      cloud.denyMemberPolicy(f.projects.consumer.id, ["modify_member"]);
      const added = await http("POST", url, { token: owner, json: { member: f.projects.third.id } });
      expect(added.status).toBe(403);
      expect((added.json as { message: string }).message).toMatch(
        /^You are not authorized to complete add_member action\./,
      );
      expect((await http("DELETE", memberUrl, { token: owner })).status).toBe(403);
      const answered = await http("PUT", memberUrl, { token: consumer, json: { status: "accepted" } });
      expect((answered.json as { message: string }).message).toContain("modify_member");
      // The ownership check comes first: the consumer's POST is refused as a non-owner's.
      const notOwner = await http("POST", url, { token: consumer, json: { member: "x" } });
      expect((notOwner.json as { message: string }).message).toContain("Not allowed to create members");
      expect((await http("GET", url, { token: owner })).status).toBe(200);
      cloud.denyMemberPolicy(f.projects.owner.id, []);
      expect((await http("DELETE", memberUrl, { token: owner })).status).toBe(204);
      expect(cloud.members(image)).toEqual([]);
    } finally {
      await cloud.close();
    }
  });
});

describe("local cloud: seeded identities", () => {
  test("fixture overrides replace names, ids and passwords", async () => {
    const cloud = await startLocalCloud({
      fixtures: {
        projects: { owner: { name: "team-a", id: "0123456789abcdef0123456789abcdef" } },
        users: { owner: { name: "ann", password: "s3cret" } },
        applicationCredential: { secret: "fixed-secret" },
      },
    });
    try {
      const f = cloud.fixtures;
      expect(f.projects.owner).toEqual({ id: "0123456789abcdef0123456789abcdef", name: "team-a" });
      expect(f.users.owner).toMatchObject({ name: "ann", password: "s3cret" });
      expect(f.users.consumer).toMatchObject({ name: "bob", password: "BobPass123" });
      expect(f.applicationCredential).toMatchObject({ name: "alice-ac", secret: "fixed-secret" });
      const { res } = await login(cloud, "owner");
      expect((res.json as { token: { project: { id: string } } }).token.project.id).toBe(f.projects.owner.id);
    } finally {
      await cloud.close();
    }
  });
});

describe("local cloud: IMS flavour", () => {
  test("private images can have members; IMS error bodies and x-request-id", async () => {
    const cloud = await startLocalCloud({ flavour: "ims" });
    try {
      const f = cloud.fixtures;
      const { token } = await login(cloud, "owner");
      const image = cloud.createImage({ owner: f.projects.owner.id, visibility: "private" });
      const url = `${f.imageUrl}/v2/images/${image}/members`;
      const added = await http("POST", url, { token, json: { member: f.projects.consumer.id } });
      expect(added.status).toBe(200);
      expect(added.headers["x-request-id"]).toMatch(/^[0-9a-f]{32}$/);

      const missing = await http("GET", `${f.imageUrl}/v2/images/not-a-uuid/members`, { token });
      expect(missing.status).toBe(404);
      expect(missing.json).toEqual({ error: { code: "IMG.0024", message: "Image not-a-uuid not found." } });

      const anonymous = await http("GET", url);
      expect(anonymous.status).toBe(401);
      expect(anonymous.json).toMatchObject({ error_code: "APIG.1002" });
    } finally {
      await cloud.close();
    }
  });
});

describe("local cloud: member id collation", () => {
  const twoSpellings = async (collation?: "binary" | "case-insensitive") => {
    const cloud = await startLocalCloud({ memberIdCollation: collation });
    try {
      const { token } = await login(cloud, "owner");
      const image = cloud.createImage({ owner: cloud.fixtures.projects.owner.id });
      const url = `${cloud.fixtures.imageUrl}/v2/images/${image}/members`;
      const first = await http("POST", url, { token, json: { member: "abc" } });
      const second = await http("POST", url, { token, json: { member: "ABC" } });
      const read = await http("GET", `${url}/ABC`, { token });
      const removed = await http("DELETE", `${url}/ABC`, { token });
      return {
        statuses: [first.status, second.status, read.status, removed.status],
        read,
        left: cloud.members(image),
      };
    } finally {
      await cloud.close();
    }
  };

  test("binary (default, as sqlite): two spellings are two members", async () => {
    const { statuses, left } = await twoSpellings();
    expect(statuses).toEqual([200, 200, 200, 204]);
    expect(left.map((m) => m.member_id)).toEqual(["abc"]);
  });

  test("case-insensitive (as MySQL): one member, reached by either spelling, kept as first written", async () => {
    const { statuses, read, left } = await twoSpellings("case-insensitive");
    expect(statuses).toEqual([200, 409, 200, 204]);
    expect(read.json).toMatchObject({ member_id: "abc" });
    expect(left).toEqual([]);
  });
});
