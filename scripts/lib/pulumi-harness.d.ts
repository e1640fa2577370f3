/** Types of ./pulumi-harness.js (plain CommonJS so that `npm run demo` can use it without ts-node). */

/** Root of the repository. */
export const ROOT: string;
/** The `@pulumi/pulumi` version programs are installed with (`E2E_PULUMI_NPM_VERSION`, default: the dev dependency's). */
export const PULUMI_NPM_VERSION: string;

export interface RunOptions {
  /** Default: the repository root. */
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Resolve with a non-zero exit code instead of rejecting. */
  allowFailure?: boolean;
  /**
   * Also write the child's output (`"stderr"`: its stderr only) to our stdout, line by line, each
   * line prefixed with `echoPrefix`.
   */
  echo?: boolean | "stderr";
  echoPrefix?: string;
  /** Default 10 minutes. */
  timeoutMs?: number;
}

export interface RunResult {
  command: string;
  code: number;
  stdout: string;
  stderr: string;
  /** stdout and stderr interleaved as they arrived. */
  output: string;
  ms: number;
}

export function run(command: string, args: string[], options?: RunOptions): Promise<RunResult>;

/** A new temporary directory (its real path). */
export function tempDir(prefix: string): string;

/** The directory of `pulumi` and its helpers, from toolchain/ensure-pulumi.sh (may build it: minutes). */
export function ensurePulumi(options?: { echo?: boolean; echoPrefix?: string }): Promise<string>;

/** `npm run build` in the repository. */
export function buildPackage(options?: Pick<RunOptions, "echo" | "echoPrefix">): Promise<RunResult>;

/** `npm pack` of the built repository into `destDir`; the tarball's path. */
export function packPackage(destDir: string): Promise<string>;

/** Packs a copy of the built package with another version, after `patch(dir)` changed its files. */
export function packModified(
  destDir: string,
  options: { version: string; patch?: (dir: string) => void | Promise<void> },
): Promise<string>;

export interface ProgramOptions {
  /** Directory of this repository to copy, e.g. `examples/share-image`. */
  example: string;
  /** Where the program goes. */
  dir: string;
  /** The package tarball its package.json depends on. */
  tarball: string;
  /** More files to write, by path relative to `dir`. */
  files?: Record<string, string>;
  echo?: boolean;
  echoPrefix?: string;
}

/** Copies an example program, points it at the tarball and runs `npm install`; returns `dir`. */
export function createProgram(options: ProgramOptions): Promise<string>;

/** `npm install <tarball>` in a program: an upgrade, as a user does it. */
export function installTarball(dir: string, tarball: string): Promise<RunResult>;

export interface PulumiEnvOptions {
  /** From {@link ensurePulumi}. */
  binDir: string;
  /** The file backend's directory. */
  stateDir: string;
  /** Holds PULUMI_HOME and XDG_CONFIG_HOME. */
  homeDir: string;
  passphrase: string;
  extra?: NodeJS.ProcessEnv;
}

/** The environment of a `pulumi` child: none of ours OS_/HW_/PULUMI_ variables, then these. */
export function pulumiEnv(options: PulumiEnvOptions): NodeJS.ProcessEnv;

export interface PulumiRunOptions extends Omit<RunOptions, "env"> {
  /** Added to the base environment. */
  env?: NodeJS.ProcessEnv;
  /** For configSet: store encrypted. */
  secret?: boolean;
}

export interface ExportedState {
  /** The text of `pulumi stack export`. */
  text: string;
  deployment: { deployment?: { resources?: ExportedResource[] } };
}

export interface ExportedResource {
  urn: string;
  type: string;
  id?: string;
  outputs?: Record<string, unknown>;
  [key: string]: unknown;
}

/** `pulumi` in one program directory. */
export class Pulumi {
  constructor(options: { cwd: string; env: NodeJS.ProcessEnv });
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  /** `pulumi <args> --non-interactive --color never`. */
  run(args: string[], options?: PulumiRunOptions): Promise<RunResult>;
  stackInit(
    stack: string,
    config?: Record<string, string | string[]>,
    options?: PulumiRunOptions,
  ): Promise<void>;
  configSet(stack: string, key: string, value: string | string[], options?: PulumiRunOptions): Promise<void>;
  exportState(stack: string, options?: PulumiRunOptions): Promise<ExportedState>;
  outputs(stack: string, options?: PulumiRunOptions): Promise<Record<string, unknown>>;
  removeStack(stack: string, options?: PulumiRunOptions): Promise<RunResult>;
}

/** The resources of an export whose type ends with `typeSuffix` (e.g. `glance:ImageMember`). */
export function resourcesOf(exported: ExportedState["deployment"], typeSuffix: string): ExportedResource[];
