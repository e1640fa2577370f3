/**
 * The plugin's schema against the TypeScript classes (the dynamic provider's API): the same input
 * and output names, the same required inputs, the same defaults, a description everywhere, secrets
 * marked; and the provider's settings under the same key names as `openstack:*` stack config.
 */
import { SETTING_SOURCES } from "../../provider/auth/settings";
import { DEFAULT_MEMBER_WAIT_SECONDS } from "../../provider/resource/image-member-acceptance-inputs";
import { packageSchema, TOKENS, type PropertySpec } from "../../provider/plugin/schema";
import { TypeScriptApi } from "./typescript-api";

interface ResourceSpec {
  description: string;
  isComponent?: boolean;
  inputProperties: Record<string, PropertySpec>;
  requiredInputs: string[];
  properties: Record<string, PropertySpec>;
  required: string[];
}

const schema = packageSchema("1.2.3") as {
  name: string;
  config: { variables: Record<string, PropertySpec> };
  provider: { description: string; inputProperties: Record<string, PropertySpec> };
  resources: Record<string, ResourceSpec>;
};
const api = new TypeScriptApi([
  "image-member.ts",
  "image-member-acceptance.ts",
  "image-share.ts",
  "image-member-set.ts",
]);

const resources = [
  { token: TOKENS.imageMember, file: "image-member.ts", cls: "ImageMember", args: "ImageMemberArgs" },
  {
    token: TOKENS.imageMemberAcceptance,
    file: "image-member-acceptance.ts",
    cls: "ImageMemberAcceptance",
    args: "ImageMemberAcceptanceArgs",
  },
  { token: TOKENS.imageShare, file: "image-share.ts", cls: "ImageShare", args: "ImageShareArgs" },
  {
    token: TOKENS.imageMemberSet,
    file: "image-member-set.ts",
    cls: "ImageMemberSet",
    args: "ImageMemberSetArgs",
  },
];

const sorted = (names: string[]) => [...names].sort();
const oneLine = (text: string) => text.replace(/\s+/g, " ").trim();

describe.each(resources)("$token and the TypeScript $cls", ({ token, file, cls, args }) => {
  const resource = schema.resources[token];

  test("the same inputs, the same ones required", () => {
    const inputs = api.argsOf(file, args);
    expect(sorted(Object.keys(resource.inputProperties))).toEqual(sorted(inputs.map((p) => p.name)));
    expect(sorted(resource.requiredInputs)).toEqual(
      sorted(inputs.filter((p) => !p.optional).map((p) => p.name)),
    );
  });

  test("the same outputs, the same ones always set", () => {
    const outputs = api.outputsOf(file, cls);
    expect(sorted(Object.keys(resource.properties))).toEqual(sorted(outputs.map((p) => p.name)));
    expect(sorted(resource.required)).toEqual(sorted(outputs.filter((p) => !p.optional).map((p) => p.name)));
  });

  test("each input's and output's doc comment is the schema's description (one definition)", () => {
    const documented = (props: { name: string; doc: string }[]) =>
      Object.fromEntries(props.map((p) => [p.name, p.doc]));
    const described = (specs: Record<string, PropertySpec>) =>
      Object.fromEntries(Object.entries(specs).map(([name, spec]) => [name, oneLine(spec.description)]));
    expect(documented(api.argsOf(file, args))).toEqual(described(resource.inputProperties));
    expect(documented(api.outputsOf(file, cls))).toEqual(described(resource.properties));
  });

  test("a description on the resource, every input and every output", () => {
    expect(resource.description.length).toBeGreaterThan(20);
    for (const spec of [...Object.values(resource.inputProperties), ...Object.values(resource.properties)]) {
      expect(spec.description.length).toBeGreaterThan(10);
    }
  });
});

test("ImageShare is a component whose memberIds are plain strings, as in TypeScript", () => {
  const share = schema.resources[TOKENS.imageShare];
  expect(share.isComponent).toBe(true);
  expect(share.inputProperties.memberIds).toMatchObject({
    type: "array",
    plain: true,
    items: { type: "string" },
  });
});

test("defaults are the hooks' own, stated where SDK users read them", () => {
  const acceptance = schema.resources[TOKENS.imageMemberAcceptance].inputProperties;
  expect(acceptance.memberWaitSeconds.description).toContain(`default ${DEFAULT_MEMBER_WAIT_SECONDS}`);
  expect(acceptance.status.description).toMatch(/`accepted` \(default\)/);
  expect(schema.resources[TOKENS.imageMember].inputProperties.adopt.description).toContain("default false");
});

test("the provider's settings are openstack:*'s key names, each described, the credentials secret", () => {
  const openstackKeys = Object.values(SETTING_SOURCES)
    .map((s) => s.config)
    .filter((k) => k !== undefined)
    .map((k) => (typeof k === "string" ? k : k.key));
  expect(sorted(Object.keys(schema.config.variables))).toEqual(sorted(openstackKeys));
  expect(schema.provider.inputProperties).toEqual(schema.config.variables);
  for (const spec of Object.values(schema.config.variables))
    expect(spec.description.length).toBeGreaterThan(10);
  const secret = Object.entries(schema.config.variables)
    .filter(([, spec]) => spec.secret)
    .map(([name]) => name);
  expect(sorted(secret)).toEqual(["applicationCredentialSecret", "key", "password", "token"]);
});

test("the package is image-member, so tokens read image-member:index:ImageMember in a preview", () => {
  expect(schema.name).toBe("image-member");
  expect(Object.keys(schema.resources)).toEqual([
    "image-member:index:ImageMember",
    "image-member:index:ImageMemberAcceptance",
    "image-member:index:ImageShare",
    "image-member:index:ImageMemberSet",
  ]);
});
