import * as pulumi from "@pulumi/pulumi";
import { ImageMemberSet } from "../../provider";
import { recordRegistrations, value } from "./registrations";

const registered = recordRegistrations();

const IMAGE = "8a5c3b3e-1f0e-4b1e-9c53-2a7f0e6d4c11";

test("one dynamic resource whose members map has each project once, from plain ids and outputs alike", async () => {
  const set = new ImageMemberSet("golden", {
    imageId: IMAGE,
    memberIds: [pulumi.output("p2"), "p1"],
    region: "RegionOne",
  });
  await value(set.id);
  const r = registered.find((x) => x.name === "golden");
  expect(r?.type).toBe("pulumi-nodejs:dynamic/glance:ImageMemberSet");
  expect(r?.inputs).toMatchObject({ imageId: IMAGE, region: "RegionOne", members: { p1: true, p2: true } });
  expect(r?.inputs).not.toHaveProperty("memberIds");
  expect(String(r?.inputs.__provider)).toContain("imageMemberSet");
});

test("a repeated or malformed id stops the program at the resource, naming it", () => {
  expect(() => new ImageMemberSet("dup", { imageId: IMAGE, memberIds: ["p1", "p2", "p1"] })).toThrow(
    "ImageMemberSet dup: memberIds lists p1 more than once. List each project id once.",
  );
  expect(() => new ImageMemberSet("bad", { imageId: IMAGE, memberIds: ["a/b"] })).toThrow(
    'ImageMemberSet bad: memberId "a/b" contains a separator',
  );
  expect(() => new ImageMemberSet("proto", { imageId: IMAGE, memberIds: ["p1", "__proto__"] })).toThrow(
    "ImageMemberSet proto: memberId __proto__ cannot be a key of Pulumi's property maps",
  );
  expect(registered.map((r) => r.name)).not.toContain("dup");
});

const SIG_KEY = "4dabf18193072939515e22adb298388d";
const isSecret = (v: unknown) => typeof v === "object" && v !== null && SIG_KEY in (v as object);

test("secret ids or endpoint: the shares and glanceUrl inputs are secret too, so the engine marks those outputs", async () => {
  // The engine marks a dynamic resource's output secret only when the input of the same name is.
  const set = new ImageMemberSet("secret-ids", {
    imageId: IMAGE,
    memberIds: [pulumi.secret("p2"), "p1"],
    endpoint: pulumi.secret("https://glance.example.com"),
  });
  await value(set.id);
  const secret = registered.find((x) => x.name === "secret-ids")!.inputs;
  expect(isSecret(secret.members)).toBe(true);
  expect(isSecret(secret.shares)).toBe(true);
  expect(isSecret(secret.endpoint)).toBe(true);
  expect(isSecret(secret.glanceUrl)).toBe(true);

  const plain = new ImageMemberSet("plain-ids", { imageId: IMAGE, memberIds: ["p1"] });
  await value(plain.id);
  // Plain ones carry nothing: an input `shares` would show in every preview against the output.
  const plainInputs = registered.find((x) => x.name === "plain-ids")!.inputs;
  expect(plainInputs).toMatchObject({ members: { p1: true } });
  expect(plainInputs).not.toHaveProperty("shares");
  expect(plainInputs).not.toHaveProperty("glanceUrl");
});
