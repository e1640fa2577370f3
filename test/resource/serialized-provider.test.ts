/**
 * What the engine stores as `__provider` when a user installs this package: built from `dist/`,
 * laid out under node_modules as npm would, serialized by Pulumi's own closure serializer in a
 * separate Node process that has credentials in its stack config and environment.
 */
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const ROOT = resolve(__dirname, "../..");
const SECRETS = ["config-password-7f3a", "config-token-gAAAA9", "env-password-c41d", "env-secret-e9b2"];

let dir: string;

beforeAll(() => {
  if (!existsSync(join(ROOT, "dist/index.js"))) throw new Error("run `npm run build` first (npm test does)");
  dir = mkdtempSync(join(tmpdir(), "pim-serialize-"));
  const installed = join(dir, "node_modules/pulumi-image-member");
  cpSync(join(ROOT, "dist"), join(installed, "dist"), { recursive: true });
  cpSync(join(ROOT, "package.json"), join(installed, "package.json"));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function runInProgram(script: string): string {
  writeFileSync(join(dir, "script.js"), script);
  return execFileSync(process.execPath, ["script.js"], {
    cwd: dir,
    encoding: "utf8",
    env: {
      ...process.env,
      NODE_PATH: `${join(dir, "node_modules")}:${join(ROOT, "node_modules")}`,
      OS_PASSWORD: SECRETS[2],
      OS_APPLICATION_CREDENTIAL_SECRET: SECRETS[3],
      OS_AUTH_URL: "https://keystone.example.com/v3",
    },
  });
}

const SERIALIZE = `
const pulumi = require("@pulumi/pulumi");
pulumi.runtime.setAllConfig(
  { "openstack:password": "${SECRETS[0]}", "openstack:token": "${SECRETS[1]}" },
  ["openstack:password", "openstack:token"],
);
pulumi.runtime.setMocks({
  newResource: (a) => { process.stdout.write(a.inputs.__provider); return { id: "i", state: a.inputs }; },
  call: () => ({}),
}, "project", "stack", false);
const { ImageMember } = require("pulumi-image-member");
new ImageMember("share", { imageId: "8a5c3b3e-1f0e-4b1e-9c53-2a7f0e6d4c11", memberId: "p2" });
`;

test("the installed package serializes to a require of itself: no secret, no path, under 2 KB", () => {
  const provider = runInProgram(SERIALIZE);
  console.log(`__provider of an installed ImageMember: ${Buffer.byteLength(provider)} bytes`);
  expect(provider).toContain('require("pulumi-image-member/serialized/image-member")');
  for (const secret of SECRETS) expect(provider).not.toContain(secret);
  expect(provider).not.toContain(dir);
  expect(provider).not.toContain(ROOT);
  expect(Buffer.byteLength(provider)).toBeLessThanOrEqual(2048);
});

test("the stored provider runs the installed package's hooks when the engine loads it", () => {
  const provider = runInProgram(SERIALIZE);
  writeFileSync(join(dir, "provider.txt"), provider);
  const out = runInProgram(`
const requireFromString = require("require-from-string");
const provider = requireFromString(require("fs").readFileSync("provider.txt", "utf8")).handler();
provider.check({}, { imageId: "not-a-uuid", memberId: "p2" }).then((r) => console.log(JSON.stringify(r.failures)));
`);
  expect(JSON.parse(out)).toEqual([
    { property: "imageId", reason: expect.stringContaining("imageId must be an image UUID") },
  ]);
});
