/**
 * Every setting the package reads to reach a cloud, and the names it goes by in each place
 * users already keep them: `@pulumi/openstack` stack config (`openstack:<key>`), the Huawei
 * Cloud Pulumi provider's stack config (`huaweicloud:<key>`), a clouds.yaml entry, the `OS_*`
 * environment of the OpenStack CLI and Terraform, and the `HW_*` environment of Huawei's
 * Terraform provider. How they combine is in `resolve-settings.ts` and docs/settings.md.
 */
export interface SettingValues {
  /** Name of the clouds.yaml entry the settings were read from. */
  cloud?: string;
  authUrl?: string;
  /** clouds.yaml `auth_type` (`password`, `token`, `v3applicationcredential` and their spellings), parsed. */
  authType?: KeystoneAuthType;
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
  /** Huawei Cloud access key (AK) for request signing. */
  accessKey?: string;
  /** Huawei Cloud secret key (SK). */
  secretKey?: string;
  /** Huawei Cloud security token of a temporary AK/SK. */
  securityToken?: string;
  /** Huawei Cloud domain suffix of the endpoints (`myhuaweicloud.com` unless set). */
  huaweiCloud?: string;
  /** `public` (default), `internal` or `admin`, with or without the `URL` suffix. */
  endpointType?: string;
  /** Glance URL to use instead of the catalog's. */
  imageEndpoint?: string;
  /** Retries after a request's first attempt. */
  maxRetries?: number;
  /** Seconds one request may take to answer. */
  requestTimeout?: number;
  /** Seconds the retries of one request may wait in all. */
  maxRetryTime?: number;
  /** Skip TLS verification. */
  insecure?: boolean;
  /** A CA bundle: a file path or the PEM text. */
  cacertFile?: string;
  /** A client certificate: a file path or the PEM text. */
  cert?: string;
  /** The client certificate's key: a file path or the PEM text. */
  key?: string;
}

export type SettingName = keyof SettingValues;

/** The settings whose values are text as given (URLs, names, ids, credentials, PEM or paths). */
export type TextSettingName = {
  [K in SettingName]-?: NonNullable<SettingValues[K]> extends string ? K : never;
}[SettingName];

/** The Keystone methods `authType` can name; see ./auth-method for the spellings. */
export type KeystoneAuthType = "password" | "token" | "application_credential";

/** Settings as read from one place, before they are parsed: text, by setting name. */
export type SettingTexts = Partial<Record<SettingName, string>>;

/**
 * Settings that are credentials: never printed (no setting's value is), encrypted in state when
 * given to an explicit provider of the plugin, and cut out of what a server answers.
 */
export const CREDENTIAL_SETTINGS: ReadonlySet<SettingName> = new Set([
  "password",
  "token",
  "applicationCredentialSecret",
  "accessKey",
  "secretKey",
  "securityToken",
  "key",
]);

/** The settings in force, and where they were found. */
export interface AuthSettings extends SettingValues {
  origin?: SettingsOrigin;
}

/** Where the settings were found: names of places, never values. */
export interface SettingsOrigin {
  /** Per setting: `openstack:authUrl`, `OS_AUTH_URL`, `auth.auth_url of clouds.yaml entry "x" (/path)`, … */
  from: Partial<Record<SettingName, string>>;
  /** The clouds.yaml entry a resource named with its `cloud` input: the only place its cloud settings come from. */
  resourceCloud?: { name: string; file: string };
  /**
   * The stack config namespace settings were read from, for hints: `openstack` (and `huaweicloud`)
   * for the dynamic provider (the default), `image-member` for the provider plugin.
   */
  configNamespace?: "openstack" | "image-member";
}

/** A stack config key, or one entry of a stack config map (a JSON object such as endpointOverrides). */
export type ConfigKey = string | { key: string; entry: string };

/**
 * Settings that are alternatives to each other (a user by id or by name, one kind of secret, …)
 * are always taken together from the first place that has any of them, so that two places never
 * mix into an identity neither of them describes.
 */
export type SettingGroup =
  | "user"
  | "userDomain"
  | "project"
  | "projectDomain"
  | "domain"
  | "applicationCredential"
  | "credential"
  | "clientCertificate";

