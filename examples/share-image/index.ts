// Shares one image with every project listed in stack config:
//
//   pulumi config set imageId 8a5c3b3e-1f0e-4b1e-9c53-2a7f0e6d4c11
//   pulumi config set --path 'memberProjects[0]' 4f1c0d6e2b9a4c8d9e7f6a5b4c3d2e1f
//
// Credentials are the image owner's, from `openstack:*` stack config or the OS_* environment.
// Removing a project from the list and running `pulumi up` revokes that one share.
import * as pulumi from "@pulumi/pulumi";
import { ImageMember } from "pulumi-image-member";

const config = new pulumi.Config();
const imageId = config.require("imageId");
const memberProjects = config.requireObject<string[]>("memberProjects");

const shares = memberProjects.map((memberId) => new ImageMember(`share-${memberId}`, { imageId, memberId }));

/** Each project's answer to the share: pending, accepted or rejected (current after `pulumi refresh`). */
export const statuses = pulumi
  .all(shares.map((s) => pulumi.all([s.memberId, s.status])))
  .apply((pairs) => Object.fromEntries(pairs));
