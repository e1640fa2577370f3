/**
 * The password, application credential and token paths against a real Keystone and Glance, when
 * REAL_OPENSTACK_FIXTURES names the fixtures.json of toolchain/real-openstack/start.sh; skipped
 * (and listed as skipped) otherwise.
 */
import { readFileSync } from "node:fs";
import { ProviderContext } from "../../provider/auth/provider-context";
import type { CloudFixtures } from "../../provider/testing";
import { RecordingAgent } from "./helpers/recording-agent";

const FIXTURES = process.env.REAL_OPENSTACK_FIXTURES;
const describeReal = FIXTURES ? describe : describe.skip;

describeReal(
  `against a real Keystone${FIXTURES ? "" : " (skipped: REAL_OPENSTACK_FIXTURES is not set)"}`,
  () => {
    let f: CloudFixtures;
    let agent: RecordingAgent;

    beforeAll(() => {
      f = JSON.parse(readFileSync(FIXTURES ?? "", "utf8")) as CloudFixtures;
    });
    beforeEach(() => {
      agent = new RecordingAgent();
    });
    afterEach(() => agent.close());

    /** Connects as the settings say and makes two Glance calls; returns the service. */
    async function connectAndList(env: NodeJS.ProcessEnv) {
      const context = new ProviderContext({ env: () => env, dispatcher: agent });
      const service = await context.imageService({});
      for (let i = 0; i < 2; i++) {
        const again = await context.imageService({});
        await again.client.call({ method: "GET", url: `${again.glanceUrl}/images?limit=1`, expect: [200] });
      }
      return service;
    }

    test("password, user and project by name: one token request, the owner's project", async () => {
      const service = await connectAndList({
        OS_AUTH_URL: f.authUrl,
        OS_USERNAME: f.users.owner.name,
        OS_PASSWORD: f.users.owner.password,
        OS_PROJECT_NAME: f.projects.owner.name,
        OS_USER_DOMAIN_NAME: f.domain,
        OS_PROJECT_DOMAIN_NAME: f.domain,
        OS_REGION_NAME: f.region,
      });
      expect(agent.tokenRequests()).toEqual(["POST password scope=project"]);
      expect(service.projectId).toBe(f.projects.owner.id);
    });

    test("application credential by id: no scope sent", async () => {
      const service = await connectAndList({
        OS_AUTH_URL: f.authUrl.replace(/\/v3$/, ""),
        OS_APPLICATION_CREDENTIAL_ID: f.applicationCredential.id,
        OS_APPLICATION_CREDENTIAL_SECRET: f.applicationCredential.secret,
      });
      expect(agent.tokenRequests()).toEqual(["POST application_credential"]);
      expect(service.projectId).toBe(f.projects.owner.id);
    });

    test("token: rescoped with a project, validated without one", async () => {
      const res = await fetch(`${f.authUrl}/auth/tokens`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          auth: {
            identity: {
              methods: ["password"],
              password: { user: { id: f.users.consumer.id, password: f.users.consumer.password } },
            },
            scope: { project: { id: f.projects.consumer.id } },
          },
        }),
      });
      const token = res.headers.get("x-subject-token") ?? "";
      expect(res.status).toBe(201);

      const rescoped = await connectAndList({
        OS_AUTH_URL: f.authUrl,
        OS_TOKEN: token,
        OS_PROJECT_ID: f.projects.consumer.id,
      });
      expect(agent.tokenRequests()).toEqual(["POST token scope=project"]);
      expect(rescoped.projectId).toBe(f.projects.consumer.id);

      agent.sent.splice(0);
      const validated = await connectAndList({ OS_AUTH_URL: f.authUrl, OS_TOKEN: token });
      expect(agent.tokenRequests()).toEqual(["GET"]);
      expect(validated.projectId).toBe(f.projects.consumer.id);
    });
  },
);
