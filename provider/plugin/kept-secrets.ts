/**
 * What the program marks secret comes back secret. The plugin accepts secrets (the SDK's server
 * says so at Configure), so the engine sends secret properties wrapped and, unlike for a provider
 * that does not accept them, does not mark the answer's properties again: whatever the hooks
 * return plain would be stored in plain text. So each answer (check's inputs, the outputs of
 * create, update and read, and the state a partial failure records) is marked here:
 *
 * - a property is secret when the request's property of the same name holds a secret; for two
 *   maps, key by key, as the engine's own `annotateSecrets` does for other providers;
 * - an output computed from a secret input is secret as a whole (an ImageMemberSet's `shares` and
 *   `members` are keyed by the project ids; `glanceUrl` is the endpoint input, normalised).
 */
import { recordedIdOf } from "../resource/resource-ids";
import { hidingSecrets } from "../hidden-text";
import { asSecret, holdsSecret, isSecret, secretTexts } from "./revealed-values";
import { TOKENS } from "./schema";

type Props = Record<string, unknown>;

/** Per resource type: input → the outputs computed from it. */
const DERIVED = new Map<string, Readonly<Record<string, readonly string[]>>>([
  [TOKENS.imageMember, { endpoint: ["glanceUrl"] }],
  [TOKENS.imageMemberAcceptance, { endpoint: ["glanceUrl"] }],
  [
    TOKENS.imageMemberSet,
    { memberIds: ["members", "shares"], members: ["members", "shares"], endpoint: ["glanceUrl"] },
  ],
]);

/** `answer` with what `request` holds secret, and what is computed from it, marked secret. */
export function withSecretsOf(token: string, answer: Props, request: unknown): Props {
  if (!isMap(answer) || !holdsSecret(request)) return answer;
  const marked = sameNamedSecrets(answer, request as Props);
  const derived = DERIVED.get(token) ?? {};
  for (const [input, outputs] of Object.entries(derived)) {
    if (!Object.hasOwn(request as Props, input) || !holdsSecret((request as Props)[input])) continue;
    for (const output of outputs) {
      if (Object.hasOwn(marked, output) && !isSecret(marked[output]))
        marked[output] = asSecret(marked[output]);
    }
  }
  return marked;
}

/**
 * The id to record for a resource created from `request`: an id that holds a secret text of the
 * request is recorded as its hash, as the dynamic provider's (../resource/resource-ids).
 */
export function recordedId(id: string, request: unknown): string {
  const secrets = secretTexts(request);
  return recordedIdOf(
    id,
    secrets.some((secret) => secret !== "" && id.includes(secret)),
  );
}

/**
 * A hook's error for this request, with the state it carries (a partial failure's, which the
 * engine records) marked as {@link withSecretsOf} marks an answer.
 */
export function withSecretStateOf(token: string, e: unknown, request: unknown): unknown {
  const state = (e as { properties?: unknown } | null)?.properties;
  if (typeof state !== "object" || state === null) return e;
  (e as { properties: Props }).properties = withSecretsOf(token, state as Props, request);
  const { id } = e as { id?: unknown };
  if (typeof id === "string") (e as { id: string }).id = recordedId(id, request);
  return e;
}

/** The engine's rule: same name, maps key by key, anything else secret as a whole. */
function sameNamedSecrets(answer: Props, request: Props): Props {
  const marked = new Map(Object.entries(answer));
  for (const [key, value] of marked) {
    if (!Object.hasOwn(request, key) || isSecret(value)) continue;
    const asked = request[key];
    if (!holdsSecret(asked)) continue;
    const bothMaps = isMap(value) && isMap(asked) && !isSecret(asked);
    marked.set(key, bothMaps ? sameNamedSecrets(value as Props, asked as Props) : asSecret(value));
  }
  return Object.fromEntries(marked);
}

function isMap(value: unknown): boolean {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Runs a hook for `request`, so that what it throws keeps the request's secrets: the state a
 * partial failure records is marked ({@link withSecretStateOf}), and no secret text appears in
 * what the engine prints (the message, the stack it writes on stderr, a partial failure's reasons).
 */
export async function keepingSecrets<R>(token: string, request: unknown, hook: () => Promise<R>): Promise<R> {
  try {
    return await hook();
  } catch (e) {
    throw withoutSecretTexts(withSecretStateOf(token, e, request), secretTexts(request));
  }
}

function withoutSecretTexts(e: unknown, secrets: readonly string[]): unknown {
  if (secrets.length === 0 || typeof e !== "object" || e === null) return e;
  const error = e as { message?: unknown; stack?: unknown; reasons?: unknown };
  if (typeof error.message === "string") error.message = hidingSecrets(error.message, secrets);
  if (typeof error.stack === "string") error.stack = hidingSecrets(error.stack, secrets);
  if (Array.isArray(error.reasons))
    error.reasons = error.reasons.map((r) => (typeof r === "string" ? hidingSecrets(r, secrets) : r));
  return e;
}
