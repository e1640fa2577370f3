/**
 * One Glance v2 API (one region's image store) behind an image endpoint: version
 * negotiation, token validation against the local Keystone (keystonemiddleware with
 * `delay_auth_decision`, then Glance's context middleware), routing, and error rendering
 * (webob pages for `glance`, IMS / API gateway JSON for `ims`).
 */
import type { Exchange } from "./exchange";
import { apigError, type Body, defaultExplanation, imsError, webobError } from "./error-bodies";
import { type Caller, GlanceError, type GlanceSettings, pathParam } from "./glance-context";
import { ImageActionsController, isImageAction } from "./glance-image-actions";
import { ImageDataController, type RawAnswer } from "./glance-image-data";
import { ImageTagsController } from "./glance-image-tags";
import { ImagesController } from "./glance-images";
import { GLANCE_SCHEMAS } from "./glance-schemas";
import { type Answer, MembersController } from "./glance-members";
import type { ImageStore } from "./image-store";
import { pythonJson } from "./python-json";
import type { TokenStore } from "./tokens";

const VERSIONED = /^\/v2(?:\.\d+)?(\/.*)?$/;
const VERSION_IDS = ["v2.15", "v2.9", "v2.7", "v2.6", "v2.5", "v2.4", "v2.3", "v2.2", "v2.1", "v2.0"];

export class GlanceApi {
  private readonly images: ImagesController;
  private readonly members: MembersController;
  private readonly data: ImageDataController;
  private readonly tags: ImageTagsController;
  private readonly actions: ImageActionsController;

  constructor(
    readonly store: ImageStore,
    private readonly tokens: TokenStore,
    private readonly settings: GlanceSettings,
    /** Keystone root URL, for `WWW-Authenticate` on 401 (known once the server listens). */
    private readonly keystoneUri: () => string,
  ) {
    this.images = new ImagesController(store, settings);
    this.members = new MembersController(store, settings);
    this.data = new ImageDataController(store, settings);
    this.tags = new ImageTagsController(store, settings);
    this.actions = new ImageActionsController(store, settings);
  }

  /**
   * Serve a request whose path, after the endpoint's base, is `subpath`.
   * @param rootUrl absolute URL of the endpoint's Glance root (no `/v2`), for links.
   */
  async handle(ex: Exchange, subpath: string, rootUrl: string): Promise<void> {
    const m = VERSIONED.exec(subpath);
    if (!m) {
      this.sendVersions(ex, subpath === "/versions" ? 200 : 300, rootUrl);
      return;
    }
    const token = this.tokens.valid(ex.header("x-auth-token"));
    if (!token) {
      this.sendUnauthorized(ex);
      return;
    }
    const caller: Caller = { projectId: token.projectId ?? null, isAdmin: token.isAdmin };
    try {
      const answer = await this.route(ex, caller, m[1] ?? "", rootUrl);
      if ("raw" in answer) {
        ex.send(answer.raw.status, answer.raw.headers, answer.raw.body);
      } else if (answer.status === 204 || answer.body === undefined) {
        ex.send(answer.status, answer.headers ?? {}, "");
      } else {
        const json = pythonJson(answer.body, false);
        ex.send(answer.status, { "content-type": "application/json", ...answer.headers }, json);
      }
    } catch (e) {
      if (!(e instanceof GlanceError)) throw e;
      this.sendError(ex, e);
    }
  }

  /** Render an error the way this flavour does. */
  errorBody(ex: Exchange, status: number, explanation?: string, detail = "", rawBody?: string): Body {
    if (this.settings.flavour === "ims") {
      const message = explanation ?? (detail || defaultExplanation(status));
      return status === 401 ? apigError(status, message) : imsError(status, message);
    }
    return webobError(status, ex.header("accept"), explanation, detail, rawBody);
  }

