// The program `npm run bench` deploys (bench/sections/engine.ts installs it with the packed
// package). Stack config: `kind` (share | floor), `count`, `imageIds` (a JSON list).
//
// share: `count` ImageMember resources, member ids project00000, project00001, …
// floor: the same resources, names and inputs, but a dynamic provider whose hooks do nothing
//        (create echoes the inputs): the engine's own cost of a dynamic resource.
// imageShare, imageMemberSet: one ImageShare / ImageMemberSet of `count` projects (the same member
//        ids) on the first image.
// Share i goes to image imageIds[i % imageIds.length] and project i, as bench/lib/share-layout.ts
// lays out the peer's configuration.
// Both load the package, so the only difference is the resources' provider.
const pulumi = require("@pulumi/pulumi");
const { ImageMember, ImageMemberSet, ImageShare } = require("pulumi-image-member");

const config = new pulumi.Config();
const kind = config.require("kind");
const count = Number(config.require("count"));
const imageIds = config.requireObject("imageIds");

const nothing = {
  async create(inputs) {
    return { id: `${inputs.imageId}/${inputs.memberId}`, outs: inputs };
  },
  async delete() {},
};

class Floor extends pulumi.dynamic.Resource {
  constructor(name, args, opts) {
    super(nothing, name, args, opts, "bench", "Floor");
  }
}

const memberIdOf = (i) => `project${String(i).padStart(5, "0")}`;

const oneImage = { imageId: imageIds[0], memberIds: Array.from({ length: count }, (_, i) => memberIdOf(i)) };
if (kind === "imageShare") {
  new ImageShare("one-image", oneImage);
} else if (kind === "imageMemberSet") {
  new ImageMemberSet("one-image", oneImage);
} else {
  for (let i = 0; i < count; i++) {
    const args = { imageId: imageIds[i % imageIds.length], memberId: memberIdOf(i) };
    if (kind === "share") new ImageMember(`share-${i}`, args);
    else if (kind === "floor") new Floor(`share-${i}`, args);
    else throw new Error(`kind must be share, floor, imageShare or imageMemberSet, not ${kind}`);
  }
}
