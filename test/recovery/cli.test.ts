/**
 * `pulumi-image-member-recover` as a user runs it (the built dist/recovery/cli.js): stdin to stdout.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { IMAGE, dynamic, exportWith, pending, plugin, secretCipher, secretPlain } from "./fixtures";

const CLI = join(__dirname, "../../dist/recovery/cli.js");
const PREFIX = "pulumi-image-member-recover: ";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "pim-recover-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function recover(args: string[], options: { input?: string; env?: Record<string, string> } = {}) {
  const run = spawnSync(process.execPath, [CLI, ...args], {
    input: options.input ?? "",
    encoding: "utf8",
    env: { PATH: process.env.PATH ?? "", ...options.env },
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

const share = plugin("member", "share", { imageId: IMAGE, memberId: "p01" });
const killed = exportWith([pending("creating", share)]);

describe("file mode", () => {
  test("stdin to stdout; on stderr, each operation and what to run next", () => {
    const run = recover([], { input: JSON.stringify(killed) });
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout).deployment.resources.at(-1).id).toBe(`${IMAGE}/p01`);
    expect(run.stderr).toBe(
      [
        `restored, for \`pulumi refresh\` to judge: creating ${share.urn}`,
        "1 pending operation(s): 1 restored, 0 dropped. Next: pulumi stack import --file <this output>, then pulumi refresh, then pulumi up.",
        "",
      ].join("\n"),
    );
  });

  test("an export taken with --show-secrets: the output is said to hold them in plaintext", () => {
    const secret = plugin("member", "s", { imageId: IMAGE, memberId: secretPlain("p02") });
    const run = recover([], { input: JSON.stringify(exportWith([pending("creating", secret)])) });
    expect(run.status).toBe(0);
    expect(run.stderr).toContain(
      "The output holds the export's secrets in plaintext: delete it, and the export, after the import.\n",
    );
  });

  test.each([
    ["not JSON", "{", "ERR_INVALID_EXPORT: stdin is not JSON. Nothing was changed."],
    [
      "not an export",
      "{}",
      'ERR_INVALID_EXPORT: This is not a stack export as `pulumi stack export` writes it: "version" is missing',
    ],
    [
      "an encrypted secret id",
      JSON.stringify(
        exportWith([
          pending(
            "creating",
            dynamic("member", "s", { imageId: IMAGE, memberId: secretCipher("v1:c1ph3r") }),
          ),
        ]),
      ),
      "ERR_RECOVERY_REFUSED: The memberId of urn:pulumi:dev::share::pulumi-nodejs:dynamic/glance:ImageMember::s is a secret",
    ],
  ])("%s: one line, nothing on stdout, exit 2", (_name, input, start) => {
    const run = recover([], { input });
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr.startsWith(`${PREFIX}${start}`)).toBe(true);
    expect(run.stderr.split("\n")).toHaveLength(2);
    expect(run.stderr).not.toContain("c1ph3r");
  });
});
