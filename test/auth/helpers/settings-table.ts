/**
 * The settings table of docs/settings.md, rendered from SETTING_SOURCES: the places a setting
 * can come from, in order of precedence (left wins), so the document cannot drift from the code.
 */
import {
  SETTING_NAMES,
  SETTING_SOURCES,
  configKeyLabel,
  type ConfigKey,
  type SettingSource,
} from "../../../provider/auth/settings";

export const TABLE_START = "<!-- settings-table:start (generated from provider/auth/settings.ts) -->";
export const TABLE_END = "<!-- settings-table:end -->";

/** A place a setting can come from, in order of precedence. */
export interface Place {
  column: string;
  names(source: SettingSource): string[];
}

export const PLACES: readonly Place[] = [
  { column: "`openstack:` config", names: (s) => configNames("openstack", s.config) },
  { column: "`huaweicloud:` config", names: (s) => configNames("huaweicloud", s.huaweiConfig) },
  { column: "clouds.yaml entry", names: (s) => [...(s.clouds ?? [])] },
  { column: "`OS_*` environment", names: (s) => [...(s.env ?? [])] },
  { column: "`HW_*` environment", names: (s) => [...(s.huaweiEnv ?? [])] },
];

export function renderSettingsTable(): string {
  const header = ["Setting", ...PLACES.map((p) => p.column), "Taken together with", "What it is"];
  const rows = SETTING_NAMES.map((name) => {
    const source = SETTING_SOURCES[name];
    const cells = PLACES.map((place) => place.names(source).map(code).join(", ") || "—");
    const group = source.group
      ? SETTING_NAMES.filter((other) => other !== name && SETTING_SOURCES[other].group === source.group)
          .map(code)
          .join(", ")
      : source.scope === "process"
        ? "(process setting)"
        : "—";
    return [code(name), ...cells, group || "—", source.description];
  });
  return [header, header.map(() => "---"), ...rows].map((cells) => `| ${cells.join(" | ")} |`).join("\n");
}

function configNames(namespace: string, key: ConfigKey | undefined): string[] {
  return key === undefined ? [] : [configKeyLabel(namespace, key).replace(`${namespace}:`, "")];
}

function code(text: string): string {
  const match = /^(\S+)( \(.*\))$/.exec(text);
  return match ? `\`${match[1]}\`${match[2]}` : `\`${text}\``;
}
