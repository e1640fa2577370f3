#!/usr/bin/env node
/**
 * `node dist/testing/cli.js [--port 5000] [--flavour glance|ims] [--token-ttl 3600]
 *  [--member-quota 128] [--fixtures-file PATH] [--clouds-file PATH] [--log]`
 *
 * Starts the local cloud, creates one shared image owned by the `owner` project, prints the
 * URL, the logins of every user (owner, consumer, third) as `OS_*` blocks and as a clouds.yaml,
 * the fixtures, and runs until SIGINT or SIGTERM. `--fixtures-file` also writes the fixtures
 * (plus `imageId`) as JSON, `--clouds-file` the clouds.yaml; `--log` prints one line per
 * request to stdout.
 */
import { writeFileSync } from "node:fs";
import { cloudName, cloudsYaml, osEnvironment } from "./credentials";
import type { Role } from "./fixtures";
import { startLocalCloud } from "./server";
import type { CloudFlavour, LocalCloudOptions, RequestRecord } from "./types";

const USAGE = [
  "usage: pulumi-image-member-local-cloud [--port N] [--flavour glance|ims] [--token-ttl SECONDS]",
  "         [--member-quota N] [--fixtures-file PATH] [--clouds-file PATH] [--log]",
  "",
  "A local Keystone + Glance on 127.0.0.1 for trying programs without a cloud: one shared image",
  "owned by the owner project, the logins of owner, consumer and third as OS_* and clouds.yaml.",
  "",
  "  --port N             port to listen on (default: a free one)",
  "  --flavour glance|ims  OpenStack Glance, or Huawei Cloud IMS's Native OpenStack API",
  "  --token-ttl SECONDS  token lifetime (default 3600)",
  "  --member-quota N     members per image before 413, as image_member_quota (default 128)",
  "  --fixtures-file PATH also write the fixtures (and imageId) as JSON",
  "  --clouds-file PATH   also write the clouds.yaml",
  "  --log                one line per request on stdout",
  "",
  "Runs until SIGINT or SIGTERM.",
].join("\n");
const ROLES: Role[] = ["owner", "consumer", "third"];

interface CliOptions extends LocalCloudOptions {
  fixturesFile?: string;
  cloudsFile?: string;
  log?: boolean;
}

function parseArgs(argv: string[]): CliOptions {
  const options: CliOptions = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.indexOf("=");
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const value = (): string => {
      const v = eq > 0 ? arg.slice(eq + 1) : argv[++i];
      if (v === undefined) throw new Error(`${name} needs a value`);
      return v;
    };
    const int = (): number => {
      const v = value();
      const n = Number(v);
      if (!Number.isInteger(n)) throw new Error(`${name}: not an integer: ${v}`);
      return n;
    };
    switch (name) {
      case "--port":
        options.port = int();
        break;
      case "--flavour":
      case "--flavor": {
        const f = value();
        if (f !== "glance" && f !== "ims") throw new Error(`${name}: glance or ims, not ${f}`);
        options.flavour = f as CloudFlavour;
        break;
      }
      case "--token-ttl":
        options.tokenTtlSeconds = int();
        break;
      case "--member-quota":
        options.memberQuota = int();
        break;
      case "--fixtures-file":
        options.fixturesFile = value();
        break;
      case "--clouds-file":
        options.cloudsFile = value();
        break;
      case "--log":
        options.log = true;
        break;
      case "-h":
      case "--help":
        console.log(USAGE);
        process.exit(0);
        break;
      default:
        throw new Error(`unknown argument ${arg}`);
    }
  }
  return options;
}

/** One request log line: `time METHOD path?query status`. */
function logLine(r: RequestRecord): string {
  const time = new Date().toISOString().slice(11, 23);
  return `${time} ${r.method} ${r.path}${r.query ? "?" + r.query : ""} ${r.status === 0 ? "reset" : r.status}`;
}

async function main(): Promise<void> {
  let options: CliOptions;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`${(e as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  const { fixturesFile, cloudsFile, log, ...cloudOptions } = options;
  if (log) cloudOptions.onRequestDone = (r) => console.log(logLine(r));
  const cloud = await startLocalCloud(cloudOptions);
  const f = cloud.fixtures;
  const imageId = cloud.createImage({
    owner: f.projects.owner.id,
    name: "shared-image",
    visibility: "shared",
  });
  if (fixturesFile) writeFileSync(fixturesFile, JSON.stringify({ ...f, imageId }, null, 2) + "\n");
  const clouds = cloudsYaml(f);
  if (cloudsFile) writeFileSync(cloudsFile, clouds);

  const lines = [
    `local cloud (${cloud.flavour}) listening on ${cloud.url}`,
    `  identity: ${f.authUrl}`,
    `  image:    ${f.imageUrl} (region ${f.region}; append /v2)`,
    `  image id: ${imageId} (shared, owned by project ${f.projects.owner.name})`,
    "",
    "projects and users (domain " + f.domain + "):",
    ...ROLES.map(
      (r) =>
        `  ${r.padEnd(9)} project ${f.projects[r].name} ${f.projects[r].id}  user ${f.users[r].name} / ${f.users[r].password}`,
    ),
    `  application credential of ${f.users.owner.name}: id ${f.applicationCredential.id} secret ${f.applicationCredential.secret}`,
  ];
  for (const role of ROLES) {
    lines.push(
      "",
      `environment for the ${role} (${f.users[role].name} on project ${f.projects[role].name}):`,
    );
    for (const [name, value] of Object.entries(osEnvironment(f, role))) lines.push(`export ${name}=${value}`);
  }
  lines.push(
    "",
    `clouds.yaml (${ROLES.map(cloudName).join(", ")}; use with --os-cloud or OS_CLOUD)` +
      (cloudsFile ? `, written to ${cloudsFile}:` : ":"),
    clouds.trimEnd(),
    "",
    "fixtures:",
    JSON.stringify({ ...f, imageId }, null, 2),
  );
  if (fixturesFile) lines.push(`fixtures written to ${fixturesFile}`);
  if (log) lines.push("request log follows (time method path?query status)");
  lines.push("press Ctrl-C to stop");
  console.log(lines.join("\n"));

  const stop = (signal: string) => {
    console.log(`${signal}: stopping`);
    cloud.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGINT", () => stop("SIGINT"));
  process.once("SIGTERM", () => stop("SIGTERM"));
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
