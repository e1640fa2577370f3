/**
 * The real Pulumi engine on the benchmark program (bench/program), through the end-to-end test
 * harness (scripts/lib/pulumi-harness.js): the package packed and installed into a temporary program,
 * `pulumi` with a file backend. One deployment = `pulumi up` then `pulumi destroy` of a stack.
 */
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { ExportedResource, ExportedState, Pulumi } from "../../scripts/lib/pulumi-harness";
import type { RequestSummary } from "./cloud-protocol";
import { childrenCpuSeconds } from "./cpu";
import {
  createPluginProgram,
  ensureLanguageHosts,
  installPlugin,
  PLUGIN_TYPE,
  type PluginShape,
} from "./plugin-program";
import type { RemoteCloud } from "./remote-cloud";

type Harness = typeof import("../../scripts/lib/pulumi-harness");

/** Glance's default image_member_quota is 128: spread the shares over images of this many. */
const SHARES_PER_IMAGE = 100;

/**
 * What the benchmark deploys: from bench/program, `share` = N ImageMember spread over images,
 * `floor` = the same with no-op hooks, `imageShare` / `imageMemberSet` = one ImageShare /
 * ImageMemberSet of N projects on one image; `plugin` = the N shares of `share` and `pluginSet` =
 * the ImageMemberSet of `imageMemberSet`, through the provider plugin, from a YAML program
 * (bench/lib/plugin-program.ts); `yamlFloor` = a YAML program with no resources, whatever N.
 */
export type Kind = "share" | "floor" | "imageShare" | "imageMemberSet" | "plugin" | "pluginSet" | "yamlFloor";

/** The kinds deployed from a YAML program through the plugin, and what that program declares. */
const PLUGIN_SHAPES: Partial<Record<Kind, PluginShape>> = {
  plugin: "members",
  pluginSet: "set",
  yamlFloor: "empty",
};

/** The type of the resources whose state size is measured, for the kinds it is measured of. */
const RESOURCE_TYPE: Partial<Record<Kind, string>> = {
  share: "glance:ImageMember",
  floor: "bench:Floor",
  plugin: PLUGIN_TYPE,
};

export interface Deployment {
  kind: Kind;
  count: number;
  latencyMs: number;
  upMs: number;
  destroyMs: number;
  /** CPU seconds of pulumi and the processes it started (engine, language host, program, provider). */
  upCpu?: number;
  destroyCpu?: number;
  up: RequestSummary;
  destroy: RequestSummary;
  /** From `pulumi stack export` after `up`, when asked for. */
  state?: StateSize;
}

export interface StateSize {
  /** Bytes of the whole `pulumi stack export`. */
  exportBytes: number;
  resources: number;
  /** Median bytes of one resource's entry (compact JSON) among the measured ones. */
  bytesPerResource: number;
  /** Bytes of the `__provider` text stored in the outputs (it is in the inputs too). */
  providerBytes: number;
  /** Bytes of the first measured resource's inputs and outputs (compact JSON), `__provider` included. */
  propertyBytes: number;
  /** Bytes of its `stackTrace`: where the language host says the resource was declared. */
  stackTraceBytes: number;
}

/** The version-matrix row a run measured (README "Supported versions"), beside the machine's Node.js. */
export interface EngineVersions {
  pulumi: string;
  pulumiSdk: string;
  engineBuild: string;
}

export class Engine {
  private stacks = 0;
  /** The YAML programs through the plugin, one per shape and resource count. */
  private readonly pluginPrograms = new Map<string, Pulumi>();

  private constructor(
    private readonly cloud: RemoteCloud,
    private readonly pulumi: Pulumi,
    private readonly imageIds: string[],
    readonly workDir: string,
    /** What the run measured: `pulumi version`, the program's `@pulumi/pulumi`, how the engine was built. */
    readonly versions: EngineVersions,
    private readonly harness: Harness,
    /** Where the YAML language host is; set when the run deploys through the plugin. */
    private readonly languageHosts: string | undefined,
  ) {}

  /** Packs the built package, installs it into a copy of bench/program, creates the images. */
  static async start(
    root: string,
    cloud: RemoteCloud,
    maxShares: number,
    log: (line: string) => void,
    options: { plugin?: boolean } = {},
  ): Promise<Engine> {
    const harness: Harness = require(join(root, "scripts/lib/pulumi-harness.js"));
    const binDir = await harness.ensurePulumi();
    const work = harness.tempDir("pim-bench-");
    log(`  engine: packing and installing the program in ${work}`);
    const tarball = await harness.packPackage(work);
    const dir = await harness.createProgram({
      example: "bench/program",
      dir: join(work, "program"),
      tarball,
    });
    const env = harness.pulumiEnv({
      binDir,
      stateDir: join(work, "state"),
      homeDir: join(work, "home"),
      passphrase: "bench",
      extra: cloud.envOf("owner"),
    });
    const pulumi = new harness.Pulumi({ cwd: dir, env });
    const versions: EngineVersions = {
      pulumi: (await pulumi.run(["version"])).stdout.trim(),
      pulumiSdk: JSON.parse(readFileSync(join(dir, "node_modules/@pulumi/pulumi/package.json"), "utf8"))
        .version,
      engineBuild: existsSync(join(binDir, "../BUILD-INFO"))
        ? readFileSync(join(binDir, "../BUILD-INFO"), "utf8").trim()
        : "a pulumi on PATH",
    };
    const imageIds: string[] = [];
    for (let i = 0; i < Math.ceil(maxShares / SHARES_PER_IMAGE); i++)
      imageIds.push(await cloud.createImage());
    let languageHosts: string | undefined;
    if (options.plugin) {
      languageHosts = await ensureLanguageHosts(harness, root);
      log("  engine: packaging the provider plugin and installing it with pulumi plugin install");
      await installPlugin(harness, pulumi, root, work);
    }
    return new Engine(cloud, pulumi, imageIds, work, versions, harness, languageHosts);
  }

