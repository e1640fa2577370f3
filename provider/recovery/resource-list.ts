/**
 * The resources of the fixed state, in an order `pulumi stack import` accepts: a resource comes
 * after every resource it names (parent, provider, dependencies), and a URN's first entry comes
 * before every resource that names it.
 */
import type { StateResource } from "./stack-export";

export class ResourceList {
  private readonly list: StateResource[];

  constructor(resources: StateResource[]) {
    this.list = [...resources];
  }

  get resources(): StateResource[] {
    return [...this.list];
  }

  /** The index of the resource of `urn` that the program's next run would compare with, if any. */
  liveIndex(urn: string): number | undefined {
    const at = this.list.findIndex((r) => r.urn === urn && !r.delete);
    return at < 0 ? undefined : at;
  }

  at(index: number): StateResource {
    return this.list[index];
  }

  set(index: number, resource: StateResource): void {
    this.list[index] = resource;
  }

  /** Adds `resource` at `from` or later: after everything it names. */
  insert(resource: StateResource, from = this.list.length): void {
    const named = referencedUrns(resource);
    const last = this.list.reduce((max, r, i) => (named.has(r.urn) ? i : max), -1);
    this.list.splice(Math.max(from, last + 1), 0, resource);
  }

  remove(index: number): void {
    this.list.splice(index, 1);
  }
}

/** The URNs a resource names: parent, provider (`urn::id`), dependencies, deleted-with. */
function referencedUrns(r: StateResource): Set<string> {
  const urns = new Set<string>();
  const add = (value: unknown) => typeof value === "string" && value !== "" && urns.add(value);
  add(r.parent);
  add(typeof r.provider === "string" ? r.provider.split("::").slice(0, -1).join("::") : undefined);
  add(r.deletedWith);
  for (const dep of Array.isArray(r.dependencies) ? r.dependencies : []) add(dep);
  const byProperty = r.propertyDependencies;
  if (byProperty && typeof byProperty === "object")
    for (const deps of Object.values(byProperty)) for (const dep of Array.isArray(deps) ? deps : []) add(dep);
  return urns;
}
