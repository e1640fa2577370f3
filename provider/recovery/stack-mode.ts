/**
 * Recovery in one command: `pulumi stack export --show-secrets`, the fix of ./pending-creates, and
 * `pulumi stack import` of the result, given on stdin so that the secrets shown never reach a
 * file. Nothing is imported when there is nothing pending or the fix is refused.
 */
import { spawnSync } from "node:child_process";
import { ImageMemberError } from "../errors";
import { restorePendingCreates, type RecoveryStep } from "./pending-creates";

export interface StackOptions {
  stack: string;
  cwd?: string;
  dropOthers?: boolean;
}

/** Recovers the stack; returns what was done, `imported` false when nothing was pending. */
export function recoverStack(options: StackOptions): { steps: RecoveryStep[]; imported: boolean } {
  const where = [...(options.cwd ? ["--cwd", options.cwd] : []), "--stack", options.stack];
  const exported = parseExport(pulumi(["stack", "export", "--show-secrets", ...where]));
  const { state, steps } = restorePendingCreates(exported, { dropOthers: options.dropOthers });
  if (steps.length === 0) return { steps, imported: false };
  pulumi(["stack", "import", ...where], `${JSON.stringify(state)}\n`);
  return { steps, imported: true };
}

const MAX_OUTPUT = 1 << 30;

/** Runs `pulumi args` (on PATH), `input` on its stdin; its stdout, or ERR_PULUMI_FAILED. */
function pulumi(args: string[], input?: string): string {
  const command = `pulumi ${args.filter((a) => a !== "--show-secrets").join(" ")}`;
  const run = spawnSync("pulumi", [...args, "--non-interactive", "--color", "never"], {
    input: input ?? "",
    encoding: "utf8",
    maxBuffer: MAX_OUTPUT,
  });
  if (run.error) {
    const missing = (run.error as NodeJS.ErrnoException).code === "ENOENT";
    throw failed(command, missing ? "pulumi is not on PATH" : run.error.message);
  }
  if (run.status !== 0) throw failed(command, lastError(run.stderr) ?? `exit status ${run.status}`);
  return run.stdout;
}

function parseExport(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw failed("pulumi stack export", "it did not print JSON");
  }
}

/** Pulumi's own error line, as it says it: `error: …`, else the last line. */
function lastError(stderr: string): string | undefined {
  const lines = stderr
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
  const line = lines.find((l) => l.startsWith("error:")) ?? lines[lines.length - 1];
  return line?.slice(0, 400).replace(/\.$/, "");
}

function failed(command: string, why: string): ImageMemberError {
  return new ImageMemberError("ERR_PULUMI_FAILED", `\`${command}\` failed: ${why}. Nothing was imported.`, {
    hint: "Fix what pulumi says (a lock left by the killed run: `pulumi cancel`; the stack's passphrase: PULUMI_CONFIG_PASSPHRASE) and run this again.",
  });
}
