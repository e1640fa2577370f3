// The owner shares an image with each project of `memberIds` through the image-member plugin's
// generated SDK (`pulumi package add ../node_modules/pulumi-image-member/plugin`); removing a
// project from the list revokes its share.
import * as pulumi from "@pulumi/pulumi";
import * as imageMember from "@pulumi-image-member/image-member";

const config = new pulumi.Config();
const imageId = config.require("imageId");
const memberIds = config.requireObject<string[]>("memberIds");

const shares = memberIds.map(
  (memberId) => new imageMember.ImageMember(`share-${memberId}`, { imageId, memberId }),
);

export const statuses = pulumi
  .all(shares.map((share) => pulumi.all([share.memberId, share.status])))
  .apply((pairs) => Object.fromEntries(pairs));
