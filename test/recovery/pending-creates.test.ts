/** The state edit of "Interrupted deployments", on stack exports shaped as `pulumi stack export` prints them. */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { restorePendingCreates } from "../../provider/recovery/pending-creates";

const IMAGE = "6f1c9a52-3b7e-4d0a-9e21-8c4b5a7d2f10";
const MEMBER_PROVIDER =
  'exports.handler = __f0;\nconst provider = require("pulumi-image-member/serialized/image-member");';
const ACCEPT_PROVIDER =
  'exports.handler = __f0;\nconst provider = require("pulumi-image-member/serialized/image-member-acceptance");';
const urn = (name: string, type = "pulumi-nodejs:dynamic/glance:ImageMember") =>
  `urn:pulumi:dev::share::${type}::${name}`;

function pending(type: string, name: string, inputs: Record<string, unknown>, resourceType?: string) {
  return {
    type,
    resource: {
      urn: urn(name, resourceType),
      custom: true,
      type: resourceType ?? "pulumi-nodejs:dynamic/glance:ImageMember",
      inputs,
      parent: "urn:pulumi:dev::share::pulumi:pulumi:Stack::share-dev",
    },
  };
}

function exportWith(pendingOperations: unknown[], resources: unknown[] = []) {
  return {
    version: 3,
    deployment: { manifest: { time: "now" }, resources, pending_operations: pendingOperations },
  };
}

test("pending ImageMember creates come back as resources with their deterministic id and a marker; nothing stays pending", () => {
  const inputs = { __provider: MEMBER_PROVIDER, imageId: IMAGE, memberId: "p01" };
  const exported = exportWith(
    [pending("creating", "share-p01", inputs)],
    [{ urn: "stack", type: "pulumi:pulumi:Stack" }],
  );
  const { state, report } = restorePendingCreates(exported);
  const deployment = (state as ReturnType<typeof exportWith>).deployment;
  expect(deployment.pending_operations).toEqual([]);
  expect(deployment.resources).toEqual([
    { urn: "stack", type: "pulumi:pulumi:Stack" },
    expect.objectContaining({
      urn: urn("share-p01"),
      id: `${IMAGE}/p01`,
      inputs,
      outputs: { ...inputs, interruptedCreate: true },
      parent: "urn:pulumi:dev::share::pulumi:pulumi:Stack::share-dev",
    }),
  ]);
  expect(report).toEqual({ restored: [urn("share-p01")], dropped: [], stale: [], others: [] });
  expect((state as { version: number }).version).toBe(3);
});

test("acceptances and other operations of this package are dropped; a create already in state is stale", () => {
  const inputs = { __provider: MEMBER_PROVIDER, imageId: IMAGE, memberId: "p02" };
  const { report } = restorePendingCreates(
    exportWith(
      [
        pending(
          "creating",
          "accept",
          { __provider: ACCEPT_PROVIDER, imageId: IMAGE },
          "pulumi-nodejs:dynamic/glance:ImageMemberAcceptance",
        ),
        pending("deleting", "share-p03", { ...inputs, memberId: "p03" }),
        pending("creating", "share-p02", inputs),
      ],
      [{ urn: urn("share-p02"), type: "pulumi-nodejs:dynamic/glance:ImageMember", id: `${IMAGE}/p02` }],
    ),
  );
  expect(report.restored).toEqual([]);
  expect(report.stale).toEqual([urn("share-p02")]);
  expect(report.dropped).toHaveLength(2);
});

test("another provider's pending operations: refused with nothing changed, unless dropped knowingly", () => {
  const exported = exportWith([pending("creating", "bucket", { name: "b" }, "aws:s3/bucket:Bucket")]);
  expect(() => restorePendingCreates(exported)).toThrow(
    expect.objectContaining({
      code: "ERR_INVALID_INPUT",
      message: expect.stringContaining("aws:s3/bucket:Bucket::bucket"),
    }),
  );
  expect(restorePendingCreates(exported, { dropOthers: true }).report.others).toHaveLength(1);
});

