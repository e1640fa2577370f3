/**
 * The YAML program the benchmark deploys through the provider plugin: the same shares as
 * bench/program (names, member ids, images round-robin), of the plugin's type, the plugin taken
 * from the installed package by a relative `packages:` path.
 */
import { parse } from "yaml";
import { PLUGIN_SET_TYPE, PLUGIN_TYPE, pluginProgramText } from "../../bench/lib/plugin-program";

interface Program {
  name: string;
  runtime: string;
  packages: Record<string, string>;
  resources: Record<
    string,
    { type: string; properties: { imageId: string; memberId?: string; memberIds?: string[] } }
  >;
}

test("N shares of the plugin's ImageMember over the images, taking the plugin from the installed package", () => {
  const program = parse(
    pluginProgramText("/w/plugin-3", "/w/program/node_modules/pulumi-image-member/plugin", 3, [
      "img-a",
      "img-b",
    ]),
  ) as Program;
  expect(program.runtime).toBe("yaml");
  expect(program.packages).toEqual({ "image-member": "../program/node_modules/pulumi-image-member/plugin" });
  expect(program.resources).toEqual({
    "share-0": { type: PLUGIN_TYPE, properties: { imageId: "img-a", memberId: "project00000" } },
    "share-1": { type: PLUGIN_TYPE, properties: { imageId: "img-b", memberId: "project00001" } },
    "share-2": { type: PLUGIN_TYPE, properties: { imageId: "img-a", memberId: "project00002" } },
  });
});

test("one ImageMemberSet of the plugin: N projects on the first image", () => {
  const program = parse(
    pluginProgramText(
      "/w/plugin-set-3",
      "/w/program/node_modules/pulumi-image-member/plugin",
      3,
      ["img-a"],
      "set",
    ),
  ) as Program;
  expect(program.runtime).toBe("yaml");
  expect(program.resources).toEqual({
    shares: {
      type: PLUGIN_SET_TYPE,
      properties: { imageId: "img-a", memberIds: ["project00000", "project00001", "project00002"] },
    },
  });
});
