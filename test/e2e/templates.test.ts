/**
 * The examples as templates: `pulumi new <example> --generate-only` makes a project anywhere that
 * depends on a released version of the package (a semver range, not a path into this repository)
 * and carries the example's README. The share-image one is then deployed: the harness swaps the
 * packed package in for the registry's, as `npm install` of the release would put it there.
 */
import { existsSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import * as harness from "../../scripts/lib/pulumi-harness";
import { as, useProgram } from "./program";
import { localTarget, type E2eTarget } from "./targets";

jest.setTimeout(5 * 60_000);

const ROOT = join(__dirname, "../..");
const { version } = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string };
// Only for its engine, tarball and temporary directory: the programs below come from `pulumi new`.
const base = useProgram("templates", "examples/share-image");
let target: E2eTarget;

beforeAll(async () => {
  target = await localTarget();
});
afterAll(() => target?.close());

/** `pulumi new ./examples/<example> --generate-only` into a fresh directory; returns it. */
async function newProject(example: string, name: string): Promise<string> {
  const dir = join(base().work, name);
  await base().pulumi.run(
    ["new", join(ROOT, "examples", example), "--generate-only", "--yes", "--name", name, "--dir", dir],
    { cwd: base().work },
  );
  return dir;
}

test.each(["share-image", "share-and-accept"])(
  "pulumi new ./examples/%s makes a project that takes the package from the registry by version",
  async (example) => {
    const dir = await newProject(example, `${example}-copy`);
    const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as {
      dependencies: Record<string, string>;
    };
    expect(manifest.dependencies["pulumi-image-member"]).toBe(`^${version}`);
    expect(readFileSync(join(dir, "Pulumi.yaml"), "utf8")).toMatch(
      new RegExp(`^name: ${example}-copy$`, "m"),
    );
    expect(existsSync(join(dir, "README.md"))).toBe(true);
  },
);

test("the share-image template, installed, shares an image and revokes the share on destroy", async () => {
  const generated = await newProject("share-image", "from-template");
  const dir = await harness.createProgram({
    example: relative(ROOT, generated),
    dir: join(base().work, "from-template-installed"),
    tarball: base().tarball,
  });
  const imageId = await target.createImage();
  const memberId = target.fixtures.projects.consumer.id;
  const run = (args: string[]) =>
    base().pulumi.run([...args, "--stack", "dev"], { ...as(target, "owner"), cwd: dir });
  try {
    await base().pulumi.stackInit("dev", { imageId, memberProjects: [memberId] }, { cwd: dir });
    await run(["up", "--yes"]);
    expect(await target.members(imageId)).toEqual([{ memberId, status: "pending" }]);
    await run(["destroy", "--yes"]);
    expect(await target.members(imageId)).toEqual([]);
  } finally {
    await base()
      .pulumi.removeStack("dev", { cwd: dir })
      .catch(() => undefined);
    await target.deleteImage(imageId);
  }
});