  /** `pulumi up` then `pulumi destroy` of a new stack of `count` resources; the stack is removed after. */
  async deploy(
    kind: Kind,
    count: number,
    options: { latencyMs?: number; state?: boolean; env?: NodeJS.ProcessEnv } = {},
  ) {
    const env = options.env ?? {};
    const latencyMs = options.latencyMs ?? 0;
    const stack = `${kind}-${count}-${latencyMs}ms-${++this.stacks}`;
    const images = this.imagesFor(kind, count);
    const shape = PLUGIN_SHAPES[kind];
    const pulumi = shape ? this.pluginProgram(shape, count, images) : this.pulumi;
    await pulumi.stackInit(stack, shape ? {} : { kind, count: String(count), imageIds: images });
    try {
      await this.cloud.setLatency(latencyMs);
      await this.cloud.clearRequests();
      const cpu0 = childrenCpuSeconds();
      const up = await pulumi.run(["up", "--yes", "--skip-preview", "--stack", stack], { env });
      const cpu1 = childrenCpuSeconds();
      const upRequests = await this.cloud.summary();
      await this.cloud.setLatency(0);
      const state = options.state ? stateSize(await pulumi.exportState(stack), kind) : undefined;
      await this.cloud.setLatency(latencyMs);
      await this.cloud.clearRequests();
      const cpu2 = childrenCpuSeconds();
      const destroy = await pulumi.run(["destroy", "--yes", "--skip-preview", "--stack", stack], {
        env,
      });
      const cpu3 = childrenCpuSeconds();
      const spent = (a?: number, b?: number) => (a === undefined || b === undefined ? undefined : b - a);
      const destroyRequests = await this.cloud.summary();
      const d: Deployment = {
        kind,
        count,
        latencyMs,
        upMs: up.ms,
        destroyMs: destroy.ms,
        upCpu: spent(cpu0, cpu1),
        destroyCpu: spent(cpu2, cpu3),
        up: upRequests,
        destroy: destroyRequests,
        state,
      };
      check(d);
      return d;
    } finally {
      await this.cloud.setLatency(0);
      await pulumi.removeStack(stack);
    }
  }

  /** The images a deployment of `count` resources of `kind` shares (see bench/lib/share-layout.ts). */
  imagesFor(kind: Kind, count: number): string[] {
    return kind === "imageShare" || kind === "imageMemberSet" || kind === "pluginSet"
      ? this.imageIds.slice(0, 1)
      : this.imageIds.slice(0, Math.ceil(count / SHARES_PER_IMAGE));
  }

  /** The YAML program of `count` shares through the plugin (written once per shape and count). */
  private pluginProgram(shape: PluginShape, count: number, images: string[]): Pulumi {
    const key = `${shape}-${count}`;
    let program = this.pluginPrograms.get(key);
    if (!program) {
      if (!this.languageHosts) throw new Error("Engine.start was not asked for the plugin");
      program = createPluginProgram(this.harness, this.pulumi, {
        dir: join(this.workDir, `plugin-${key}`),
        languageHosts: this.languageHosts,
        count,
        imageIds: images,
        shape,
      });
      this.pluginPrograms.set(key, program);
    }
    return program;
  }

  /** Removes the temporary program, state and tarball. */
  cleanUp(): void {
    rmSync(this.workDir, { recursive: true, force: true });
  }
}

/** Fails the run when the server did not see exactly what the deployment should have sent. */
function check(d: Deployment): void {
  const expect = (what: string, seen: RequestSummary, want: Record<string, number>, notOk = 0) => {
    const got = { ...seen.imageByMethodStatus };
    const ok = JSON.stringify(sorted(got)) === JSON.stringify(sorted(want)) && seen.notOk === notOk;
    if (!ok)
      throw new Error(
        `${d.kind} ${what} of ${d.count}: expected ${JSON.stringify(want)}, the server saw ${JSON.stringify(seen)}`,
      );
  };
  if (d.kind === "floor" || d.kind === "yamlFloor") {
    expect("up", d.up, {});
    expect("destroy", d.destroy, {});
    if (d.up.total + d.destroy.total !== 0) throw new Error("the floor program sent requests");
  } else {
    expect("up", d.up, { "POST 200": d.count });
    expect("destroy", d.destroy, { "DELETE 204": d.count });
  }
}

function sorted(o: Record<string, number>): [string, number][] {
  return Object.entries(o).sort(([a], [b]) => a.localeCompare(b));
}

function stateSize(exported: ExportedState, kind: Kind): StateSize {
  const type = RESOURCE_TYPE[kind];
  if (!type) throw new Error(`no state size measured for ${kind}`);
  const resources: ExportedResource[] = (exported.deployment.deployment?.resources ?? []).filter((r) =>
    r.type.endsWith(type),
  );
  if (resources.length === 0) throw new Error(`no ${type} in the export`);
  const sizes = resources.map((r) => Buffer.byteLength(JSON.stringify(r))).sort((a, b) => a - b);
  const provider = resources[0].outputs?.__provider;
  return {
    exportBytes: Buffer.byteLength(exported.text),
    resources: resources.length,
    bytesPerResource: sizes[Math.floor(sizes.length / 2)],
    providerBytes: typeof provider === "string" ? Buffer.byteLength(provider) : 0,
    propertyBytes: bytesOf(resources[0].inputs) + bytesOf(resources[0].outputs),
    stackTraceBytes: bytesOf(resources[0].stackTrace),
  };
}

function bytesOf(value: unknown): number {
  return value === undefined ? 0 : Buffer.byteLength(JSON.stringify(value));
}
