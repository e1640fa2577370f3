/**
 * The 404 rule and re-homing against the local Keystone + Glance over HTTP: the recorded place of a
 * share compared with the current one the way docs/404-rule.md's table says, for ImageMember and
 * ImageMemberAcceptance, and target edits that reach the same membership updating in place.
 */
import { startLocalCloud, osEnvironment, passwordToken, type LocalCloud } from "../../provider/testing";
import type { Role } from "../../provider/testing/fixtures";
import { createImageMemberProvider } from "../../provider/resource/image-member-provider";
import { createImageMemberAcceptanceProvider } from "../../provider/resource/image-member-acceptance-provider";
import type { ImageMemberOutputs } from "../../provider/resource/image-member-inputs";
import type { ImageMemberAcceptanceOutputs } from "../../provider/resource/image-member-acceptance-inputs";
import { ProviderContext } from "../../provider/auth/provider-context";
import { glanceV2Url } from "../../provider/glance/glance-url";

let cloud: LocalCloud;
let imageId: string;

beforeAll(async () => {
  cloud = await startLocalCloud();
});
afterAll(() => cloud.close());

beforeEach(() => {
  imageId = cloud.createImage({ owner: cloud.fixtures.projects.owner.id });
  cloud.faults.clear();
  cloud.clearRequests();
});

const consumer = () => cloud.fixtures.projects.consumer.id;
const port = () => new URL(cloud.url).port;
const memberPath = () => `/image/v2/images/${imageId}/members/${consumer()}`;
const glanceCalls = () =>
  cloud.requests.filter((r) => !r.path.startsWith("/v3")).map((r) => `${r.method} ${r.path} ${r.status}`);

function context(env: NodeJS.ProcessEnv): ProviderContext {
  return new ProviderContext({
    env: () => env,
    policy: { baseDelayMs: 1, maxDelayMs: 5 },
    warn: () => undefined,
  });
}
const envOf = (role: Role, extra: NodeJS.ProcessEnv = {}) => ({
  ...osEnvironment(cloud.fixtures, role),
  ...extra,
});
const ownerHooks = (extra: NodeJS.ProcessEnv = {}) =>
  createImageMemberProvider(context(envOf("owner", extra)));

async function shared(extra: Partial<ImageMemberOutputs> = {}): Promise<ImageMemberOutputs> {
  const { outs } = await ownerHooks().create({ imageId, memberId: consumer(), ...extra });
  return outs as ImageMemberOutputs;
}

describe("the same Glance under another spelling: a 404 there is proof", () => {
  const variants: [string, () => string][] = [
    ["upper-case scheme and host", () => `HTTP://127.0.0.1:${port()}/image/v2`],
    ["localhost for 127.0.0.1, trailing slash", () => `http://localhost:${port()}/image/v2/`],
    ["a minor version", () => `http://127.0.0.1:${port()}/image/v2.0`],
    ["no version, doubled slashes", () => `http://127.0.0.1:${port()}//image//`],
    ["the catalog's internal interface (state of 0.1.0)", () => `${cloud.url}/internal/image/v2`],
  ];
  test.each(variants)("%s", async (_name, recordedUrl) => {
    const outs = { ...(await shared()), glanceUrl: recordedUrl(), glanceService: undefined };
    cloud.removeMember(imageId, consumer());
    cloud.clearRequests();
    await ownerHooks().delete(`${imageId}/${consumer()}`, outs);
    expect(glanceCalls()).toEqual([`DELETE ${memberPath()} 404`, `GET /image/v2/images/${imageId} 200`]);
  });
});

test("a moved endpoint of the same catalog service: proof by the recorded service; 0.1.0 state heals with one refresh", async () => {
  const moved = "http://old-glance.example.com:9292/v2";
  const made = await shared();
  expect(made.glanceService).toMatch(/^[0-9a-f]{32}@RegionOne$/);

  cloud.removeMember(imageId, consumer());
  await ownerHooks().delete(`${imageId}/${consumer()}`, { ...made, glanceUrl: moved });

  // State of 0.1.0 records only the URL: a 404 at the new place proves nothing …
  cloud.addMember(imageId, consumer(), "accepted");
  const old: ImageMemberOutputs = { ...made, glanceUrl: moved, glanceService: undefined };
  cloud.removeMember(imageId, consumer());
  const error = await ownerHooks()
    .delete(`${imageId}/${consumer()}`, old)
    .catch((e) => e);
  expect(error.code).toBe("ERR_NOT_FOUND_UNPROVEN");
  expect(error.message).toContain(`it was recorded at ${moved}, another Glance`);
  expect(error.message).toContain("`pulumi refresh` where it lives now");

  // … but a refresh that finds the share there records the new place.
  cloud.addMember(imageId, consumer(), "accepted");
  const read = await ownerHooks().read(`${imageId}/${consumer()}`, old);
  expect(read.props).toMatchObject({
    glanceUrl: `${cloud.url}/image/v2`,
    glanceService: made.glanceService,
    ownerProjectId: cloud.fixtures.projects.owner.id,
    status: "accepted",
  });
  cloud.removeMember(imageId, consumer());
  await ownerHooks().delete(`${imageId}/${consumer()}`, read.props as ImageMemberOutputs);
});

