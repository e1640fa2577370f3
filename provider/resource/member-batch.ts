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
 * One line for many failures: the projects grouped by error code, each group with the first
 * error's text (a quota or an outage fails hundreds of projects the same way).
 */
export function describeFailures(failed: Map<string, unknown>): string {
  const groups = new Map<string, { memberIds: string[]; text: string }>();
  for (const [memberId, e] of failed) {
    const code = isImageMemberError(e) ? e.code : "error";
    const group = groups.get(code) ?? { memberIds: [], text: textOf(e) };
    group.memberIds.push(memberId);
    groups.set(code, group);
  }
  return [...groups.values()].map((g) => `${listed(g.memberIds)}: ${g.text}`).join(" ");
}

/**
 * The error of a set whose calls failed in part. With `state`, the dynamic-provider host hands the
 * engine that state along with the error (a "partial failure"), so state records the shares that
 * exist; the next `pulumi up` retries the rest.
 */
export class SomeSharesFailed extends ImageMemberError {
  constructor(
    message: string,
    hint: string,
    /** The resource id and the outputs to record, when some shares exist. */
    readonly id?: string,
    readonly properties?: Record<string, unknown>,
  ) {
    super("ERR_SOME_SHARES_FAILED", message, { hint });
  }
}

function textOf(e: unknown): string {
  if (isImageMemberError(e)) return `${e.code}: ${e.message}`;
  return e instanceof Error ? e.message : String(e);
}

function listed(memberIds: string[]): string {
  const shown = memberIds.slice(0, 3).join(", ");
  return memberIds.length > 3 ? `${shown} and ${memberIds.length - 3} more` : shown;
}
