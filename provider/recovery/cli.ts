#!/usr/bin/env node
/**
 * `pulumi-image-member-recover`: the state edit of README's "Interrupted deployments".
 *
 *   pulumi stack export --show-secrets | npx pulumi-image-member-recover > recovered.json
 *
 * Reads a stack export on stdin, writes it back on stdout with every pending operation settled
 * (see ./pending-creates), and says on stderr what it did with each.
 */
import { readFileSync } from "node:fs";
import { ImageMemberError, isImageMemberError } from "../errors";
import { restorePendingCreates, type Outcome, type RecoveryStep } from "./pending-creates";
import { hasPlaintextSecrets } from "./secrets";

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

function summary(steps: RecoveryStep[]): string {
  const restored = steps.filter((s) => s.outcome.startsWith("restored") || s.outcome === "recorded-update");
  return `${steps.length} pending operation(s): ${restored.length} restored, ${steps.length - restored.length} dropped.`;
}

function fromStdin(dropOthers: boolean): void {
  const { state, steps } = restorePendingCreates(parseJson(readFileSync(0, "utf8")), { dropOthers });
  process.stdout.write(`${JSON.stringify(state, null, 2)}\n`);
  for (const step of steps) say(`${SAID[step.outcome]}: ${step.operation} ${step.urn}`);
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
      hint: "Pipe `pulumi stack export --show-secrets` into it.",
    });
  }
}

function main(argv: string[]): number {
  const unknown = argv.filter((a) => a !== "--drop-others");
  try {
    if (unknown.length > 0)
      throw new ImageMemberError("ERR_USAGE", `unknown argument ${JSON.stringify(unknown[0])}.`, {
        hint: `Run \`pulumi stack export | ${NAME} [--drop-others] > recovered.json\`.`,
      });
    fromStdin(argv.includes("--drop-others"));
    return 0;
  } catch (e) {
    if (!isImageMemberError(e)) throw e;
    say(`${NAME}: ${e.code}: ${e.message}`);
    return 2;
  }
}

process.exitCode = main(process.argv.slice(2));
