/**
 * The Keystone v3 reads the OpenStack clients make around a call (`openstack image add project`
 * looks the project up first): `GET /v3/projects/{id}`, `/v3/projects`, `/v3/users/{id}`,
 * `/v3/users/{id}/projects`, `/v3/auth/projects` and `/v3/auth/domains`, under Keystone's
 * default policies: a user reads its own project and user, only an admin reads the others or
 * lists projects; others get 403 with the rule's name, like a real Keystone.
 */
import type { IdentityStore, Project, User } from "./identity-store";
import { forbidden, KeystoneFailure } from "./keystone-failure";
import type { TokenRecord } from "./tokens";

const PROJECT = /^\/v3\/projects\/([^/]+)$/;
const USER = /^\/v3\/users\/([^/]+)$/;
const USER_PROJECTS = /^\/v3\/users\/([^/]+)\/projects$/;
const COLLECTIONS = new Set(["/v3/projects", "/v3/auth/projects", "/v3/auth/domains"]);

export class KeystoneReadApi {
  constructor(
    private readonly identity: IdentityStore,
    private readonly baseUrl: () => string,
  ) {}

  /** Whether `path` (no trailing slash) is one of the reads served here. */
  serves(path: string): boolean {
    return COLLECTIONS.has(path) || PROJECT.test(path) || USER.test(path) || USER_PROJECTS.test(path);
  }

  /** The JSON document `caller` gets for `path?query`; throws a {@link KeystoneFailure}. */
  answer(path: string, query: string, caller: TokenRecord): Record<string, unknown> {
    const self = this.baseUrl() + path + (query ? "?" + query : "");
    if (path === "/v3/auth/projects") {
      return this.projectList(this.identity.projectsOf(caller.userId), self);
    }
    if (path === "/v3/auth/domains") {
      const domains = this.identity.domainsOf(caller.userId).map((d) => ({
        id: d.id,
        name: d.name,
        description: "",
        enabled: true,
        tags: [],
        options: {},
        links: { self: `${this.baseUrl()}/v3/domains/${d.id}` },
      }));
      return { domains, links: collectionLinks(self) };
    }
    if (path === "/v3/projects") {
      if (!caller.isAdmin) throw forbidden("identity:list_projects");
      const q = new URLSearchParams(query);
      const name = q.get("name");
      const domainId = q.get("domain_id");
      const projects = this.identity
        .projects()
        .filter((p) => (name === null || p.name === name) && (domainId === null || p.domainId === domainId));
      return this.projectList(projects, self);
    }
    const projectId = match(PROJECT, path);
    if (projectId !== undefined) {
      if (!caller.isAdmin && caller.projectId !== projectId) throw forbidden("identity:get_project");
      const project = this.identity.projectById(projectId);
      if (!project) throw new KeystoneFailure(404, `Could not find project: ${projectId}.`);
      return { project: this.projectView(project) };
    }
    const userId = match(USER, path);
    if (userId !== undefined) {
      if (!caller.isAdmin && caller.userId !== userId) throw forbidden("identity:get_user");
      return { user: this.userView(this.existingUser(userId)) };
    }
    const ofUser = match(USER_PROJECTS, path) as string;
    if (!caller.isAdmin && caller.userId !== ofUser) throw forbidden("identity:list_user_projects");
    return this.projectList(this.identity.projectsOf(this.existingUser(ofUser).id), self);
  }

  private existingUser(id: string): User {
    const user = this.identity.userById(id);
    if (!user) throw new KeystoneFailure(404, `Could not find user: ${id}.`);
    return user;
  }

  private projectList(projects: Project[], self: string): Record<string, unknown> {
    return { projects: projects.map((p) => this.projectView(p)), links: collectionLinks(self) };
  }

  private projectView(p: Project): Record<string, unknown> {
    return {
      id: p.id,
      name: p.name,
      domain_id: p.domainId,
      description: p.description,
      enabled: true,
      parent_id: p.domainId,
      is_domain: false,
      tags: [],
      options: {},
      links: { self: `${this.baseUrl()}/v3/projects/${p.id}` },
    };
  }

  private userView(u: User): Record<string, unknown> {
    const view: Record<string, unknown> = { id: u.id, name: u.name, domain_id: u.domainId, enabled: true };
    if (u.defaultProjectId !== undefined) view.default_project_id = u.defaultProjectId;
    return {
      ...view,
      password_expires_at: null,
      options: {},
      links: { self: `${this.baseUrl()}/v3/users/${u.id}` },
    };
  }
}

function collectionLinks(self: string) {
  return { next: null, self, previous: null };
}

function match(pattern: RegExp, path: string): string | undefined {
  const m = pattern.exec(path);
  return m ? decodeURIComponent(m[1]) : undefined;
}
