import type { Dispatcher } from "undici";
import { CloudsFiles, type CloudsFilesOptions } from "./clouds-files";
import { connectImageService, type ImageService, type ImageServiceTarget } from "./connect";
import { resolveSettings, type ConfigNamespace } from "./resolve-settings";
import { SessionPool } from "./session";
import type { AuthSettings, ConfigReader } from "./settings";
import { TlsSettings } from "./tls-settings";
import { sharedAgent } from "../http/agent";
import type { RetryPolicy } from "../http/retry-policy";
import { Transport } from "../http/transport";

export interface ProviderContextOptions {
  /**
   * The environment credentials are read from, at each hook. Default: the provider process's own
   * environment, read once at the first hook (it cannot change while the process lives).
   */
  env?: () => NodeJS.ProcessEnv;
  /** Replaces the shared keep-alive agent (tests pass undici's MockAgent). */
  dispatcher?: Dispatcher;
  /** Retry and timeout settings; `openstack:maxRetries` still wins for the count. */
  policy?: Partial<RetryPolicy>;
  sleep?: (ms: number) => Promise<void>;
  /** Where warnings go (default: one line on stderr, which the engine shows). */
  warn?: (line: string) => void;
  /** How clouds.yaml is found and read (tests replace the file system and working directory). */
  clouds?: CloudsFilesOptions;
  /** The clock tokens are judged by (tests move it). */
  now?: () => number;
  /** Where stack config settings are read: `openstack` (the dynamic provider) or the plugin's `image-member`. */
  configNamespace?: ConfigNamespace;
}

/**
 * What the hooks of one provider process share: the stack config handed to `configure`, the
 * token of each identity, the clouds.yaml files read, and the connection pool. Settings are
 * resolved at the first hook that needs them (never at program time) and never leave this
 * process; each `pulumi` command starts a new provider process, which reads them afresh.
 */
export class ProviderContext {
  private config?: ConfigReader;
  private readonly sessions: SessionPool;
  private readonly clouds: CloudsFiles;
  private readonly tls = new TlsSettings();
  private readonly warned = new Set<string>();
  /** Resolved settings by resource cloud, when the environment is the process's own. */
  private readonly settingsByCloud = new Map<string, AuthSettings>();
  private readonly transports = new WeakMap<AuthSettings, Transport>();
  private readonly services = new WeakMap<AuthSettings, Map<string, Promise<ImageService>>>();
  private processEnv?: NodeJS.ProcessEnv;

  constructor(private readonly options: ProviderContextOptions = {}) {
    this.sessions = new SessionPool(options.now);
    this.clouds = new CloudsFiles(options.clouds);
  }

  configure(config: ConfigReader): void {
    this.config = config;
    this.settingsByCloud.clear();
  }

  /**
   * The settings in force now. `cloud` is a resource's own clouds.yaml entry: when given, it
   * alone describes the cloud and identity (see docs/settings.md).
   */
  settings(cloud?: string): AuthSettings {
    if (this.options.env) return this.resolve(cloud, this.options.env());
    // Reading hundreds of names from process.env at every hook costs more than the request itself
    // (see bench/); within one provider process the answer cannot change, so it is kept.
    const key = cloud ?? "";
    let settings = this.settingsByCloud.get(key);
    if (!settings) {
      settings = this.resolve(cloud, (this.processEnv ??= { ...process.env }));
      this.settingsByCloud.set(key, settings);
    }
    return settings;
  }

  private resolve(cloud: string | undefined, env: NodeJS.ProcessEnv): AuthSettings {
    return resolveSettings({
      config: this.config,
      configNamespace: this.options.configNamespace,
      env,
      resourceCloud: cloud,
      clouds: this.clouds,
    });
  }

  /**
   * The image service a resource's requests go to. Kept per identity and target, so that hundreds
   * of resources share one catalog lookup; the session behind it still renews its token as needed.
   */
  imageService(target: ImageServiceTarget): Promise<ImageService> {
    const settings = this.settings(target.cloud);
    let byTarget = this.services.get(settings);
    if (!byTarget) {
      byTarget = new Map();
      this.services.set(settings, byTarget);
    }
    const key =
      target.region === undefined && target.endpoint === undefined
        ? ""
        : JSON.stringify([target.region ?? "", target.endpoint ?? ""]);
    let service = byTarget.get(key);
    if (!service) {
      service = connectImageService(settings, target, this.transportFor(settings), this.sessions);
      const known = byTarget;
      service.catch(() => known.delete(key)); // a failure is not kept: the next hook tries again
      byTarget.set(key, service);
    }
    return service;
  }

  /** Says it once per process, however many resources run into it. */
  warn(text: string): void {
    if (this.warned.has(text)) return;
    this.warned.add(text);
    (this.options.warn ?? ((line) => process.stderr.write(`${line}\n`)))(`warning: ${text}`);
  }

  private transportFor(settings: AuthSettings): Transport {
    let transport = this.transports.get(settings);
    if (!transport) {
      transport = new Transport({
        dispatcher: this.options.dispatcher ?? this.agentFor(settings),
        policy: { ...this.options.policy, ...retryPolicyOf(settings) },
        sleep: this.options.sleep,
      });
      this.transports.set(settings, transport);
    }
    return transport;
  }

  private agentFor(settings: AuthSettings): Dispatcher {
    const tls = this.tls.optionsFor(settings);
    if (tls.insecure) {
      const from = settings.origin?.from.insecure;
      this.warn(
        `TLS certificate verification is off (insecure${from ? `, from ${from}` : ""}): use it only for testing.`,
      );
    }
    return sharedAgent(tls);
  }
}

/** The retry settings a user gave. */
function retryPolicyOf(settings: AuthSettings): Partial<RetryPolicy> {
  const policy: Partial<RetryPolicy> = {};
  if (settings.maxRetries !== undefined) policy.maxRetries = settings.maxRetries;
  if (settings.requestTimeout !== undefined) policy.requestTimeoutMs = settings.requestTimeout * 1000;
  if (settings.maxRetryTime !== undefined) policy.maxRetryTimeMs = settings.maxRetryTime * 1000;
  return policy;
}
