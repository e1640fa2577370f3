/**
 * Huawei Cloud's public endpoints, for when no service catalog says where a service is (AK/SK
 * signing involves no Keystone token, hence no catalog).
 */

/** The endpoint domain: `cloud` when given, else `myhuaweicloud.eu` for eu-west-1xx, else `myhuaweicloud.com`. */
export function huaweiCloudDomain(region: string, cloud?: string): string {
  if (cloud) return cloud;
  return region.startsWith("eu-west-1") ? "myhuaweicloud.eu" : "myhuaweicloud.com";
}

/** IMS (whose native OpenStack API is Glance v2) of a region, without the `/v2`. */
export function imsUrl(region: string, cloud?: string): string {
  return `https://ims.${region}.${huaweiCloudDomain(region, cloud)}`;
}

/** IAM (Keystone v3 compatible) of a region. */
export function iamUrl(region: string, cloud?: string): string {
  return `https://iam.${region}.${huaweiCloudDomain(region, cloud)}/v3`;
}