test("another region's Glance is another Glance, even of the same catalog service", async () => {
  const made = await shared();
  const error = await ownerHooks({ OS_REGION_NAME: "RegionTwo" })
    .delete(`${imageId}/${consumer()}`, made)
    .catch((e) => e);
  expect(error.code).toBe("ERR_NOT_FOUND_UNPROVEN");
  expect(cloud.members(imageId)).toHaveLength(1);
});

test("state of 0.1.0 whose glanceUrl carries credentials: never printed, and a refresh writes the clean URL", async () => {
  const secretUrl = `http://svc:S3cretPw@127.0.0.1:${port()}/image/v2?token=T0ken#frag`;
  const outs = { ...(await shared()), glanceUrl: secretUrl, glanceService: undefined };
  const error = await createImageMemberProvider(context(envOf("third")))
    .delete(`${imageId}/${consumer()}`, outs)
    .catch((e) => e);
  expect(error.code).toBe("ERR_NOT_FOUND_UNPROVEN");
  expect(error.message).not.toMatch(/S3cretPw|T0ken|svc:|frag/);

  const read = await ownerHooks().read(`${imageId}/${consumer()}`, outs);
  expect(JSON.stringify(read.props)).not.toMatch(/S3cretPw|T0ken/);
  expect(read.props).toMatchObject({ glanceUrl: `${cloud.url}/image/v2` });
});

test("the member project's own 404 proves nothing: a revoked share and an image made private read the same to it", async () => {
  const outs = await shared();
  const asConsumer = createImageMemberAcceptanceProvider(context(envOf("consumer")));
  const props = {
    ...outs,
    memberIdFromCredentials: true,
    consumerProjectId: consumer(),
  } as unknown as ImageMemberAcceptanceOutputs;
  cloud.updateImage(imageId, { visibility: "private" }); // the membership is kept, hidden
  const privately = await asConsumer.read(`${imageId}/${consumer()}`, props).catch((e) => e);
  cloud.updateImage(imageId, { visibility: "shared" });
  cloud.removeMember(imageId, consumer());
  const revoked = await asConsumer.read(`${imageId}/${consumer()}`, props).catch((e) => e);
  for (const e of [privately, revoked]) {
    expect(e.code).toBe("ERR_NOT_FOUND_UNPROVEN");
    expect(e.message).toContain(`image ${imageId} is not visible to project ${consumer()} either`);
    expect(e.message).toContain("or made the image private");
    expect(e.message).toContain("Ask the image owner which.");
  }

  const token = await passwordToken(cloud.fixtures, "consumer");
  const bare = createImageMemberAcceptanceProvider(
    context({ OS_TOKEN: token, OS_IMAGE_ENDPOINT: `${cloud.url}/image` }),
  );
  await expect(bare.read(`${imageId}/${consumer()}`, props)).rejects.toMatchObject({
    code: "ERR_NOT_FOUND_UNPROVEN",
  });
});

