/**
 * Secret values in a stack export. The engine writes a secret as `{ SIG: SECRET, ciphertext }`, or,
 * exported with `--show-secrets`, as `{ SIG: SECRET, plaintext: "<JSON>" }`; `pulumi stack import`
 * encrypts plaintext ones again. Recovery reads a secret only where it must (an id is made of
 * `imageId` and `memberId`, a set's shares of its `members`) and writes it back as a secret.
 */
import { ImageMemberError } from "../errors";
import { isRecord, malformed } from "./stack-export";

const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

/** A value as recovery computes with it: plain, and whether the export held it as a secret. */
export interface Revealed {
  value: unknown;
  secret: boolean;
}

export function isSecret(value: unknown): value is Record<string, unknown> {
  return isRecord(value) && value[SIG_KEY] === SECRET_SIG;
}

/**
 * The plain value of `value`, the property `name` of `urn`. A secret held encrypted is refused
 * (ERR_RECOVERY_REFUSED): recovery cannot decrypt it, and guessing would lose the share.
 */
export function reveal(value: unknown, urn: string, name: string): Revealed {
  if (!isSecret(value)) return { value, secret: false };
  if (typeof value.plaintext === "string")
    return { value: parsePlaintext(value.plaintext, urn, name), secret: true };
  if (typeof value.ciphertext === "string") throw encrypted(urn, name);
  throw malformed(`the secret ${name} of ${urn} has neither plaintext nor ciphertext`);
}

/** `value` written back as the export held it: a secret (plaintext, for import to encrypt) or plain. */
export function sealed(value: unknown, secret: boolean): unknown {
  return secret ? { [SIG_KEY]: SECRET_SIG, plaintext: JSON.stringify(value) } : value;
}

function parsePlaintext(text: string, urn: string, name: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw malformed(`the secret ${name} of ${urn} is not JSON`);
  }
}

function encrypted(urn: string, name: string): ImageMemberError {
  return new ImageMemberError(
    "ERR_RECOVERY_REFUSED",
    `The ${name} of ${urn} is a secret, encrypted in this export, and recovery needs it to name the shares the run may have made. Nothing was changed.`,
    {
      hint: "Run `pulumi-image-member-recover --stack <name>` (it exports with the secrets shown and imports without a file), or give it `pulumi stack export --show-secrets` and delete both files after the import.",
    },
  );
}

/** Whether `value` holds a secret in plaintext anywhere (an export taken with `--show-secrets`). */
export function hasPlaintextSecrets(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hasPlaintextSecrets);
  if (!isRecord(value)) return false;
  if (isSecret(value)) return typeof value.plaintext === "string";
  return Object.values(value).some(hasPlaintextSecrets);
}
