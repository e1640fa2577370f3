import { ImageMemberError } from "../errors";
import { endpointProblem, glanceV2Url, sameGlanceUrl } from "../glance/glance-url";

export interface CatalogEndpoint {
  id?: string;
  interface: string;
  region?: string;
  region_id?: string;
  url: string;
}

export interface CatalogService {
  id?: string;
  type: string;
  name?: string;
  endpoints: CatalogEndpoint[];
}

export interface EndpointQuery {
  /** Region name or id; any region when absent. */
  region?: string;
  /**
   * The region as messages name it: `region X (the resource's region input)`, or for a setting
   * `the region given by OS_REGION_NAME` (a setting's value is never printed).
   */
  regionLabel?: string;
  /** `public` (default), `internal` or `admin`; the `publicURL` spelling is accepted too. */
  interface?: string;
  /** Where the interface came from, named in messages when it is none of those three. */
  interfaceFrom?: string;
  /** Where the region is set, for the hint (default: `openstack:region or OS_REGION_NAME`). */
  whereToSetRegion?: string;
}

/** An image endpoint of the catalog, and the Glance it belongs to. */
export interface CatalogImageEndpoint {
  /** Its Glance v2 base URL. */
  glanceUrl: string;
  /**
   * `<service id>@<region>`: one image service in one region is one Glance, whichever interface
   * (public, internal, admin) and URL reaches it, and whatever URL it moves to.
   */
  glanceService?: string;
  /** The Glance v2 URLs of every interface of that service in that region. */
  aliases: string[];
}

/** The Glance v2 base URL for the image service in `catalog`, per the OpenStack client conventions. */
export function imageEndpoint(
  catalog: readonly CatalogService[],
  query: EndpointQuery,
): CatalogImageEndpoint {
  const wanted = normalizeInterface(query.interface);
  for (const service of catalog) {
    if (service.type !== "image") continue;
    const match = service.endpoints.find(
      (e) =>
        e.interface === wanted &&
        (query.region === undefined || e.region === query.region || e.region_id === query.region),
    );
    if (match) return describe(service, match);
  }
  throw new ImageMemberError(
    "ERR_ENDPOINT_NOT_FOUND",
    `The service catalog has no ${endpointWanted(wanted, query)} (regions offered: ${imageRegions(catalog) || "none"}).`,
    {
      hint: `Set ${query.whereToSetRegion ?? "openstack:region or OS_REGION_NAME"} to one of them, or give the resource an explicit endpoint.`,
    },
  );
}

/** The catalog's image endpoint that is this Glance URL (an explicit endpoint), if it lists one. */
export function catalogEndpointAt(
  catalog: readonly CatalogService[],
  glanceUrl: string,
): CatalogImageEndpoint | undefined {
  for (const service of catalog) {
    if (service.type !== "image") continue;
    const match = service.endpoints.find((e) => !endpointProblem(e.url) && sameGlanceUrl(e.url, glanceUrl));
    if (match) return { ...describe(service, match), glanceUrl };
  }
  return undefined;
}

function describe(service: CatalogService, endpoint: CatalogEndpoint): CatalogImageEndpoint {
  const region = regionOf(endpoint);
  const problem = endpointProblem(endpoint.url);
  if (problem) {
    throw new ImageMemberError(
      "ERR_ENDPOINT_NOT_FOUND",
      `The service catalog's ${endpoint.interface} image endpoint in region ${region || "(none)"} is not usable: it ${problem}`,
      { hint: "Ask the cloud's operator to fix the catalog, or give the resource an explicit endpoint." },
    );
  }
  return {
    glanceUrl: glanceV2Url(endpoint.url),
    glanceService: service.id ? `${service.id}@${region}` : undefined,
    aliases: service.endpoints
      .filter((e) => regionOf(e) === region && !endpointProblem(e.url))
      .map((e) => glanceV2Url(e.url)),
  };
}

/**
 * "internal image endpoint in the region given by OS_REGION_NAME": the interface named when it is
 * one of the three, anything else by where it was set, and the region by where it was set.
 */
function endpointWanted(wanted: string, query: EndpointQuery): string {
  const region = query.region === undefined ? "" : ` in ${query.regionLabel ?? "the region asked for"}`;
  if (KNOWN_INTERFACES.has(wanted)) return `${wanted} image endpoint${region}`;
  const from = query.interfaceFrom ?? "the endpoint type setting";
  return `image endpoint${region} of the interface given by ${from}, which is not public, internal or admin`;
}

const KNOWN_INTERFACES: ReadonlySet<string> = new Set(["public", "internal", "admin"]);

function regionOf(endpoint: CatalogEndpoint): string {
  return endpoint.region_id ?? endpoint.region ?? "";
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
