/**
 * Generated stack exports of killed `pulumi up`s: resources of both flavours (dynamic provider,
 * plugin) and every kind, each with one of the pending shapes the engine leaves, secret or plain
 * ids, and other providers' operations. The fixed state keeps every share that may be live, names
 * each create's share by its id, holds one live entry per URN in an order the engine accepts, and
 * nothing stays pending. Broken exports are refused with one line and nothing changed.
 */
import { createHash } from "node:crypto";
import fc from "fast-check";
import { isImageMemberError } from "../../provider/errors";
import { restorePendingCreates, type Outcome } from "../../provider/recovery/pending-creates";
import {
  IMAGE,
  IMAGE_2,
  dynamic,
  exportWith,
  made,
  pending,
  plugin,
  secretCipher,
  secretPlain,
  type Operation,
  type Resource,
} from "./fixtures";

type Shape =
  "none" | "create" | "create-cbd" | "create-dbr" | "create-stale" | "updating" | "deleting" | "reading";
type Kind = "member" | "set" | "acceptance";

interface Spec {
  name: string;
  kind: Kind;
  flavour: "dynamic" | "plugin";
  shape: Shape;
  secret: boolean;
  members: string[];
}

const PROJECTS = ["p1", "p2", "p3", "4f1c0d6e9b2e7a10c3d4e5f60718293a", "é-project"];
const spec = (name: string): fc.Arbitrary<Spec> =>
  fc.record({
    name: fc.constant(name),
    kind: fc.constantFrom<Kind>("member", "set", "acceptance"),
    flavour: fc.constantFrom<Spec["flavour"]>("dynamic", "plugin"),
    shape: fc.constantFrom<Shape>(
      "none",
      "create",
      "create-cbd",
      "create-dbr",
      "create-stale",
      "updating",
      "deleting",
      "reading",
    ),
    secret: fc.boolean(),
    members: fc.subarray(PROJECTS, { minLength: 1 }),
  });
const specs = fc
  .uniqueArray(fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/), { minLength: 1, maxLength: 8 })
  .chain((names) => fc.tuple(...names.map(spec)));

const hide = (value: unknown, secret: boolean) => (secret ? secretPlain(value) : value);

/** The inputs of `s` on `imageId`. */
function inputsOf(s: Spec, imageId: string, members = s.members): Record<string, unknown> {
  if (s.kind === "set")
    return { imageId, members: hide(Object.fromEntries(members.map((m) => [m, true])), s.secret) };
  return { imageId, memberId: hide(members[0], s.secret) };
}

const resourceOf = (s: Spec, inputs: Record<string, unknown>) =>
  s.flavour === "dynamic" ? dynamic(s.kind, s.name, inputs) : plugin(s.kind, s.name, inputs);

/** The id the create records: a secret member id is hashed out of it (`secret-` and 32 hex digits of its SHA-256). */
const idOf = (s: Spec, imageId: string) => {
  if (s.kind === "set") return imageId;
  const plain = `${imageId}/${s.members[0]}`;
  return s.secret ? `secret-${createHash("sha256").update(plain).digest("hex").slice(0, 32)}` : plain;
};

/** What the engine leaves for `s`: the entry in state (if any) and the pending operation (if any). */
function leftBy(s: Spec): { inState?: Resource; op?: Operation } {
  const old = made(resourceOf(s, inputsOf(s, IMAGE)), idOf(s, IMAGE), s.kind === "set" ? { shares: {} } : {});
  switch (s.shape) {
    case "none":
      return { inState: old };
    case "create":
      return { op: pending("creating", resourceOf(s, inputsOf(s, IMAGE))) };
    case "create-cbd":
      return { inState: old, op: pending("creating", resourceOf(s, inputsOf(s, IMAGE_2))) };
    case "create-dbr":
      return {
        inState: { ...old, pendingReplacement: true },
        op: pending("creating", resourceOf(s, inputsOf(s, IMAGE))),
      };
    case "create-stale":
      return { inState: old, op: pending("creating", resourceOf(s, inputsOf(s, IMAGE))) };
    case "updating":
      return {
        inState: old,
        op: pending("updating", resourceOf(s, inputsOf(s, IMAGE, [...s.members, "p9"]))),
      };
    default:
      return { inState: old, op: pending(s.shape, resourceOf(s, inputsOf(s, IMAGE))) };
  }
}

