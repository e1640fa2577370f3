import { ImageMemberError } from "../errors";
import type { AuthSettings } from "./settings";

/** How requests are authenticated: a Keystone token got one of three ways, or Huawei AK/SK signing. */
export type AuthMethod = "password" | "application_credential" | "token" | "aksk";

/** clouds.yaml `auth_type` values (keystoneauth plugin names) this package supports. */
const AUTH_TYPES: Readonly<Record<string, AuthMethod>> = {
  password: "password",
  v3password: "password",
  token: "token",
  v3token: "token",
  v3applicationcredential: "application_credential",
  applicationcredential: "application_credential",
};

/**
 * The method the settings call for: `authType` when given, else the credentials present, in
 * this order: AK/SK, application credential secret, password, token. Undefined when there are
 * no credentials at all.
 */
export function authMethodOf(settings: AuthSettings): AuthMethod | undefined {
  if (settings.authType !== undefined) {
    const spelling = settings.authType.toLowerCase().replace(/_/g, "");
    // Own keys only: `constructor` is no auth type.
    if (Object.hasOwn(AUTH_TYPES, spelling)) return AUTH_TYPES[spelling];
    const from = settings.origin?.from.authType;
    throw new ImageMemberError(
      "ERR_INVALID_SETTING",
      `The auth_type${from ? ` (from ${from})` : ""} is not one this package supports.`,
      { hint: "Use password, token or v3applicationcredential (their v3 spellings too)." },
    );
  }
  if (settings.accessKey || settings.secretKey) return "aksk";
  if (settings.applicationCredentialSecret) return "application_credential";
  if (settings.password) return "password";
  if (settings.token) return "token";
  return undefined;
}
