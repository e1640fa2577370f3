import { readFileSync } from "node:fs";
import type { Dispatcher } from "undici";
import { connectImageService, type ImageService, type ImageServiceTarget } from "../auth/connect";
import { SessionPool } from "../auth/session";
import { resolveSettings, type AuthSettings, type ConfigReader } from "../auth/settings";
import { ImageMemberError } from "../errors";
import { sharedAgent, type TlsOptions } from "../http/agent";
import type { RetryPolicy } from "../http/retry-policy";
import { Transport } from "../http/transport";

export interface ProviderContextOptions {
  /** The environment credentials are read from at each hook (default: `process.env`). */
  env?: () => NodeJS.ProcessEnv;
  /** Replaces the shared keep-alive agent (tests pass undici's MockAgent). */
  dispatcher?: Dispatcher;
  /** Retry and timeout settings; `openstack:maxRetries` still wins for the count. */
  policy?: Partial<RetryPolicy>;
  sleep?: (ms: number) => Promise<void>;
  /** Where warnings go (default: one line on stderr, which the engine shows). */
  warn?: (line: string) => void;
}

/**
 * What the hooks of one provider process share: the stack config handed to `configure`, the
 * token of each identity, and the connection pool. Credentials are resolved anew at every hook
 * and never leave this process.
 */
export class ProviderContext {
  private config?: ConfigReader;
  private readonly sessions = new SessionPool();
  private readonly warned = new Set<string>();

  constructor(private readonly options: ProviderContextOptions = {}) {}

  configure(config: ConfigReader): void {
    this.config = config;
  }

  /** The settings in force now, for the given clouds.yaml entry if any. */
  settings(_cloud?: string): AuthSettings {
    return resolveSettings(this.config, (this.options.env ?? (() => process.env))());
  }

  async imageService(target: ImageServiceTarget): Promise<ImageService> {
    const settings = this.settings(target.cloud);
    return connectImageService(settings, target, this.transportFor(settings), this.sessions);
  }

  /** Says it once per process, however many resources run into it. */
  warn(text: string): void {
    if (this.warned.has(text)) return;
    this.warned.add(text);
    (this.options.warn ?? ((line) => process.stderr.write(`${line}\n`)))(`warning: ${text}`);
  }

  private transportFor(settings: AuthSettings): Transport {
    const maxRetries = settings.maxRetries === undefined ? undefined : Number(settings.maxRetries);
    if (maxRetries !== undefined && !(Number.isInteger(maxRetries) && maxRetries >= 0)) {
      throw new ImageMemberError(
        "ERR_INVALID_SETTING",
        `maxRetries must be a whole number, not "${settings.maxRetries}".`,
      );
    }
    return new Transport({
      dispatcher: this.options.dispatcher ?? sharedAgent(this.tlsOptions(settings)),
      policy: { ...this.options.policy, ...(maxRetries === undefined ? {} : { maxRetries }) },
      sleep: this.options.sleep,
    });
  }

  private tlsOptions(settings: AuthSettings): TlsOptions {
    const insecure = /^(1|true|yes)$/i.test(settings.insecure ?? "");
    if (insecure)
      this.warn("TLS certificate verification is off (insecure is set): use it only for testing.");
    return {
      insecure,
      ca: pem(settings.cacertFile, "cacertFile"),
      cert: pem(settings.cert, "cert"),
      key: pem(settings.key, "key"),
    };
  }
}

/** PEM text given inline or as a file path. */
function pem(value: string | undefined, name: string): string | undefined {
  if (value === undefined) return undefined;
  if (value.includes("-----BEGIN")) return value;
  try {
    return readFileSync(value, "utf8");
  } catch (cause) {
    throw new ImageMemberError("ERR_INVALID_SETTING", `Cannot read the ${name} file ${value}.`, {
      hint: "Give a readable PEM file path or the PEM text itself.",
      cause,
    });
  }
}
