/** Each pending shape a killed `pulumi up` leaves, settled as README's "Interrupted deployments" says. */
import { createHash } from "node:crypto";
import { restorePendingCreates } from "../../provider/recovery/pending-creates";
import {
  IMAGE,
  IMAGE_2,
  PLUGIN_PROVIDER_URN,
  SECRET_SIG,
  SIG_KEY,
  STACK_URN,
  UNCONFIRMED,
  dynamic,
  exportWith,
  made,
  pending,
  plugin,
  secretCipher,
  secretPlain,
  type Resource,
} from "./fixtures";

const resourcesOf = (state: unknown) => (state as ReturnType<typeof exportWith>).deployment.resources;
const outcomes = (steps: { outcome: string }[]) => steps.map((s) => s.outcome);

test("a pending ImageMember create comes back with its deterministic id and a marker; nothing stays pending", () => {
  const share = dynamic("member", "share-p01", { imageId: IMAGE, memberId: "p01" });
  const exported = exportWith([pending("creating", share)]);
  const { state, steps } = restorePendingCreates(exported);
  expect(state.deployment.pending_operations).toEqual([]);
  expect(resourcesOf(state).at(-1)).toEqual({
    ...share,
    id: `${IMAGE}/p01`,
    outputs: { ...share.inputs, interruptedCreate: true },
  });
  expect(steps).toEqual([{ outcome: "restored", operation: "creating", urn: share.urn }]);
  expect(state.version).toBe(3);
  expect(state.deployment.secrets_providers).toEqual(exported.deployment.secrets_providers);
});

test("the plugin's ImageMember and ImageMemberSet creates are this package's, restored with their provider reference", () => {
  const share = plugin("member", "share", { imageId: IMAGE, memberId: "p01" });
  const set = plugin("set", "golden", { imageId: IMAGE_2, members: { p1: true, p2: true } });
  const { state, steps } = restorePendingCreates(
    exportWith([pending("creating", share), pending("creating", set)]),
  );
  expect(outcomes(steps)).toEqual(["restored", "restored"]);
  const [, , member, restoredSet] = resourcesOf(state) as Resource[];
  expect(member).toMatchObject({ id: `${IMAGE}/p01`, provider: share.provider });
  expect(restoredSet).toMatchObject({
    id: IMAGE_2,
    outputs: { shares: { p1: UNCONFIRMED, p2: UNCONFIRMED }, interruptedCreate: true },
  });
});

test("a create-before-delete replacement's create: put back beside the share it replaces, which is marked for deletion", () => {
  const old = made(dynamic("member", "share-p01", { imageId: IMAGE, memberId: "p01" }), `${IMAGE}/p01`, {
    status: "accepted",
  });
  const replacement = dynamic("member", "share-p01", { imageId: IMAGE_2, memberId: "p01" });
  const { state, steps } = restorePendingCreates(exportWith([pending("creating", replacement)], [old]));
  expect(steps).toEqual([{ outcome: "restored-replacement", operation: "creating", urn: old.urn }]);
  expect(resourcesOf(state).slice(2)).toEqual([
    { ...old, delete: true },
    { ...replacement, id: `${IMAGE_2}/p01`, outputs: { ...replacement.inputs, interruptedCreate: true } },
  ]);
});

test("a delete-before-replace replacement's create takes the place of the resource it deleted", () => {
  const inputs = { imageId: IMAGE, memberId: "p01" };
  const deleted = made(plugin("member", "share", { ...inputs, endpoint: "http://a" }), `${IMAGE}/p01`);
  const dependent = plugin("acceptance", "accept", { imageId: IMAGE }, { dependencies: [deleted.urn] });
  const replacement = plugin("member", "share", { ...inputs, endpoint: "http://b" });
  const { state } = restorePendingCreates(
    exportWith(
      [pending("creating", replacement)],
      [{ ...deleted, pendingReplacement: true }, made(dependent, `${IMAGE}/p01`)],
    ),
  );
  const resources = resourcesOf(state) as Resource[];
  expect(resources.slice(2).map((r) => [r.urn, r.inputs?.endpoint, r.pendingReplacement])).toEqual([
    [replacement.urn, "http://b", undefined],
    [dependent.urn, undefined, undefined],
  ]);
});

