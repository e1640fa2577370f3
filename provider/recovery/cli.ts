#!/usr/bin/env node
/**
 * `pulumi-image-member-recover`: README's "Interrupted deployments" in one command.
 *
 *   pulumi-image-member-recover --stack dev [--cwd DIR]         # export, settle, import
 *   pulumi stack export | pulumi-image-member-recover > recovered.json   # the same on files
 *
 * Says on stderr what it did with each pending operation (./pending-creates); exit 0 when done,
 * 2 when refused (nothing changed), 1 when a `pulumi` command failed (nothing imported).
 */
import { readFileSync } from "node:fs";
import { ImageMemberError, isImageMemberError } from "../errors";
import { parseArguments, USAGE, type Arguments } from "./arguments";
import { restorePendingCreates, type Outcome, type RecoveryStep } from "./pending-creates";
import { hasPlaintextSecrets } from "./secrets";
import { recoverStack } from "./stack-mode";

const NAME = "pulumi-image-member-recover";

const SAID: Record<Outcome, string> = {
  restored: "restored, for `pulumi refresh` to judge",
  "restored-replacement": "restored beside the resource it replaces (marked for deletion)",
  "recorded-update": "recorded the projects its update was adding, unconfirmed",
  dropped: "dropped (the next `pulumi up` runs it again)",
  "already-in-state": "dropped (already in state)",
  other: "dropped (another provider's, --drop-others)",
};

function say(line: string): void {
  process.stderr.write(`${line}\n`);
}

function sayEach(steps: RecoveryStep[]): void {
  for (const step of steps) say(`${SAID[step.outcome]}: ${step.operation} ${step.urn}`);
}

function summary(steps: RecoveryStep[]): string {
  const restored = steps.filter((s) => s.outcome.startsWith("restored") || s.outcome === "recorded-update");
  return `${steps.length} pending operation(s): ${restored.length} restored, ${steps.length - restored.length} dropped.`;
}

function fromStack(args: Arguments & { stack: string }): void {
  const { steps, imported } = recoverStack({ stack: args.stack, cwd: args.cwd, dropOthers: args.dropOthers });
  if (!imported) return say(`Nothing is pending in stack ${args.stack}: nothing was imported.`);
  sayEach(steps);
  const stack = `--stack ${args.stack}`;
  say(
    `${summary(steps)} Imported into stack ${args.stack}. Next: pulumi refresh ${stack}, then pulumi up ${stack}.`,
  );
}

function fromStdin(args: Arguments): void {
  if (process.stdin.isTTY)
    throw new ImageMemberError("ERR_USAGE", "No stack export on stdin.", {
      hint: `Run \`${NAME} --stack <name>\`, or pipe \`pulumi stack export\` into it (see --help).`,
    });
  const { state, steps } = restorePendingCreates(parseJson(readFileSync(0, "utf8")), {
    dropOthers: args.dropOthers,
  });
  process.stdout.write(`${JSON.stringify(state, null, 2)}\n`);
  sayEach(steps);
  say(
    `${summary(steps)} Next: pulumi stack import --file <this output>, then pulumi refresh, then pulumi up.`,
  );
  if (hasPlaintextSecrets(state))
    say("The output holds the export's secrets in plaintext: delete it, and the export, after the import.");
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new ImageMemberError("ERR_INVALID_EXPORT", "stdin is not JSON. Nothing was changed.", {
      hint: `Pipe \`pulumi stack export\` into it, or run \`${NAME} --stack <name>\`.`,
    });
  }
}

function exitCodeOf(e: unknown): number {
  if (!isImageMemberError(e)) {
    say(`${NAME}: unexpected failure (${e instanceof Error ? e.message : String(e)}). Nothing was changed.`);
    return 1;
  }
  say(`${NAME}: ${e.code}: ${e.message}`);
  return e.code === "ERR_PULUMI_FAILED" ? 1 : 2;
}

function main(argv: string[]): number {
  try {
    const args = parseArguments(argv);
    if (args.help) {
      process.stdout.write(USAGE);
      return 0;
    }
    if (args.stack !== undefined) fromStack({ ...args, stack: args.stack });
    else fromStdin(args);
    return 0;
  } catch (e) {
    return exitCodeOf(e);
  }
}

process.exitCode = main(process.argv.slice(2));
