/**
 * A pending create as the resource it may have made, for `pulumi refresh` to judge. An
 * ImageMember's id follows from its inputs (`imageId/memberId`), an ImageMemberSet's is its image;
 * the set's shares are recorded `unconfirmed` (nothing is known of them). Secret inputs stay secret.
 */
import { imageIdProblem, memberIdProblem } from "../glance/ids";
import { malformed, isRecord, type StateResource } from "./stack-export";
import { reveal, sealed, type Revealed } from "./secrets";
import { recordedIdOf } from "../resource/resource-ids";

/** Nothing is known of a share an interrupted run may have made: refresh asks Glance. */
export const UNCONFIRMED = { status: "unconfirmed", createdAt: "", updatedAt: "" } as const;

/** A pending ImageMember create as the resource, marked `interruptedCreate`. */
export function restoredMember(pending: StateResource): StateResource {
  const inputs = pending.inputs ?? {};
  const image = idInput(pending, "imageId", imageIdProblem);
  const member = idInput(pending, "memberId", memberIdProblem);
  // The id the create would have recorded (a hash when either input is secret).
  const id = recordedIdOf(`${image.value}/${member.value}`, image.secret || member.secret);
  return { ...pending, id, outputs: { ...inputs, interruptedCreate: true } };
}

/** A pending ImageMemberSet create as the resource, every project's share unconfirmed. */
export function restoredSet(pending: StateResource): StateResource {
  const inputs = pending.inputs ?? {};
  const image = idInput(pending, "imageId", imageIdProblem);
  const members = membersInput(pending);
  const shares = Object.fromEntries(Object.keys(members.value).map((id) => [id, UNCONFIRMED]));
  return {
    ...pending,
    id: recordedIdOf(image.value, image.secret),
    outputs: { ...inputs, shares: sealed(shares, members.secret), interruptedCreate: true },
  };
}

/**
 * The set in state with the projects the interrupted update was adding as unconfirmed shares; the
 * projects it was removing are still recorded, and read as gone if they were revoked.
 */
export function withAddsUnconfirmed(current: StateResource, pending: StateResource): StateResource {
  const outputs = current.outputs ?? {};
  const shares = mapOutput(current, "shares");
  const adding = membersInput(pending);
  // A Map, not an object: a project named `constructor` would read as already there.
  const merged = new Map(Object.entries(shares.value));
  for (const memberId of Object.keys(adding.value))
    if (!merged.has(memberId)) merged.set(memberId, UNCONFIRMED);
  const secret = shares.secret || adding.secret || mapOutput(current, "members").secret;
  const listed = Object.fromEntries([...merged.keys()].map((memberId) => [memberId, true]));
  return {
    ...current,
    outputs: {
      ...outputs,
      shares: sealed(Object.fromEntries(merged), secret),
      members: sealed(listed, secret),
    },
  };
}

/** A string input that names a Glance object, plain; a malformed one is refused without its value if secret. */
function idInput(
  pending: StateResource,
  name: string,
  problem: (v: unknown) => string | undefined,
): { value: string; secret: boolean } {
  const { value, secret } = reveal(pending.inputs?.[name], pending.urn, name);
  const reason = problem(value);
  if (reason)
    throw malformed(
      `the pending create of ${pending.urn} has ${secret ? `a secret ${name} that is not valid` : `an invalid ${name} (${reason})`}`,
    );
  return { value: value as string, secret };
}

/** The projects of a set's inputs: the `members` map, or the plugin's `memberIds` list. */
function membersInput(pending: StateResource): { value: Record<string, unknown>; secret: boolean } {
  const inputs = pending.inputs ?? {};
  const members: Revealed =
    inputs.members === undefined && inputs.memberIds !== undefined
      ? reveal(inputs.memberIds, pending.urn, "memberIds")
      : reveal(inputs.members, pending.urn, "members");
  const map = Array.isArray(members.value)
    ? Object.fromEntries(members.value.map((id) => [id, true]))
    : members.value;
  if (!isRecord(map))
    throw malformed(`the pending operation of ${pending.urn} has no members among its inputs`);
  const invalid = Object.keys(map).find((id) => memberIdProblem(id) !== undefined);
  if (
    invalid !== undefined ||
    (Array.isArray(members.value) && members.value.some((id) => typeof id !== "string"))
  )
    throw malformed(`the pending operation of ${pending.urn} lists a member that is not a project id`);
  return { value: map, secret: members.secret };
}

/** A map output of the resource in state (`shares`, `members`), plain. */
function mapOutput(
  current: StateResource,
  name: string,
): { value: Record<string, unknown>; secret: boolean } {
  const { value, secret } = reveal(current.outputs?.[name], current.urn, name);
  if (value === undefined) return { value: {}, secret };
  if (!isRecord(value)) throw malformed(`the ${name} of ${current.urn} in state is not a map`);
  return { value, secret };
}