  private async route(
    ex: Exchange,
    caller: Caller,
    path: string,
    rootUrl: string,
  ): Promise<(Answer & { headers?: Record<string, string> }) | { raw: RawAnswer }> {
    const parts = path.split("/"); // ["", "images", id, "members", member]
    const method = ex.method;
    if (parts[1] === "schemas" && parts.length === 3 && method === "GET") {
      const schema = GLANCE_SCHEMAS.get(parts[2]);
      if (schema !== undefined) {
        return { raw: { status: 200, headers: { "content-type": "application/json" }, body: schema } };
      }
    }
    if (parts[1] === "images") {
      if (parts.length === 2) {
        if (method === "GET") return this.images.index(ex, caller);
        if (method === "POST") return this.images.create(ex, caller, rootUrl);
        throw notAllowed(method, "GET, POST");
      }
      const imageId = pathParam(parts[2]);
      if (parts.length === 3 && imageId !== "") {
        if (method === "GET") return this.images.show(ex, caller, imageId);
        if (method === "PATCH") return this.images.update(ex, caller, imageId);
        if (method === "DELETE") return this.images.delete(ex, caller, imageId);
        throw notAllowed(method, "GET, PATCH, DELETE");
      }
      if (parts[3] === "file" && parts.length === 4 && imageId !== "") {
        if (method === "PUT") return { raw: await this.data.upload(ex, caller, imageId) };
        if (method === "GET") return { raw: this.data.download(caller, imageId) };
        throw notAllowed(method, "GET, PUT");
      }
      const action = parts[4] ?? "";
      if (parts[3] === "actions" && parts.length === 5 && imageId !== "" && isImageAction(action)) {
        if (method === "POST") return { raw: this.actions.run(ex, caller, imageId, action) };
        throw notAllowed(method, "POST");
      }
      const tag = pathParam(parts[4] ?? "");
      if (parts[3] === "tags" && parts.length === 5 && imageId !== "" && tag !== "") {
        if (method === "PUT") return { raw: this.tags.add(ex, caller, imageId, tag) };
        if (method === "DELETE") return { raw: this.tags.remove(ex, caller, imageId, tag) };
        throw notAllowed(method, "PUT, DELETE");
      }
      if (parts[3] === "members" && imageId !== "") {
        if (parts.length === 4) {
          if (method === "GET") return this.members.index(ex, caller, imageId);
          if (method === "POST") return this.members.create(ex, caller, imageId);
          throw notAllowed(method, "GET, POST");
        }
        const memberId = pathParam(parts[4]);
        if (parts.length === 5 && memberId !== "") {
          if (method === "GET") return this.members.show(ex, caller, imageId, memberId);
          if (method === "PUT") return this.members.update(ex, caller, imageId, memberId);
          if (method === "DELETE") return this.members.delete(ex, caller, imageId, memberId);
          throw notAllowed(method, "GET, PUT, DELETE");
        }
      }
    }
    throw new GlanceError(404);
  }

  private sendError(ex: Exchange, e: GlanceError): void {
    const { contentType, body } = this.errorBody(ex, e.status, e.explanation, e.detail, e.rawBody);
    ex.send(e.status, { "content-type": contentType, ...e.headers }, body);
  }

  /** 401 from the auth middleware: no request id, a `WWW-Authenticate` challenge. */
  private sendUnauthorized(ex: Exchange): void {
    const { contentType, body } = this.errorBody(ex, 401);
    ex.send(
      401,
      { "content-type": contentType, "www-authenticate": `Keystone uri="${this.keystoneUri()}"` },
      body,
      false,
    );
  }

  private sendVersions(ex: Exchange, status: number, rootUrl: string): void {
    const href = `${rootUrl}/v2/`;
    const versions = VERSION_IDS.map((id, i) => ({
      id,
      status: i === 0 ? "CURRENT" : "SUPPORTED",
      links: [{ rel: "self", href }],
    }));
    ex.send(status, { "content-type": "application/json" }, pythonJson({ versions }), false);
  }
}

function notAllowed(method: string, allowed: string): GlanceError {
  return new GlanceError(
    405,
    undefined,
    "",
    { allow: allowed },
    `The method ${method} is not allowed for this resource. <br /><br />\n`,
  );
}
