/**
 * The owner shares and the consumer accepts in one deployment (one provider process), each
 * through its own clouds.yaml entry: one token request per identity, and every Glance request
 * carries the token of the identity its resource names.
 */
import { createImageMemberAcceptanceProvider } from "../../provider/resource/image-member-acceptance-provider";
import { createImageMemberProvider } from "../../provider/resource/image-member-provider";
import { ProviderContext } from "../../provider/auth/provider-context";
import { startLocalCloud, type LocalCloud } from "../../provider/testing";
import { passwordEntry, removeTempDirs, writeCloudsYaml } from "./helpers/clouds-yaml";
import { RecordingAgent } from "./helpers/recording-agent";

let cloud: LocalCloud;
let agent: RecordingAgent;
let cloudsFile: string;

beforeAll(async () => {
  cloud = await startLocalCloud();
  const f = cloud.fixtures;
  cloudsFile = writeCloudsYaml({ owner: passwordEntry(f, "owner"), consumer: passwordEntry(f, "consumer") });
});
afterAll(async () => {
  await cloud.close();
  removeTempDirs();
});
beforeEach(() => {
  agent = new RecordingAgent();
  cloud.clearRequests();
});
afterEach(() => agent.close());

/** One provider process whose stack config holds a third identity (carol on project third). */
function deployment(env: NodeJS.ProcessEnv = { OS_CLIENT_CONFIG_FILE: cloudsFile }) {
  const f = cloud.fixtures;
  const config: Record<string, string> = {
    "openstack:authUrl": f.authUrl,
    "openstack:userName": f.users.third.name,
    "openstack:password": f.users.third.password,
    "openstack:tenantName": f.projects.third.name,
    "openstack:userDomainName": f.domain,
    "openstack:projectDomainName": f.domain,
  };
  const context = new ProviderContext({
    env: () => env,
    dispatcher: agent,
    clouds: { cwd: () => "/nonexistent" },
  });
  context.configure({ get: (key) => config[key] });
  return {
    member: createImageMemberProvider(context),
    acceptance: createImageMemberAcceptanceProvider(context, { sleep: async () => {} }),
  };
}

const userOf = (body: string | undefined) => JSON.parse(body ?? "{}").auth.identity.password.user.name;

test("owner shares, consumer accepts: one token each, never the other's", async () => {
  const f = cloud.fixtures;
  const { member, acceptance } = deployment();
  const images = Array.from({ length: 5 }, () => cloud.createImage({ owner: f.projects.owner.id }));
  for (const imageId of images) {
    await member.create({ imageId, memberId: f.projects.consumer.id, cloud: "owner" });
    await acceptance.create({ imageId, cloud: "consumer" });
  }

  const tokenPosts = agent.sent.filter((r) => r.path === "/v3/auth/tokens");
  expect(tokenPosts.map((r) => userOf(r.body)).sort()).toEqual(["alice", "bob"]);

  const glance = agent.sent.filter((r) => r.path.startsWith("/image/"));
  const ownerTokens = new Set(glance.filter((r) => r.method === "POST").map((r) => r.token));
  const consumerTokens = new Set(glance.filter((r) => r.method === "PUT").map((r) => r.token));
  expect(ownerTokens.size).toBe(1);
  expect(consumerTokens.size).toBe(1);
  expect([...ownerTokens][0]).not.toBe([...consumerTokens][0]);
  expect(glance.every((r) => r.token !== undefined)).toBe(true);

  for (const imageId of images) {
    expect(cloud.members(imageId)).toEqual([
      expect.objectContaining({ member_id: f.projects.consumer.id, status: "accepted" }),
    ]);
  }
});

test("a resource without a cloud uses the stack config's identity, with its own token", async () => {
  const f = cloud.fixtures;
  const { member } = deployment();
  const imageId = cloud.createImage({ owner: f.projects.owner.id });
  await member.create({ imageId, memberId: f.projects.consumer.id, cloud: "owner" });
  const error = await member.create({ imageId, memberId: f.projects.third.id }).catch((e) => e);
  // carol (project third) does not own the image: Glance says 404 to her, with her own token
  expect(error.code).toBe("ERR_NOT_FOUND");
  expect(error.message).toContain(`the credentials act for project ${f.projects.third.id}`);
  const users = agent.sent.filter((r) => r.path === "/v3/auth/tokens").map((r) => userOf(r.body));
  expect(users).toEqual(["alice", "carol"]);
});

test("an entry without a password gets none from stack config or OS_PASSWORD", async () => {
  const f = cloud.fixtures;
  const { auth, ...rest } = passwordEntry(f, "consumer");
  const file = writeCloudsYaml({ consumer: { ...rest, auth: { ...auth, password: undefined } } });
  const { acceptance } = deployment({ OS_CLIENT_CONFIG_FILE: file, OS_PASSWORD: f.users.third.password });
  const imageId = cloud.createImage({ owner: f.projects.owner.id });
  const error = await acceptance.create({ imageId, cloud: "consumer" }).catch((e) => e);
  expect(error.code).toBe("ERR_MISSING_SETTING");
  expect(error.message).toContain(`No credentials to authenticate with Keystone`);
  expect(error.message).toContain(
    `auth.password in clouds.yaml entry "consumer" (${file}, or its secure.yaml)`,
  );
  expect(error.message).not.toContain(f.users.third.password);
  expect(agent.sent).toEqual([]);
});
