/** Identifier formats of the services the local cloud imitates. */
import { randomBytes, randomUUID } from "node:crypto";

/** A Keystone object id: 32 lowercase hex characters (a uuid4 without dashes). */
export function keystoneId(): string {
  return randomUUID().replace(/-/g, "");
}

/** A Glance image id: a dashed uuid4. */
export function imageUuid(): string {
  return randomUUID();
}

/** The value of `x-openstack-request-id`: `req-<uuid>`. */
export function requestId(): string {
  return "req-" + randomUUID();
}

/** An opaque bearer token, shaped like a Keystone Fernet token (`gAAAAAB…`). */
export function opaqueToken(): string {
  return "gAAAAAB" + randomBytes(96).toString("base64url");
}

/** A Keystone audit id: 22 url-safe base64 characters. */
export function auditId(): string {
  return randomBytes(16).toString("base64url");
}

/** An application credential secret, 86 url-safe base64 characters like Keystone's. */
export function credentialSecret(): string {
  return randomBytes(64).toString("base64url");
}
