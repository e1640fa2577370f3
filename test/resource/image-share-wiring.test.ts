import { ImageShare, ImageMemberAcceptance } from "../../provider";
import { recordRegistrations, value } from "./registrations";

const registered = recordRegistrations((inputs) => ({ ...inputs, status: "pending" }));

const IMAGE = "8a5c3b3e-1f0e-4b1e-9c53-2a7f0e6d4c11";

test("one ImageMember child per project, named after it, parented to the share", async () => {
  const share = new ImageShare("golden", { imageId: IMAGE, memberIds: ["p1", "p2"], region: "RegionOne" });
  expect(await value(share.statuses)).toEqual({ p1: "pending", p2: "pending" });
  const children = registered.filter((r) => r.name.startsWith("golden-"));
  expect(children.map((c) => [c.type, c.name, c.inputs.memberId, c.inputs.imageId, c.inputs.region])).toEqual(
    [
      ["pulumi-nodejs:dynamic/glance:ImageMember", "golden-p1", "p1", IMAGE, "RegionOne"],
      ["pulumi-nodejs:dynamic/glance:ImageMember", "golden-p2", "p2", IMAGE, "RegionOne"],
    ],
  );
  const urn = await value(share.members.p1.urn);
  expect(urn).toContain(
    "pulumi-image-member:index:ImageShare$pulumi-nodejs:dynamic/glance:ImageMember::golden-p1",
  );
});

test("duplicate ids and an empty list are refused with a clear message", () => {
  expect(() => new ImageShare("dup", { imageId: IMAGE, memberIds: ["p1", "p2", "p1"] })).toThrow(
    "ImageShare memberIds lists p1 more than once.",
  );
  expect(() => new ImageShare("empty", { imageId: IMAGE, memberIds: [] })).toThrow(
    "ImageShare needs at least one project id in memberIds.",
  );
});

test("projects named like prototype properties are children like any other; __proto__, no map key, is refused", async () => {
  const ids = ["constructor", "toString", "hasOwnProperty"];
  const share = new ImageShare("proto", { imageId: IMAGE, memberIds: ids });
  expect(await value(share.statuses)).toEqual({
    constructor: "pending",
    toString: "pending",
    hasOwnProperty: "pending",
  });
  expect(Object.keys(share.members)).toEqual(ids);
  expect(await value(share.members["constructor" as string].memberId)).toBe("constructor");
  expect(() => new ImageShare("bad", { imageId: IMAGE, memberIds: ["p1", "__proto__"] })).toThrow(
    "ImageShare memberIds: memberId __proto__ cannot be a key of Pulumi's property maps",
  );
});

test("ImageMemberAcceptance registers its own dynamic type with status defaulting on the server side", async () => {
  const accept = new ImageMemberAcceptance("accept", { imageId: IMAGE, cloud: "consumer" });
  await value(accept.id);
  const r = registered.find((x) => x.name === "accept");
  expect(r?.type).toBe("pulumi-nodejs:dynamic/glance:ImageMemberAcceptance");
  expect(r?.inputs).toMatchObject({ imageId: IMAGE, cloud: "consumer" });
});
