import type { AuthSettings, KeystoneAuthType } from "./settings";

/** How requests are authenticated: a Keystone token got one of three ways, or Huawei AK/SK signing. */
export type AuthMethod = "password" | "application_credential" | "token" | "aksk";

/** clouds.yaml `auth_type` values (keystoneauth plugin names) this package supports. */
const AUTH_TYPES: Readonly<Record<string, KeystoneAuthType>> = {
  password: "password",
  v3password: "password",
  token: "token",
  v3token: "token",
  v3applicationcredential: "application_credential",
  applicationcredential: "application_credential",
};

/** The Keystone method an `auth_type` names (`v3password`, `v3_token`, …), or undefined. */
export function keystoneAuthTypeOf(text: string): KeystoneAuthType | undefined {
  const spelling = text.toLowerCase().replace(/_/g, "");
  // Own keys only: `constructor` is no auth type.
  return Object.hasOwn(AUTH_TYPES, spelling) ? AUTH_TYPES[spelling] : undefined;
}

/**
 * The method the settings call for: `authType` when given (parsed, and refused when unknown, as
 * the settings are resolved), else the credentials present, in this order: AK/SK, application
 * credential secret, password, token. Undefined when there are no credentials at all.
 */
export function authMethodOf(settings: AuthSettings): AuthMethod | undefined {
  if (settings.authType !== undefined) return settings.authType;
  if (settings.accessKey || settings.secretKey) return "aksk";
  if (settings.applicationCredentialSecret) return "application_credential";
  if (settings.password) return "password";
  if (settings.token) return "token";
  return undefined;
}
