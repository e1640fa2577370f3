/**
 * Fault injection: an ordered list of rules matched on method and path, each good for a
 * number of requests, plus a latency added to every request, and the requests `hold` rules keep
 * until they are released.
 */
import type { FaultControls, FaultRule } from "./types";

interface ActiveRule extends FaultRule {
  remaining: number;
}

/** A held request: carries it out, its answer thrown away. */
export type HeldRequest = () => Promise<void>;

export class FaultInjector implements FaultControls {
  private rules: ActiveRule[] = [];
  private latencyMs = 0;
  private readonly heldRequests: HeldRequest[] = [];

  add(rule: FaultRule): void {
    const times = rule.times ?? 1;
    if (!(times > 0)) throw new RangeError(`fault rule times must be > 0, got ${times}`);
    if (
      rule.status !== undefined &&
      (!Number.isInteger(rule.status) || rule.status < 100 || rule.status > 599)
    ) {
      throw new RangeError(`fault rule status must be an HTTP status, got ${rule.status}`);
    }
    if (rule.hang && (rule.status !== undefined || rule.reset || rule.hold)) {
      throw new RangeError("fault rule hang sends no answer: it cannot go with status, reset or hold");
    }
    if (rule.hold && rule.afterServing) {
      throw new RangeError("fault rule hold serves the request later: it cannot go with afterServing");
    }
    this.rules.push({ ...rule, method: rule.method?.toUpperCase(), remaining: times });
  }

  setLatency(ms: number): void {
    if (!(ms >= 0)) throw new RangeError(`latency must be >= 0, got ${ms}`);
    this.latencyMs = ms;
  }

  clear(): void {
    this.rules = [];
    this.latencyMs = 0;
  }

  get held(): number {
    return this.heldRequests.length;
  }

  /** Keeps a request for {@link releaseHeld}. */
  hold(request: HeldRequest): void {
    this.heldRequests.push(request);
  }

  async releaseHeld(): Promise<number> {
    const released = this.heldRequests.splice(0);
    for (const request of released) await request();
    return released.length;
  }

  /** Forget the held requests without carrying them out (the server is closing). */
  dropHeld(): void {
    this.heldRequests.length = 0;
  }

  /** Delay every request gets (milliseconds). */
  get latency(): number {
    return this.latencyMs;
  }

  /**
   * The first rule matching the request, with one of its uses taken (rules used up are
   * dropped). A string `path` matches as a prefix, a RegExp is tested.
   */
  take(method: string, path: string): FaultRule | undefined {
    if (this.rules.length === 0) return undefined;
    for (let i = 0; i < this.rules.length; i++) {
      const rule = this.rules[i];
      if (rule.method !== undefined && rule.method !== method) continue;
      if (rule.path !== undefined) {
        if (typeof rule.path === "string" ? !path.startsWith(rule.path) : !testRegExp(rule.path, path))
          continue;
      }
      rule.remaining -= 1;
      if (rule.remaining <= 0) this.rules.splice(i, 1);
      return rule;
    }
    return undefined;
  }
}

function testRegExp(re: RegExp, path: string): boolean {
  re.lastIndex = 0; // a /g or /y RegExp keeps state between calls
  return re.test(path);
}
