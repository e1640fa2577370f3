/**
 * After a `pulumi up` is killed, the creates it had started stay in state as pending operations,
 * with their inputs but no id or outputs, while the shares they asked for may well exist. Pulumi's
 * own ways out lose them (`refresh --clear-pending-creates` drops them; `--import-pending-creates`
 * never reads them back), and running `up` again meets 409 for each. Since an ImageMember's id
 * follows from its inputs (`imageId/memberId`), the pending creates can be put back as resources
 * for the next `pulumi refresh` to judge: found (200) is kept with full outputs, not found (404,
 * asked as the image's owner) is dropped, and `pulumi up` then makes what is missing.
 *
 * An ImageMemberSet is put back the same way: a pending create as a resource whose every share is
 * `unconfirmed`; a pending update by adding to the resource in state the projects it was adding,
 * `unconfirmed` too. Refresh then lists the image's members once and keeps exactly those that exist.
 */
import { ImageMemberError } from "../errors";
import { readStackExport } from "./stack-export";

/** The module a serialized provider of this package `require`s, or undefined for other providers. */
function moduleOf(resource: StateResource | undefined): string | undefined {
  const provider = String(resource?.inputs?.__provider ?? "");
  return provider.match(/require\("pulumi-image-member\/serialized\/([a-z-]+)"\)/)?.[1];
}

/** What was done with each pending operation, by URN. */
export interface RecoveryReport {
  /** ImageMember and ImageMemberSet creates (and set updates) put back, for `pulumi refresh` to judge. */
  restored: string[];
  /** Pending operations of this package that need nothing: the next `up` runs them again safely. */
  dropped: string[];
  /** Pending creates whose resource is in state already (a later run made it). */
  stale: string[];
  /** Pending operations of other providers, dropped only with `dropOthers`. */
  others: string[];
}

interface StateResource {
  urn: string;
  type: string;
  id?: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
  delete?: boolean;
  [key: string]: unknown;
}
interface PendingOperation {
  type: string;
  resource: StateResource;
}
interface Deployment {
  resources?: StateResource[];
  pending_operations?: PendingOperation[];
}

/**
 * The stack export `exported` (as `pulumi stack export` prints it) with every pending ImageMember
 * create restored as a resource and no pending operations left, and what was done. Refuses, with
 * nothing changed, when pending operations of other providers exist, unless `dropOthers`: `pulumi
 * stack import` drops every pending operation, and those are not this package's to judge.
 */
export function restorePendingCreates(
  exported: unknown,
  options: { dropOthers?: boolean } = {},
): { state: unknown; report: RecoveryReport } {
  const deployment: Deployment = readStackExport(exported).deployment;
  const resources = deployment.resources ?? [];
  const inState = new Set(resources.filter((r) => !r.delete).map((r) => r.urn));
  const report: RecoveryReport = { restored: [], dropped: [], stale: [], others: [] };
  const restored: StateResource[] = [];
  const byUrn = new Map(resources.filter((r) => !r.delete).map((r) => [r.urn, r]));
  const updated = new Map<string, StateResource>();
  for (const op of deployment.pending_operations ?? []) {
    const resource = op.resource;
    const module = moduleOf(resource);
    if (!module) {
      report.others.push(`${op.type} ${resource?.urn}`);
    } else if (module === "image-member-set" && op.type === "updating" && byUrn.has(resource.urn)) {
      const current = updated.get(resource.urn) ?? byUrn.get(resource.urn)!;
      updated.set(resource.urn, withAddsUnconfirmed(current, resource));
      report.restored.push(resource.urn);
    } else if (op.type !== "creating" || module === "image-member-acceptance") {
      report.dropped.push(`${op.type} ${resource.urn}`);
    } else if (inState.has(resource.urn)) {
      report.stale.push(resource.urn);
    } else {
      restored.push(module === "image-member-set" ? restoreSet(resource) : restore(resource));
      report.restored.push(resource.urn);
    }
  }
  if (report.others.length > 0 && !options.dropOthers) {
    throw new ImageMemberError(
      "ERR_INVALID_INPUT",
      `The stack has pending operations of other providers: ${report.others.join(", ")}. Nothing was changed.`,
      {
        hint: "`pulumi stack import` drops every pending operation: resolve those first as their providers advise, or run again with --drop-others to drop them knowingly.",
      },
    );
  }
  const state = {
    ...(exported as object),
    deployment: {
      ...deployment,
      resources: [...resources.map((r) => (r.delete ? r : (updated.get(r.urn) ?? r))), ...restored],
      pending_operations: [],
    },
  };
  return { state, report };
}

function restore(resource: StateResource): StateResource {
  const inputs = resource.inputs ?? {};
  const { imageId, memberId } = inputs;
  if (typeof imageId !== "string" || typeof memberId !== "string") {
    throw new ImageMemberError(
      "ERR_INVALID_INPUT",
      `The pending create of ${resource.urn} has no imageId or memberId among its inputs.`,
      {
        hint: "Its inputs were not known when the run stopped: drop it with `pulumi refresh --clear-pending-creates`.",
      },
    );
  }
  return { ...resource, id: `${imageId}/${memberId}`, outputs: { ...inputs, interruptedCreate: true } };
}

/** Nothing is known of a share an interrupted run may have made: refresh asks Glance. */
const UNCONFIRMED = { status: "unconfirmed", createdAt: "", updatedAt: "" };

function restoreSet(resource: StateResource): StateResource {
  const inputs = resource.inputs ?? {};
  const { imageId, members } = inputs;
  if (typeof imageId !== "string" || !isMap(members)) {
    throw new ImageMemberError(
      "ERR_INVALID_INPUT",
      `The pending create of ${resource.urn} has no imageId or members among its inputs.`,
      {
        hint: "Its inputs were not known when the run stopped: drop it with `pulumi refresh --clear-pending-creates`.",
      },
    );
  }
  const shares = Object.fromEntries(Object.keys(members).map((memberId) => [memberId, UNCONFIRMED]));
  return { ...resource, id: imageId, outputs: { ...inputs, shares, interruptedCreate: true } };
}

/** The set in state, with the projects the interrupted update was adding as unconfirmed shares. */
function withAddsUnconfirmed(current: StateResource, pending: StateResource): StateResource {
  const outputs = current.outputs ?? {};
  const shares = { ...(isMap(outputs.shares) ? outputs.shares : {}) };
  const members = pending.inputs?.members;
  for (const memberId of Object.keys(isMap(members) ? members : {})) shares[memberId] ??= UNCONFIRMED;
  const listed = Object.fromEntries(Object.keys(shares).map((memberId) => [memberId, true]));
  return { ...current, outputs: { ...outputs, shares, members: listed } };
}

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
