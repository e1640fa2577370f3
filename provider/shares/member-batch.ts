/**
 * One call per member of a set, a bounded number at a time, and the outcome of each: the set's
 * hooks report what worked and what failed, never just the first failure.
 */
import { ImageMemberError, isImageMemberError } from "../errors";

/** Member calls in flight at once, per hook: enough to hide latency, few enough for Glance's workers. */
export const MEMBER_CALLS_IN_FLIGHT = 16;

export interface BatchOutcome<T> {
  done: Map<string, T>;
  failed: Map<string, unknown>;
}

export async function forEachMember<T>(
  memberIds: readonly string[],
  call: (memberId: string) => Promise<T>,
  inFlight = MEMBER_CALLS_IN_FLIGHT,
): Promise<BatchOutcome<T>> {
  const outcome: BatchOutcome<T> = { done: new Map(), failed: new Map() };
  let next = 0;
  const worker = async () => {
    while (next < memberIds.length) {
      const memberId = memberIds[next++];
      try {
        outcome.done.set(memberId, await call(memberId));
      } catch (e) {
        outcome.failed.set(memberId, e);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, memberIds.length) }, worker));
  return outcome;
}

/**
 * One line for many failures: the projects grouped by cause, each group with its own text. A
 * cause is the code and the message, with the project's own id and the request id set aside:
 * a quota or an outage fails hundreds of projects the same way and reads as one group (its
 * request ids listed), while a project refused for another reason is reported with its own.
 */
export function describeFailures(failed: Map<string, unknown>, imageId?: string): string {
  const groups = new Map<string, Failure[]>();
  for (const [memberId, e] of failed) {
    const failure = failureOf(memberId, e, imageId);
    const group = groups.get(failure.cause);
    if (group) group.push(failure);
    else groups.set(failure.cause, [failure]);
  }
  return [...groups.values()].map(describeGroup).join(" ");
}

/** One project's failure: its own text, and the cause it shares with others. */
interface Failure {
  memberId: string;
  /** `ERR_…: message`, as the error reads. */
  text: string;
  /** The text with the project's id as `<project>` and without the request id. */
  cause: string;
  requestId?: string;
}

/** With `imageId`, which the set's summary names, shown as `<image>` in each failure's text. */
function failureOf(memberId: string, e: unknown, imageId?: string): Failure {
  const text = imageId === undefined ? textOf(e) : withPlaceholder(textOf(e), imageId, "<image>");
  const requestId = requestIdOf(e);
  const withoutRequestId = requestId === undefined ? text : text.replace(`; request id ${requestId}`, "");
  return { memberId, text, cause: withPlaceholder(withoutRequestId, memberId, "<project>"), requestId };
}

function describeGroup(failures: Failure[]): string {
  const [first] = failures;
  if (failures.length === 1) return `${first.memberId}: ${first.text}`;
  const requestIds = failures.map((f) => f.requestId).filter((id): id is string => id !== undefined);
  return `${listed(failures.map((f) => f.memberId).sort())}: ${withRequestIds(first.cause, requestIds)}`;
}

/** The group's request ids where one error's would be: inside the exchange that closes its line. */
function withRequestIds(cause: string, requestIds: string[]): string {
  if (requestIds.length === 0) return cause;
  const ids = `request ids ${listed(requestIds)}`;
  return cause.endsWith(")") ? `${cause.slice(0, -1)}; ${ids})` : `${cause} (${ids})`;
}

/**
 * `text` with `id` (as written, and percent-encoded as in a URL) shown as `placeholder`, where it
 * stands as a word of its own: a short id is not replaced inside other words.
 */
function withPlaceholder(text: string, id: string, placeholder: string): string {
  let masked = text;
  for (const form of new Set([id, percentEncoded(id)])) {
    const escaped = form.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    masked = masked.replace(
      new RegExp(`(?<![\\p{L}\\p{N}_.-])${escaped}(?![\\p{L}\\p{N}_-])`, "gu"),
      placeholder,
    );
  }
  return masked;
}

/** As in a URL path; a string that cannot be encoded (a lone surrogate) as it is. */
function percentEncoded(id: string): string {
  try {
    return encodeURIComponent(id);
  } catch {
    return id;
  }
}

function requestIdOf(e: unknown): string | undefined {
  if (!isImageMemberError(e)) return undefined;
  const { requestId } = e as { requestId?: unknown };
  return typeof requestId === "string" && requestId !== "" ? requestId : undefined;
}

/**
 * The error of a set whose calls failed in part: the count and what to do first, then each cause
 * with its projects (where one error's exchange would be). With `properties`, the dynamic-provider
 * host hands the engine that state along with the error (a "partial failure"), so state records
 * the shares that exist; the next `pulumi up` retries the rest.
 */
export class SomeSharesFailed extends ImageMemberError {
  readonly id?: string;
  readonly properties?: Record<string, unknown>;

  constructor(
    summary: string,
    hint: string,
    failed: Map<string, unknown>,
    /** The set's image, which `summary` names: `<image>` in the failures' texts. */
    imageId: string,
    /** The resource id and the outputs to record, when some shares exist. */
    recorded?: { id: string; properties: Record<string, unknown> },
  ) {
    super("ERR_SOME_SHARES_FAILED", summary, { hint }, describeFailures(failed, imageId));
    this.id = recorded?.id;
    this.properties = recorded?.properties;
  }
}

function textOf(e: unknown): string {
  if (isImageMemberError(e)) return `${e.code}: ${e.message}`;
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

function listed(memberIds: string[]): string {
  const shown = memberIds.slice(0, 3).join(", ");
  return memberIds.length > 3 ? `${shown} and ${memberIds.length - 3} more` : shown;
}
