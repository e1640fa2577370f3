/**
 * Which of this package's resources a state entry is: a dynamic resource (`pulumi-nodejs:dynamic/
 * glance:*`, its serialized provider in `__provider`) or one of the provider plugin's
 * (`image-member:index:*`), or one whose operations touch no cloud.
 */
import type { StateResource } from "./stack-export";

export type Kind = "member" | "set" | "acceptance";

const BY_NAME: Record<string, Kind> = {
  ImageMember: "member",
  ImageMemberSet: "set",
  ImageMemberAcceptance: "acceptance",
};

const BY_MODULE: Record<string, Kind> = {
  "image-member": "member",
  "image-member-set": "set",
  "image-member-acceptance": "acceptance",
};

const PLUGIN_TYPE = /^image-member:index:(\w+)$/;
const DYNAMIC_TYPE = /^pulumi-nodejs:dynamic\/glance:(\w+)$/;
const SERIALIZED = /require\("pulumi-image-member\/serialized\/([a-z-]+)"\)/;

/** The kind of one of this package's resources, or undefined for anything else. */
export function kindOf(resource: StateResource): Kind | undefined {
  const plugin = resource.type.match(PLUGIN_TYPE)?.[1];
  if (plugin) return BY_NAME[plugin];
  const module = String(resource.inputs?.__provider ?? "").match(SERIALIZED)?.[1];
  if (module) return BY_MODULE[module];
  // State of 0.1.0 holds the provider's code itself in `__provider`: the type still says.
  const dynamic = resource.type.match(DYNAMIC_TYPE)?.[1];
  return dynamic ? BY_NAME[dynamic] : undefined;
}

/**
 * A resource whose operations touch no cloud: a provider resource (`pulumi:providers:*`, its create
 * configures a plugin) or a component (the stack, an ImageShare), which has no create of its own.
 */
export function touchesNothing(resource: StateResource): boolean {
  return resource.type.startsWith("pulumi:providers:") || resource.custom !== true;
}
