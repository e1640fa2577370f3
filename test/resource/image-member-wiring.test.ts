import * as pulumi from "@pulumi/pulumi";
import { ImageMember } from "../../provider";

interface Registered {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
  custom: boolean;
}

const registered: Registered[] = [];
const SECRETS = {
  password: "pa55-config-secret-value",
  token: "gAAAAAB-config-token-value",
  envPassword: "env-password-should-not-appear",
};

beforeAll(() => {
  process.env.OS_PASSWORD = SECRETS.envPassword;
  process.env.OS_AUTH_URL = "https://keystone.example.com/v3";
  pulumi.runtime.setAllConfig(
    {
      "openstack:password": SECRETS.password,
      "openstack:token": SECRETS.token,
      "openstack:authUrl": "https://keystone.example.com/v3",
    },
    ["openstack:password", "openstack:token"],
  );
  pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        registered.push({
          type: args.type,
          name: args.name,
          inputs: args.inputs,
          custom: args.custom ?? false,
        });
        return { id: `${args.inputs.imageId}/${args.inputs.memberId}`, state: args.inputs };
      },
      call: () => ({}),
    },
    "project",
    "stack",
    false,
  );
});

afterAll(() => {
  delete process.env.OS_PASSWORD;
  delete process.env.OS_AUTH_URL;
});

function outputOf<T>(o: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => o.apply(resolve));
}

test("registers a custom resource with the glance:ImageMember type token and the given inputs", async () => {
  const share = new ImageMember("share-with-qa", {
    imageId: "8a5c3b3e-1f0e-4b1e-9c53-2a7f0e6d4c11",
    memberId: "qa-project",
    region: "RegionOne",
  });
  await outputOf(share.id);
  const r = registered.find((x) => x.name === "share-with-qa");
  expect(r).toMatchObject({
    type: "pulumi-nodejs:dynamic/glance:ImageMember",
    custom: true,
    inputs: { imageId: "8a5c3b3e-1f0e-4b1e-9c53-2a7f0e6d4c11", memberId: "qa-project", region: "RegionOne" },
  });
  expect(await outputOf(share.memberId)).toBe("qa-project");
});

test("run from source, the provider is serialized by value, still with no credential and no absolute path", async () => {
  const share = new ImageMember("serialized", {
    imageId: "8a5c3b3e-1f0e-4b1e-9c53-2a7f0e6d4c11",
    memberId: "p2",
  });
  await outputOf(share.id);
  const provider = registered.find((x) => x.name === "serialized")?.inputs.__provider;
  expect(typeof provider).toBe("string");
  const text = provider as string;
  for (const secret of Object.values(SECRETS)) expect(text).not.toContain(secret);
  expect(text).not.toContain(process.cwd());
  expect(text).not.toMatch(/\/(home|root|tmp|work|Users)\//);
  expect(text).toContain('require("pulumi-image-member/provider-runtime")');
  // Installed under node_modules it is a one-line require instead: serialized-provider.test.ts.
  expect(Buffer.byteLength(text)).toBeLessThanOrEqual(4096);
});

test("a secret endpoint makes the glanceUrl input secret too, so the engine marks the glanceUrl output", async () => {
  const share = new ImageMember("secret-endpoint", {
    imageId: "8a5c3b3e-1f0e-4b1e-9c53-2a7f0e6d4c11",
    memberId: "p3",
    endpoint: pulumi.secret("https://glance.example.com"),
  });
  await outputOf(share.id);
  const inputs = registered.find((x) => x.name === "secret-endpoint")!.inputs;
  const SIG_KEY = "4dabf18193072939515e22adb298388d";
  expect(inputs.endpoint).toHaveProperty(SIG_KEY);
  expect(inputs.glanceUrl).toHaveProperty(SIG_KEY);
});

test("a secret memberId or imageId sets the opaqueId carrier, secret; plain ids leave it unset", async () => {
  const SIG_KEY = "4dabf18193072939515e22adb298388d";
  const image = "8a5c3b3e-1f0e-4b1e-9c53-2a7f0e6d4c11";
  const shares = [
    new ImageMember("secret-member", { imageId: image, memberId: pulumi.secret("p4") }),
    new ImageMember("secret-image", { imageId: pulumi.secret(image), memberId: "p5" }),
    new ImageMember("plain-ids", { imageId: image, memberId: "p6" }),
  ];
  await Promise.all(shares.map((share) => outputOf(share.id)));
  const inputsOf = (name: string) => registered.find((x) => x.name === name)!.inputs;
  expect(inputsOf("secret-member").opaqueId).toHaveProperty(SIG_KEY);
  expect(inputsOf("secret-image").opaqueId).toHaveProperty(SIG_KEY);
  expect(inputsOf("plain-ids")).not.toHaveProperty("opaqueId");
});