test("a pending create whose resource is in state with the same id is already in state; acceptances, updates and deletes are run again", () => {
  const share = dynamic("member", "share-p02", { imageId: IMAGE, memberId: "p02" });
  const { state, steps } = restorePendingCreates(
    exportWith(
      [
        pending("creating", dynamic("acceptance", "accept", { imageId: IMAGE })),
        pending("creating", plugin("acceptance", "accept-2", { imageId: IMAGE })),
        pending("deleting", dynamic("member", "share-p03", { imageId: IMAGE, memberId: "p03" })),
        pending("updating", plugin("member", "share-p04", { imageId: IMAGE, memberId: "p04" })),
        pending("creating", share),
        pending("creating", {
          urn: PLUGIN_PROVIDER_URN,
          type: "pulumi:providers:image-member",
          custom: true,
        }),
      ],
      [made(share, `${IMAGE}/p02`)],
    ),
  );
  expect(outcomes(steps)).toEqual([
    "dropped",
    "dropped",
    "dropped",
    "dropped",
    "already-in-state",
    "dropped",
  ]);
  expect(resourcesOf(state)).toHaveLength(3);
});

test("components' pending creates (the stack, an ImageShare) touch no cloud: dropped, never taken for another provider's", () => {
  const component = {
    urn: "urn:pulumi:dev::share::image-member:index:ImageShare::share",
    type: "image-member:index:ImageShare",
    custom: false,
  };
  const { steps } = restorePendingCreates(
    exportWith([
      pending("creating", { urn: STACK_URN, type: "pulumi:pulumi:Stack" }),
      pending("creating", component),
    ]),
  );
  expect(outcomes(steps)).toEqual(["dropped", "dropped"]);
});

test("another provider's pending operations: refused with nothing changed, unless dropped knowingly", () => {
  const bucket = {
    urn: "urn:pulumi:dev::share::aws:s3/bucket:Bucket::b",
    type: "aws:s3/bucket:Bucket",
    custom: true,
  };
  const exported = exportWith([pending("creating", bucket)]);
  const before = JSON.stringify(exported);
  expect(() => restorePendingCreates(exported)).toThrow(
    expect.objectContaining({
      code: "ERR_RECOVERY_REFUSED",
      message:
        "The stack has pending operations of other providers, which `pulumi stack import` would drop: creating urn:pulumi:dev::share::aws:s3/bucket:Bucket::b. Nothing was changed. Settle those first as their providers advise, or run again with --drop-others to drop them knowingly.",
    }),
  );
  expect(JSON.stringify(exported)).toBe(before);
  expect(outcomes(restorePendingCreates(exported, { dropOthers: true }).steps)).toEqual(["other"]);
});

test("a pending ImageMemberSet update adds the projects it was adding to the set in state, unconfirmed; the others stay", () => {
  const share = { status: "accepted", createdAt: "t0", updatedAt: "t1" };
  const recorded = made(
    dynamic("set", "golden", { imageId: IMAGE, members: { p1: true, p2: true } }),
    IMAGE,
    {
      shares: { p1: share, p2: share },
      glanceUrl: "g",
    },
  );
  const update = dynamic("set", "golden", { imageId: IMAGE, members: { p1: true, p3: true } });
  const { state, steps } = restorePendingCreates(exportWith([pending("updating", update)], [recorded]));
  const set = resourcesOf(state)[2] as Resource;
  expect(set.outputs).toEqual({
    ...recorded.outputs,
    members: { p1: true, p2: true, p3: true },
    shares: { p1: share, p2: share, p3: UNCONFIRMED },
  });
  expect(set.inputs).toEqual(recorded.inputs);
  expect(outcomes(steps)).toEqual(["recorded-update"]);
});

