/**
 * Generated endpoint URLs: what is refused, what two spellings of one Glance compare as, and that a
 * refused endpoint setting names the place it came from and never its value, from every place.
 */
import fc from "fast-check";
import { CloudsFiles } from "../../provider/auth/clouds-files";
import { resolveSettings } from "../../provider/auth/resolve-settings";
import { endpointProblem, glanceLocationKey, glanceV2Url } from "../../provider/glance/glance-url";

const host = fc.oneof(
  // A label starting "xn--" is punycode, which the URL parser decodes (and refuses when invalid).
  fc
    .stringMatching(/^[a-z][a-z0-9-]{0,10}(\.[a-z][a-z0-9-]{0,8}){0,2}$/)
    .filter((h) => !/(^|\.)xn--/.test(h)),
  fc.constantFrom("127.0.0.1", "10.0.0.5", "[2001:db8::1]"),
);
const segment = fc.stringMatching(/^[A-Za-z0-9_-]{1,8}$/).filter((s) => !/^v2(\.\d+)?$/.test(s));
const endpoint = fc.record({
  https: fc.boolean(),
  host,
  port: fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined }),
  path: fc.array(segment, { maxLength: 3 }),
});
type Endpoint = { https: boolean; host: string; port?: number; path: string[] };
const render = (e: Endpoint, path = e.path) =>
  `${e.https ? "https" : "http"}://${e.host}${e.port === undefined ? "" : `:${e.port}`}/${path.join("/")}`;

/** Spellings of the same Glance. */
const cosmetic: fc.Arbitrary<(e: Endpoint) => string> = fc.constantFrom(
  (e: Endpoint) => render(e),
  (e: Endpoint) => `${render(e)}/`,
  (e: Endpoint) => `${render(e)}//`,
  (e: Endpoint) => `${render(e, [...e.path, "v2"])}`,
  (e: Endpoint) => `${render(e, [...e.path, "v2.15"])}/`,
  (e: Endpoint) =>
    render(e)
      .replace(/^https?/, (s) => s.toUpperCase())
      .replace(e.host, e.host.toUpperCase()),
  (e: Endpoint) => render({ ...e, port: e.port ?? (e.https ? 443 : 80) }),
);

test("every accepted endpoint becomes a /v2 URL with no credentials, query or fragment, idempotently", () => {
  fc.assert(
    fc.property(endpoint, cosmetic, (e, spell) => {
      const raw = spell(e);
      expect(endpointProblem(raw)).toBeUndefined();
      const url = glanceV2Url(raw);
      expect(url).toMatch(/^https?:\/\/[^@?#]+\/v2(\.\d+)?$/);
      expect(glanceV2Url(url)).toBe(url);
    }),
  );
});

test("spellings of one Glance compare equal; another scheme, host, port or path does not", () => {
  fc.assert(
    fc.property(endpoint, cosmetic, cosmetic, (e, a, b) => {
      expect(glanceLocationKey(a(e))).toBe(glanceLocationKey(b(e)));
    }),
  );
  fc.assert(
    fc.property(endpoint, endpoint, (e, f) => {
      const differs =
        e.https !== f.https ||
        e.host.toLowerCase() !== f.host.toLowerCase() ||
        (e.port ?? (e.https ? 443 : 80)) !== (f.port ?? (f.https ? 443 : 80)) ||
        e.path.join("/") !== f.path.join("/");
      const loopbackPair = [e.host, f.host].every((h) => h === "127.0.0.1" || h === "localhost");
      fc.pre(!loopbackPair);
      expect(glanceLocationKey(render(e)) !== glanceLocationKey(render(f))).toBe(differs);
    }),
  );
});

const secret = fc.stringMatching(/^[A-Za-z0-9]{8,16}$/).map((s) => `Pw${s}`);
const unsafe: fc.Arbitrary<(e: Endpoint, secret: string) => string> = fc.constantFrom(
  (e: Endpoint, s: string) => render(e).replace("://", `://svc:${s}@`),
  (e: Endpoint, s: string) => render(e).replace("://", `://${s}@`),
  (e: Endpoint, s: string) => `${render(e)}?token=${s}`,
  (e: Endpoint, s: string) => `${render(e)}#${s}`,
  (e: Endpoint, s: string) => `${render(e)}?${s}`,
);

/** Every place an endpoint setting can come from, as a way to put a value there. */
const places: Record<string, (value: string) => Parameters<typeof resolveWith>[0]> = {
  "openstack:endpointOverrides": (v) => ({
    config: { "openstack:endpointOverrides": JSON.stringify({ image: v }) },
  }),
  "huaweicloud:endpoints": (v) => ({ config: { "huaweicloud:endpoints": JSON.stringify({ ims: v }) } }),
  image_endpoint_override: (v) => ({ entry: { image_endpoint_override: v } }),
  OS_IMAGE_ENDPOINT: (v) => ({ env: { OS_IMAGE_ENDPOINT: v } }),
  "openstack:authUrl": (v) => ({ config: { "openstack:authUrl": v } }),
  "huaweicloud:authUrl": (v) => ({ config: { "huaweicloud:authUrl": v } }),
  "auth.auth_url": (v) => ({ entry: { auth: { auth_url: v } } }),
  OS_AUTH_URL: (v) => ({ env: { OS_AUTH_URL: v } }),
  HW_AUTH_URL: (v) => ({ env: { HW_AUTH_URL: v } }),
};

function resolveWith(where: { config?: Record<string, string>; env?: NodeJS.ProcessEnv; entry?: object }) {
  const yaml = JSON.stringify({ clouds: { mine: where.entry ?? {} } });
  return resolveSettings({
    config: { get: (key) => where.config?.[key] },
    env: { ...where.env, OS_CLOUD: "mine", OS_CLIENT_CONFIG_FILE: "/cfg/clouds.yaml" },
    clouds: new CloudsFiles({
      read: (p) => (p === "/cfg/clouds.yaml" ? yaml : undefined),
      cwd: () => "/nowhere",
    }),
  });
}

test("an endpoint setting with user-info, a query or a fragment is refused from every place, naming the place, never the value", () => {
  fc.assert(
    fc.property(endpoint, unsafe, secret, fc.constantFrom(...Object.keys(places)), (e, spell, s, place) => {
      const error = (() => {
        try {
          resolveWith(places[place](spell(e, s)));
        } catch (caught) {
          return caught as Error & { code?: string };
        }
        return undefined;
      })();
      expect(error).toMatchObject({ code: "ERR_INVALID_SETTING" });
      expect(error?.message).toContain(place);
      expect(error?.message).not.toContain(s);
    }),
  );
});
