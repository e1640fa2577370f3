/**
 * An undici Agent that remembers what it sent: method, path, the token header and the body, so
 * tests can say which identity's token each request carried and how each token was asked for.
 */
import { Agent, type Dispatcher } from "undici";

export interface SentRequest {
  method: string;
  path: string;
  /** `x-auth-token`, when sent. */
  token?: string;
  headers: Record<string, string>;
  body?: string;
}

export class RecordingAgent extends Agent {
  readonly sent: SentRequest[] = [];

  override dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
    const headers = headerRecord(options.headers);
    this.sent.push({
      method: options.method,
      path: options.path.split("?")[0],
      token: headers["x-auth-token"],
      headers,
      body: typeof options.body === "string" ? options.body : undefined,
    });
    return super.dispatch(options, handler);
  }

  /** The token requests, as `POST password`, `POST token`, `GET` (validation) … */
  tokenRequests(): string[] {
    return this.sent
      .filter((r) => r.path.endsWith("/auth/tokens"))
      .map((r) => {
        if (r.method !== "POST") return r.method;
        const auth = JSON.parse(r.body ?? "{}").auth ?? {};
        const scope = auth.scope ? ` scope=${Object.keys(auth.scope)[0]}` : "";
        return `POST ${auth.identity?.methods?.join(",")}${scope}`;
      });
  }
}

function headerRecord(headers: Dispatcher.DispatchOptions["headers"]): Record<string, string> {
  const record: Record<string, string> = {};
  if (!headers) return record;
  if (Array.isArray(headers)) {
    for (let i = 0; i + 1 < headers.length; i += 2)
      record[String(headers[i]).toLowerCase()] = String(headers[i + 1]);
    return record;
  }
  for (const [name, value] of Object.entries(headers as Record<string, unknown>)) {
    if (value !== undefined) record[name.toLowerCase()] = String(value);
  }
  return record;
}
