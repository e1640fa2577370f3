#!/usr/bin/env node
/**
 * `pulumi-image-member-recover`: the state edit of README's "Interrupted deployments".
 *
 *   pulumi stack export | npx pulumi-image-member-recover > recovered.json
 *
 * Reads a stack export on stdin, writes it back on stdout with the pending ImageMember creates
 * restored as resources (see ./pending-creates), and says on stderr what it did.
 */
import { readFileSync } from "node:fs";
import { isImageMemberError } from "../errors";
import { restorePendingCreates } from "./pending-creates";

function main(argv: string[]): number {
  const unknown = argv.filter((a) => a !== "--drop-others");
  if (unknown.length > 0) {
    process.stderr.write(
      `pulumi-image-member-recover: unknown argument ${unknown[0]}\nusage: pulumi stack export | pulumi-image-member-recover [--drop-others] > recovered.json\n`,
    );
    return 2;
  }
  let exported: unknown;
  try {
    exported = JSON.parse(readFileSync(0, "utf8"));
  } catch {
    process.stderr.write(
      "pulumi-image-member-recover: stdin is not JSON: pipe `pulumi stack export` into it.\n",
    );
    return 2;
  }
  try {
    const { state, report } = restorePendingCreates(exported, { dropOthers: argv.includes("--drop-others") });
    process.stdout.write(`${JSON.stringify(state, null, 2)}\n`);
    const say = (what: string, urns: string[]) => {
      for (const urn of urns) process.stderr.write(`${what}: ${urn}\n`);
    };
    say("restored, for `pulumi refresh` to judge", report.restored);
    say("dropped (the next `pulumi up` runs it again)", report.dropped);
    say("dropped (already in state)", report.stale);
    say("dropped (another provider's)", report.others);
    process.stderr.write(
      `${report.restored.length} interrupted share(s) restored. Next: pulumi stack import --file <this output>, then pulumi refresh, then pulumi up.\n`,
    );
    return 0;
  } catch (e) {
    if (!isImageMemberError(e)) throw e;
    process.stderr.write(`pulumi-image-member-recover: ${e.code}: ${e.message}\n`);
    return 2;
  }
}

process.exitCode = main(process.argv.slice(2));
