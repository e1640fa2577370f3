/**
 * `pulumi-image-member-recover` as a user runs it (the built dist/recovery/cli.js): its help, its
 * file mode (stdin to stdout) and its one-command mode against a stand-in `pulumi` on PATH that
 * prints a given export and records what it was asked and given.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { IMAGE, dynamic, exportWith, made, pending, plugin, secretCipher, secretPlain } from "./fixtures";

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

test("--help: the usage on stdout, exit 0", () => {
  const help = recover(["--help"]);
  expect(help.status).toBe(0);
  expect(help.stderr).toBe("");
  expect(help.stdout).toMatch(
    /^Usage:\n {2}pulumi-image-member-recover --stack NAME \[--cwd DIR\] \[--drop-others\]\n/,
  );
  expect(help.stdout).toContain(
    "Exit status: 0 done, 2 refused (nothing changed), 1 a pulumi command failed",
  );
  expect(recover(["-h"]).stdout).toBe(help.stdout);
});

test.each([
  [["--bogus"], 'unknown argument "--bogus"'],
  [["--stack"], "--stack needs a value"],
  [["--stack", "--drop-others"], "--stack needs a value"],
  [["--cwd", "x"], "--cwd goes with --stack"],
])("%j: one line, exit 2", (args, what) => {
  const run = recover(args);
  expect(run.status).toBe(2);
  expect(run.stdout).toBe("");
  expect(run.stderr).toBe(
    `${PREFIX}ERR_USAGE: ${what}. Run \`pulumi-image-member-recover --help\` for the usage.\n`,
  );
});

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

describe("--stack: export, settle, import", () => {
  /** A stand-in `pulumi`: prints `exported` for `stack export`, records every call and any import's stdin. */
  function fakePulumi(exported: unknown, options: { failImport?: string } = {}) {
    const bin = join(dir, "bin");
    mkdirSync(bin);
    writeFileSync(join(dir, "export.json"), JSON.stringify(exported));
    const script = `#!${process.execPath}
const fs = require("fs");
const dir = ${JSON.stringify(dir)};
const args = process.argv.slice(2);
fs.appendFileSync(dir + "/calls", args.join(" ") + "\\n");
if (args[0] === "stack" && args[1] === "export") process.stdout.write(fs.readFileSync(dir + "/export.json"));
if (args[0] === "stack" && args[1] === "import") {
  fs.writeFileSync(dir + "/imported.json", fs.readFileSync(0));
  ${options.failImport ? `process.stderr.write(${JSON.stringify(options.failImport)}); process.exit(255);` : ""}
}
`;
    writeFileSync(join(bin, "pulumi"), script);
    chmodSync(join(bin, "pulumi"), 0o755);
    return { PATH: `${bin}:${process.env.PATH}` };
  }
  const calls = () => readFileSync(join(dir, "calls"), "utf8").trim().split("\n");
  const imported = () => JSON.parse(readFileSync(join(dir, "imported.json"), "utf8"));

  test("exports with the secrets shown, imports the settled state from stdin, says what it did", () => {
    const env = fakePulumi(killed);
    const run = recover(["--stack", "dev", "--cwd", "/some/project"], { env });
    expect(run.status).toBe(0);
    expect(calls()).toEqual([
      "stack export --show-secrets --cwd /some/project --stack dev --non-interactive --color never",
      "stack import --cwd /some/project --stack dev --non-interactive --color never",
    ]);
    expect(imported().deployment.pending_operations).toEqual([]);
    expect(imported().deployment.resources.at(-1).id).toBe(`${IMAGE}/p01`);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe(
      [
        `restored, for \`pulumi refresh\` to judge: creating ${share.urn}`,
        "1 pending operation(s): 1 restored, 0 dropped. Imported into stack dev. Next: pulumi refresh --stack dev, then pulumi up --stack dev.",
        "",
      ].join("\n"),
    );
  });

  test("nothing pending: nothing imported", () => {
    const env = fakePulumi(exportWith([], [made(share, `${IMAGE}/p01`)]));
    const run = recover(["--stack=dev"], { env });
    expect(run.status).toBe(0);
    expect(run.stderr).toBe("Nothing is pending in stack dev: nothing was imported.\n");
    expect(calls()).toHaveLength(1);
  });

  test("refused (another provider's operation): nothing imported, exit 2", () => {
    const bucket = {
      urn: "urn:pulumi:dev::share::aws:s3/bucket:Bucket::b",
      type: "aws:s3/bucket:Bucket",
      custom: true,
    };
    const env = fakePulumi(exportWith([pending("creating", share), pending("creating", bucket)]));
    const run = recover(["--stack", "dev"], { env });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(
      /^pulumi-image-member-recover: ERR_RECOVERY_REFUSED: The stack has pending operations of other providers.*\n$/,
    );
    expect(calls()).toHaveLength(1);
    expect(recover(["--stack", "dev", "--drop-others"], { env }).status).toBe(0);
    expect(existsSync(join(dir, "imported.json"))).toBe(true);
  });

  test("a failed import: pulumi's own error in one line, exit 1", () => {
    const env = fakePulumi(killed, {
      failImport:
        "error: the stack is currently locked by 1 lock(s). Either wait for the other process(es) to end or delete the lock file with `pulumi cancel`.\n",
    });
    const run = recover(["--stack", "dev"], { env });
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split("\n").at(-1)).toBe(
      "pulumi-image-member-recover: ERR_PULUMI_FAILED: `pulumi stack import --stack dev` failed: error: the stack is currently locked by 1 lock(s). Either wait for the other process(es) to end or delete the lock file with `pulumi cancel`. Nothing was imported. Fix what pulumi says (a lock left by the killed run: `pulumi cancel`; the stack's passphrase: PULUMI_CONFIG_PASSPHRASE) and run this again.",
    );
  });

  test("no pulumi on PATH: said so, exit 1", () => {
    const run = recover(["--stack", "dev"], { env: { PATH: dir } });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(
      `${PREFIX}ERR_PULUMI_FAILED: \`pulumi stack export --stack dev\` failed: pulumi is not on PATH. Nothing was imported. Fix what pulumi says (a lock left by the killed run: \`pulumi cancel\`; the stack's passphrase: PULUMI_CONFIG_PASSPHRASE) and run this again.\n`,
    );
  });
});
