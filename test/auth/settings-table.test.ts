/**
 * Every row of the settings table (docs/settings.md): each place a setting can come from is
 * read, the places win in the documented order, and a resource's own `cloud` takes the row from
 * its entry alone (or, for process settings, from stack config and the environment).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { stringify } from "yaml";
import { CloudsFiles } from "../../provider/auth/clouds-files";
import { resolveSettings } from "../../provider/auth/resolve-settings";
import {
  SETTING_NAMES,
  SETTING_SOURCES,
  type ConfigKey,
  type SettingName,
} from "../../provider/auth/settings";
import { renderSettingsTable, TABLE_END, TABLE_START } from "./helpers/settings-table";

const CLOUDS_FILE = "/test-config/clouds.yaml";
/** The entry every test of a clouds.yaml path writes its value into. */
const ENTRY = "table";

/** One place a setting can come from, and how to put a value there. */
interface Place {
  kind: "openstack" | "huaweicloud" | "clouds" | "env" | "huaweiEnv";
  /** The config key, clouds.yaml path or variable. */
  name: string;
  /** As origin.from reports it. */
  label: string;
  put(world: World, value: string): void;
}

/** What one resolution reads: stack config, environment, and one clouds.yaml entry. */
interface World {
  config: Record<string, string>;
  env: NodeJS.ProcessEnv;
  entry: Record<string, unknown>;
}

function placesOf(name: SettingName): Place[] {
  const s = SETTING_SOURCES[name];
  const places: Place[] = [];
  const config = (kind: "openstack" | "huaweicloud", key: ConfigKey | undefined) => {
    if (key === undefined) return;
    const configKey = typeof key === "string" ? key : key.key;
    places.push({
      kind,
      name: `${kind}:${configKey}`,
      label: typeof key === "string" ? `${kind}:${key}` : `${kind}:${key.key} (its "${key.entry}" entry)`,
      put: (w, value) =>
        (w.config[`${kind}:${configKey}`] =
          typeof key === "string" ? value : JSON.stringify({ [key.entry]: value })),
    });
  };
  config("openstack", s.config);
  config("huaweicloud", s.huaweiConfig);
  for (const path of s.clouds ?? []) {
    places.push({
      kind: "clouds",
      name: path,
      label: `${path} of clouds.yaml entry "${ENTRY}" (${CLOUDS_FILE})`,
      put: (w, value) => setPath(w.entry, path, cloudsValue(path, value)),
    });
  }
  for (const [kind, vars] of [
    ["env", s.env],
    ["huaweiEnv", s.huaweiEnv],
  ] as const) {
    for (const variable of vars ?? []) {
      places.push({ kind, name: variable, label: variable, put: (w, value) => (w.env[variable] = value) });
    }
  }
  return places;
}

