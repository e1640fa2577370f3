/**
 * Values as the engine sends them to a plugin that accepts secrets: a secret arrives wrapped as
 * `{ "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value }`. The hooks
 * want the plain value; what the plugin answers is wrapped again where it must stay secret
 * (./kept-secrets), since the engine does not do that for a plugin that accepts secrets.
 */
const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

/** `value` with every secret wrapper replaced by what it wraps, at any depth. */
export function revealed(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(revealed);
  if (value === null || typeof value !== "object") return value;
  const record = value as Record<string, unknown>;
  if (isSecret(record)) return revealed(record.value);
  return Object.fromEntries(Object.entries(record).map(([key, inner]) => [key, revealed(inner)]));
}

/** {@link revealed} for a property map. */
export function revealedProps<T = Record<string, unknown>>(props: unknown): T {
  return (revealed(props ?? {}) ?? {}) as T;
}

/** Whether `value` is a secret wrapper. */
export function isSecret(value: unknown): boolean {
  return (
    typeof value === "object" && value !== null && (value as Record<string, unknown>)[SIG_KEY] === SECRET_SIG
  );
}

/** Whether `value` is, or holds at any depth, a secret. */
export function holdsSecret(value: unknown): boolean {
  if (isSecret(value)) return true;
  if (value === null || typeof value !== "object") return false;
  return Object.values(value).some(holdsSecret);
}

/** `value` as a secret, wrapped once (its inner wrappers dropped). */
export function asSecret(value: unknown): Record<string, unknown> {
  return { [SIG_KEY]: SECRET_SIG, value: revealed(value) };
}
/** The plain text of every secret `value` holds (strings, and the strings inside secret maps and lists). */
export function secretTexts(value: unknown, inSecret = false): string[] {
  if (typeof value === "string") return inSecret ? [value] : [];
  if (value === null || typeof value !== "object") return [];
  if (isSecret(value)) return secretTexts((value as { value?: unknown }).value, true);
  if (Array.isArray(value)) return value.flatMap((v) => secretTexts(v, inSecret));
  // A secret map's keys are secret too (an ImageMemberSet's `members` are project ids).
  return Object.entries(value).flatMap(([key, v]) => [
    ...(inSecret ? [key] : []),
    ...secretTexts(v, inSecret),
  ]);
}