function exportOf(list: Spec[], others: number) {
  const left = list.map(leftBy);
  const bucket = (i: number) =>
    pending("creating", {
      urn: `urn:pulumi:dev::share::aws:s3/bucket:Bucket::b${i}`,
      type: "aws:s3/bucket:Bucket",
      custom: true,
    });
  return exportWith(
    [...left.flatMap((l) => (l.op ? [l.op] : [])), ...Array.from({ length: others }, (_, i) => bucket(i))],
    left.flatMap((l) => (l.inState ? [l.inState] : [])),
  );
}

function expectedOutcome(s: Spec): Outcome | undefined {
  if (s.shape === "none") return undefined;
  const creates = s.kind !== "acceptance" && s.shape.startsWith("create");
  if (creates)
    return (
      {
        create: "restored",
        "create-dbr": "restored",
        "create-cbd": "restored-replacement",
        "create-stale": "already-in-state",
      } as const
    )[s.shape as "create"];
  return s.shape === "updating" && s.kind === "set" ? "recorded-update" : "dropped";
}

/** Each resource after every resource it names, as `pulumi stack import` checks. */
function expectOrdered(resources: Resource[]): void {
  const seen = new Set<string>();
  for (const r of resources) {
    const provider = r.provider?.split("::").slice(0, -1).join("::");
    for (const named of [r.parent, provider, ...(r.dependencies ?? [])])
      if (named) expect(seen).toContain(named);
    seen.add(r.urn);
  }
}

test("every pending shape: each share that may be live is in state under its id, one live entry per URN, in order, nothing pending", () => {
  fc.assert(
    fc.property(specs, fc.integer({ min: 0, max: 2 }), fc.boolean(), (list, others, dropOthers) => {
      const exported = exportOf(list, others);
      const before = JSON.stringify(exported);
      if (others > 0 && !dropOthers) {
        expect(() => restorePendingCreates(exported)).toThrow(
          expect.objectContaining({ code: "ERR_RECOVERY_REFUSED" }),
        );
        expect(JSON.stringify(exported)).toBe(before);
        return;
      }
      const { state, steps } = restorePendingCreates(exported, { dropOthers });
      expect(JSON.stringify(exported)).toBe(before);
      expect(state.deployment.pending_operations).toEqual([]);
      const resources = state.deployment.resources as Resource[];
      expectOrdered(resources);
      const live = resources.filter((r) => !r.delete);
      expect(new Set(live.map((r) => r.urn)).size).toBe(live.length);
      expect(steps.map((s) => s.outcome)).toEqual([
        ...list.flatMap((s) => expectedOutcome(s) ?? []),
        ...Array.from({ length: others }, () => "other"),
      ]);
      for (const s of list) expectSettled(s, resources);
    }),
    { numRuns: 300 },
  );
});

function expectSettled(s: Spec, resources: Resource[]): void {
  const mine = resources.filter((r) => r.urn === resourceOf(s, {}).urn);
  const live = mine.find((r) => !r.delete);
  const replaced = mine.find((r) => r.delete);
  const restores = s.kind !== "acceptance" && ["create", "create-dbr", "create-cbd"].includes(s.shape);
  if (restores) {
    expect(live).toMatchObject({
      id: idOf(s, s.shape === "create-cbd" ? IMAGE_2 : IMAGE),
      outputs: { interruptedCreate: true },
    });
    expect(live?.pendingReplacement).toBeUndefined();
  } else if (s.shape === "create" || (s.shape === "create-dbr" && s.kind === "acceptance")) {
    expect(live?.outputs?.interruptedCreate).toBeUndefined(); // an acceptance is accepted again by `up`
  } else {
    expect(live).toMatchObject({ id: idOf(s, IMAGE) });
  }
  expect(replaced === undefined).toBe(!(restores && s.shape === "create-cbd"));
  if (replaced) expect(replaced.id).toBe(idOf(s, IMAGE));
  if (s.kind === "set" && s.shape === "updating") {
    const shares = live?.outputs?.shares as Record<string, unknown>;
    const keys = Object.keys(s.secret ? JSON.parse((shares as { plaintext: string }).plaintext) : shares);
    expect(keys.sort()).toEqual([...s.members, "p9"].sort());
  }
}

