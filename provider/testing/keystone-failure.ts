/** An error answer of the local Keystone; not an `Error` (no stack: these are ordinary outcomes). */
import { KEYSTONE_UNAUTHORIZED } from "./error-bodies";

export class KeystoneFailure {
  constructor(
    readonly status: number,
    readonly message: string,
    readonly extra?: Record<string, unknown>,
  ) {}
}

export const unauthorized = (message = KEYSTONE_UNAUTHORIZED, extra?: Record<string, unknown>) =>
  new KeystoneFailure(401, message, extra);

/** Keystone's policy refusal: `403 You are not authorized to perform the requested action: <rule>.` */
export const forbidden = (rule: string) =>
  new KeystoneFailure(403, `You are not authorized to perform the requested action: ${rule}.`);
