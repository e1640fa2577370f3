/**
 * The parts of a stack export (`pulumi stack export`, deployment versions 3 and 4) that recovery
 * reads, checked before anything is computed: a hand-edited or truncated file is refused with one
 * line naming the first thing that is wrong, and nothing is written.
 */
import { ImageMemberError } from "../errors";

export interface StateResource {
  urn: string;
  type: string;
  id?: string;
  custom?: boolean;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
  /** Replaced by a create-before-delete replacement: the next `up` deletes it. */
  delete?: boolean;
  /** Deleted by a delete-before-replace replacement whose create has not finished. */
  pendingReplacement?: boolean;
  [key: string]: unknown;
}

/** What the engine was doing to a resource when the run stopped. */
export type OperationType = "creating" | "updating" | "deleting" | "reading" | "importing";

export const OPERATION_TYPES: readonly OperationType[] = [
  "creating",
  "updating",
  "deleting",
  "reading",
  "importing",
];

export interface PendingOperation {
  type: OperationType;
  resource: StateResource;
  [key: string]: unknown;
}

export interface Deployment {
  resources: StateResource[];
  pending_operations: PendingOperation[];
  [key: string]: unknown;
}

export interface StackExport {
  version: number;
  deployment: Deployment;
  [key: string]: unknown;
}

const VERSIONS = [3, 4];

/** `value` as a stack export, or ERR_INVALID_EXPORT naming the first field that is not as the engine writes it. */
export function readStackExport(value: unknown): StackExport {
  if (!isRecord(value)) throw malformed("the file is not a JSON object");
  if (!VERSIONS.includes(value.version as number))
    throw malformed(`"version" is ${describe(value.version)}, not ${VERSIONS.join(" or ")}`);
  const deployment = value.deployment;
  if (!isRecord(deployment)) throw malformed(`"deployment" is ${describe(deployment)}, not an object`);
  const resources = listAt(deployment.resources, "deployment.resources");
  const pending = listAt(deployment.pending_operations, "deployment.pending_operations");
  resources.forEach((r, i) => checkResource(r, `deployment.resources[${i}]`));
  pending.forEach((op, i) => checkOperation(op, `deployment.pending_operations[${i}]`));
  return {
    ...value,
    version: value.version as number,
    deployment: {
      ...deployment,
      resources: resources as StateResource[],
      pending_operations: pending as PendingOperation[],
    },
  };
}

function listAt(value: unknown, where: string): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw malformed(`"${where}" is ${describe(value)}, not a list`);
  return value;
}

function checkOperation(op: unknown, where: string): void {
  if (!isRecord(op)) throw malformed(`"${where}" is ${describe(op)}, not an object`);
  if (!OPERATION_TYPES.includes(op.type as OperationType))
    throw malformed(`"${where}.type" is ${describe(op.type)}, not one of ${OPERATION_TYPES.join(", ")}`);
  checkResource(op.resource, `${where}.resource`);
}

function checkResource(resource: unknown, where: string): void {
  if (!isRecord(resource)) throw malformed(`"${where}" is ${describe(resource)}, not an object`);
  for (const key of ["urn", "type"]) {
    if (typeof resource[key] !== "string" || resource[key] === "")
      throw malformed(`"${where}.${key}" is ${describe(resource[key])}, not a string`);
  }
  if (resource.id !== undefined && typeof resource.id !== "string")
    throw malformed(`"${where}.id" is ${describe(resource.id)}, not a string`);
  for (const key of ["inputs", "outputs"]) {
    if (resource[key] !== undefined && resource[key] !== null && !isRecord(resource[key]))
      throw malformed(`"${where}.${key}" is ${describe(resource[key])}, not an object`);
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** What a value is, for a message: its JSON type, never its content (it may be a secret). */
export function describe(value: unknown): string {
  if (value === undefined) return "missing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "number") return `the number ${value}`;
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

/** ERR_INVALID_EXPORT: what to do, then what is wrong. */
export function malformed(what: string): ImageMemberError {
  return new ImageMemberError(
    "ERR_INVALID_EXPORT",
    `This is not a stack export as \`pulumi stack export\` writes it: ${what}. Nothing was changed.`,
    {
      hint: "Export the stack again (`pulumi stack export --show-secrets --file state.json`) and give that file unedited, or run `pulumi-image-member-recover --stack <name>`.",
    },
  );
}
