/**
 * After a `pulumi up` is killed, the creates it had started stay in state as pending operations,
 * with their inputs but no id or outputs, while the shares they asked for may well exist. Pulumi's
 * own ways out lose them (`refresh --clear-pending-creates` drops them; `--import-pending-creates`
 * never reads dynamic resources back), and running `up` again meets 409 for each. Since an
 * ImageMember's id follows from its inputs (`imageId/memberId`), the pending creates can be put
 * back as resources for the next `pulumi refresh` to judge: found (200) is kept with full outputs,
 * not found (404, asked as the image's owner) is dropped, and `pulumi up` then makes what is missing.
 *
 * Every pending shape the engine leaves is handled:
 * - a create of a new resource: put back (an ImageMemberSet with every share `unconfirmed`);
 * - a create-before-delete replacement's create (its URN is in state, with another id): put back
 *   beside the resource it replaces, which is marked for deletion as the engine would have;
 * - a delete-before-replace replacement's create (the URN in state is `pendingReplacement`, deleted
 *   already): put back in its place;
 * - a create whose resource is in state with the same id (a later run made it): dropped;
 * - an ImageMemberSet update: the projects it was adding are added to the set, `unconfirmed`;
 * - every other operation of this package, and those of provider resources and components (the
 *   stack, an ImageShare): dropped, since the next `up` runs them again and touches no cloud for
 *   them, and an ImageMemberAcceptance only accepts again.
 */
import { ImageMemberError } from "../errors";
import { kindOf, touchesNothing, type Kind } from "./kinds";
import { ResourceList } from "./resource-list";
import { restoredMember, restoredSet, withAddsUnconfirmed } from "./restore";
import { readStackExport, type OperationType, type PendingOperation, type StackExport } from "./stack-export";

/** What recovery did with one pending operation. */
export type Outcome =
  /** A create put back as a resource, for `pulumi refresh` to judge. */
  | "restored"
  /** A replacement's create put back beside the resource it replaces, now marked for deletion. */
  | "restored-replacement"
  /** An ImageMemberSet update: the projects it was adding recorded as unconfirmed shares. */
  | "recorded-update"
  /** Needs nothing: the next `pulumi up` runs it again. */
  | "dropped"
  /** The resource is in state with the same id: a later run made it. */
  | "already-in-state"
  /** Another provider's operation, dropped only when asked to. */
  | "other";

export interface RecoveryStep {
  outcome: Outcome;
  operation: OperationType;
  urn: string;
}

export interface Recovery {
  /** The stack export to import: no pending operations left. */
  state: StackExport;
  steps: RecoveryStep[];
}

/**
 * The stack export `exported` with every pending operation settled as above, and what was done.
 * Refuses, with nothing changed, when pending operations of other providers exist, unless
 * `dropOthers`: `pulumi stack import` drops every pending operation, and those are not this
 * package's to judge.
 */
export function restorePendingCreates(exported: unknown, options: { dropOthers?: boolean } = {}): Recovery {
  const stack = readStackExport(exported);
  const list = new ResourceList(stack.deployment.resources);
  const steps = stack.deployment.pending_operations.map((op) => ({
    outcome: settle(op, list),
    operation: op.type,
    urn: op.resource.urn,
  }));
  const others = steps.filter((s) => s.outcome === "other");
  if (others.length > 0 && !options.dropOthers) throw othersPending(others);
  const deployment = { ...stack.deployment, resources: list.resources, pending_operations: [] };
  return { state: { ...stack, deployment }, steps };
}

function settle(op: PendingOperation, list: ResourceList): Outcome {
  if (touchesNothing(op.resource)) return "dropped";
  const kind = kindOf(op.resource);
  if (!kind) return "other";
  if (op.type === "creating" && kind !== "acceptance") return restoreCreate(op, kind, list);
  if (op.type === "updating" && kind === "set") return recordSetUpdate(op, list);
  return "dropped";
}

function restoreCreate(op: PendingOperation, kind: Kind, list: ResourceList): Outcome {
  const restored = kind === "set" ? restoredSet(op.resource) : restoredMember(op.resource);
  const at = list.liveIndex(restored.urn);
  if (at === undefined) {
    list.insert(restored);
    return "restored";
  }
  const current = list.at(at);
  if (current.pendingReplacement) {
    list.remove(at);
    list.insert(restored, at);
    return "restored";
  }
  if (current.id === restored.id) return "already-in-state";
  list.set(at, { ...current, delete: true });
  list.insert(restored, at + 1);
  return "restored-replacement";
}

function recordSetUpdate(op: PendingOperation, list: ResourceList): Outcome {
  const at = list.liveIndex(op.resource.urn);
  if (at === undefined) return "dropped";
  list.set(at, withAddsUnconfirmed(list.at(at), op.resource));
  return "recorded-update";
}

function othersPending(others: RecoveryStep[]): ImageMemberError {
  const listed = others.map((s) => `${s.operation} ${s.urn}`).join(", ");
  return new ImageMemberError(
    "ERR_RECOVERY_REFUSED",
    `The stack has pending operations of other providers, which \`pulumi stack import\` would drop: ${listed}. Nothing was changed.`,
    {
      hint: "Settle those first as their providers advise, or run again with --drop-others to drop them knowingly.",
    },
  );
}