describe("target edits that reach the same membership update in place and keep the acceptance", () => {
  const id = () => `${imageId}/${consumer()}`;

  test.each([
    ["a trailing slash", (u: string) => `${u}/`],
    ["an explicit /v2", (u: string) => `${u}/v2`],
    ["upper-case host", (u: string) => u.replace("127.0.0.1", "LOCALHOST")],
  ])("ImageMember endpoint gains %s", async (_name, edit) => {
    const endpoint = `${cloud.url}/image`;
    const outs = await shared({ endpoint });
    cloud.setMemberStatus(imageId, consumer(), "accepted");
    const before = cloud.members(imageId)[0];
    const news = { imageId, memberId: consumer(), endpoint: edit(endpoint) };
    cloud.clearRequests();
    const diff = await ownerHooks().diff(id(), outs, news);
    expect(diff).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
    expect(glanceCalls()).toEqual([]); // the same Glance: no request needed to know

    const { outs: updated } = await ownerHooks().update(id(), outs, news);
    // Re-homed to the URL now used, which is the same Glance.
    expect(updated).toMatchObject({
      endpoint: news.endpoint,
      status: "accepted",
      glanceUrl: glanceV2Url(news.endpoint),
    });
    expect(cloud.members(imageId)).toEqual([before]);
  });

  test("endpoint removed (the catalog leads to the same Glance): in place, and nothing undefined left for the engine", async () => {
    const outs = await shared({ endpoint: `${cloud.url}/image/` });
    const news = { imageId, memberId: consumer() };
    expect(await ownerHooks().diff(id(), outs, news)).toEqual({
      changes: true,
      replaces: [],
      deleteBeforeReplace: false,
    });
    const { outs: updated } = await ownerHooks().update(id(), outs, news);
    expect(updated).not.toHaveProperty("endpoint");
    expect(Object.entries(updated).filter(([, value]) => value === undefined)).toEqual([]);
  });

  test("region set to the value OS_REGION_NAME already had", async () => {
    const outs = await shared();
    const diff = await ownerHooks().diff(id(), outs, {
      imageId,
      memberId: consumer(),
      region: cloud.fixtures.region,
    });
    expect(diff).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
  });

  test("a cloud entry of the same identity (the catalog's internal interface): in place", async () => {
    const outs = await shared();
    const news = { imageId, memberId: consumer(), endpoint: `${cloud.url}/internal/image` };
    expect(await ownerHooks().diff(id(), outs, news)).toMatchObject({ replaces: [] });
  });

  test("another Glance where the member is not: replace, deleting first", async () => {
    const outs = await shared();
    const news = { imageId, memberId: consumer(), region: "RegionTwo" };
    cloud.clearRequests();
    expect(await ownerHooks().diff(id(), outs, news)).toEqual({
      changes: true,
      replaces: ["region"],
      deleteBeforeReplace: true,
    });
    expect(glanceCalls()).toEqual([`GET /region-two/image/v2/images/${imageId}/members/${consumer()} 404`]);
  });

  test("an unknown endpoint during preview cannot be judged: replace", async () => {
    const outs = await shared();
    const unknown = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
    expect(
      await ownerHooks().diff(id(), outs, { imageId, memberId: consumer(), endpoint: unknown }),
    ).toMatchObject({
      replaces: ["endpoint"],
    });
  });

  test("ImageMemberAcceptance endpoint gains a trailing slash: in place, still accepted", async () => {
    cloud.addMember(imageId, consumer());
    const hooks = createImageMemberAcceptanceProvider(context(envOf("consumer")));
    const endpoint = `${cloud.url}/image`;
    const { outs } = await hooks.create({ imageId, endpoint });
    const news = { imageId, endpoint: `${endpoint}/` };
    const diff = await hooks.diff(id(), outs as ImageMemberAcceptanceOutputs, news);
    expect(diff).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
    const { outs: updated } = await hooks.update(id(), outs as ImageMemberAcceptanceOutputs, news);
    expect(updated).toMatchObject({ endpoint: `${endpoint}/`, status: "accepted", memberId: consumer() });
  });

  test("ImageMemberAcceptance moved to another project's cloud: another member, replace", async () => {
    cloud.addMember(imageId, consumer());
    const hooks = createImageMemberAcceptanceProvider(context(envOf("consumer")));
    const { outs } = await hooks.create({ imageId });
    const asThird = createImageMemberAcceptanceProvider(context(envOf("third")));
    // The third project's credentials make it a membership of the third project.
    const diff = await asThird.diff(id(), outs as ImageMemberAcceptanceOutputs, {
      imageId,
      region: cloud.fixtures.region,
    });
    expect(diff).toMatchObject({ changes: true, replaces: ["region", "memberId"] });
  });
});

describe("a share restored from an interrupted create (pulumi-image-member-recover)", () => {
  const restored = () =>
    ({ imageId, memberId: consumer(), interruptedCreate: true }) as unknown as ImageMemberOutputs;

  test("found: refresh records its full outputs and drops the marker", async () => {
    cloud.addMember(imageId, consumer());
    const read = await ownerHooks().read(`${imageId}/${consumer()}`, restored());
    expect(read.props).toEqual({
      imageId,
      memberId: consumer(),
      status: "pending",
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
      schema: "/v2/schemas/member",
      glanceUrl: `${cloud.url}/image/v2`,
      glanceService: expect.stringMatching(/@RegionOne$/),
      ownerProjectId: cloud.fixtures.projects.owner.id,
    });
  });

  test("not found: gone when the image's owner asks; unproven for anyone else", async () => {
    const third = await createImageMemberProvider(context(envOf("third")))
      .read(`${imageId}/${consumer()}`, restored())
      .catch((e) => e);
    expect(third.code).toBe("ERR_NOT_FOUND_UNPROVEN");
    expect(third.message).toContain("the state does not say which project made it");
    cloud.clearRequests();
    expect(await ownerHooks().read(`${imageId}/${consumer()}`, restored())).toEqual({ id: "", props: {} });
    expect(glanceCalls()).toEqual([`GET ${memberPath()} 404`, `GET /image/v2/images/${imageId} 200`]);
  });
});
