/** The log of requests a local cloud received, bounded so long benchmarks keep a flat memory. */
import type { RequestRecord } from "./types";

export class RequestLog {
  /** Oldest first; always the same array, so references handed out stay live. */
  readonly entries: RequestRecord[] = [];

  constructor(private readonly limit: number) {}

  add(record: RequestRecord): void {
    if (this.limit <= 0) return;
    this.entries.push(record);
    // trim in batches of 10 % so the cost per request stays O(1) amortised
    if (this.entries.length > this.limit + Math.max(1, Math.floor(this.limit / 10))) {
      this.entries.splice(0, this.entries.length - this.limit);
    }
  }

  clear(): void {
    this.entries.length = 0;
  }
}
