/**
 * Values as the engine sends them to a plugin that accepts secrets: a secret arrives wrapped as
 * `{ "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value }`. The hooks
 * want the plain value; the engine marks an output secret again when the input of the same name was.
 */
const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

/** `value` with every secret wrapper replaced by what it wraps, at any depth. */
export function revealed(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(revealed);
  if (value === null || typeof value !== "object") return value;
  const record = value as Record<string, unknown>;
  if (record[SIG_KEY] === SECRET_SIG) return revealed(record.value);
  return Object.fromEntries(Object.entries(record).map(([key, inner]) => [key, revealed(inner)]));
}

/** {@link revealed} for a property map. */
export function revealedProps<T = Record<string, unknown>>(props: unknown): T {
  return (revealed(props ?? {}) ?? {}) as T;
}
