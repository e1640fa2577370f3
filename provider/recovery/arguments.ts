/** The command line of `pulumi-image-member-recover`. */
import { ImageMemberError } from "../errors";

export const USAGE = `Usage:
  pulumi-image-member-recover --stack NAME [--cwd DIR] [--drop-others]
  pulumi stack export [--show-secrets] | pulumi-image-member-recover [--drop-others] > recovered.json

Settles the pending operations a killed \`pulumi up\` left in a stack's state, so that no image
share lives outside state: the creates it had started come back as resources for \`pulumi refresh\`
to judge (a replacement's beside the resource it replaces), an ImageMemberSet's update records the
projects it was adding, and what the next \`pulumi up\` runs again is dropped.

With --stack, it runs \`pulumi stack export --show-secrets\` and \`pulumi stack import\` itself
(the secrets pass through memory only); without, it reads an export on stdin and writes the
settled state on stdout, for \`pulumi stack import --file\`. Then run \`pulumi refresh\` and
\`pulumi up\`, with the credentials of the interrupted run.

Options:
  --stack NAME     the stack to recover (pulumi on PATH; its passphrase as pulumi takes it)
  --cwd DIR        the directory of the stack's Pulumi project (default: this one)
  --drop-others    drop other providers' pending operations too (refused otherwise)
  -h, --help       this text

Exit status: 0 done, 2 refused (nothing changed), 1 a pulumi command failed (nothing imported).
`;

export interface Arguments {
  help: boolean;
  dropOthers: boolean;
  stack?: string;
  cwd?: string;
}

const VALUED = { "--stack": "stack", "--cwd": "cwd" } as const;

/** `argv` as {@link Arguments}; ERR_USAGE for an unknown option or one without its value. */
export function parseArguments(argv: string[]): Arguments {
  const args: Arguments = { help: false, dropOthers: false };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = splitInline(argv[i]);
    if (flag === "--help" || flag === "-h") args.help = true;
    else if (flag === "--drop-others") args.dropOthers = true;
    else if (flag in VALUED) {
      const value = inline ?? argv[++i];
      if (value === undefined || value === "" || value.startsWith("--")) throw usage(`${flag} needs a value`);
      args[VALUED[flag as keyof typeof VALUED]] = value;
    } else throw usage(`unknown argument ${JSON.stringify(argv[i])}`);
  }
  if (args.cwd !== undefined && args.stack === undefined) throw usage("--cwd goes with --stack");
  return args;
}

function splitInline(arg: string): [string, string | undefined] {
  const eq = arg.indexOf("=");
  return arg.startsWith("--") && eq > 0 ? [arg.slice(0, eq), arg.slice(eq + 1)] : [arg, undefined];
}

function usage(what: string): ImageMemberError {
  return new ImageMemberError("ERR_USAGE", `${what}.`, {
    hint: "Run `pulumi-image-member-recover --help` for the usage.",
  });
}
