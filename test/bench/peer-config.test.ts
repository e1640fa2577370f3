import { memberIdOf, shareLayout } from "../../bench/lib/share-layout";
import { cliConfiguration, OPENSTACK_PROVIDER_SOURCE, tofuConfiguration } from "../../bench/lib/tofu-config";

describe("the benchmark's peer configuration", () => {
  test("shares go round-robin over the images, each to another project, as bench/program lays them out", () => {
    expect(shareLayout(["img-a", "img-b"], 3)).toEqual([
      { imageId: "img-a", memberId: "project00000" },
      { imageId: "img-b", memberId: "project00001" },
      { imageId: "img-a", memberId: "project00002" },
    ]);
    expect(new Set(shareLayout(["img"], 200).map((s) => s.memberId)).size).toBe(200);
    expect(() => shareLayout([], 1)).toThrow("no image");
  });

  test("one openstack_images_image_access_v2 per share, provider from the overridden source", () => {
    const config = tofuConfiguration(shareLayout(["img"], 2)) as {
      terraform: { required_providers: { openstack: { source: string } } };
      resource: { openstack_images_image_access_v2: Record<string, { image_id: string; member_id: string }> };
    };
    expect(config.terraform.required_providers.openstack.source).toBe(OPENSTACK_PROVIDER_SOURCE);
    expect(config.resource.openstack_images_image_access_v2).toEqual({
      share_0: { image_id: "img", member_id: memberIdOf(0) },
      share_1: { image_id: "img", member_id: memberIdOf(1) },
    });
  });

  test("the CLI config overrides the provider with a directory and lists no registry", () => {
    const text = cliConfiguration('/cache/dir "x"/bin');
    expect(text).toContain(`"${OPENSTACK_PROVIDER_SOURCE}" = "/cache/dir \\"x\\"/bin"`);
    expect(text).toMatch(/dev_overrides/);
    expect(text).not.toMatch(/direct|network_mirror/);
  });
});
