import { ImageMemberError } from "../errors";
import { ServiceClient } from "../http/service-client";
import type { Transport } from "../http/transport";
import { authMethodOf } from "./auth-method";
import { endpointProblem, glanceV2Url } from "../glance/glance-url";
import { catalogEndpointAt, imageEndpoint } from "./catalog";
import { accessKeyOf, AccessKeySigner } from "./huawei-aksk";
import { isImsUrl, imsUrl } from "./huawei-endpoints";
import { SessionPool, StaticTokenAuthorizer } from "./session";
import { configNamespaceOf, whereToSet, whereToSetCloud, type AuthSettings } from "./settings";

/** Where a resource wants its requests to go, beyond what the settings say. */
export interface ImageServiceTarget {
  /** Region of the image endpoint in the catalog. */
  region?: string;
  /** Glance URL to use instead of the catalog's. */
  endpoint?: string;
  /** Name of the clouds.yaml entry whose credentials to use. */
  cloud?: string;
}

/** An authenticated Glance endpoint, which Glance it is, and what is known of whom the requests act for. */
export interface ImageService {
  client: ServiceClient;
  /** Glance base URL, ending in `/v2` (or `/v2.N`), without credentials, query or fragment. */
  glanceUrl: string;
  /** `<service id>@<region>` of the catalog's image service this URL belongs to, when the catalog lists it. */
  glanceService?: string;
  /** Every URL of the same Glance the catalog lists (its other interfaces in the region). */
  aliases: readonly string[];
  /** Project the credentials act for; absent when they do not say. */
  projectId?: string;
  /** When projectId is absent: why, and what would make it known. */
  projectUnknown?: { why: string; fix: string };
  /** Huawei Cloud IMS: private images have members too (Glance shows members of shared images only). */
  privateImagesHaveMembers?: boolean;
}

/**
 * The image service the settings lead to: Huawei AK/SK signing (IMS of the region unless an
 * endpoint is given), a bare token for an explicit endpoint, or a Keystone session of the
 * identity (shared by every resource that has it) and the catalog's image endpoint.
 */
export async function connectImageService(
  settings: AuthSettings,
  target: ImageServiceTarget,
  transport: Transport,
  sessions: SessionPool,
): Promise<ImageService> {
  const explicit = explicitEndpoint(settings, target);
  const method = authMethodOf(settings);
  if (method === "aksk") return connectWithAccessKey(settings, target, transport);
  if (method === "token" && !settings.authUrl) {
    if (!explicit) {
      throw new ImageMemberError("ERR_MISSING_SETTING", "A bare token needs the image endpoint it is for.", {
        hint: `Give the resource an endpoint, or set ${whereToSet("imageEndpoint", settings)}; or set ${whereToSet("authUrl", settings)} so the catalog can be read.`,
      });
    }
    return {
      client: new ServiceClient(transport, new StaticTokenAuthorizer(settings.token ?? "")),
      glanceUrl: explicit,
      aliases: [],
      privateImagesHaveMembers: isImsUrl(explicit, settings.huaweiCloud),
      projectUnknown: {
        why: "a bare token, with no auth URL to ask Keystone whose it is",
        fix: `set the auth URL (${configNamespaceOf(settings)}:authUrl, OS_AUTH_URL or auth.auth_url in clouds.yaml) so that Keystone can say which project the token is for`,
      },
    };
  }
  if (!settings.authUrl) throw noCredentials(settings, method !== undefined);
  const session = sessions.sessionFor(settings, transport);
  const token = await session.token();
  const found = explicit
    ? (catalogEndpointAt(token.catalog, explicit) ?? { glanceUrl: explicit, aliases: [] })
    : imageEndpoint(token.catalog, {
        region: target.region ?? settings.region,
        regionLabel:
          target.region !== undefined
            ? `region ${target.region} (the resource's region input)`
            : `the region given by ${settings.origin?.from.region}`,
        interface: settings.endpointType,
        interfaceFrom: settings.origin?.from.endpointType,
        whereToSetRegion: `${configNamespaceOf(settings)}:region or OS_REGION_NAME`,
      });
  return {
    client: new ServiceClient(transport, session),
    ...found,
    privateImagesHaveMembers: isImsUrl(found.glanceUrl, settings.huaweiCloud),
    projectId: token.projectId,
    projectUnknown: token.projectId
      ? undefined
      : {
          why: "a token scoped to no project",
          fix: "scope the credentials to a project (a project id or name)",
        },
  };
}

