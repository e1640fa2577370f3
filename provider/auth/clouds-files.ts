import { readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import type { parseDocument } from "yaml";
import { ImageMemberError } from "../errors";

/** A clouds.yaml or secure.yaml, parsed: its `clouds` map, and where it is. */
export interface CloudsFile {
  path: string;
  clouds: Record<string, unknown>;
}

/** The clouds.yaml and secure.yaml in force for one environment, and where they were looked for. */
export interface CloudsConfig {
  clouds?: CloudsFile;
  secure?: CloudsFile;
  /** Every path looked at for clouds.yaml, in order. */
  searched: string[];
}

/** Reads a file's text, or returns undefined when there is no such file. */
export type ReadTextFile = (path: string) => string | undefined;

export interface CloudsFilesOptions {
  /** Replaces the file system (tests count reads through it). */
  read?: ReadTextFile;
  /** The directory `./clouds.yaml` is relative to (default: the process's working directory). */
  cwd?: () => string;
}

/**
 * The clouds.yaml and secure.yaml of this process, found and parsed once per environment: a
 * deployment of hundreds of resources reads each file once, and a new provider process (the next
 * deployment) reads them afresh. A file that is broken is reported the same way each time.
 *
 * Search order, as the OpenStack client libraries: `$OS_CLIENT_CONFIG_FILE`, then
 * `clouds.yaml`/`clouds.yml` in the working directory, `$XDG_CONFIG_HOME/openstack` (default
 * `~/.config/openstack`) and `/etc/openstack`; the first one found is used. `secure.yaml` is
 * found the same way (`$OS_CLIENT_SECURE_FILE` first).
 */
export class CloudsFiles {
  private readonly loaded = new Map<string, CloudsConfig | ImageMemberError>();
  private readonly read: ReadTextFile;
  private readonly cwd: () => string;

  constructor(options: CloudsFilesOptions = {}) {
    this.read = options.read ?? readTextFile;
    this.cwd = options.cwd ?? (() => process.cwd());
  }

  load(env: NodeJS.ProcessEnv): CloudsConfig {
    const dirs = searchDirs(env, this.cwd());
    const key = JSON.stringify([env.OS_CLIENT_CONFIG_FILE ?? "", env.OS_CLIENT_SECURE_FILE ?? "", dirs]);
    let result = this.loaded.get(key);
    if (result === undefined) {
      result = this.find(env, dirs);
      this.loaded.set(key, result);
    }
    if (result instanceof ImageMemberError) throw result;
    return result;
  }

  private find(env: NodeJS.ProcessEnv, dirs: string[]): CloudsConfig | ImageMemberError {
    try {
      const searched = candidates(env.OS_CLIENT_CONFIG_FILE, dirs, "clouds");
      const clouds = this.firstFound(searched, "OS_CLIENT_CONFIG_FILE", env.OS_CLIENT_CONFIG_FILE);
      const secure = this.firstFound(
        candidates(env.OS_CLIENT_SECURE_FILE, dirs, "secure"),
        "OS_CLIENT_SECURE_FILE",
        env.OS_CLIENT_SECURE_FILE,
      );
      return { clouds, secure, searched };
    } catch (e) {
      if (e instanceof ImageMemberError) return e;
      throw e;
    }
  }

  private firstFound(paths: string[], variable: string, named: string | undefined): CloudsFile | undefined {
    for (const path of paths) {
      const text = this.read(path);
      if (text === undefined) {
        if (named && path === named) {
          throw new ImageMemberError(
            "ERR_INVALID_SETTING",
            `${variable} names ${path}, which does not exist.`,
            {
              hint: `Point ${variable} at your clouds.yaml, or unset it to use the usual places.`,
            },
          );
        }
        continue;
      }
      return { path, clouds: parseCloudsYaml(path, text) };
    }
    return undefined;
  }
}

/** The `clouds` map of a clouds.yaml or secure.yaml; syntax errors name the file, line and column. */
export function parseCloudsYaml(path: string, text: string): Record<string, unknown> {
  // Loaded here, not at the top: most provider processes read no clouds.yaml, and loading the
  // parser costs each of them some 30 ms of CPU (README, "Where the time goes").
  const { parseDocument: parse } = require("yaml") as { parseDocument: typeof parseDocument };
  const doc = parse(text);
  const error = doc.errors[0];
  if (error) {
    // The error's own message quotes the offending line, which may hold a password: not shown.
    const at = error.linePos?.[0];
    const where = at ? ` at line ${at.line}, column ${at.col}` : "";
    throw new ImageMemberError("ERR_INVALID_SETTING", `${path} is not valid YAML${where} (${error.code}).`, {
      hint: "Fix the file (yamllint shows the problem), or point OS_CLIENT_CONFIG_FILE at another one.",
    });
  }
  let content: unknown;
  try {
    content = doc.toJS();
  } catch {
    // As above: the parser's message may quote the file.
    throw new ImageMemberError(
      "ERR_INVALID_SETTING",
      `${path} cannot be read as data (its anchors or aliases).`,
    );
  }
  if (content === null || content === undefined) return {};
  const clouds = (content as Record<string, unknown>).clouds;
  if (typeof content !== "object" || Array.isArray(content) || !isMapping(clouds)) {
    throw new ImageMemberError(
      "ERR_INVALID_SETTING",
      `${path} has no "clouds:" mapping of cloud names to settings.`,
      {
        hint: "See https://docs.openstack.org/openstacksdk/latest/user/config/configuration.html for its layout.",
      },
    );
  }
  return clouds;
}

export function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function searchDirs(env: NodeJS.ProcessEnv, cwd: string): string[] {
  const home = env.HOME || homedir();
  const userConfig = env.XDG_CONFIG_HOME || join(home, ".config");
  return [cwd, join(userConfig, "openstack"), "/etc/openstack"];
}

function candidates(named: string | undefined, dirs: string[], base: string): string[] {
  const paths = dirs.flatMap((dir) => [join(dir, `${base}.yaml`), join(dir, `${base}.yml`)]);
  return named ? [named, ...paths] : paths;
}

function readTextFile(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch (cause) {
    const code = (cause as { code?: string }).code;
    if (code === "ENOENT" || code === "ENOTDIR") return undefined;
    throw new ImageMemberError("ERR_INVALID_SETTING", `Cannot read ${path} (${code ?? "unknown error"}).`, {
      hint: "Make it readable by the user running pulumi, or remove it.",
      cause,
    });
  }
}
