import { ImageMemberError } from "../errors";
import {
  SETTING_NAMES,
  SETTING_SOURCES,
  configKeyLabel,
  type ConfigKey,
  type ConfigReader,
  type SettingGroup,
  type SettingName,
  type SettingSource,
} from "./settings";

/** One setting as found in one place: the value and the name of the place (never printed with it). */
export interface FoundSetting {
  value: string;
  /** `openstack:authUrl`, `OS_AUTH_URL`, `auth.auth_url of clouds.yaml entry "x" (/path)`, … */
  from: string;
}

/** The settings one place holds, e.g. the `openstack:` stack config or the `OS_*` environment. */
export type SettingsLayer = Partial<Record<SettingName, FoundSetting>>;

/**
 * The settings in force from layers given in order of precedence: each setting comes from the
 * first layer that has it, except that the settings of a group (alternatives such as a user id
 * or name) all come from the first layer that has any of them.
 */
export function mergeLayers(layers: readonly SettingsLayer[]): SettingsLayer {
  const merged: SettingsLayer = {};
  const groupLayer = new Map<SettingGroup, SettingsLayer | undefined>();
  for (const name of SETTING_NAMES) {
    const group = SETTING_SOURCES[name].group;
    if (group === undefined) {
      const layer = layers.find((l) => l[name] !== undefined);
      if (layer) merged[name] = layer[name];
      continue;
    }
    if (!groupLayer.has(group))
      groupLayer.set(
        group,
        layers.find((l) => holdsAnyOf(l, group)),
      );
    const found = groupLayer.get(group)?.[name];
    if (found) merged[name] = found;
  }
  return merged;
}

/** Keeps only the settings `keep` accepts. */
export function filterLayer(layer: SettingsLayer, keep: (name: SettingName) => boolean): SettingsLayer {
  const kept: SettingsLayer = {};
  for (const name of SETTING_NAMES) if (keep(name) && layer[name]) kept[name] = layer[name];
  return kept;
}

/** Settings from stack config in one namespace (`openstack`, `huaweicloud`, or the plugin's `image-member`). */
export function configLayer(
  config: ConfigReader | undefined,
  namespace: "openstack" | "huaweicloud" | "image-member",
  keyOf: (source: SettingSource) => ConfigKey | undefined,
): SettingsLayer {
  const layer: SettingsLayer = {};
  if (!config) return layer;
  for (const name of SETTING_NAMES) {
    const key = keyOf(SETTING_SOURCES[name]);
    if (key === undefined) continue;
    const value =
      typeof key === "string" ? configValue(config, `${namespace}:${key}`) : mapEntry(config, namespace, key);
    if (value !== undefined) layer[name] = { value, from: configKeyLabel(namespace, key) };
  }
  return layer;
}

/** Settings from environment variables; for each setting, the first of its variables that is set. */
export function envLayer(
  env: NodeJS.ProcessEnv,
  namesOf: (source: SettingSource) => readonly string[] | undefined,
): SettingsLayer {
  const layer: SettingsLayer = {};
  for (const name of SETTING_NAMES) {
    for (const variable of namesOf(SETTING_SOURCES[name]) ?? []) {
      const value = nonEmpty(env[variable]);
      if (value === undefined) continue;
      layer[name] = { value, from: variable };
      break;
    }
  }
  return layer;
}

/** A value as a setting: strings as they are, numbers and booleans as text; empty counts as unset. */
export function nonEmpty(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  const text = String(value);
  return text === "" ? undefined : text;
}

function holdsAnyOf(layer: SettingsLayer, group: SettingGroup): boolean {
  return SETTING_NAMES.some((name) => SETTING_SOURCES[name].group === group && layer[name] !== undefined);
}

function configValue(config: ConfigReader, key: string): string | undefined {
  const value = config.get(key);
  if (typeof value === "object") {
    throw new ImageMemberError("ERR_INVALID_SETTING", `${key} must be a single value, but it is a map.`);
  }
  return nonEmpty(value);
}

/** One entry of a map kept in stack config as JSON, e.g. `openstack:endpointOverrides` → `image`. */
function mapEntry(
  config: ConfigReader,
  namespace: string,
  key: { key: string; entry: string },
): string | undefined {
  const raw: unknown = config.get(`${namespace}:${key.key}`);
  if (raw === undefined || raw === null || raw === "") return undefined;
  let parsed: unknown = raw;
  if (typeof raw === "string") {
    try {
      parsed = JSON.parse(raw);
    } catch {
      parsed = undefined;
    }
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new ImageMemberError(
      "ERR_INVALID_SETTING",
      `${namespace}:${key.key} must be a map of service type to URL, e.g. {"${key.entry}": "https://…"}, but it is not a JSON object.`,
      {
        hint: `Set it with \`pulumi config set --path '${namespace}:${key.key}.${key.entry}' <url>\`.`,
      },
    );
  }
  const value = (parsed as Record<string, unknown>)[key.entry];
  if (value !== undefined && typeof value !== "string") {
    throw new ImageMemberError(
      "ERR_INVALID_SETTING",
      `${namespace}:${key.key}.${key.entry} must be a URL string.`,
    );
  }
  return nonEmpty(value);
}
