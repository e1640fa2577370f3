import { ImageMemberError } from "../errors";
import { ServiceClient } from "../http/service-client";
import type { Transport } from "../http/transport";
import { authMethodOf } from "./auth-method";
import { glanceV2Url, imageEndpoint } from "./catalog";
import { accessKeyOf, AccessKeySigner } from "./huawei-aksk";
import { imsUrl } from "./huawei-endpoints";
import { SessionPool, StaticTokenAuthorizer } from "./session";
import { whereToSet, whereToSetCloud, type AuthSettings } from "./settings";

/** Where a resource wants its requests to go, beyond what the settings say. */
export interface ImageServiceTarget {
  /** Region of the image endpoint in the catalog. */
  region?: string;
  /** Glance URL to use instead of the catalog's. */
  endpoint?: string;
  /** Name of the clouds.yaml entry whose credentials to use. */
  cloud?: string;
}

/** An authenticated Glance endpoint, and what is known of whom the requests act for. */
export interface ImageService {
  client: ServiceClient;
  /** Glance base URL, ending in `/v2`. */
  glanceUrl: string;
  /** Project the credentials act for; absent when a bare token leaves it unknown. */
  projectId?: string;
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
  const explicit = target.endpoint ?? settings.imageEndpoint;
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
      glanceUrl: glanceV2Url(explicit),
    };
  }
  if (!settings.authUrl) throw noCredentials(settings, method !== undefined);
  const session = sessions.sessionFor(settings, transport);
  const token = await session.token();
  const glanceUrl = explicit
    ? glanceV2Url(explicit)
    : imageEndpoint(token.catalog, {
        region: target.region ?? settings.region,
        interface: settings.endpointType,
      });
  return { client: new ServiceClient(transport, session), glanceUrl, projectId: token.projectId };
}

function connectWithAccessKey(
  settings: AuthSettings,
  target: ImageServiceTarget,
  transport: Transport,
): ImageService {
  const key = accessKeyOf(settings, (name) => whereToSet(name, settings));
  const explicit = target.endpoint ?? settings.imageEndpoint;
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
    glanceUrl: glanceV2Url(explicit ?? imsUrl(region ?? "", settings.huaweiCloud)),
    projectId: key.projectId,
  };
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
      hint: `Set ${whereToSet("authUrl")}.`,
    });
  }
  return new ImageMemberError("ERR_MISSING_SETTING", "No cloud credentials are configured.", {
    hint:
      `Set openstack:authUrl or OS_AUTH_URL with a user and password or an application credential, or name a cloud of your clouds.yaml (${whereToSetCloud()}); ` +
      "for Huawei Cloud AK/SK, set HW_ACCESS_KEY, HW_SECRET_KEY, HW_REGION_NAME and HW_PROJECT_ID (or huaweicloud:accessKey, secretKey, region and projectId).",
  });
}