/** The resource's endpoint input, else the imageEndpoint setting, as a Glance v2 URL. */
function explicitEndpoint(settings: AuthSettings, target: ImageServiceTarget): string | undefined {
  if (target.endpoint !== undefined) {
    const problem = endpointProblem(target.endpoint);
    if (problem) throw new ImageMemberError("ERR_INVALID_INPUT", `The endpoint input ${problem}`);
    return glanceV2Url(target.endpoint);
  }
  // Checked by resolveSettings, with the name of the place it came from.
  return settings.imageEndpoint === undefined ? undefined : glanceV2Url(settings.imageEndpoint);
}

function connectWithAccessKey(
  settings: AuthSettings,
  target: ImageServiceTarget,
  transport: Transport,
): ImageService {
  const key = accessKeyOf(settings, (name) => whereToSet(name, settings));
  const explicit = explicitEndpoint(settings, target);
  const region = target.region ?? settings.region;
  if (!explicit && !region) {
    throw new ImageMemberError(
      "ERR_MISSING_SETTING",
      "Missing setting region for the IMS endpoint of AK/SK signing.",
      {
        hint: `Set ${whereToSet("region", settings)}, or give the resource a region or an endpoint.`,
      },
    );
  }
  return {
    client: new ServiceClient(transport, new AccessKeySigner(key)),
    glanceUrl:
      explicit ??
      regionalImsUrl(
        region ?? "",
        settings,
        target.region === undefined ? undefined : "the resource's region input",
      ),
    aliases: [],
    projectId: key.projectId,
    privateImagesHaveMembers: true,
  };
}

/** IMS of the region; a region or cloud domain that makes no URL is refused, naming where it came from. */
function regionalImsUrl(region: string, settings: AuthSettings, regionFrom?: string): string {
  const url = imsUrl(region, settings.huaweiCloud);
  if (!endpointProblem(url) && /^https:\/\/ims\.[a-z0-9.-]+$/i.test(url)) return glanceV2Url(url);
  const from = settings.origin?.from;
  throw new ImageMemberError(
    "ERR_INVALID_SETTING",
    `region (from ${regionFrom ?? from?.region}) and the Huawei Cloud domain (from ${from?.huaweiCloud ?? "the default"}) do not make an IMS host name.`,
    { hint: "Give a region name such as cn-north-4, or the resource an explicit endpoint." },
  );
}

function noCredentials(settings: AuthSettings, hasCredentials: boolean): ImageMemberError {
  const own = settings.origin?.resourceCloud;
  if (own) {
    return new ImageMemberError(
      "ERR_MISSING_SETTING",
      `clouds.yaml entry "${own.name}" (${own.file}) has no auth.auth_url.`,
      {
        hint: `Add auth.auth_url to the entry: the resource names cloud "${own.name}", so nothing else is read for it.`,
      },
    );
  }
  if (hasCredentials) {
    return new ImageMemberError("ERR_MISSING_SETTING", "Missing setting authUrl: where to authenticate.", {
      hint: `Set ${whereToSet("authUrl", settings)}.`,
    });
  }
  const namespace = configNamespaceOf(settings);
  if (namespace === "image-member") {
    return new ImageMemberError("ERR_MISSING_SETTING", "No cloud credentials are configured.", {
      hint:
        "Set image-member:authUrl (`pulumi config set image-member:authUrl <url>`, then image-member:userName, image-member:tenantName and `pulumi config set --secret image-member:password …`), " +
        `or OS_AUTH_URL with a user and password or an application credential, or name a cloud of your clouds.yaml (${whereToSetCloud(settings)}), ` +
        "or give an explicit image-member Provider these settings; " +
        "for Huawei Cloud AK/SK, set HW_ACCESS_KEY, HW_SECRET_KEY, HW_REGION_NAME and HW_PROJECT_ID.",
    });
  }
  return new ImageMemberError("ERR_MISSING_SETTING", "No cloud credentials are configured.", {
    hint:
      `Set openstack:authUrl or OS_AUTH_URL with a user and password or an application credential, or name a cloud of your clouds.yaml (${whereToSetCloud(settings)}); ` +
      "for Huawei Cloud AK/SK, set HW_ACCESS_KEY, HW_SECRET_KEY, HW_REGION_NAME and HW_PROJECT_ID (or huaweicloud:accessKey, secretKey, region and projectId).",
  });
}
