/**
 * Every output the package schema gives a resource reaches the TypeScript class: a dynamic
 * resource's output that its constructor does not register never gets a value, however the
 * engine answers. The schema is the one definition (provider/plugin/schema.ts); the classes take
 * their output-only names from it (provider/resource/output-only.ts).
 */
import * as pulumi from "@pulumi/pulumi";
import { ImageMember, ImageMemberAcceptance, ImageMemberSet } from "../../provider";
import { packageSchema, TOKENS } from "../../provider/plugin/schema";
import { recordRegistrations, value } from "./registrations";

const resources = (packageSchema("0.0.0") as { resources: Record<string, { properties: object }> }).resources;
const outputNames = (token: string) => Object.keys(resources[token].properties);
const answered = (name: string) => `answered:${name}`;

// The mock engine answers every output the schema names, each with a value of its own.
const allOutputs = [TOKENS.imageMember, TOKENS.imageMemberAcceptance, TOKENS.imageMemberSet].flatMap(
  outputNames,
);
recordRegistrations((inputs) => ({
  ...inputs,
  ...Object.fromEntries(allOutputs.map((name) => [name, answered(name)])),
}));

const IMAGE = "8a5c3b3e-1f0e-4b1e-9c53-2a7f0e6d4c11";
const cases: [string, string, () => pulumi.CustomResource][] = [
  ["ImageMember", TOKENS.imageMember, () => new ImageMember("m", { imageId: IMAGE, memberId: "p1" })],
  [
    "ImageMemberAcceptance",
    TOKENS.imageMemberAcceptance,
    () => new ImageMemberAcceptance("a", { imageId: IMAGE }),
  ],
  [
    "ImageMemberSet",
    TOKENS.imageMemberSet,
    () => new ImageMemberSet("s", { imageId: IMAGE, memberIds: ["p1"] }),
  ],
];

test.each(cases)(
  "%s: each output of the schema is an output of the class, with the engine's value",
  async (_, token, make) => {
    const resource = make() as unknown as Record<string, pulumi.Output<unknown> | undefined>;
    const names = outputNames(token);
    expect(names.length).toBeGreaterThan(5);
    const got = await Promise.all(
      names.map(async (name) => [name, resource[name] && (await value(resource[name]!))]),
    );
    expect(Object.fromEntries(got)).toEqual(Object.fromEntries(names.map((name) => [name, answered(name)])));
  },
);
