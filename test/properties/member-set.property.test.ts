/**
 * Generated histories of an ImageMemberSet against the local Glance over HTTP: random project
 * lists, one after another, with random failures injected (refusals, outages, answers lost after
 * the work was done). After every step, failed or not, no live share is missing from state; a
 * step with no lost answer leaves state and Glance naming the same shares (but for those a read
 * could not confirm, recorded `unconfirmed`); a refresh
 * always makes them the same; a step that succeeded leaves exactly the shares the program asks for.
 */
import fc from "fast-check";
import { startLocalCloud, osEnvironment, type LocalCloud } from "../../provider/testing";
import type { FaultRule } from "../../provider/testing/types";
import { engineFacing } from "../../provider/resource/engine-errors";
import { createImageMemberSetProvider } from "../../provider/resource/image-member-set-provider";
import type { ImageMemberSetOutputs } from "../../provider/resource/image-member-set-inputs";
import { ProviderContext } from "../../provider/auth/provider-context";

let cloud: LocalCloud;
let hooks: ReturnType<typeof createImageMemberSetProvider>;

beforeAll(async () => {
  cloud = await startLocalCloud();
  const env = osEnvironment(cloud.fixtures, "owner");
  hooks = createImageMemberSetProvider(new ProviderContext({ env: () => env, policy: { maxRetries: 0 } }));
  await hooks.create({
    imageId: cloud.createImage({ owner: cloud.fixtures.projects.owner.id }),
    members: {},
  }); // token
});
afterAll(() => cloud.close());

const POOL = ["4f1c0d6e9b2e7a10c3d4e5f60718293a", "p.1", "é-project", "😀", "a:b@c", "x~y", "p2", "p3"];
const projects = fc.subarray(POOL);
const method = fc.constantFrom("POST", "DELETE", "GET");
const times = fc.integer({ min: 1, max: 3 });
/**
 * A refusal (nothing done), or work done whose answer was lost: a reset, a gateway's 502 or 504,
 * or Glance's 500 after it (a 503 is a refusal to take the request on, never sent after the work).
 */
const fault: fc.Arbitrary<FaultRule> = fc.oneof(
  fc.record({ method, times, status: fc.constantFrom(403, 409, 413, 500, 503) }),
  fc.record({ method, times, afterServing: fc.constant(true), status: fc.constantFrom(500, 502, 504) }),
  fc.record({ method, times, afterServing: fc.constant(true), reset: fc.constant(true) }),
);
const step = fc.record({ wanted: projects, faults: fc.array(fault, { maxLength: 2 }) });

interface Outcome {
  state?: ImageMemberSetOutputs;
  failed: boolean;
}

async function attempt(
  run: () => Promise<{ outs?: unknown; id?: string }>,
): Promise<Outcome & { partial?: ImageMemberSetOutputs }> {
  try {
    const { outs } = await run();
    return { state: outs as ImageMemberSetOutputs, failed: false };
  } catch (e) {
    const shown = engineFacing(e) as { code?: string; properties?: ImageMemberSetOutputs; message: string };
    expect(shown.message).not.toContain("\n");
    return { failed: true, partial: shown.properties };
  }
}

const sorted = (ids: Iterable<string>) => [...ids].sort();

test("state never lacks a live share, and matches Glance whenever no answer was lost", async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 4 }), async (steps) => {
      const imageId = cloud.createImage({ owner: cloud.fixtures.projects.owner.id });
      const live = () => sorted(cloud.members(imageId).map((m) => m.member_id));
      let state: ImageMemberSetOutputs | undefined;
      for (const { wanted, faults } of steps) {
        cloud.faults.clear();
        for (const rule of faults) cloud.faults.add({ ...rule, path: `/image/v2/images/${imageId}` });
        const inputs = { imageId, members: Object.fromEntries(wanted.map((id) => [id, true as const])) };
        const result = state
          ? await attempt(() => hooks.update(imageId, state!, inputs))
          : await attempt(() => hooks.create(inputs));
        cloud.faults.clear();
        const next = result.failed ? (result.partial ?? state) : result.state;
        const recorded = sorted(Object.keys(next?.shares ?? {}));
        for (const id of live()) expect(recorded).toContain(id);
        // With no answer lost, a share recorded but not live can only be one a read could not confirm.
        if (!faults.some((f) => f.afterServing)) {
          const notLive = recorded.filter((id) => !live().includes(id));
          for (const id of notLive) expect(next!.shares[id].status).toBe("unconfirmed");
        }
        if (!result.failed) expect(live()).toEqual(sorted(wanted));
        state = next;
        if (state) {
          const { props } = await hooks.read(imageId, state);
          state = props as ImageMemberSetOutputs;
          expect(sorted(Object.keys(state.shares))).toEqual(live());
        }
      }
      if (state) await hooks.delete(imageId, state);
      expect(live()).toEqual([]);
    }),
    { numRuns: Number(process.env.FC_RUNS ?? 60) },
  );
}, 120_000);