/** Where one setting can come from. */
export interface SettingSource {
  /** Key in the `openstack:` stack config namespace, as `@pulumi/openstack` names it. */
  config?: ConfigKey;
  /** Key in the `huaweicloud:` stack config namespace, as the Huawei Cloud Pulumi provider names it. */
  huaweiConfig?: ConfigKey;
  /** Paths in a clouds.yaml entry (`auth.username`, `region_name`, …); the first one set wins. */
  clouds?: readonly string[];
  /** OpenStack environment variables; the first one set wins. */
  env?: readonly string[];
  /** Huawei Cloud environment variables; the first one set wins. */
  huaweiEnv?: readonly string[];
  group?: SettingGroup;
  /**
   * `process` settings tune this provider process rather than describe a cloud: they are read
   * from stack config and the environment even for a resource that names its own cloud.
   */
  scope?: "process";
  /** One line for the settings table. */
  description: string;
}

export const SETTING_SOURCES: Readonly<Record<SettingName, SettingSource>> = {
  cloud: {
    config: "cloud",
    env: ["OS_CLOUD"],
    description:
      "Name of the clouds.yaml entry to read (a resource's own `cloud` input wins over both places).",
  },
  authUrl: {
    config: "authUrl",
    huaweiConfig: "authUrl",
    clouds: ["auth.auth_url"],
    env: ["OS_AUTH_URL"],
    huaweiEnv: ["HW_AUTH_URL"],
    description:
      "Keystone URL, with or without `/v3` (refused with user-info, a query or a fragment). Huawei Cloud: `https://iam.{region}.{cloud}/v3` when a Huawei user, password or token is given without one.",
  },
  authType: {
    clouds: ["auth_type"],
    env: ["OS_AUTH_TYPE"],
    group: "credential",
    description:
      "`password`, `token` or `v3applicationcredential` (the `v3` spellings too); otherwise inferred from the credentials given.",
  },
  region: {
    config: "region",
    huaweiConfig: "region",
    clouds: ["region_name", "regions"],
    env: ["OS_REGION_NAME"],
    huaweiEnv: ["HW_REGION_NAME"],
    description:
      "Region of the image endpoint (name or id); a resource's `region` input wins. clouds.yaml `regions`: the first one.",
  },
  userName: {
    config: "userName",
    huaweiConfig: "userName",
    clouds: ["auth.username"],
    env: ["OS_USERNAME"],
    huaweiEnv: ["HW_USER_NAME"],
    group: "user",
    description: "User name (with its domain).",
  },
  userId: {
    config: "userId",
    huaweiConfig: "userId",
    clouds: ["auth.user_id"],
    env: ["OS_USER_ID"],
    huaweiEnv: ["HW_USER_ID"],
    group: "user",
    description: "User id (needs no domain).",
  },
  password: {
    config: "password",
    huaweiConfig: "password",
    clouds: ["auth.password"],
    env: ["OS_PASSWORD"],
    huaweiEnv: ["HW_USER_PASSWORD"],
    group: "credential",
    description: "Password of the user.",
  },
  token: {
    config: "token",
    huaweiConfig: "token",
    clouds: ["auth.token"],
    env: ["OS_TOKEN", "OS_AUTH_TOKEN"],
    huaweiEnv: ["HW_AUTH_TOKEN"],
    group: "credential",
    description:
      "An existing token: rescoped when a project or domain is given, else validated to learn its project and catalog.",
  },
  projectId: {
    config: "tenantId",
    huaweiConfig: "projectId",
    clouds: ["auth.project_id", "auth.tenant_id"],
    env: ["OS_PROJECT_ID", "OS_TENANT_ID"],
    huaweiEnv: ["HW_PROJECT_ID"],
    group: "project",
    description: "Project to scope to, by id. With Huawei AK/SK: the project signed requests act for.",
  },
  projectName: {
    config: "tenantName",
    huaweiConfig: "projectName",
    clouds: ["auth.project_name", "auth.tenant_name"],
    env: ["OS_PROJECT_NAME", "OS_TENANT_NAME"],
    huaweiEnv: ["HW_PROJECT_NAME"],
    group: "project",
    description: "Project to scope to, by name (with its domain).",
  },
  userDomainName: {
    config: "userDomainName",
    clouds: ["auth.user_domain_name"],
    env: ["OS_USER_DOMAIN_NAME"],
    group: "userDomain",
    description: "Domain of the user, by name.",
  },
  userDomainId: {
    config: "userDomainId",
    clouds: ["auth.user_domain_id"],
    env: ["OS_USER_DOMAIN_ID"],
    group: "userDomain",
    description: "Domain of the user, by id.",
  },
  projectDomainName: {
    config: "projectDomainName",
    clouds: ["auth.project_domain_name"],
    env: ["OS_PROJECT_DOMAIN_NAME"],
    group: "projectDomain",
    description: "Domain of the project, by name.",
  },
  projectDomainId: {
    config: "projectDomainId",
    clouds: ["auth.project_domain_id"],
    env: ["OS_PROJECT_DOMAIN_ID"],
    group: "projectDomain",
    description: "Domain of the project, by id.",
  },
  domainName: {
    config: "domainName",
    huaweiConfig: "domainName",
    clouds: ["auth.domain_name"],
    env: ["OS_DOMAIN_NAME"],
    huaweiEnv: ["HW_DOMAIN_NAME"],
    group: "domain",
    description:
      "Domain to scope to when no project is given; also the user's and project's domain when those are not set (Huawei Cloud: the account name).",
  },
  domainId: {
    config: "domainId",
    huaweiConfig: "domainId",
    clouds: ["auth.domain_id"],
    env: ["OS_DOMAIN_ID"],
    huaweiEnv: ["HW_DOMAIN_ID"],
    group: "domain",
    description: "Like domainName, by id.",
  },
  defaultDomain: {
    config: "defaultDomain",
    clouds: ["auth.default_domain", "default_domain"],
    env: ["OS_DEFAULT_DOMAIN"],
    description:
      "Domain id for the user and project when no other domain setting names one (default `default`).",
  },
  applicationCredentialId: {
    config: "applicationCredentialId",
    clouds: ["auth.application_credential_id"],
    env: ["OS_APPLICATION_CREDENTIAL_ID"],
    group: "applicationCredential",
    description: "Application credential, by id.",
  },
  applicationCredentialName: {
    config: "applicationCredentialName",
    clouds: ["auth.application_credential_name"],
    env: ["OS_APPLICATION_CREDENTIAL_NAME"],
    group: "applicationCredential",
    description: "Application credential, by name (with the user it belongs to).",
  },
  applicationCredentialSecret: {
    config: "applicationCredentialSecret",
    clouds: ["auth.application_credential_secret"],
    env: ["OS_APPLICATION_CREDENTIAL_SECRET"],
    group: "credential",
    description: "Secret of the application credential.",
  },
  accessKey: {
    huaweiConfig: "accessKey",
    huaweiEnv: ["HW_ACCESS_KEY"],
    group: "credential",
    description: "Huawei Cloud access key (AK): requests are signed, no token is requested.",
  },
  secretKey: {
    huaweiConfig: "secretKey",
    huaweiEnv: ["HW_SECRET_KEY"],
    group: "credential",
    description: "Huawei Cloud secret key (SK).",
  },
  securityToken: {
    huaweiConfig: "securityToken",
    huaweiEnv: ["HW_SECURITY_TOKEN"],
    group: "credential",
    description: "Huawei Cloud security token, for a temporary AK/SK.",
  },
  huaweiCloud: {
    huaweiConfig: "cloud",
    huaweiEnv: ["HW_CLOUD"],
    description:
      "Huawei Cloud endpoint domain: `myhuaweicloud.com` (`myhuaweicloud.eu` for eu-west-1xx regions) unless set.",
  },
  endpointType: {
    config: "endpointType",
    clouds: ["interface"],
    env: ["OS_ENDPOINT_TYPE", "OS_INTERFACE"],
    description: "Catalog interface: `public` (default), `internal` or `admin` (`publicURL` spellings too).",
  },
  imageEndpoint: {
    config: { key: "endpointOverrides", entry: "image" },
    huaweiConfig: { key: "endpoints", entry: "ims" },
    clouds: ["image_endpoint_override"],
    env: ["OS_IMAGE_ENDPOINT"],
    description:
      "Glance URL to use instead of the catalog's (`/v2` appended unless it ends in `v2`); a resource's `endpoint` input wins. Refused with user-info, a query or a fragment (state records the normalised URL). Huawei AK/SK default: `https://ims.{region}.{cloud}`.",
  },
  maxRetries: {
    config: "maxRetries",
    huaweiConfig: "maxRetries",
    env: ["OS_MAX_RETRIES"],
    huaweiEnv: ["HW_MAX_RETRIES"],
    scope: "process",
    description: "Retries of a request that failed with 429, 5xx or a network error (default 5).",
  },
  requestTimeout: {
    env: ["PULUMI_IMAGE_MEMBER_REQUEST_TIMEOUT"],
    scope: "process",
    description: "Seconds one request may take to answer before it counts as failed (default 30).",
  },
  maxRetryTime: {
    env: ["PULUMI_IMAGE_MEMBER_MAX_RETRY_TIME"],
    scope: "process",
    description: "Seconds the retries of one request may spend waiting in all (default 60).",
  },
  insecure: {
    config: "insecure",
    huaweiConfig: "insecure",
    clouds: ["verify"],
    env: ["OS_INSECURE"],
    huaweiEnv: ["HW_INSECURE"],
    description:
      "`true` skips TLS certificate verification (a warning says so). clouds.yaml `verify: false` means `insecure: true`, and beats `cacert`.",
  },
  cacertFile: {
    config: "cacertFile",
    huaweiConfig: "cacertFile",
    clouds: ["cacert"],
    env: ["OS_CACERT"],
    description: "CA bundle to trust instead of the system's: a file path or the PEM text.",
  },
  cert: {
    config: "cert",
    huaweiConfig: "cert",
    clouds: ["cert"],
    env: ["OS_CERT"],
    group: "clientCertificate",
    description: "Client certificate: a file path or the PEM text.",
  },
  key: {
    config: "key",
    huaweiConfig: "key",
    clouds: ["key"],
    env: ["OS_KEY"],
    group: "clientCertificate",
    description: "Key of the client certificate: a file path or the PEM text.",
  },
};

