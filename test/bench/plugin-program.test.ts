/**
 * The YAML program the benchmark deploys through the provider plugin: the same shares as
 * bench/program (names, member ids, images round-robin), of the plugin's type, with no
 * `packages:` entry (the plugin is installed into the benchmark's PULUMI_HOME).
 */
import { parse } from "yaml";
import { PLUGIN_SET_TYPE, PLUGIN_TYPE, pluginProgramText } from "../../bench/lib/plugin-program";

interface Program {
  name: string;
  runtime: string;
  packages?: Record<string, string>;
  resources: Record<
    string,
    { type: string; properties: { imageId: string; memberId?: string; memberIds?: string[] } }
  >;
}

test("N shares of the plugin's ImageMember over the images, by type token only", () => {
  const program = parse(pluginProgramText(3, ["img-a", "img-b"])) as Program;
  expect(program.runtime).toBe("yaml");
  expect(program.packages).toBeUndefined();
  expect(program.resources).toEqual({
    "share-0": { type: PLUGIN_TYPE, properties: { imageId: "img-a", memberId: "project00000" } },
    "share-1": { type: PLUGIN_TYPE, properties: { imageId: "img-b", memberId: "project00001" } },
    "share-2": { type: PLUGIN_TYPE, properties: { imageId: "img-a", memberId: "project00002" } },
  });
});

test("one ImageMemberSet of the plugin: N projects on the first image", () => {
  const program = parse(pluginProgramText(3, ["img-a"], "set")) as Program;
  expect(program.runtime).toBe("yaml");
  expect(program.resources).toEqual({
    shares: {
      type: PLUGIN_SET_TYPE,
      properties: { imageId: "img-a", memberIds: ["project00000", "project00001", "project00002"] },
    },
  });
});

test("the engine's floor: a YAML program with no resources, whatever N", () => {
  const program = parse(pluginProgramText(200, ["img-a"], "empty")) as Program;
  expect(program.runtime).toBe("yaml");
  expect(program.resources).toEqual({});
});