test("a secret id held encrypted is refused naming the resource, never the ciphertext; nothing changed", () => {
  fc.assert(
    fc.property(specs, fc.base64String({ minLength: 8 }), (list, ciphertext) => {
      const target = list.find(
        (s) => s.kind !== "acceptance" && s.shape.startsWith("create") && s.shape !== "create-stale",
      );
      fc.pre(target !== undefined);
      const exported = exportOf(list, 0);
      const op = exported.deployment.pending_operations.find(
        (o) => o.resource.urn === resourceOf(target!, {}).urn,
      )!;
      const key = target!.kind === "set" ? "members" : "memberId";
      op.resource.inputs = { ...op.resource.inputs, [key]: secretCipher(`v1:${ciphertext}`) };
      const before = JSON.stringify(exported);
      const error = catchError(() => restorePendingCreates(exported));
      expect(error).toMatchObject({ code: "ERR_RECOVERY_REFUSED" });
      expect(error.message).toContain(`The ${key} of `);
      expect(error.message).not.toContain(ciphertext);
      expect(JSON.stringify(exported)).toBe(before);
    }),
  );
});

/** Values of the wrong JSON type for each place of an export. */
const WRONG: Record<string, unknown[]> = {
  version: [null, "3", 2, [], {}],
  deployment: [null, "x", [], 5],
  list: ["x", 5, {}],
  entry: [null, "x", 5, []],
  opType: [null, 5, "frob", ""],
  name: [null, 5, "", {}, undefined],
  props: ["x", 5, []],
  id: [5, {}, [], null],
};

type Mutation = (e: ReturnType<typeof exportWith>, wrong: unknown, i: number) => void;

const MUTATIONS: [keyof typeof WRONG, Mutation][] = [
  ["version", (e, w) => ((e as Record<string, unknown>).version = w)],
  ["deployment", (e, w) => ((e as Record<string, unknown>).deployment = w)],
  ["list", (e, w) => ((e.deployment as Record<string, unknown>).resources = w)],
  ["list", (e, w) => ((e.deployment as Record<string, unknown>).pending_operations = w)],
  ["entry", (e, w, i) => ((e.deployment.resources as unknown[])[i % e.deployment.resources.length] = w)],
  ["name", (e, w, i) => (e.deployment.resources[i % e.deployment.resources.length].urn = w as string)],
  ["name", (e, w, i) => (e.deployment.resources[i % e.deployment.resources.length].type = w as string)],
  ["props", (e, w, i) => (e.deployment.resources[i % e.deployment.resources.length].outputs = w as never)],
  ["id", (e, w, i) => (e.deployment.resources[i % e.deployment.resources.length].id = w as string)],
];
const OP_MUTATIONS: [keyof typeof WRONG, Mutation][] = [
  [
    "entry",
    (e, w, i) =>
      ((e.deployment.pending_operations as unknown[])[i % e.deployment.pending_operations.length] = w),
  ],
  [
    "opType",
    (e, w, i) =>
      (e.deployment.pending_operations[i % e.deployment.pending_operations.length].type = w as string),
  ],
  [
    "entry",
    (e, w, i) =>
      (e.deployment.pending_operations[i % e.deployment.pending_operations.length].resource = w as never),
  ],
  [
    "props",
    (e, w, i) =>
      (e.deployment.pending_operations[i % e.deployment.pending_operations.length].resource.inputs =
        w as never),
  ],
];

test("a broken export (any field of the wrong type) is refused with one ERR_INVALID_EXPORT line, never a TypeError; nothing changed", () => {
  fc.assert(
    fc.property(specs, fc.nat(), fc.nat(), fc.nat(), (list, which, value, at) => {
      const exported = exportOf(list, 0);
      const mutations =
        exported.deployment.pending_operations.length > 0 ? [...MUTATIONS, ...OP_MUTATIONS] : MUTATIONS;
      const [place, mutate] = mutations[which % mutations.length];
      const wrong = WRONG[place][value % WRONG[place].length];
      mutate(exported, wrong, at);
      const before = JSON.stringify(exported);
      const error = catchError(() => restorePendingCreates(exported));
      expect(error).toMatchObject({ code: "ERR_INVALID_EXPORT" });
      expect(error.message).not.toContain("\n");
      expect(error.message).toMatch(
        /^This is not a stack export .* Nothing was changed\. Export the stack again/,
      );
      expect(JSON.stringify(exported)).toBe(before);
    }),
    { numRuns: 300 },
  );
});

test("anything at all: settled, or refused with an error of this package; never a crash", () => {
  fc.assert(
    fc.property(
      fc.oneof(fc.jsonValue(), fc.record({ version: fc.constant(3), deployment: fc.jsonValue() })),
      (value) => {
        try {
          restorePendingCreates(value);
        } catch (e) {
          expect(isImageMemberError(e)).toBe(true);
        }
      },
    ),
    { numRuns: 500 },
  );
});

function catchError(run: () => unknown): Error & { code?: string } {
  try {
    run();
  } catch (e) {
    return e as Error & { code?: string };
  }
  throw new Error("expected a refusal");
}
