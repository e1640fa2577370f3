/**
 * One HTTP request/response pair as the handlers see it: the parsed request line, the body
 * when needed, and a single way to answer that also fills in the request log entry and the
 * request id headers.
 */
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";
import type { RequestRecord } from "./types";

/** Largest request body read (1 MiB); bigger ones are answered 413 by the server. */
export const MAX_BODY_BYTES = 1 << 20;

export class Exchange {
  /** Path without the query string, undecoded. */
  readonly path: string;
  /** Query string without `?` (empty when none). */
  readonly query: string;
  readonly method: string;
  /** Whether `send` was called (or the socket was destroyed). */
  done = false;
  /** The next answer is thrown away instead of sent. */
  private losingAnswer = false;
  private body?: Promise<Buffer | undefined>;

  constructor(
    readonly req: IncomingMessage,
    readonly res: ServerResponse,
    readonly record: RequestRecord,
    /** `req-<uuid>`. */
    readonly requestId: string,
    /** Extra headers for every response (e.g. IMS's `x-request-id`). */
    private readonly extraHeaders: OutgoingHttpHeaders | undefined,
  ) {
    const url = req.url ?? "/";
    const q = url.indexOf("?");
    this.path = q < 0 ? url : url.slice(0, q);
    this.query = q < 0 ? "" : url.slice(q + 1);
    this.method = req.method ?? "GET";
  }

  header(name: string): string | undefined {
    const v = this.req.headers[name];
    return Array.isArray(v) ? v.join(", ") : v;
  }

  /**
   * Answer. `withRequestId: false` leaves out `x-openstack-request-id` (Glance's 401 is sent
   * by the auth middleware before the request id is assigned).
   */
  send(status: number, headers: OutgoingHttpHeaders, body?: string | Buffer, withRequestId = true): void {
    if (this.done) return;
    if (this.losingAnswer) {
      this.losingAnswer = false;
      return;
    }
    this.done = true;
    this.record.status = status;
    const all: OutgoingHttpHeaders = withRequestId
      ? { ...headers, "x-openstack-request-id": this.requestId, ...this.extraHeaders }
      : { ...headers, ...this.extraHeaders };
    if (body !== undefined) all["content-length"] = Buffer.byteLength(body);
    this.res.writeHead(status, all);
    this.res.end(body);
  }

  /** Let the handler serve the request but throw its answer away (fault injection). */
  loseAnswer(): void {
    this.losingAnswer = true;
  }

  /** Destroy the connection without answering (fault injection). */
  reset(): void {
    if (this.done) return;
    this.done = true;
    this.record.status = 0;
    this.req.socket.destroy();
  }

  /**
   * Read the whole body; `undefined` when it is larger than `limit` (default {@link MAX_BODY_BYTES}).
   * Read once, with the first call's limit: a request served after its client left (a held one)
   * still has the body read while the client was there.
   */
  readBody(limit = MAX_BODY_BYTES): Promise<Buffer | undefined> {
    this.body ??= this.readStream(limit);
    return this.body;
  }

  private readStream(limit: number): Promise<Buffer | undefined> {
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let tooBig = false;
      this.req.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size > limit) tooBig = true;
        else chunks.push(chunk);
      });
      this.req.on("end", () => resolve(tooBig ? undefined : Buffer.concat(chunks, size)));
      this.req.on("error", reject);
    });
  }
}
