/**
 * Generated values for every setting, from every place it can be given (stack config in each
 * namespace, a clouds.yaml entry, the environment), through what a hook does first against the
 * local Keystone + Glance over HTTP: resolve the settings, read the TLS files, log in, find the
 * image endpoint. Whatever fails, no message or warning ever holds the value: a value in the
 * wrong place (a key pasted where its path goes, a password in the user name) may be a secret.
 * Messages name the setting and the place instead.
 *
 * Two settings are outside the rule: `cloud`, whose value is the name of the clouds.yaml entry
 * the other settings come from (the place messages name), and valid credential-free URLs of
 * `authUrl` and `imageEndpoint`, which an HTTP failure reports as its request's URL.
 */
import fc from "fast-check";
import {
  SETTING_NAMES,
  SETTING_SOURCES,
  configKeyLabel,
  type SettingName,
} from "../../provider/auth/settings";
import { endpointProblem } from "../../provider/glance/glance-url";
import { ProviderContext } from "../../provider/auth/provider-context";
import { startLocalCloud, osEnvironment, type LocalCloud } from "../../provider/testing";

let cloud: LocalCloud;
beforeAll(async () => {
  cloud = await startLocalCloud();
});
afterAll(() => cloud.close());

const CLOUDS_FILE = "/cfg/clouds.yaml";

/** One way to give a setting a value, and what the provider process then sees. */
interface Place {
  label: string;
  config?: Record<string, string>;
  env?: Record<string, string>;
  entry?: Record<string, unknown>;
  namespace?: "image-member";
}

function placesOf(name: SettingName): ((value: string) => Place)[] {
  const source = SETTING_SOURCES[name];
  const places: ((value: string) => Place)[] = [];
  const inConfig = (namespace: string, key: NonNullable<typeof source.config>, plugin?: "image-member") => {
    const label = configKeyLabel(namespace, key);
    places.push((value) => ({
      label,
      namespace: plugin,
      config:
        typeof key === "string"
          ? { [`${namespace}:${key}`]: value }
          : { [`${namespace}:${key.key}`]: JSON.stringify({ [key.entry]: value }) },
    }));
  };
  if (source.config !== undefined) {
    inConfig("openstack", source.config);
    inConfig("image-member", source.config, "image-member");
  }
  if (source.huaweiConfig !== undefined) inConfig("huaweicloud", source.huaweiConfig);
  for (const path of source.clouds ?? [])
    places.push((value) => ({ label: path, entry: nested(path, value) }));
  for (const variable of [...(source.env ?? []), ...(source.huaweiEnv ?? [])]) {
    places.push((value) => ({ label: variable, env: { [variable]: value } }));
  }
  return places;
}

function nested(path: string, value: string): Record<string, unknown> {
  return path
    .split(".")
    .reverse()
    .reduce<unknown>((inner, key) => ({ [key]: inner }), value) as Record<string, unknown>;
}

/** What the user sees when a hook starts with the value at that place: the error and the warnings. */
async function shown(place: Place): Promise<string[]> {
  const env = { ...osEnvironment(cloud.fixtures, "owner"), HOME: "/nonexistent", ...place.env };
  if (place.entry) Object.assign(env, { OS_CLOUD: "mine", OS_CLIENT_CONFIG_FILE: CLOUDS_FILE });
  const yaml = JSON.stringify({ clouds: { mine: place.entry ?? {} } });
  const warnings: string[] = [];
  const context = new ProviderContext({
    env: () => env,
    clouds: { read: (path) => (path === CLOUDS_FILE ? yaml : undefined), cwd: () => "/nonexistent" },
    policy: { maxRetries: 0, requestTimeoutMs: 5000 },
    warn: (line) => warnings.push(line),
    configNamespace: place.namespace,
  });
  context.configure({ get: (key) => place.config?.[key] });
  const error = await Promise.resolve()
    .then(() => context.imageService({}))
    .then(
      () => undefined,
      (e: Error) => e,
    );
  return [...(error ? [`${error}`, error.message] : []), ...warnings];
}

/** The spellings a value could be printed in. */
const printed = (value: string) => [
  ...new Set([value, JSON.stringify(value).slice(1, -1), value.replace(/\s+/g, " ").trim()]),
];

const CHECKED = SETTING_NAMES.filter((name) => name !== "cloud");
/** Values with enough of their own to be told from the words of a message (not only spaces or dots). */
const value = fc
  .oneof(
    fc.string({ minLength: 8, maxLength: 40 }),
    fc.string({ unit: "grapheme", minLength: 6, maxLength: 20 }),
    fc.stringMatching(/^[A-Za-z0-9+/]{20,40}={0,2}$/), // a key without its PEM header
  )
  .filter((v) => new Set(v.replace(/\s/g, "")).size >= 4);

test("no message or warning ever holds a setting's value, from any place, whatever fails", async () => {
  const cases = fc
    .constantFrom(...CHECKED)
    .chain((name) =>
      fc.record({ name: fc.constant(name), place: fc.constantFrom(...placesOf(name)), value }),
    );
  await fc.assert(
    fc.asyncProperty(cases, async ({ name, place, value }) => {
      if (name === "authUrl" || name === "imageEndpoint") fc.pre(endpointProblem(value) !== undefined);
      const at = place(value);
      // A value that the same messages hold anyway (a word of their own text) says nothing.
      const baseline = (await shown(place("Zq9-sentinel-Xy"))).join("\n");
      fc.pre(printed(value).every((form) => !baseline.includes(form)));
      const texts = await shown(at);
      for (const text of texts) {
        for (const form of printed(value))
          expect({ setting: name, from: at.label, text }).not.toEqual(
            expect.objectContaining({ text: expect.stringContaining(form) }),
          );
      }
    }),
    { numRuns: Number(process.env.FC_RUNS ?? 300) },
  );
}, 120_000);

test("a credential Keystone quotes back is cut out of its message", async () => {
  const credential = fc.constantFrom<SettingName>("password", "token", "applicationCredentialSecret");
  await fc.assert(
    fc.asyncProperty(credential, fc.stringMatching(/^[A-Za-z0-9_-]{12,40}$/), async (name, secret) => {
      const place = placesOf(name)[0](secret);
      // An application credential's secret goes with its id.
      if (name === "applicationCredentialSecret") place.env = { OS_APPLICATION_CREDENTIAL_ID: "app-cred-id" };
      cloud.faults.add({
        method: "POST",
        path: "/v3/auth/tokens",
        status: 404,
        body: { error: { code: 404, title: "Not Found", message: `Could not find credential: ${secret}.` } },
      });
      try {
        const texts = await shown(place);
        expect(texts.join("\n")).toContain("Could not find credential: [secret].");
        expect(texts.join("\n")).not.toContain(secret);
      } finally {
        cloud.faults.clear();
      }
    }),
    { numRuns: 30 },
  );
});
