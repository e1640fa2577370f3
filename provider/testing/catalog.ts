/**
 * Where the services of the local cloud live and the Keystone service catalog that lists
 * them. RegionOne's public image endpoint has no `/v2` (clients must append it), its internal
 * endpoint is another path onto the same image store, and RegionTwo has its own store and an
 * endpoint that already ends in `/v2`.
 */
import { keystoneId } from "./ids";

export const REGION_ONE = "RegionOne";
export const REGION_TWO = "RegionTwo";

/** An image endpoint: the path its URL ends in and the region whose store it serves. */
export interface ImageEndpoint {
  /** Path prefix of the Glance root (what precedes `/v2`). */
  base: string;
  region: string;
  interface: "public" | "internal";
  /** Whether the catalog URL includes `/v2`. */
  withVersion: boolean;
}

export const IMAGE_ENDPOINTS: readonly ImageEndpoint[] = [
  { base: "/image", region: REGION_ONE, interface: "public", withVersion: false },
  { base: "/internal/image", region: REGION_ONE, interface: "internal", withVersion: false },
  { base: "/region-two/image", region: REGION_TWO, interface: "public", withVersion: true },
];

/** Path of the Keystone v3 API. */
export const IDENTITY_BASE = "/v3";

export interface CatalogEndpoint {
  id: string;
  interface: string;
  region_id: string;
  url: string;
  region: string;
}
export interface CatalogEntry {
  endpoints: CatalogEndpoint[];
  id: string;
  type: string;
  name: string;
}

/** The catalog every scoped token carries, for a cloud listening on `baseUrl`. */
export function buildCatalog(baseUrl: string): CatalogEntry[] {
  const endpoint = (iface: string, region: string, url: string): CatalogEndpoint => ({
    id: keystoneId(),
    interface: iface,
    region_id: region,
    url,
    region,
  });
  const identityUrl = baseUrl + IDENTITY_BASE;
  return [
    {
      endpoints: ["public", "internal", "admin"].map((i) => endpoint(i, REGION_ONE, identityUrl)),
      id: keystoneId(),
      type: "identity",
      name: "keystone",
    },
    {
      endpoints: IMAGE_ENDPOINTS.map((e) =>
        endpoint(e.interface, e.region, baseUrl + e.base + (e.withVersion ? "/v2" : "")),
      ),
      id: keystoneId(),
      type: "image",
      name: "glance",
    },
  ];
}
