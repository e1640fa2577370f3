import { ImageMemberError } from "../errors";
import { ServiceClient } from "../http/service-client";
import type { Transport } from "../http/transport";
import { glanceV2Url, imageEndpoint } from "./catalog";
import { SessionPool, StaticTokenAuthorizer } from "./session";
import { whereToSet, type AuthSettings } from "./settings";

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

export async function connectImageService(
  settings: AuthSettings,
  target: ImageServiceTarget,
  transport: Transport,
  sessions: SessionPool,
): Promise<ImageService> {
  const explicit = target.endpoint ?? settings.imageEndpoint;
  if (settings.token && !settings.authUrl) {
    if (!explicit) {
      throw new ImageMemberError("ERR_MISSING_SETTING", "A bare token needs the image endpoint it is for.", {
        hint: `Give the resource an endpoint, or set ${whereToSet("imageEndpoint")} or openstack:endpointOverrides, or set ${whereToSet("authUrl")} so the catalog can be read.`,
      });
    }
    return {
      client: new ServiceClient(transport, new StaticTokenAuthorizer(settings.token)),
      glanceUrl: glanceV2Url(explicit),
    };
  }
  if (!settings.authUrl) {
    throw new ImageMemberError("ERR_MISSING_SETTING", "No OpenStack credentials are configured.", {
      hint: `Set ${whereToSet("authUrl")} with a user and password or an application credential, or ${whereToSet("token")} with an endpoint.`,
    });
  }
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
