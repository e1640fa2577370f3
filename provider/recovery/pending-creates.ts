/**
 * After a `pulumi up` is killed, the creates it had started stay in state as pending operations,
 * with their inputs but no id or outputs, while the shares they asked for may well exist. Pulumi's
 * own ways out lose them (`refresh --clear-pending-creates` drops them; `--import-pending-creates`
 * never reads them back), and running `up` again meets 409 for each. Since an ImageMember's id
 * follows from its inputs (`imageId/memberId`), the pending creates can be put back as resources
 * for the next `pulumi refresh` to judge: found (200) is kept with full outputs, not found (404,
 * asked as the image's owner) is dropped, and `pulumi up` then makes what is missing.
 */
import { ImageMemberError } from "../errors";

const IMAGE_MEMBER_PROVIDER = "pulumi-image-member/serialized/image-member";
const ACCEPTANCE_PROVIDER = "pulumi-image-member/serialized/image-member-acceptance";

/** What was done with each pending operation, by URN. */
export interface RecoveryReport {
  /** ImageMember creates put back as resources, for `pulumi refresh` to judge. */
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
  const deployment = deploymentOf(exported);
  const resources = deployment.resources ?? [];
  const inState = new Set(resources.filter((r) => !r.delete).map((r) => r.urn));
  const report: RecoveryReport = { restored: [], dropped: [], stale: [], others: [] };
  const restored: StateResource[] = [];
  for (const op of deployment.pending_operations ?? []) {
    const resource = op.resource;
    const provider = String(resource?.inputs?.__provider ?? "");
    if (!provider.includes(IMAGE_MEMBER_PROVIDER) && !provider.includes(ACCEPTANCE_PROVIDER)) {
      report.others.push(`${op.type} ${resource?.urn}`);
    } else if (op.type !== "creating" || provider.includes(ACCEPTANCE_PROVIDER)) {
      report.dropped.push(`${op.type} ${resource.urn}`);
    } else if (inState.has(resource.urn)) {
      report.stale.push(resource.urn);
    } else {
      restored.push(restore(resource));
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
    deployment: { ...deployment, resources: [...resources, ...restored], pending_operations: [] },
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

function deploymentOf(exported: unknown): Deployment {
  const deployment = (exported as { deployment?: unknown } | null)?.deployment;
  if (typeof deployment !== "object" || deployment === null || Array.isArray(deployment)) {
    throw new ImageMemberError("ERR_INVALID_INPUT", "This is not the output of `pulumi stack export`.", {
      hint: "Pipe it in: `pulumi stack export | npx pulumi-image-member-recover > recovered.json`.",
    });
  }
  return deployment as Deployment;
}
