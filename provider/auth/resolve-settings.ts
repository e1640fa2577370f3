import { ImageMemberError } from "../errors";
import { endpointProblem } from "../glance/glance-url";
import type { CloudsFiles } from "./clouds-files";
import { cloudEntryLayer, findCloudEntry } from "./cloud-entry";
import { iamUrl } from "./huawei-endpoints";
import { configLayer, envLayer, filterLayer, mergeLayers, type SettingsLayer } from "./setting-layers";
import { SETTING_PARSERS, isParsedSetting } from "./setting-parsers";
import {
  SETTING_NAMES,
  SETTING_SOURCES,
  type AuthSettings,
  type ConfigReader,
  type SettingName,
} from "./settings";

/** The provider plugin's stack config namespace (`image-member:authUrl`, …): its package name. */
export const PLUGIN_CONFIG_NAMESPACE = "image-member";

export type ConfigNamespace = "openstack" | typeof PLUGIN_CONFIG_NAMESPACE;

/** Everything settings are read from when a hook runs. */
export interface SettingsSources {
  /** Stack config, as handed to the provider's `configure` hook. */
  config?: ConfigReader;
  /**
   * Which stack config holds settings: `openstack:` and `huaweicloud:` for the dynamic provider
   * (default), or the provider plugin's own `image-member:` namespace, with openstack's key names.
   */
  configNamespace?: ConfigNamespace;
  env: NodeJS.ProcessEnv;
  /** A resource's own `cloud` input: the clouds.yaml entry that alone describes its cloud. */
  resourceCloud?: string;
  /** The clouds.yaml files of this process. */
  clouds: CloudsFiles;
}

/**
 * The settings in force for one resource. Without a resource `cloud`, each setting comes from the
 * first of: `openstack:` stack config, `huaweicloud:` stack config, the clouds.yaml entry named by
 * `openstack:cloud` or `OS_CLOUD`, `OS_*` variables, `HW_*` variables. Alternatives (user id or
 * name, project id or name, …, and the credential itself) come together from the first place that
 * has any of them. With a resource `cloud`, that entry alone describes the cloud and identity;
 * only process settings (maxRetries) are still read from stack config and the environment.
 */
export function resolveSettings(sources: SettingsSources): AuthSettings {
  const { config, env } = sources;
  const explicit =
    sources.configNamespace === PLUGIN_CONFIG_NAMESPACE
      ? [configLayer(config, PLUGIN_CONFIG_NAMESPACE, (s) => s.config)]
      : [
          configLayer(config, "openstack", (s) => s.config),
          configLayer(config, "huaweicloud", (s) => s.huaweiConfig),
        ];
  const environment = [envLayer(env, (s) => s.env), envLayer(env, (s) => s.huaweiEnv)];
  const resourceCloud = sources.resourceCloud === "" ? undefined : sources.resourceCloud;

  let layers: SettingsLayer[];
  let resourceCloudFile: string | undefined;
  if (resourceCloud !== undefined) {
    const entry = findCloudEntry(sources.clouds.load(env), resourceCloud, "The resource's cloud input");
    resourceCloudFile = entry.file;
    const processOnly = (name: SettingName) => SETTING_SOURCES[name].scope === "process";
    layers = [
      { cloud: { value: resourceCloud, from: "the resource's cloud input" } },
      cloudEntryLayer(entry),
      ...[...explicit, ...environment].map((layer) => filterLayer(layer, processOnly)),
    ];
  } else {
    const named = mergeLayers([...explicit, ...environment]).cloud;
    const entry = named ? findCloudEntry(sources.clouds.load(env), named.value, named.from) : undefined;
    layers = [...explicit, ...(entry ? [cloudEntryLayer(entry)] : []), ...environment];
  }

  const merged = mergeLayers(layers);
  withHuaweiIamDefault(merged);
  const from: Partial<Record<SettingName, string>> = {};
  const configNamespace = sources.configNamespace ?? "openstack";
  const settings: AuthSettings = { origin: { from, configNamespace } };
  const values: Partial<Record<SettingName, unknown>> = settings;
  for (const name of SETTING_NAMES) {
    const found = merged[name];
    if (!found) continue;
    from[name] = found.from;
    values[name] = isParsedSetting(name)
      ? SETTING_PARSERS[name](found.value, `${name} (from ${found.from})`, found.from)
      : found.value;
  }
  if (resourceCloud !== undefined && resourceCloudFile !== undefined) {
    settings.origin = {
      from,
      configNamespace,
      resourceCloud: { name: resourceCloud, file: resourceCloudFile },
    };
  }
  checkUrl(settings, "authUrl");
  checkUrl(settings, "imageEndpoint");
  return settings;
}

/**
 * Huawei's Terraform provider defaults the IAM URL from the region: done here too when the
 * credentials are a Huawei user's password or token (AK/SK needs no IAM).
 */
function withHuaweiIamDefault(merged: SettingsLayer): void {
  if (merged.authUrl || !merged.region || merged.accessKey || merged.secretKey) return;
  const credential = merged.password ?? merged.token;
  if (!credential || !/^(huaweicloud:|HW_)/.test(credential.from)) return;
  merged.authUrl = {
    value: iamUrl(merged.region.value, merged.huaweiCloud?.value),
    from: `the Huawei Cloud IAM of the region (from ${merged.region.from})`,
  };
}

/**
 * Refused whatever the place it came from. Like every message about a setting, it names the
 * setting and the place, never the value: a value in the wrong place may be a secret.
 */
function checkUrl(settings: AuthSettings, name: "authUrl" | "imageEndpoint"): void {
  const value = settings[name];
  const problem = value === undefined ? undefined : endpointProblem(value);
  if (!problem) return;
  throw new ImageMemberError(
    "ERR_INVALID_SETTING",
    `${name} (from ${settings.origin?.from[name]}) ${problem}`,
  );
}