describe("secret inputs", () => {
  test("shown (`--show-secrets`): the id is computed, the inputs stay secret, a set's shares become secret", () => {
    const share = plugin("member", "share", { imageId: IMAGE, memberId: secretPlain("p01") });
    const set = dynamic("set", "golden", { imageId: IMAGE_2, members: secretPlain({ p1: true }) });
    const { state } = restorePendingCreates(
      exportWith([pending("creating", share), pending("creating", set)]),
    );
    const [, , member, restoredSet] = resourcesOf(state) as Resource[];
    // The id the create recorded: the secret member id is not in it.
    expect(member.id).toBe(
      `secret-${createHash("sha256").update(`${IMAGE}/p01`).digest("hex").slice(0, 32)}`,
    );
    expect(member.outputs?.memberId).toEqual(secretPlain("p01"));
    expect(restoredSet.outputs?.shares).toEqual(secretPlain({ p1: UNCONFIRMED }));
  });

  test("encrypted where it is needed: refused, naming the resource, never the value; encrypted elsewhere: kept as is", () => {
    const share = dynamic("member", "share", { imageId: IMAGE, memberId: secretCipher("v1:zzz") });
    expect(() => restorePendingCreates(exportWith([pending("creating", share)]))).toThrow(
      expect.objectContaining({
        code: "ERR_RECOVERY_REFUSED",
        message: expect.stringMatching(
          new RegExp(
            `^The memberId of ${share.urn.replace(/[$]/g, "\\$")} is a secret, encrypted in this export.*Run \`pulumi-image-member-recover --stack <name>\``,
          ),
        ),
      }),
    );
    const withSecretCloud = dynamic("member", "s", {
      imageId: IMAGE,
      memberId: "p1",
      cloud: secretCipher("v1:c"),
    });
    const { state } = restorePendingCreates(exportWith([pending("creating", withSecretCloud)]));
    expect((resourcesOf(state)[2] as Resource).outputs?.cloud).toEqual(secretCipher("v1:c"));
  });
});

describe("malformed exports: refused with one line naming the field, nothing changed", () => {
  const cases: [string, unknown, string][] = [
    ["not an object", [], "the file is not a JSON object"],
    ["no deployment", { version: 3 }, '"deployment" is missing, not an object'],
    ["another version", { version: 9, deployment: {} }, '"version" is the number 9, not 3 or 4'],
    [
      "resources not a list",
      { version: 3, deployment: { resources: {} } },
      '"deployment.resources" is an object, not a list',
    ],
    [
      "an operation without a resource",
      { version: 3, deployment: { pending_operations: [{ type: "creating" }] } },
      '"deployment.pending_operations[0].resource" is missing, not an object',
    ],
    [
      "an unknown operation",
      { version: 3, deployment: { pending_operations: [{ type: "frobbing", resource: {} }] } },
      '"deployment.pending_operations[0].type" is a string, not one of creating, updating, deleting, reading, importing',
    ],
    [
      "a resource without a URN",
      { version: 3, deployment: { resources: [{ type: "t" }] } },
      '"deployment.resources[0].urn" is missing, not a string',
    ],
    [
      "inputs not an object",
      exportWith([pending("creating", { ...dynamic("member", "s", {}), inputs: "x" as never })]),
      '"deployment.pending_operations[0].resource.inputs" is a string, not an object',
    ],
    [
      "a create without its memberId",
      exportWith([pending("creating", dynamic("member", "s", { imageId: IMAGE }))]),
      "the pending create of urn:pulumi:dev::share::pulumi-nodejs:dynamic/glance:ImageMember::s has an invalid memberId (memberId is required: the id of the project to share the image with.)",
    ],
    [
      "a secret without plaintext or ciphertext",
      exportWith([
        pending("creating", plugin("member", "s", { imageId: IMAGE, memberId: { [SIG_KEY]: SECRET_SIG } })),
      ]),
      "the secret memberId of urn:pulumi:dev::share::image-member:index:ImageMember::s has neither plaintext nor ciphertext",
    ],
  ];
  test.each(cases)("%s", (_name, exported, what) => {
    expect(() => restorePendingCreates(exported)).toThrow(
      expect.objectContaining({
        code: "ERR_INVALID_EXPORT",
        message: `This is not a stack export as \`pulumi stack export\` writes it: ${what}. Nothing was changed. Export the stack again (\`pulumi stack export --show-secrets --file state.json\`) and give that file unedited, or run \`pulumi-image-member-recover --stack <name>\`.`,
      }),
    );
  });
});

test("a pending update adding projects named like prototype properties adds each of them", () => {
  const share = { status: "pending", createdAt: "t0", updatedAt: "t0" };
  const recorded = made(dynamic("set", "golden", { imageId: IMAGE, members: { p1: true } }), IMAGE, {
    shares: { p1: share },
  });
  const update = dynamic("set", "golden", {
    imageId: IMAGE,
    members: { p1: true, constructor: true, toString: true },
  });
  // As the command reads it: parsed JSON.
  const exported = JSON.parse(JSON.stringify(exportWith([pending("updating", update)], [recorded])));
  const set = resourcesOf(restorePendingCreates(exported).state)[2] as Resource;
  expect(set.outputs!.members).toEqual({ p1: true, constructor: true, toString: true });
  expect(set.outputs!.shares).toEqual({ p1: share, constructor: UNCONFIRMED, toString: UNCONFIRMED });
});
