/**
 * Generated project ids, named like Object.prototype's properties (`constructor`, `toString`,
 * `hasOwnProperty`, `__proto__`, …) or not, through the plugin's ImageMemberSet hooks against the
 * local Glance over HTTP, with every property map carried as the engine carries it (a protobuf
 * Struct, both ways). Every id check accepts is shared, recorded, kept and revoked like any other;
 * an id no Pulumi map can carry is refused by check, by name, before any request.
 */
import fc from "fast-check";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { createPluginProvider } from "../../provider/plugin/plugin-provider";
import { startLocalCloud, osEnvironment, type LocalCloud } from "../../provider/testing";

const SET_URN = "urn:pulumi:dev::proj::image-member:index:ImageMemberSet::golden";

let cloud: LocalCloud;
let plugin: Required<ReturnType<typeof createPluginProvider>>;

beforeAll(async () => {
  cloud = await startLocalCloud();
  const env = osEnvironment(cloud.fixtures, "owner");
  plugin = createPluginProvider("0.0.0", { env: () => env, policy: { maxRetries: 0 } }) as typeof plugin;
  plugin.configure({});
});
afterAll(() => cloud.close());

/** A property map as the provider receives it from the engine. */
const wire = (props: unknown): Record<string, unknown> =>
  Struct.fromJavaScript(props as never).toJavaScript() as Record<string, unknown>;

const PROTOTYPE_NAMES = Object.getOwnPropertyNames(Object.prototype);
const memberId = fc.oneof(
  fc.constantFrom(...PROTOTYPE_NAMES),
  fc.constantFrom("constructor", "toString", "hasOwnProperty", "__proto__"),
  fc.stringMatching(/^[a-z0-9]{1,8}$/),
);
// Unique as a Glance on MySQL tells them apart (ids differing only in case are refused: member-id-case.test.ts).
const history = fc.array(fc.uniqueArray(memberId, { maxLength: 5, selector: (id) => id.toLowerCase() }), {
  minLength: 1,
  maxLength: 3,
});
const sorted = (ids: Iterable<string>) => [...ids].sort();

test("the prototype's names are ids like any other; __proto__, which no map carries, is refused by check", async () => {
  expect(PROTOTYPE_NAMES).toEqual(expect.arrayContaining(["constructor", "toString", "__proto__"]));
  await fc.assert(
    fc.asyncProperty(history, async (steps) => {
      const imageId = cloud.createImage({ owner: cloud.fixtures.projects.owner.id });
      const live = () => sorted(cloud.members(imageId).map((m) => m.member_id));
      const imageRequests = () => cloud.requests.filter((r) => r.path.includes(imageId));
      let state: Record<string, unknown> | undefined;
      for (const wanted of steps) {
        const sent = imageRequests().length;
        const { inputs, failures } = await plugin.check(
          SET_URN,
          wire(state ?? {}),
          wire({ imageId, memberIds: wanted }),
        );
        if (wanted.includes("__proto__")) {
          expect(failures).toEqual([
            { property: "memberIds", reason: expect.stringContaining("memberId __proto__ cannot be a key") },
          ]);
          expect(imageRequests()).toHaveLength(sent);
          continue;
        }
        expect(failures ?? []).toEqual([]);
        const news = wire(inputs);
        const outs = state
          ? (await plugin.update(imageId, SET_URN, state, news)).outs
          : (await plugin.create(SET_URN, news)).outs;
        state = wire(outs);
        expect(live()).toEqual(sorted(wanted));
        expect(sorted(Object.keys(state.shares as object))).toEqual(sorted(wanted));
        expect(sorted(Object.keys(state.members as object))).toEqual(sorted(wanted));
        const read = await plugin.read(imageId, SET_URN, state);
        expect(sorted(Object.keys(wire(read.props).shares as object))).toEqual(sorted(wanted));
      }
      if (state) await plugin.delete(imageId, SET_URN, state);
      expect(live()).toEqual([]);
    }),
    { numRuns: Number(process.env.FC_RUNS ?? 40) },
  );
}, 120_000);

test("a type token named like a prototype property is no resource type of the plugin", async () => {
  const checkOfType = async (type: string) => plugin.check(`urn:pulumi:dev::proj::${type}::x`, {}, {});
  for (const type of ["constructor", "toString", "__proto__"]) {
    await expect(checkOfType(type)).rejects.toThrow(`The image-member provider has no resource type ${type}`);
  }
});
