// Shares one image with a project as the image owner, and accepts the share as that project, in
// one program. Each side has its own identity: an entry of clouds.yaml, named by `cloud`.
//
//   # clouds.yaml (or ~/.config/openstack/clouds.yaml, or $OS_CLIENT_CONFIG_FILE); keep the
//   # passwords in secure.yaml beside it if you prefer
//   clouds:
//     owner:
//       auth: { auth_url: https://keystone.example.com:5000/v3, username: alice, password: "…",
//               project_name: images, user_domain_name: Default, project_domain_name: Default }
//       region_name: RegionOne
//     consumer:
//       auth: { auth_url: https://keystone.example.com:5000/v3, username: bob, password: "…",
//               project_name: qa, user_domain_name: Default, project_domain_name: Default }
//       region_name: RegionOne
//
//   pulumi config set imageId 8a5c3b3e-1f0e-4b1e-9c53-2a7f0e6d4c11
//   pulumi config set consumerProjectId 4f1c0d6e2b9a4c8d9e7f6a5b4c3d2e1f   # the qa project's id
//   pulumi up
//
// The owner's share reads `pending` when it is created; `pulumi refresh` shows the consumer's answer.
import * as pulumi from "@pulumi/pulumi";
import { ImageMember, ImageMemberAcceptance } from "pulumi-image-member";

const config = new pulumi.Config();
const imageId = config.require("imageId");
const consumerProjectId = config.require("consumerProjectId");

// As the image owner: share the image with the consumer project.
const share = new ImageMember("share", { imageId, memberId: consumerProjectId, cloud: "owner" });

// As the consumer: accept it. Taking memberId from the share makes this wait for it.
const acceptance = new ImageMemberAcceptance("accept", {
  imageId,
  memberId: share.memberId,
  cloud: "consumer",
});

/** The share as the owner last read it: `pending` until a refresh after the acceptance. */
export const shareStatus = share.status;
/** What the consumer answered. */
export const acceptanceStatus = acceptance.status;
