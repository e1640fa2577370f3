import { ImageMemberError } from "../errors";

export interface CatalogEndpoint {
  interface: string;
  region?: string;
  region_id?: string;
  url: string;
}

export interface CatalogService {
  type: string;
  name?: string;
  endpoints: CatalogEndpoint[];
}

export interface EndpointQuery {
  /** Region name or id; any region when absent. */
  region?: string;
  /** `public` (default), `internal` or `admin`; the `publicURL` spelling is accepted too. */
  interface?: string;
}

/** The Glance v2 base URL for the image service in `catalog`, per the OpenStack client conventions. */
export function imageEndpoint(catalog: readonly CatalogService[], query: EndpointQuery): string {
  const wanted = normalizeInterface(query.interface);
  for (const service of catalog) {
    if (service.type !== "image") continue;
    const match = service.endpoints.find(
      (e) =>
        e.interface === wanted &&
        (query.region === undefined || e.region === query.region || e.region_id === query.region),
    );
    if (match) return glanceV2Url(match.url);
  }
  throw new ImageMemberError(
    "ERR_ENDPOINT_NOT_FOUND",
    `The service catalog has no ${wanted} image endpoint${query.region ? ` in region ${query.region}` : ""} (regions offered: ${imageRegions(catalog) || "none"}).`,
    {
      hint: "Set openstack:region or OS_REGION_NAME to one of them, or give the resource an explicit endpoint.",
    },
  );
}

/**
 * Glance URL rule: a catalog URL whose last path segment is `v2` or `v2.N` is used as is,
 * anything else gets `/v2` appended. The `href`s of Glance's version document are never
 * followed: they can name hosts only reachable inside the cloud.
 */
export function glanceV2Url(url: string): string {
  const trimmed = url.replace(/\/+$/, "");
  const last = trimmed.slice(trimmed.lastIndexOf("/") + 1);
  return /^v2(\.\d+)?$/.test(last) ? trimmed : `${trimmed}/v2`;
}

function normalizeInterface(value: string | undefined): string {
  const name = (value ?? "public").toLowerCase().replace(/url$/, "");
  return name === "" ? "public" : name;
}

function imageRegions(catalog: readonly CatalogService[]): string {
  const regions = new Set<string>();
  for (const service of catalog) {
    if (service.type !== "image") continue;
    for (const e of service.endpoints) regions.add(`${e.region ?? e.region_id ?? "?"} (${e.interface})`);
  }
  return [...regions].join(", ");
}
