import {
  Transport,
  unexpectedStatus,
  type HttpMethod,
  type HttpRequest,
  type HttpResponse,
} from "./transport";

/** Makes requests acceptable to a service: a token header, or a signature over the request. */
export interface Authorizer {
  authorize(req: HttpRequest): Promise<HttpRequest>;
  /**
   * The server answered 401 to `rejected`. Get fresh credentials if that can help, and say whether
   * one more attempt is worth making.
   */
  renew(rejected: HttpRequest): Promise<boolean>;
}

export interface ServiceCall {
  method: HttpMethod;
  url: string;
  body?: unknown;
  /** The statuses this call treats as answers; any other raises an HttpError. */
  expect: readonly number[];
}

/** One authenticated API: every call is authorized, renewed once on a 401, and checked for its status. */
export class ServiceClient {
  constructor(
    readonly transport: Transport,
    readonly authorizer: Authorizer,
  ) {}

  async call(call: ServiceCall): Promise<HttpResponse> {
    const plain: HttpRequest = { method: call.method, url: call.url, body: call.body };
    let req = await this.authorizer.authorize(plain);
    let res = await this.transport.send(req);
    if (res.status === 401 && !call.expect.includes(401) && (await this.authorizer.renew(req))) {
      const rejected = res;
      req = await this.authorizer.authorize(plain);
      res = await this.transport.send(req);
      // One request to the caller: its attempts, and what is known of them, span the renewal.
      res = {
        ...res,
        attempts: rejected.attempts + res.attempts,
        earlierOutcomeUnknown: rejected.earlierOutcomeUnknown || res.earlierOutcomeUnknown,
      };
    }
    if (!call.expect.includes(res.status)) throw unexpectedStatus(req, res);
    return res;
  }
}