/** clouds.yaml spells a few settings its own way. */
function cloudsValue(path: string, value: string): unknown {
  if (path === "verify") return value !== "true";
  if (path === "regions") return [value, "SecondRegion"];
  return value;
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split(".");
  let node = target;
  for (const key of keys.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
  node[keys[keys.length - 1]] = value;
}

const AUTH_TYPE_SPELLINGS = ["v3password", "token", "v3applicationcredential", "password", "v3_token"];

/** A value of the right shape for the setting, different for each place index. */
function valueFor(name: SettingName, index: number): string {
  if (name === "insecure") return index % 2 === 0 ? "true" : "false";
  if (name === "authType") return AUTH_TYPE_SPELLINGS[index % AUTH_TYPE_SPELLINGS.length];
  if (name === "maxRetries" || name === "requestTimeout" || name === "maxRetryTime") return String(index + 1);
  if (name === "cloud") return `cloud-${index}`;
  if (name === "authUrl" || name === "imageEndpoint")
    return `https://${name.toLowerCase()}-value-${index}.example.com`;
  return `${name}-value-${index}`;
}

/** What the resolved settings hold for the text `valueFor` put: booleans, numbers and auth types parsed. */
function parsedFor(name: SettingName, index: number): unknown {
  const text = valueFor(name, index);
  if (name === "insecure") return text === "true";
  if (name === "maxRetries" || name === "requestTimeout" || name === "maxRetryTime") return Number(text);
  if (name === "authType")
    return (
      { v3password: "password", password: "password", token: "token", v3_token: "token" }[text] ??
      "application_credential"
    );
  return text;
}

/** Resolves with `world`; unless the test is about `cloud` itself, OS_CLOUD names the test entry. */
function resolve(world: World, under: SettingName, resourceCloud?: string) {
  const clouds: Record<string, unknown> = { [ENTRY]: world.entry };
  for (let i = 0; i < 10; i++) clouds[`cloud-${i}`] = {};
  const yaml = stringify({ clouds });
  const env: NodeJS.ProcessEnv = { ...world.env, OS_CLIENT_CONFIG_FILE: CLOUDS_FILE, HOME: "/nonexistent" };
  if (under !== "cloud") env.OS_CLOUD = ENTRY;
  return resolveSettings({
    config: { get: (key) => world.config[key] },
    env,
    resourceCloud,
    clouds: new CloudsFiles({
      read: (path) => (path === CLOUDS_FILE ? yaml : undefined),
      cwd: () => "/nonexistent",
    }),
  });
}

const emptyWorld = (): World => ({ config: {}, env: {}, entry: {} });

describe.each(SETTING_NAMES)("%s", (name) => {
  const places = placesOf(name);

  test.each(places.map((p, i) => [p.label, p, i] as const))("is read from %s", (_label, place, index) => {
    const world = emptyWorld();
    place.put(world, valueFor(name, index));
    const settings = resolve(world, name);
    expect(settings[name]).toBe(parsedFor(name, index));
    expect(settings.origin?.from[name]).toBe(place.label);
  });

  test("places win in the order of the table, left to right", () => {
    const world = emptyWorld();
    places.forEach((place, index) => place.put(world, valueFor(name, index)));
    for (let winner = 0; winner < places.length; winner++) {
      const settings = resolve(world, name);
      expect(settings.origin?.from[name]).toBe(places[winner].label);
      expect(settings[name]).toBe(parsedFor(name, winner));
      removePlace(world, places[winner]);
    }
    expect(resolve(world, name)[name]).toBeUndefined();
  });

  test("with a resource's own cloud: from its entry alone, or (process settings) not from it", () => {
    const world = emptyWorld();
    places.forEach((place, index) => place.put(world, valueFor(name, index)));
    const settings = resolve(world, name, ENTRY);
    const source = SETTING_SOURCES[name];
    if (name === "cloud") {
      expect(settings.cloud).toBe(ENTRY);
      expect(settings.origin?.from.cloud).toBe("the resource's cloud input");
    } else if (source.scope === "process") {
      expect(settings.origin?.from[name]).toBe(places[0].label);
    } else if (source.clouds) {
      expect(settings.origin?.from[name]).toBe(places.find((p) => p.kind === "clouds")?.label);
    } else {
      expect(settings[name]).toBeUndefined();
    }
  });
});

function removePlace(world: World, place: Place): void {
  if (place.kind === "openstack" || place.kind === "huaweicloud") delete world.config[place.name];
  else if (place.kind === "env" || place.kind === "huaweiEnv") delete world.env[place.name];
  else {
    const keys = place.name.split(".");
    let node: Record<string, unknown> | undefined = world.entry;
    for (const key of keys.slice(0, -1)) node = node?.[key] as Record<string, unknown> | undefined;
    if (node) delete node[keys[keys.length - 1]];
  }
}

test.each(["docs/settings.md"])("%s lists every setting exactly as SETTING_SOURCES says", (file) => {
  const path = join(__dirname, "../..", file);
  const doc = readFileSync(path, "utf8");
  const start = doc.indexOf(TABLE_START);
  const end = doc.indexOf(TABLE_END);
  expect(start).toBeGreaterThan(0);
  expect(end).toBeGreaterThan(start);
  const expected = `${TABLE_START}\n${renderSettingsTable()}\n${TABLE_END}`;
  if (process.env.UPDATE_SETTINGS_DOC) {
    writeFileSync(path, doc.slice(0, start) + expected + doc.slice(end + TABLE_END.length));
    return;
  }
  expect(doc.slice(start, end + TABLE_END.length)).toBe(expected);
});
