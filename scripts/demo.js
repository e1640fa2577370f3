#!/usr/bin/env node
"use strict";
/* global Buffer */
/**
 * `npm run demo`: share an image between two projects with Pulumi, offline.
 *
 * Builds the package, makes sure the Pulumi engine is there, installs the packed package into a
 * temporary copy of examples/share-image, starts the package's local Keystone + Glance, runs
 * `pulumi up`, shows the share on the server, runs `pulumi destroy`, shows the DELETE that went out,
 * and removes everything it made. Plain Node.js (no ts-node in this repository): it drives the
 * programs with the same helpers as the end-to-end tests (scripts/lib/pulumi-harness.js).
 */
const fs = require("node:fs");
const path = require("node:path");
const harness = require("./lib/pulumi-harness.js");

const STACK = "demo";
const PIPE = "      | ";
let stepNumber = 0;

function step(title, ...explanation) {
  stepNumber += 1;
  console.log(`\n${String(stepNumber).padStart(2)}. ${title}`);
  for (const line of explanation) console.log(`    ${line}`);
}

function note(line) {
  console.log(`    ${line}`);
}

async function main() {
  const cleanups = [];
  const cleanUp = async () => {
    while (cleanups.length > 0) {
      const job = cleanups.pop();
      try {
        await job();
      } catch (e) {
        console.error(`    (cleaning up: ${e instanceof Error ? e.message : String(e)})`);
      }
    }
  };
  for (const signal of ["SIGINT", "SIGTERM"]) {
    process.once(signal, () => {
      console.log(`\n${signal}: cleaning up.`);
      cleanUp().finally(() => process.exit(130));
    });
  }

  console.log("pulumi-image-member demo: share a Glance image with another project from a Pulumi program,");
  console.log(
    "against a local Keystone + Glance on 127.0.0.1. No cloud account; everything is removed at the end.",
  );

  try {
    step(
      "Building the package (npm run build: the TypeScript in provider/ compiled to dist/).",
      "The program below installs it the way a user would, so it must be built first.",
    );
    await harness.buildPackage();

    step(
      "Finding the Pulumi engine (toolchain/ensure-pulumi.sh).",
      "It uses a `pulumi` on PATH or a cached build. On a machine with neither it builds the",
      "engine from source with Go: that takes several minutes the first time, then it is cached.",
    );
    const binDir = await harness.ensurePulumi({ echo: true, echoPrefix: PIPE });
    const version = (await harness.run(path.join(binDir, "pulumi"), ["version"])).stdout.trim();
    note(`Using pulumi ${version} from ${binDir}.`);

    const work = harness.tempDir("pim-demo-");
    cleanups.push(async () => {
      fs.rmSync(work, { recursive: true, force: true });
      note(`Removed ${work}.`);
    });
    step(
      "Packing the package (npm pack) and installing the tarball into a copy of examples/share-image.",
      `The copy is in ${path.join(work, "program")}; npm installs @pulumi/pulumi ${harness.PULUMI_NPM_VERSION},`,
      "TypeScript and ts-node beside it, as in any Pulumi TypeScript program (a minute or so the first time).",
    );
    const tarball = await harness.packPackage(work);
    note(`Packed ${path.basename(tarball)}.`);
    const dir = await harness.createProgram({
      example: "examples/share-image",
      dir: path.join(work, "program"),
      tarball,
    });
    note("Installed.");

    step(
      "Starting the local Keystone v3 + Glance v2 server (pulumi-image-member/testing).",
      "It holds three projects; the image belongs to project `owner`, and will be shared with `consumer`.",
    );
    const { startLocalCloud } = require(path.join(harness.ROOT, "dist/testing"));
    const cloud = await startLocalCloud();
    cleanups.push(async () => {
      await cloud.close();
      note("Stopped the local cloud.");
    });
    const f = cloud.fixtures;
    const imageId = cloud.createImage({ owner: f.projects.owner.id, name: "demo-image" });
    const consumer = f.projects.consumer.id;
    note(`Keystone: ${f.authUrl}`);
    note(`Image:    ${imageId} (owned by project owner, ${f.projects.owner.id})`);
    note(`Consumer: project consumer, ${consumer}`);

    step(
      `Creating the Pulumi stack "${STACK}" and its config.`,
      `State goes to a local file backend in ${path.join(work, "state")} (no Pulumi account;`,
      "secrets in it would be encrypted with the passphrase in PULUMI_CONFIG_PASSPHRASE). The program",
      "reads which image to share with which projects from stack config. The owner's credentials reach",
      "the provider as OS_* variables, as the OpenStack CLI takes them; they are never written to the state.",
    );
    const pulumi = new harness.Pulumi({
      cwd: dir,
      env: harness.pulumiEnv({
        binDir,
        stateDir: path.join(work, "state"),
        homeDir: path.join(work, "home"),
        passphrase: "demo-passphrase",
        extra: {
          OS_AUTH_URL: f.authUrl,
          OS_USERNAME: f.users.owner.name,
          OS_PASSWORD: f.users.owner.password,
          OS_PROJECT_NAME: f.projects.owner.name,
          OS_USER_DOMAIN_NAME: f.domain,
          OS_PROJECT_DOMAIN_NAME: f.domain,
          OS_REGION_NAME: f.region,
        },
      }),
    });
    await pulumi.stackInit(STACK, { imageId, memberProjects: [consumer] });
    note(`$ pulumi config set imageId ${imageId}`);
    note(`$ pulumi config set --path 'memberProjects[0]' ${consumer}`);

    step(
      "pulumi up",
      "The program declares one ImageMember. The engine runs its create hook in a provider process,",
      "which logs in to Keystone and POSTs the share to Glance (/v2/images/{image}/members).",
    );
    cloud.clearRequests();
    await pulumi.run(["up", "--yes", "--stack", STACK], { echo: true, echoPrefix: PIPE });
    const exported = await pulumi.exportState(STACK);
    const [member] = harness.resourcesOf(exported.deployment, "glance:ImageMember");
    const provider = String(member?.outputs?.__provider ?? "");
    note(
      `The state (pulumi stack export) holds the share's ids and status, and a ${Buffer.byteLength(provider)}-byte`,
    );
    note("provider reference that only requires the installed package: no password, no token, no path.");

    step("The share as the server has it: the image's member list, as the owner lists it.");
    const shared = cloud.members(imageId);
    printMembers(shared);
    if (!shared.some((m) => m.member_id === consumer))
      throw new Error("the server has no share with consumer");

    step(
      "pulumi destroy",
      "The engine runs the delete hook with credentials read now (the token from `up` is not kept),",
      "which sends DELETE /v2/images/{image}/members/{project}.",
    );
    cloud.clearRequests();
    await pulumi.run(["destroy", "--yes", "--stack", STACK], { echo: true, echoPrefix: PIPE });

    step("What reached the server during destroy (its request log), and the member list now.");
    for (const r of cloud.requests) note(`${r.method.padEnd(6)} ${r.path} → ${r.status}${whatItIs(r)}`);
    const deletes = cloud.requests.filter((r) => r.method === "DELETE" && r.path.includes("/members/"));
    if (deletes.length !== 1 || deletes[0].status !== 204) {
      throw new Error(`expected one DELETE of the member answered 204, saw ${JSON.stringify(deletes)}`);
    }
    const left = cloud.members(imageId);
    printMembers(left);
    if (left.length > 0) throw new Error("the share is still on the server");
    note("The share is gone.");
    await pulumi.removeStack(STACK);

    step("Cleaning up.");
    await cleanUp();
    console.log("\nDone. Next: README.md (usage, configuration), examples/, `npm run test:e2e`.");
  } catch (e) {
    console.error(`\nStep ${stepNumber} failed: ${e instanceof Error ? e.message : String(e)}`);
    await cleanUp();
    process.exitCode = 1;
  }
}

function whatItIs(request) {
  if (request.path.endsWith("/auth/tokens")) return "   (a new token, for this provider process)";
  if (request.method === "DELETE") return "   (the share revoked)";
  return "";
}

function printMembers(members) {
  if (members.length === 0) {
    note("(no members)");
    return;
  }
  note(`${"member (project id)".padEnd(34)}${"status".padEnd(10)}created`);
  for (const m of members) note(`${m.member_id.padEnd(34)}${m.status.padEnd(10)}${m.created_at}`);
}

main();
