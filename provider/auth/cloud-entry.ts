import { ImageMemberError } from "../errors";
import { BOOLEAN_SPELLINGS, booleanWord } from "./setting-parsers";
import { isMapping, type CloudsConfig } from "./clouds-files";
import { nonEmpty, type SettingsLayer } from "./setting-layers";
import { SETTING_NAMES, SETTING_SOURCES } from "./settings";

/** A clouds.yaml entry, merged with its secure.yaml part, and where it was found. */
export interface CloudEntry {
  name: string;
  /** The clouds.yaml the entry is in (or the secure.yaml, when only that one has it). */
  file: string;
  settings: Record<string, unknown>;
}

/**
 * The entry `name` of clouds.yaml with the same entry of secure.yaml merged over it.
 * `namedBy` says who asked for it ("the resource's cloud input", "OS_CLOUD", …) for messages.
 */
export function findCloudEntry(config: CloudsConfig, name: string, namedBy: string): CloudEntry {
  const base = ownEntry(config.clouds?.clouds, name);
  const secret = ownEntry(config.secure?.clouds, name);
  if (base === undefined && secret === undefined) throw entryNotFound(config, name, namedBy);
  for (const [part, file] of [
    [base, config.clouds?.path],
    [secret, config.secure?.path],
  ] as const) {
    if (part !== undefined && !isMapping(part)) {
      throw new ImageMemberError(
        "ERR_INVALID_SETTING",
        `Cloud "${name}" in ${file} is not a mapping of settings.`,
      );
    }
  }
  const file = (base === undefined ? config.secure?.path : config.clouds?.path) ?? "";
  return { name, file, settings: deepMerge(isMapping(base) ? base : {}, isMapping(secret) ? secret : {}) };
}

/** The settings a clouds.yaml entry holds, under this package's names (see SETTING_SOURCES). */
export function cloudEntryLayer(entry: CloudEntry): SettingsLayer {
  const layer: SettingsLayer = {};
  for (const name of SETTING_NAMES) {
    for (const path of SETTING_SOURCES[name].clouds ?? []) {
      const value = settingAt(entry, path);
      if (value === undefined) continue;
      layer[name] = { value, from: `${path} of clouds.yaml entry "${entry.name}" (${entry.file})` };
      break;
    }
  }
  // verify: false turns verification off, whatever CA is given.
  if (layer.insecure && booleanWord(layer.insecure.value) === true) delete layer.cacertFile;
  return layer;
}

/** An entry of a clouds map by name: its own entries only (a cloud may be named `constructor`). */
function ownEntry(clouds: Record<string, unknown> | undefined, name: string): unknown {
  return clouds !== undefined && Object.hasOwn(clouds, name) ? clouds[name] : undefined;
}

/** The value at a path such as `auth.username`, as a setting. */
function settingAt(entry: CloudEntry, path: string): string | undefined {
  let value: unknown = entry.settings;
  for (const key of path.split(".")) value = isMapping(value) ? ownEntry(value, key) : undefined;
  if (value === undefined || value === null) return undefined;
  switch (path) {
    case "regions":
      return firstRegion(entry, value);
    case "verify":
      return verifyToInsecure(entry, value);
  }
  if (typeof value === "object") {
    throw new ImageMemberError(
      "ERR_INVALID_SETTING",
      `${path} of clouds.yaml entry "${entry.name}" (${entry.file}) must be a single value, not a list or mapping.`,
    );
  }
  return nonEmpty(value);
}

/** openstacksdk's default region: the first of `regions`, a name or a `{name: …}` mapping. */
function firstRegion(entry: CloudEntry, regions: unknown): string | undefined {
  const first: unknown = Array.isArray(regions) ? regions[0] : regions;
  const name = isMapping(first) ? first.name : first;
  if (name !== undefined && typeof name !== "string") {
    throw new ImageMemberError(
      "ERR_INVALID_SETTING",
      `regions of clouds.yaml entry "${entry.name}" (${entry.file}) must list region names.`,
    );
  }
  return nonEmpty(name);
}

/** `verify` is the opposite of `insecure`. */
function verifyToInsecure(entry: CloudEntry, verify: unknown): string {
  const value = booleanWord(String(verify));
  if (value !== undefined) return String(!value);
  throw new ImageMemberError(
    "ERR_INVALID_SETTING",
    `verify of clouds.yaml entry "${entry.name}" (${entry.file}) must be ${BOOLEAN_SPELLINGS}.`,
    { hint: "To trust a private CA, keep verify: true and give its file as cacert." },
  );
}

function entryNotFound(config: CloudsConfig, name: string, namedBy: string): ImageMemberError {
  if (!config.clouds && !config.secure) {
    return new ImageMemberError(
      "ERR_INVALID_SETTING",
      `${namedBy} names cloud "${name}", but there is no clouds.yaml (looked for ${config.searched.join(", ")}).`,
      { hint: "Create one there, point OS_CLIENT_CONFIG_FILE at yours, or remove the cloud name." },
    );
  }
  const names = [
    ...new Set([...Object.keys(config.clouds?.clouds ?? {}), ...Object.keys(config.secure?.clouds ?? {})]),
  ];
  const files = [config.clouds?.path, config.secure?.path].filter(Boolean).join(" and ");
  return new ImageMemberError(
    "ERR_INVALID_SETTING",
    `${namedBy} names cloud "${name}", but ${files} has no such entry (entries: ${names.join(", ") || "none"}).`,
    { hint: "Use one of those names, or add the entry." },
  );
}

/**
 * secure.yaml over clouds.yaml: mappings merge key by key, anything else is replaced. Merged in a
 * Map: a key `__proto__` assigned to an object would become its prototype.
 */
function deepMerge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const merged = new Map(Object.entries(base));
  for (const [key, value] of Object.entries(over)) {
    const current = merged.get(key);
    merged.set(key, isMapping(current) && isMapping(value) ? deepMerge(current, value) : value);
  }
  return Object.fromEntries(merged);
}
