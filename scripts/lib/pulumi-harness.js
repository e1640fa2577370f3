"use strict";
/* global Buffer, setTimeout, clearTimeout */
/**
 * Drives a Pulumi program the way a user runs one: the package packed with `npm pack`, the
 * tarball installed into a fresh program directory with `npm install`, and the real `pulumi` CLI
 * with a file backend in a temporary directory.
 *
 * Shared by the end-to-end tests (jest, TypeScript), `npm run demo` and `npm run bench` (plain
 * `node`, no ts-node in this repository), hence plain CommonJS under scripts/lib. Types:
 * ./pulumi-harness.d.ts.
 *
 * Every child runs asynchronously: the local cloud the programs talk to usually lives in the
 * calling process, and a synchronous child would stop it from answering.
 */
const { spawn } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

const ROOT = path.resolve(__dirname, "../..");
/** The `@pulumi/pulumi` programs get: the dev dependency's, unless a version-matrix row names another. */
const PULUMI_NPM_VERSION =
  process.env.E2E_PULUMI_NPM_VERSION ||
  require(path.join(ROOT, "package.json")).devDependencies["@pulumi/pulumi"];
const NPM = process.platform === "win32" ? "npm.cmd" : "npm";
/** Environment variables a Pulumi child never inherits: credentials and engine settings are ours. */
const OWN_PREFIXES = ["OS_", "HW_", "HUAWEICLOUD_", "PULUMI_"];

