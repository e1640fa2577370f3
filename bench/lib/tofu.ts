/**
 * The peer: OpenTofu with the Terraform OpenStack provider, both from toolchain/ensure-tofu.sh, the
 * provider taken through `dev_overrides` (no `tofu init`, no registry), a local backend in a new
 * working directory per deployment. One deployment = `tofu apply` then `tofu destroy`, each with
 * `-auto-approve -input=false -parallelism=10`, as users run them in automation.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { delimiter, join } from "node:path";
import type { RequestSummary } from "./cloud-protocol";
import { childrenCpuSeconds } from "./cpu";
import type { RemoteCloud } from "./remote-cloud";
import type { SharePair } from "./share-layout";
import { cliConfiguration, tofuConfiguration } from "./tofu-config";

type Harness = typeof import("../../scripts/lib/pulumi-harness");

/** Resource operations OpenTofu runs at once (its default is 10 too). */
export const PEER_PARALLELISM = 10;

export interface PeerVersions {
  /** `tofu version`, e.g. `OpenTofu v1.12.6`. */
  tofu: string;
  /** The release of terraform-provider-openstack that ensure-tofu.sh built. */
  openstackProvider: string;
  /** How they were built (BUILD-INFO). */
  build: string;
}

export interface PeerDeployment {
  count: number;
  applyMs: number;
  destroyMs: number;
  /** CPU seconds of tofu and the provider plugins it started. */
  applyCpu?: number;
  destroyCpu?: number;
  apply: RequestSummary;
  destroy: RequestSummary;
}

export class Tofu {
  private deployments = 0;

  private constructor(
    private readonly harness: Harness,
    private readonly cloud: RemoteCloud,
    private readonly env: NodeJS.ProcessEnv,
    readonly workDir: string,
    readonly versions: PeerVersions,
  ) {}

  /** Builds or finds tofu and the provider, writes the CLI config that points at the provider. */
  static async start(root: string, cloud: RemoteCloud, log: (line: string) => void): Promise<Tofu> {
    const harness: Harness = require(join(root, "scripts/lib/pulumi-harness.js"));
    log("  peer: toolchain/ensure-tofu.sh (builds tofu and the provider the first time: minutes)");
    const ensured = await harness.run("bash", [join(root, "toolchain/ensure-tofu.sh")], {
      cwd: root,
      timeoutMs: 30 * 60_000,
    });
    const binDir = ensured.stdout.trim().split("\n").pop() ?? "";
    const work = harness.tempDir("pim-bench-tofu-");
    const cliConfig = join(work, "tofurc");
    writeFileSync(cliConfig, cliConfiguration(binDir));
    mkdirSync(join(work, "home"));
    const inherited = Object.fromEntries(
      Object.entries(process.env).filter(([key]) => !/^(OS_|TF_|HW_|PULUMI_)/.test(key)),
    );
    const env: NodeJS.ProcessEnv = {
      ...inherited,
      PATH: `${binDir}${delimiter}${process.env.PATH ?? ""}`,
      HOME: join(work, "home"),
      TF_CLI_CONFIG_FILE: cliConfig,
      TF_IN_AUTOMATION: "1",
      TF_INPUT: "0",
      ...cloud.envOf("owner"),
    };
    const buildInfo = join(binDir, "../BUILD-INFO");
    const build = existsSync(buildInfo) ? readFileSync(buildInfo, "utf8").trim() : "";
    const versions: PeerVersions = {
      tofu: (await harness.run("tofu", ["version"], { env })).stdout.split("\n")[0].trim(),
      openstackProvider: /terraform-provider-openstack (v\S+)/.exec(build)?.[1] ?? "unknown",
      build: build.split("\n").slice(1).join("; "),
    };
    return new Tofu(harness, cloud, env, work, versions);
  }

  /** `tofu apply` then `tofu destroy` of one access resource per pair, in a new directory. */
  async deploy(shares: readonly SharePair[]): Promise<PeerDeployment> {
    const dir = join(this.workDir, `deployment-${++this.deployments}`);
    mkdirSync(dir);
    writeFileSync(join(dir, "main.tf.json"), JSON.stringify(tofuConfiguration(shares), null, 2));
    const flags = ["-auto-approve", "-input=false", `-parallelism=${PEER_PARALLELISM}`, "-no-color"];
    const tofu = (command: string) =>
      this.harness.run("tofu", [command, ...flags], { cwd: dir, env: this.env });
    let applied = false;
    try {
      await this.cloud.clearRequests();
      const cpu0 = childrenCpuSeconds();
      const apply = await tofu("apply");
      const cpu1 = childrenCpuSeconds();
      applied = true;
      const applyRequests = await this.cloud.summary();
      await this.cloud.clearRequests();
      const cpu2 = childrenCpuSeconds();
      const destroy = await tofu("destroy");
      const cpu3 = childrenCpuSeconds();
      applied = false;
      const spent = (a?: number, b?: number) => (a === undefined || b === undefined ? undefined : b - a);
      const d: PeerDeployment = {
        count: shares.length,
        applyMs: apply.ms,
        destroyMs: destroy.ms,
        applyCpu: spent(cpu0, cpu1),
        destroyCpu: spent(cpu2, cpu3),
        apply: applyRequests,
        destroy: await this.cloud.summary(),
      };
      check(d);
      return d;
    } finally {
      // Shares left by a failed apply would make the next deployments on these images fail.
      if (applied) await tofu("destroy").catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    }
  }

  cleanUp(): void {
    rmSync(this.workDir, { recursive: true, force: true });
  }
}

/** Fails the run when the server did not see every share made and revoked, without errors. */
function check(d: PeerDeployment): void {
  for (const [what, seen, key] of [
    ["apply", d.apply, "POST 200"],
    ["destroy", d.destroy, "DELETE 204"],
  ] as const) {
    if (seen.imageByMethodStatus[key] !== d.count || seen.notOk !== 0)
      throw new Error(
        `tofu ${what} of ${d.count}: expected ${d.count} × ${key}, the server saw ${JSON.stringify(seen)}`,
      );
  }
}
