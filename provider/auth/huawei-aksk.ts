import { ImageMemberError } from "../errors";
import { sdkDate, signRequest } from "../http/sdk-hmac-sha256";
import type { Authorizer } from "../http/service-client";
import { withHeaders, type HttpRequest } from "../http/transport";

/** A Huawei Cloud access key and what signed requests act for. */
export interface HuaweiAccessKey {
  accessKey: string;
  secretKey: string;
  /** Present for a temporary access key. */
  securityToken?: string;
  /** Project of a regional service such as IMS, sent as `X-Project-Id`. */
  projectId: string;
}

/**
 * Signs every request with an AK/SK (`SDK-HMAC-SHA256`): no token is requested, and nothing can be
 * renewed, since a signature cannot expire while it is fresh. The signature covers `Host`,
 * `X-Sdk-Date`, `X-Project-Id` and, for temporary keys, `X-Security-Token`; the body is hashed as
 * the transport sends it (JSON).
 */
export class AccessKeySigner implements Authorizer {
  constructor(
    private readonly key: HuaweiAccessKey,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async authorize(req: HttpRequest): Promise<HttpRequest> {
    const headers: Record<string, string> = {
      ...req.headers,
      host: new URL(req.url).host,
      "x-sdk-date": sdkDate(this.now()),
      "x-project-id": this.key.projectId,
    };
    if (this.key.securityToken) headers["x-security-token"] = this.key.securityToken;
    const body = req.body === undefined ? "" : JSON.stringify(req.body);
    const { authorization } = signRequest({ method: req.method, url: req.url, headers, body }, this.key);
    headers.authorization = authorization;
    return withHeaders(req, headers);
  }

  async renew(): Promise<boolean> {
    return false;
  }
}

/** The access key the settings hold; names every missing part and where it can be set. */
export function accessKeyOf(
  settings: {
    accessKey?: string;
    secretKey?: string;
    securityToken?: string;
    projectId?: string;
  },
  whereToSet: (name: "accessKey" | "secretKey" | "projectId") => string,
): HuaweiAccessKey {
  const { accessKey, secretKey, securityToken, projectId } = settings;
  if (!accessKey) throw missing("accessKey", "with the secret key", whereToSet);
  if (!secretKey) throw missing("secretKey", "with the access key", whereToSet);
  if (!projectId) throw missing("projectId", "for AK/SK signing (IMS is a regional service)", whereToSet);
  return { accessKey, secretKey, securityToken, projectId };
}

function missing(
  name: "accessKey" | "secretKey" | "projectId",
  why: string,
  whereToSet: (name: "accessKey" | "secretKey" | "projectId") => string,
): ImageMemberError {
  return new ImageMemberError("ERR_MISSING_SETTING", `Missing setting ${name} ${why}.`, {
    hint: `Set ${whereToSet(name)}.`,
  });
}
