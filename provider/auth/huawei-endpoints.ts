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

/**
 * Whether a URL is Huawei Cloud IMS (`ims.{region}.{cloud}`, the default clouds or `cloud`):
 * unlike Glance, IMS shows and changes the members of private images too.
 */
export function isImsUrl(url: string, cloud?: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return false;
  }
  const domains = ["myhuaweicloud.com", "myhuaweicloud.eu", ...(cloud ? [cloud.toLowerCase()] : [])];
  return domains.some((domain) => new RegExp(`^ims\\.[a-z0-9-]+\\.${escaped(domain)}$`).test(host));
}

function escaped(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