test("the command: stdin to stdout, a report on stderr, exit 2 and one line on refusal", () => {
  const cli = join(__dirname, "../../dist/recovery/cli.js");
  const inputs = { __provider: MEMBER_PROVIDER, imageId: IMAGE, memberId: "p04" };
  const ok = spawnSync(process.execPath, [cli], {
    input: JSON.stringify(exportWith([pending("creating", "share-p04", inputs)])),
  });
  expect(ok.status).toBe(0);
  expect(JSON.parse(ok.stdout.toString()).deployment.resources[0].id).toBe(`${IMAGE}/p04`);
  expect(ok.stderr.toString()).toContain(`restored, for \`pulumi refresh\` to judge: ${urn("share-p04")}`);

  const bad = spawnSync(process.execPath, [cli], { input: "{}" });
  expect(bad.status).toBe(2);
  expect(bad.stderr.toString()).toBe(
    'pulumi-image-member-recover: ERR_INVALID_EXPORT: This is not a stack export as `pulumi stack export` writes it: "version" is missing, not 3 or 4. Nothing was changed. Export the stack again (`pulumi stack export --show-secrets --file state.json`) and give that file unedited, or run `pulumi-image-member-recover --stack <name>`.\n',
  );
});

const SET_PROVIDER =
  'exports.handler = __f0;\nconst provider = require("pulumi-image-member/serialized/image-member-set");';
const SET_TYPE = "pulumi-nodejs:dynamic/glance:ImageMemberSet";

test("a pending ImageMemberSet create comes back with every project's share unconfirmed, for refresh to settle", () => {
  const inputs = { __provider: SET_PROVIDER, imageId: IMAGE, members: { p1: true, p2: true } };
  const { state, report } = restorePendingCreates(
    exportWith([pending("creating", "golden", inputs, SET_TYPE)]),
  );
  const [set] = (state as ReturnType<typeof exportWith>).deployment.resources as Record<string, unknown>[];
  const unconfirmed = { status: "unconfirmed", createdAt: "", updatedAt: "" };
  expect(set).toMatchObject({
    urn: urn("golden", SET_TYPE),
    id: IMAGE,
    outputs: { ...inputs, shares: { p1: unconfirmed, p2: unconfirmed }, interruptedCreate: true },
  });
  expect(report.restored).toEqual([urn("golden", SET_TYPE)]);
});

test("a pending ImageMemberSet update adds the projects it was adding to the set in state, unconfirmed; the others stay", () => {
  const share = { status: "accepted", createdAt: "t0", updatedAt: "t1" };
  const recorded = {
    urn: urn("golden", SET_TYPE),
    type: SET_TYPE,
    id: IMAGE,
    inputs: { __provider: SET_PROVIDER, imageId: IMAGE, members: { p1: true, p2: true } },
    outputs: {
      imageId: IMAGE,
      members: { p1: true, p2: true },
      shares: { p1: share, p2: share },
      glanceUrl: "g",
    },
  };
  const newInputs = { __provider: SET_PROVIDER, imageId: IMAGE, members: { p1: true, p3: true } };
  const { state, report } = restorePendingCreates(
    exportWith([pending("updating", "golden", newInputs, SET_TYPE)], [recorded]),
  );
  const [set] = (state as ReturnType<typeof exportWith>).deployment.resources as (typeof recorded)[];
  expect(set.outputs).toEqual({
    imageId: IMAGE,
    glanceUrl: "g",
    members: { p1: true, p2: true, p3: true },
    shares: { p1: share, p2: share, p3: { status: "unconfirmed", createdAt: "", updatedAt: "" } },
  });
  expect(set.inputs).toEqual(recorded.inputs);
  expect(report.restored).toEqual([urn("golden", SET_TYPE)]);
});

describe("malformed exports: refused with one line naming the field, never a TypeError", () => {
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
