/**
 * One installed Pulumi program per test file: the package packed from the build in dist/, a copy
 * of an example program depending on that tarball, `npm install`ed once and shared by the cases
 * (each case uses its own stack), a file backend and a PULUMI_HOME in the same temporary directory.
 */
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { join } from "node:path";
import * as harness from "../../scripts/lib/pulumi-harness";
import type { Role } from "../../provider/testing/fixtures";
import type { E2eTarget } from "./targets";
import { CaseTimings } from "./timing";

export interface E2eProgram {
  /** The temporary directory everything of this file lives in. */
  work: string;
  /** The directory of the engine binaries. */
  binDir: string;
  /** The tarball installed into the program. */
  tarball: string;
  /** The program's directory. */
  dir: string;
  pulumi: harness.Pulumi;
  /** Removes everything (kept when E2E_KEEP=1, for a look after a failure). */
  dispose(): void;
}

export async function prepareProgram(example: string, files?: Record<string, string>): Promise<E2eProgram> {
  const work = harness.tempDir("pim-e2e-");
  const binDir = await harness.ensurePulumi();
  const tarball = await harness.packPackage(work);
  const dir = await harness.createProgram({ example, dir: join(work, "program"), tarball, files });
  const env = harness.pulumiEnv({
    binDir,
    stateDir: join(work, "state"),
    homeDir: join(work, "home"),
    passphrase: `e2e-${randomBytes(6).toString("hex")}`,
  });
  return {
    work,
    binDir,
    tarball,
    dir,
    pulumi: new harness.Pulumi({ cwd: dir, env }),
    dispose: () => {
      if (process.env.E2E_KEEP === "1") process.stdout.write(`[e2e] kept ${work}\n`);
      else rmSync(work, { recursive: true, force: true });
    },
  };
}

/**
 * The program of one test file, prepared before its cases and removed after them, with each case's
 * time printed (./timing). Returns a getter: the program exists only once `beforeAll` has run.
 */
export function useProgram(file: string, example: string, files?: Record<string, string>): () => E2eProgram {
  let program: E2eProgram | undefined;
  new CaseTimings(file).install();
  beforeAll(async () => {
    program = await prepareProgram(example, files);
  }, 15 * 60_000);
  afterAll(() => program?.dispose());
  return () => {
    if (!program) throw new Error(`the ${file} program is not prepared`);
    return program;
  };
}

/** `{ env }` run options that log in as `role` on `target` (OS_* variables, as the CLI's users do). */
export function as(target: E2eTarget, role: Role): { env: Record<string, string> } {
  return { env: target.env(role) };
}

/**
 * A failed pulumi command that told the user one readable line: `error: <code>: …`, with the hint,
 * and no stack frame anywhere in its output.
 */
export function expectReadableFailure(result: harness.RunResult, codes: RegExp): string {
  expect(result.code).not.toBe(0);
  // A failed refresh reads "error: Preview failed: ERR_…".
  const pattern = new RegExp(`error: (?:Preview failed: )?(${codes.source}): .*`);
  // The Diagnostics section's line (no progress prefix), else the first one.
  const lines = result.output.split("\n").filter((l) => pattern.test(l));
  const line = (lines.find((l) => /^\s*error: /.test(l)) ?? lines[0])?.match(pattern)?.[0];
  if (!line) throw new Error(`no "error: ${codes.source}: " line in:\n${result.output}`);
  expect(result.output).not.toContain("    at ");
  expect(result.output).not.toMatch(/\bat .+\.(js|ts):\d+:\d+/);
  return line.trim();
}

/**
 * The projects a `pulumi preview --diff` names as removed from an exclusive ImageMemberSet's
 * `members`, with the status it shows on the same line (`- <id>: "accepted"`).
 */
export function removedMembers(output: string): Record<string, string> {
  const lines = output.matchAll(/^\s*-\s*"?([\w-]+)"?\s*:\s*"(pending|accepted|rejected|unconfirmed)"\s*$/gm);
  return Object.fromEntries([...lines].map((m) => [m[1], m[2]]));
}