/** Runs a command; resolves with its exit code and output (rejects only when it cannot start or times out). */
function run(command, args, options = {}) {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd ?? ROOT,
      env: options.env ?? process.env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const out = [];
    const err = [];
    const all = [];
    const echo = options.echo ? lineEcho(options.echoPrefix ?? "") : undefined;
    child.stdout.on("data", (chunk) => {
      out.push(chunk);
      all.push(chunk);
      if (echo && options.echo !== "stderr") echo(chunk);
    });
    child.stderr.on("data", (chunk) => {
      err.push(chunk);
      all.push(chunk);
      if (echo) echo(chunk);
    });
    const timeoutMs = options.timeoutMs ?? 600_000;
    const timer = setTimeout(() => {
      child.kill("SIGTERM");
      reject(new Error(`${command} ${args.join(" ")} did not finish within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    child.on("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      if (echo) echo(null);
      const result = {
        command: [command, ...args].join(" "),
        code: code ?? (signal ? 128 : 1),
        stdout: Buffer.concat(out).toString("utf8"),
        stderr: Buffer.concat(err).toString("utf8"),
        output: Buffer.concat(all).toString("utf8"),
        ms: Date.now() - started,
      };
      if (result.code !== 0 && !options.allowFailure) {
        reject(
          new Error(
            `${result.command} exited with ${result.code} (in ${options.cwd ?? ROOT}):\n${result.output}`,
          ),
        );
      } else {
        resolve(result);
      }
    });
  });
}

/** Writes child output to our stdout line by line, each line prefixed. */
function lineEcho(prefix) {
  let pending = "";
  return (chunk) => {
    if (chunk === null) {
      if (pending) process.stdout.write(`${prefix}${pending}\n`);
      pending = "";
      return;
    }
    const lines = (pending + chunk.toString("utf8")).split("\n");
    pending = lines.pop() ?? "";
    for (const line of lines) process.stdout.write(`${prefix}${line}\n`);
  };
}

/** A new temporary directory (real path, so it can be searched for in output). */
function tempDir(prefix) {
  return fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
}

/**
 * The directory holding `pulumi`, `pulumi-language-nodejs` and `pulumi-resource-pulumi-nodejs`,
 * from toolchain/ensure-pulumi.sh (which may build the engine: minutes, the first time).
 */
async function ensurePulumi(options = {}) {
  const result = await run("bash", [path.join(ROOT, "toolchain/ensure-pulumi.sh")], {
    echo: options.echo ? "stderr" : false, // its log; stdout is the answer
    echoPrefix: options.echoPrefix,
    timeoutMs: 30 * 60_000,
  });
  const lines = result.stdout.trim().split("\n");
  return lines[lines.length - 1];
}

/** `npm run build` in the repository. */
function buildPackage(options = {}) {
  return run(NPM, ["run", "build"], { cwd: ROOT, echo: options.echo, echoPrefix: options.echoPrefix });
}

/** `npm pack` of the repository as built (no rebuild) into `destDir`; returns the tarball's path. */
async function packPackage(destDir) {
  return pack(ROOT, destDir);
}

/**
 * Packs a modified copy of the built package: `version` replaces package.json's version, and
 * `patch(dir)` may change the copied files (`dir/dist/...`) before packing.
 */
async function packModified(destDir, { version, patch }) {
  const stage = tempDir("pim-stage-");
  try {
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
    manifest.version = version;
    delete manifest.scripts; // nothing to run at pack or install time
    fs.writeFileSync(path.join(stage, "package.json"), JSON.stringify(manifest, null, 2));
    fs.cpSync(path.join(ROOT, "dist"), path.join(stage, "dist"), { recursive: true });
    fs.cpSync(path.join(ROOT, "README.md"), path.join(stage, "README.md"));
    if (patch) await patch(stage);
    return await pack(stage, destDir);
  } finally {
    fs.rmSync(stage, { recursive: true, force: true });
  }
}

async function pack(dir, destDir) {
  if (!fs.existsSync(path.join(dir, "dist/index.js")))
    throw new Error(`${dir} is not built (no dist/index.js)`);
  fs.mkdirSync(destDir, { recursive: true });
  const result = await run(NPM, ["pack", "--ignore-scripts", "--json", "--pack-destination", destDir], {
    cwd: dir,
  });
  const [info] = JSON.parse(result.stdout);
  return path.join(destDir, info.filename);
}

const NPM_INSTALL = ["install", "--prefer-offline", "--no-audit", "--no-fund"];

/**
 * A Pulumi program in `dir`: a copy of `example` (a directory of this repository, e.g.
 * `examples/share-image`) whose package.json takes `pulumi-image-member` from `tarball` and pins
 * `@pulumi/pulumi`, installed with npm as a user would. `files` are written in as well (relative
 * paths → contents), e.g. a second program in a subdirectory sharing node_modules.
 */
async function createProgram({ example, dir, tarball, files, echo, echoPrefix }) {
  const source = path.join(ROOT, example);
  fs.mkdirSync(dir, { recursive: true });
  for (const entry of fs.readdirSync(source)) {
    if (entry === "node_modules" || /^Pulumi\..+\.yaml$/.test(entry)) continue;
    fs.cpSync(path.join(source, entry), path.join(dir, entry), { recursive: true });
  }
  const manifestPath = path.join(dir, "package.json");
  const manifest = JSON.parse(fs.readFileSync(manifestPath, "utf8"));
  manifest.dependencies = {
    ...manifest.dependencies,
    "@pulumi/pulumi": PULUMI_NPM_VERSION,
    "pulumi-image-member": `file:${tarball}`,
  };
  fs.writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  for (const [name, text] of Object.entries(files ?? {})) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  await run(NPM, NPM_INSTALL, { cwd: dir, echo, echoPrefix, timeoutMs: 15 * 60_000 });
  return dir;
}

/** Installs another tarball of the package into an existing program (an upgrade, as a user does it). */
function installTarball(dir, tarball) {
  return run(NPM, [...NPM_INSTALL, tarball], { cwd: dir, timeoutMs: 15 * 60_000 });
}

/**
 * The environment of a `pulumi` child: ours without any OS_/HW_/PULUMI_ variable, the engine
 * first on PATH, a file backend, a passphrase, no update check, a private PULUMI_HOME and
 * XDG_CONFIG_HOME (so no clouds.yaml of this machine is found), then `extra`.
 */
function pulumiEnv({ binDir, stateDir, homeDir, passphrase, extra }) {
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !OWN_PREFIXES.some((p) => key.startsWith(p))) env[key] = value;
  }
  fs.mkdirSync(stateDir, { recursive: true });
  fs.mkdirSync(homeDir, { recursive: true });
  return {
    ...env,
    PATH: `${binDir}${path.delimiter}${process.env.PATH ?? ""}`,
    PULUMI_BACKEND_URL: `file://${stateDir}`,
    PULUMI_CONFIG_PASSPHRASE: passphrase,
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_HOME: path.join(homeDir, ".pulumi-home"),
    XDG_CONFIG_HOME: path.join(homeDir, ".config"),
    ...extra,
  };
}

/** `pulumi` in one program directory with one base environment. */
class Pulumi {
  constructor({ cwd, env }) {
    this.cwd = cwd;
    this.env = env;
  }

  /** Runs `pulumi <args> --non-interactive --color never`; `env` is added to the base environment. */
  run(args, options = {}) {
    return run("pulumi", [...args, "--non-interactive", "--color", "never"], {
      cwd: options.cwd ?? this.cwd,
      env: { ...this.env, ...options.env },
      allowFailure: options.allowFailure,
      echo: options.echo,
      echoPrefix: options.echoPrefix,
      timeoutMs: options.timeoutMs,
    });
  }

  async stackInit(stack, config = {}, options = {}) {
    await this.run(["stack", "init", stack], options);
    for (const [key, value] of Object.entries(config)) await this.configSet(stack, key, value, options);
  }

  /** Sets a config value: a string, or a list of strings (stored as structured config, replacing the old list). */
  async configSet(stack, key, value, options = {}) {
    if (typeof value === "string") {
      const args = ["config", "set", "--stack", stack];
      if (options.secret) args.push("--secret");
      await this.run([...args, key, value], options);
      return;
    }
    await this.run(["config", "rm", "--stack", stack, key], { ...options, allowFailure: true });
    const pairs = value.flatMap((item, i) => [
      options.secret ? "--secret" : "--plaintext",
      `${key}[${i}]=${item}`,
    ]);
    await this.run(["config", "set-all", "--stack", stack, "--path", ...pairs], options);
  }

  async exportState(stack, options = {}) {
    const result = await this.run(["stack", "export", "--stack", stack], options);
    return { text: result.stdout, deployment: JSON.parse(result.stdout) };
  }

  async outputs(stack, options = {}) {
    const result = await this.run(["stack", "output", "--json", "--stack", stack], options);
    return JSON.parse(result.stdout);
  }

  /** `stack rm --force --yes` (drops the state even with resources left). */
  removeStack(stack, options = {}) {
    return this.run(["stack", "rm", "--force", "--yes", "--stack", stack], {
      allowFailure: true,
      ...options,
    });
  }
}

/** The resources of an exported deployment of the given type (`glance:ImageMember`...). */
function resourcesOf(exported, typeSuffix) {
  const resources = exported.deployment?.resources ?? [];
  return resources.filter((r) => typeof r.type === "string" && r.type.endsWith(typeSuffix));
}

module.exports = {
  ROOT,
  PULUMI_NPM_VERSION,
  run,
  tempDir,
  ensurePulumi,
  buildPackage,
  packPackage,
  packModified,
  createProgram,
  installTarball,
  pulumiEnv,
  Pulumi,
  resourcesOf,
};