/** Every setting, in the order of the table above. */
export const SETTING_NAMES = Object.keys(SETTING_SOURCES) as SettingName[];

/** Reads stack config values, e.g. the `Config` a dynamic provider's `configure` hook receives. */
export interface ConfigReader {
  /** Text, as stack config holds it; a map may also come as the object itself (the plugin's inputs). */
  get(key: string): string | Readonly<Record<string, unknown>> | undefined;
}

/** `openstack:endpointOverrides` (its `image` entry): how a config key reads in messages and docs. */
export function configKeyLabel(namespace: string, key: ConfigKey): string {
  return typeof key === "string"
    ? `${namespace}:${key}`
    : `${namespace}:${key.key} (its "${key.entry}" entry)`;
}

/**
 * "openstack:authUrl or OS_AUTH_URL (Huawei Cloud: huaweicloud:authUrl or HW_AUTH_URL), or
 * auth.auth_url in the clouds.yaml entry named by openstack:cloud or OS_CLOUD": every place a
 * setting can be given, for error messages.
 */
export function whereToSet(name: SettingName, settings?: AuthSettings): string {
  const source = SETTING_SOURCES[name];
  const own = settings?.origin?.resourceCloud;
  if (own && source.scope !== "process") {
    return source.clouds
      ? `${source.clouds.join(" or ")} in clouds.yaml entry "${own.name}" (${own.file}, or its secure.yaml): the resource names that cloud, so nothing else is read for it`
      : `(cannot be set in a clouds.yaml entry, and the resource names cloud "${own.name}", so nothing else is read for it)`;
  }
  const namespace = configNamespaceOf(settings);
  // The plugin reads its own namespace with openstack's key names, and no huaweicloud: config.
  const huaweiConfig = namespace === "openstack" ? source.huaweiConfig : undefined;
  const openstack = [
    source.config === undefined ? undefined : configKeyLabel(namespace, source.config),
    ...(source.env ?? []),
  ].filter((p): p is string => p !== undefined);
  const huawei = [
    huaweiConfig === undefined ? undefined : configKeyLabel("huaweicloud", huaweiConfig),
    ...(source.huaweiEnv ?? []),
  ].filter((p): p is string => p !== undefined);
  const parts: string[] = [];
  if (openstack.length > 0) parts.push(openstack.join(" or "));
  if (huawei.length > 0)
    parts.push(openstack.length > 0 ? `(Huawei Cloud: ${huawei.join(" or ")})` : huawei.join(" or "));
  let text = parts.join(" ");
  if (source.clouds) {
    text += `, or ${source.clouds.join(" or ")} in the clouds.yaml entry named by ${whereToSetCloud(settings)}`;
  }
  return text;
}

/** Where a clouds.yaml entry is named, for messages. */
export function whereToSetCloud(settings?: AuthSettings): string {
  return `a resource's cloud input, ${configNamespaceOf(settings)}:cloud or OS_CLOUD`;
}

/** The stack config namespace the settings were read from (`openstack` unless the plugin's). */
export function configNamespaceOf(settings?: AuthSettings): "openstack" | "image-member" {
  return settings?.origin?.configNamespace ?? "openstack";
}
