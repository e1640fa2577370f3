/**
 * Every setting the package reads to reach a cloud, and the names it goes by in each place
 * users already keep them: `@pulumi/openstack` stack config (`openstack:<key>`) and the `OS_*`
 * environment of the OpenStack CLI and Terraform.
 */
export interface AuthSettings {
  authUrl?: string;
  region?: string;
  userName?: string;
  userId?: string;
  password?: string;
  token?: string;
  projectId?: string;
  projectName?: string;
  userDomainName?: string;
  userDomainId?: string;
  projectDomainName?: string;
  projectDomainId?: string;
  domainName?: string;
  domainId?: string;
  defaultDomain?: string;
  applicationCredentialId?: string;
  applicationCredentialName?: string;
  applicationCredentialSecret?: string;
  /** `public` (default), `internal` or `admin`, with or without the `URL` suffix. */
  endpointType?: string;
  /** Glance URL to use instead of the catalog's. */
  imageEndpoint?: string;
  maxRetries?: string;
  insecure?: string;
  cacertFile?: string;
  cert?: string;
  key?: string;
}

export type SettingName = keyof AuthSettings;

/** Where one setting can come from, in the order of precedence. */
export interface SettingSource {
  /** Key in the `openstack:` stack config namespace. */
  config?: string;
  /** Environment variables, the first one set wins. */
  env: readonly string[];
}

export const SETTING_SOURCES: Readonly<Record<SettingName, SettingSource>> = {
  authUrl: { config: "authUrl", env: ["OS_AUTH_URL"] },
  region: { config: "region", env: ["OS_REGION_NAME"] },
  userName: { config: "userName", env: ["OS_USERNAME"] },
  userId: { config: "userId", env: ["OS_USER_ID"] },
  password: { config: "password", env: ["OS_PASSWORD"] },
  token: { config: "token", env: ["OS_TOKEN", "OS_AUTH_TOKEN"] },
  projectId: { config: "tenantId", env: ["OS_PROJECT_ID", "OS_TENANT_ID"] },
  projectName: { config: "tenantName", env: ["OS_PROJECT_NAME", "OS_TENANT_NAME"] },
  userDomainName: { config: "userDomainName", env: ["OS_USER_DOMAIN_NAME"] },
  userDomainId: { config: "userDomainId", env: ["OS_USER_DOMAIN_ID"] },
  projectDomainName: { config: "projectDomainName", env: ["OS_PROJECT_DOMAIN_NAME"] },
  projectDomainId: { config: "projectDomainId", env: ["OS_PROJECT_DOMAIN_ID"] },
  domainName: { config: "domainName", env: ["OS_DOMAIN_NAME"] },
  domainId: { config: "domainId", env: ["OS_DOMAIN_ID"] },
  defaultDomain: { config: "defaultDomain", env: ["OS_DEFAULT_DOMAIN"] },
  applicationCredentialId: { config: "applicationCredentialId", env: ["OS_APPLICATION_CREDENTIAL_ID"] },
  applicationCredentialName: { config: "applicationCredentialName", env: ["OS_APPLICATION_CREDENTIAL_NAME"] },
  applicationCredentialSecret: {
    config: "applicationCredentialSecret",
    env: ["OS_APPLICATION_CREDENTIAL_SECRET"],
  },
  endpointType: { config: "endpointType", env: ["OS_ENDPOINT_TYPE", "OS_INTERFACE"] },
  imageEndpoint: { env: ["OS_IMAGE_ENDPOINT"] },
  maxRetries: { config: "maxRetries", env: ["OS_MAX_RETRIES"] },
  insecure: { config: "insecure", env: ["OS_INSECURE"] },
  cacertFile: { config: "cacertFile", env: ["OS_CACERT"] },
  cert: { config: "cert", env: ["OS_CERT"] },
  key: { config: "key", env: ["OS_KEY"] },
};

/** Reads stack config values, e.g. the `Config` a dynamic provider's `configure` hook receives. */
export interface ConfigReader {
  get(key: string): string | undefined;
}

/**
 * The settings in force: each one from stack config when set there, else from the environment.
 * Empty strings count as unset, as the OpenStack CLI treats them.
 */
export function resolveSettings(config: ConfigReader | undefined, env: NodeJS.ProcessEnv): AuthSettings {
  const settings: AuthSettings = {};
  for (const [name, source] of Object.entries(SETTING_SOURCES) as [SettingName, SettingSource][]) {
    const value = fromConfig(config, source) ?? fromEnv(env, source);
    if (value !== undefined) settings[name] = value;
  }
  settings.imageEndpoint ??= imageOverride(config);
  return settings;
}

/** "set openstack:authUrl or OS_AUTH_URL": every place a setting can be given, for error messages. */
export function whereToSet(name: SettingName): string {
  const source = SETTING_SOURCES[name];
  const places = [source.config ? `openstack:${source.config}` : undefined, ...source.env].filter(Boolean);
  return places.join(" or ");
}

function fromConfig(config: ConfigReader | undefined, source: SettingSource): string | undefined {
  if (!config || !source.config) return undefined;
  return nonEmpty(config.get(`openstack:${source.config}`));
}

function fromEnv(env: NodeJS.ProcessEnv, source: SettingSource): string | undefined {
  for (const name of source.env) {
    const value = nonEmpty(env[name]);
    if (value !== undefined) return value;
  }
  return undefined;
}

/** `openstack:endpointOverrides` is a map of service type to URL, stored as JSON in config. */
function imageOverride(config: ConfigReader | undefined): string | undefined {
  const raw = config?.get("openstack:endpointOverrides");
  if (!raw) return undefined;
  try {
    const parsed: unknown = typeof raw === "string" ? JSON.parse(raw) : raw;
    const image = (parsed as Record<string, unknown>)?.image;
    return typeof image === "string" ? nonEmpty(image) : undefined;
  } catch {
    return undefined;
  }
}

function nonEmpty(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  const text = String(value);
  return text === "" ? undefined : text;
}
