/**
 * `pulumi-image-member/testing`: a local Keystone v3 + Glance v2 (or Huawei Cloud IMS) on
 * 127.0.0.1 for testing image-sharing programs without a cloud. See {@link startLocalCloud}.
 */
export { startLocalCloud } from "./server";
export { cloudName, cloudsYaml, cloudsYamlEntry, osEnvironment, passwordToken } from "./credentials";
export type { CloudFixtures, Role } from "./fixtures";
export type {
  CloudFlavour,
  CreateImageOptions,
  FaultControls,
  FaultRule,
  FixtureOverrides,
  ImageChange,
  ImageVisibility,
  LocalCloud,
  LocalCloudOptions,
  Member,
  MemberIdCollation,
  MemberPolicyRule,
  MemberStatus,
  RequestRecord,
  ServiceName,
} from "./types";
