/**
 * The Keystone data of the local cloud: one domain, four projects, four users, role
 * assignments and one application credential, seeded with random Keystone-style ids.
 */
import type { Role } from "./fixtures";
import { credentialSecret, keystoneId } from "./ids";
import type { FixtureOverrides } from "./types";

export interface Domain {
  id: string;
  name: string;
}
export interface Project {
  id: string;
  name: string;
  domainId: string;
  description: string;
}
export interface KeystoneRole {
  id: string;
  name: string;
}
export interface User {
  id: string;
  name: string;
  domainId: string;
  password: string;
  defaultProjectId?: string;
}
export interface ApplicationCredential {
  id: string;
  name: string;
  secret: string;
  userId: string;
  projectId: string;
  roles: KeystoneRole[];
}

const ROLES: readonly Role[] = ["owner", "consumer", "third"];
const DEFAULTS: Record<Role, { project: string; user: string; password: string }> = {
  owner: { project: "owner", user: "alice", password: "AlicePass123" },
  consumer: { project: "consumer", user: "bob", password: "BobPass123" },
  third: { project: "third", user: "carol", password: "CarolPass123" },
};

/** Descriptions of the seeded projects, as toolchain/real-openstack/fixtures.py and keystone-manage bootstrap set them. */
const TEST_PROJECT = "test";
const BOOTSTRAP_PROJECT = "Bootstrap project for initializing the cloud.";

/** Password of the seeded `admin` user (role `admin` on project `admin`). */
export const ADMIN_PASSWORD = "AdminPass123";

export class IdentityStore {
  readonly domain: Domain = { id: "default", name: "Default" };
  readonly roles: { admin: KeystoneRole; member: KeystoneRole; reader: KeystoneRole };
  /** Projects and users of the three test roles, plus the admin project and user. */
  readonly projectOf: Record<Role | "admin", Project>;
  readonly userOf: Record<Role | "admin", User>;
  readonly applicationCredential: ApplicationCredential;

  private readonly domainsById = new Map<string, Domain>();
  private readonly domainsByName = new Map<string, Domain>();
  private readonly projectsById = new Map<string, Project>();
  private readonly projectsByName = new Map<string, Project>();
  private readonly usersById = new Map<string, User>();
  private readonly usersByName = new Map<string, User>();
  /** `${userId} ${projectId or "domain:" + domainId}` → effective roles (implied ones included). */
  private readonly assignments = new Map<string, KeystoneRole[]>();
  private readonly appCredsById = new Map<string, ApplicationCredential>();
  private readonly appCredsByName = new Map<string, ApplicationCredential>();

  constructor(overrides: FixtureOverrides = {}) {
    this.domainsById.set(this.domain.id, this.domain);
    this.domainsByName.set(this.domain.name, this.domain);
    this.roles = {
      admin: { id: keystoneId(), name: "admin" },
      member: { id: keystoneId(), name: "member" },
      reader: { id: keystoneId(), name: "reader" },
    };
    const memberRoles = [this.roles.member, this.roles.reader];
    const adminRoles = [this.roles.admin, this.roles.member, this.roles.reader];

    const projects = {} as Record<Role | "admin", Project>;
    const users = {} as Record<Role | "admin", User>;
    for (const role of ROLES) {
      const p = overrides.projects?.[role] ?? {};
      const u = overrides.users?.[role] ?? {};
      projects[role] = this.addProject(p.id ?? keystoneId(), p.name ?? DEFAULTS[role].project, TEST_PROJECT);
      users[role] = this.addUser({
        id: u.id ?? keystoneId(),
        name: u.name ?? DEFAULTS[role].user,
        password: u.password ?? DEFAULTS[role].password,
        domainId: this.domain.id,
        defaultProjectId: projects[role].id,
      });
      this.assign(users[role].id, projects[role].id, memberRoles);
    }
    projects.admin = this.addProject(keystoneId(), "admin", BOOTSTRAP_PROJECT);
    users.admin = this.addUser({
      id: keystoneId(),
      name: "admin",
      password: ADMIN_PASSWORD,
      domainId: this.domain.id,
      defaultProjectId: projects.admin.id,
    });
    this.assign(users.admin.id, projects.admin.id, adminRoles);
    this.assign(users.admin.id, "domain:" + this.domain.id, adminRoles);
    this.projectOf = projects;
    this.userOf = users;

    const ac = overrides.applicationCredential ?? {};
    this.applicationCredential = {
      id: ac.id ?? keystoneId(),
      name: ac.name ?? "alice-ac",
      secret: ac.secret ?? credentialSecret(),
      userId: users.owner.id,
      projectId: projects.owner.id,
      roles: [this.roles.member],
    };
    this.appCredsById.set(this.applicationCredential.id, this.applicationCredential);
    this.appCredsByName.set(
      this.applicationCredential.userId + " " + this.applicationCredential.name,
      this.applicationCredential,
    );
  }

  /** A domain by `{id}` or `{name}` (Keystone's domain reference). */
  findDomain(ref: { id?: unknown; name?: unknown } | undefined): Domain | undefined {
    if (!ref) return undefined;
    if (typeof ref.id === "string") return this.domainsById.get(ref.id);
    if (typeof ref.name === "string") return this.domainsByName.get(ref.name);
    return undefined;
  }
  domainById(id: string): Domain | undefined {
    return this.domainsById.get(id);
  }
  projectById(id: string): Project | undefined {
    return this.projectsById.get(id);
  }
  projectByName(domainId: string, name: string): Project | undefined {
    return this.projectsByName.get(domainId + " " + name);
  }
  userById(id: string): User | undefined {
    return this.usersById.get(id);
  }
  userByName(domainId: string, name: string): User | undefined {
    return this.usersByName.get(domainId + " " + name);
  }
  /** Roles of a user on a project, or on a domain (`domain:<id>`); empty when none. */
  rolesOn(userId: string, target: string): KeystoneRole[] {
    return this.assignments.get(userId + " " + target) ?? [];
  }
  appCredById(id: string): ApplicationCredential | undefined {
    return this.appCredsById.get(id);
  }
  appCredByName(userId: string, name: string): ApplicationCredential | undefined {
    return this.appCredsByName.get(userId + " " + name);
  }

  /** Every project, in the order they were created. */
  projects(): Project[] {
    return [...this.projectsById.values()];
  }
  /** The projects a user has a role on. */
  projectsOf(userId: string): Project[] {
    return this.projects().filter((p) => this.rolesOn(userId, p.id).length > 0);
  }
  /** The domains a user has a role on. */
  domainsOf(userId: string): Domain[] {
    return [...this.domainsById.values()].filter((d) => this.rolesOn(userId, "domain:" + d.id).length > 0);
  }

  private addProject(id: string, name: string, description: string): Project {
    const project = { id, name, domainId: this.domain.id, description };
    this.projectsById.set(id, project);
    this.projectsByName.set(project.domainId + " " + name, project);
    return project;
  }
  private addUser(user: User): User {
    this.usersById.set(user.id, user);
    this.usersByName.set(user.domainId + " " + user.name, user);
    return user;
  }
  private assign(userId: string, target: string, roles: KeystoneRole[]): void {
    this.assignments.set(userId + " " + target, roles);
  }
}
