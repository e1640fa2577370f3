import type { ImageService } from "../auth/connect";
import type { ConfigReader } from "../auth/settings";
import { ImageMemberError, isImageMemberError, type HttpError } from "../errors";
import { memberIdKey } from "../glance/ids";
import type { Member } from "../glance/member";
import { MembersApi } from "../glance/members";
import { storable, withProvider, type ProviderHooks } from "./hooks";
import {
  memberIdsOf,
  membersMap,
  validateSetInputs,
  type ImageMemberSetInputs,
  type ImageMemberSetOutputs,
  type SetShare,
} from "./image-member-set-inputs";
import { isUnknown } from "./image-member-inputs";
import { forEachMember, SomeSharesFailed, type BatchOutcome } from "../shares/member-batch";
import { imageSightOnce, type ImageSight } from "../shares/image-sight";
import { actingFor } from "../shares/membership";
import { attemptShare, ownerRefused, revokeShare } from "../shares/owner-calls";
import {
  judgeNotFound,
  provenanceAt,
  provenanceIn,
  rehomed,
  type Provenance,
  type RecordedProvenance,
  type Verdict,
} from "../shares/provenance";
import type { ProviderContext } from "../auth/provider-context";
import { recordedIdOf } from "./resource-ids";
import { changedTargetInputs, reachesSameMembership } from "./target-change";
import { mayHaveActed, UNCONFIRMED } from "../shares/unconfirmed";

const { read: provenanceOf, fields: fieldsOf } = provenanceIn("ownerProjectId");

/**
 * The ImageMemberSet hooks: the shares of one image with many projects, as one resource. Each
 * share is made, revoked and judged (the 404 rule) as an ImageMember's would be; a failure part-way
 * records the shares that exist.
 */
export function createImageMemberSetProvider(context: ProviderContext): ProviderHooks {
  return {
    async configure(req: { config: ConfigReader }) {
      context.configure(req.config);
    },

    async check(_olds: unknown, news: Record<string, unknown>) {
      const failures = validateSetInputs(news);
      return failures.length > 0 ? { inputs: news, failures } : { inputs: news };
    },

    /** Another image replaces; another target replaces unless it reaches the same memberships. */
    async diff(_id: string, olds: ImageMemberSetOutputs, news: ImageMemberSetInputs) {
      const replaces: string[] = olds.imageId !== news.imageId ? ["imageId"] : [];
      const retargeted = changedTargetInputs(olds, news);
      if (replaces.length === 0 && retargeted.length > 0) {
        const [anyMember] = memberIdsOf(olds.shares);
        const same = await reachesSameMembership(
          context,
          news,
          () => (anyMember ? { imageId: news.imageId, memberId: anyMember } : undefined),
          provenanceOf(olds),
        );
        if (!same) replaces.push(...retargeted);
      }
      const membersChanged =
        isUnknown(news.members) ||
        memberIdsOf(olds.members).join("\n") !== memberIdsOf(news.members).join("\n");
      return {
        changes:
          replaces.length > 0 ||
          retargeted.length > 0 ||
          membersChanged ||
          unconfirmedOf(olds).length > 0 ||
          Boolean(olds.adopt) !== Boolean(news.adopt) ||
          Boolean(olds.exclusive) !== Boolean(news.exclusive),
        replaces,
        // The same image's memberships cannot be made twice: revoke first.
        deleteBeforeReplace: replaces.length > 0 && olds.imageId === news.imageId,
      };
    },

    async create(inputs: ImageMemberSetInputs) {
      const service = await context.imageService(inputs);
      const api = new MembersApi(service.client, service.glanceUrl);
      const sight = imageSightOnce(service, inputs.imageId);
      const made = await shareWith(api, inputs, memberIdsOf(inputs.members), service, sight, new Set());
      const outs = stateOf(inputs, new Map([...made.done, ...made.unconfirmed]), provenanceAt(service));
      if (made.failed.size > 0) throw failure("made", made, memberIdsOf(inputs.members).length, inputs, outs);
      return { id: setId(inputs), outs };
    },

    /**
     * Keeps the recorded shares current. An exclusive set also records the image's members it
     * does not declare (in `shares`, `members` and `undeclaredMembers`, and in the inputs the
     * next preview compares with the program's): the preview names each as removed.
     */
    async read(id: string, props: ImageMemberSetOutputs) {
      const service = await context.imageService(props);
      const recorded = provenanceOf(props);
      const { shares, listed, found } = await liveShares(
        new MembersApi(service.client, service.glanceUrl),
        props,
        recorded,
        service,
      );
      const undeclared = new Set(undeclaredOf(props));
      if (props.exclusive) {
        for (const member of listed.filter((m) => !shares.has(m.memberId) && !isRecorded(props, m))) {
          shares.set(member.memberId, shareOf(member));
          undeclared.add(member.memberId);
        }
      }
      // Only a 200 records a new place: a 404 there (another cloud's credentials, say) proves nothing.
      const state = stateOf(props, shares, found ? rehomed(recorded, service) : kept(recorded), undeclared);
      if (!props.exclusive) return { id, props: state };
      return { id, props: state, inputs: inputsOf(state) };
    },

    /**
     * Shares with the projects added, revokes those removed, and settles the `unconfirmed` shares
     * still wanted (shares again: a 409 means it exists); the others are not touched. A revoke
     * whose answer was lost leaves its share recorded, `unconfirmed`.
     */
    async update(id: string, olds: ImageMemberSetOutputs, news: ImageMemberSetInputs) {
      const service = await context.imageService(news);
      const api = new MembersApi(service.client, service.glanceUrl);
      const recorded = provenanceOf(olds);
      const sight = imageSightOnce(service, olds.imageId);
      const wanted = new Set(memberIdsOf(news.members));
      const unconfirmed = new Set(unconfirmedOf(olds));
      const undeclared = new Set(undeclaredOf(olds));
      const recordedShares = sharesIn(olds.shares);
      // Out of authoritative mode, undeclared members leave state untouched on Glance.
      if (!news.exclusive) for (const memberId of undeclared) recordedShares.delete(memberId);
      const have = [...recordedShares.keys()].sort();
      const toRevoke = have.filter((memberId) => !wanted.has(memberId));
      const toAdd = [...wanted].filter(
        (memberId) => !recordedShares.has(memberId) || unconfirmed.has(memberId),
      );
      const revoke = () =>
        forEachMember(toRevoke, (memberId) =>
          revokeShare(api, { imageId: olds.imageId, memberId }, recorded, service, sight),
        );
      const add = () => shareWith(api, news, toAdd, service, sight, unconfirmed);
      // A project spelled anew (`abc` → `ABC`) is the same member on a Glance that ignores letter
      // case (see memberIdKey): revoked first, or its add would meet it and fail with 409.
      const [revoked, added] = respelled(toRevoke, toAdd)
        ? [await revoke(), await add()]
        : await Promise.all([revoke(), add()]);
      const shares = new Map([...recordedShares, ...added.done, ...added.unconfirmed]);
      for (const memberId of revoked.done.keys()) shares.delete(memberId);
      for (const [memberId, e] of revoked.failed)
        if (mayHaveActed(e)) shares.set(memberId, UNCONFIRMED_SHARE);
      for (const memberId of wanted) undeclared.delete(memberId);
      // Recorded where a change was made, or where the diff found the same Glance (a moved
      // target); nothing made there (another cloud's credentials, say) proves nothing. A set that
      // recorded no share has nothing at the old place: it is where this update asked.
      const reached =
        revoked.done.size + added.done.size > 0 ||
        changedTargetInputs(olds, news).length > 0 ||
        sharesIn(olds.shares).size === 0;
      const outs = stateOf(news, shares, reached ? rehomed(recorded, service) : kept(recorded), undeclared);
      if (revoked.failed.size > 0 || added.failed.size > 0) {
        const failed = new Map([...revoked.failed, ...added.failed]);
        throw failure("changed", { done: new Map(), failed }, toRevoke.length + toAdd.length, news, outs, id);
      }
      return { outs };
    },

    async delete(_id: string, props: ImageMemberSetOutputs) {
      const service = await context.imageService(props);
      const api = new MembersApi(service.client, service.glanceUrl);
      const recorded = provenanceOf(props);
      const sight = imageSightOnce(service, props.imageId);
      // Undeclared members are revoked only by an up whose preview named them.
      const undeclared = new Set(undeclaredOf(props));
      const memberIds = memberIdsOf(props.shares).filter((memberId) => !undeclared.has(memberId));
      const revoked = await forEachMember(memberIds, (memberId) =>
        revokeShare(api, { imageId: props.imageId, memberId }, recorded, service, sight),
      );
      if (revoked.failed.size > 0) {
        throw new SomeSharesFailed(
          `Image ${props.imageId}: ${revoked.done.size} of ${memberIds.length} shares revoked; ${revoked.failed.size} failed`,
          "Fix the cause below and run the command again: the resource stays in state with all its shares; those revoked read as gone next time",
          revoked.failed,
          props.imageId,
        );
      }
    },
  };
}

/** The shares made, and those whose request may have made them without an answer saying so. */
interface ShareOutcome extends BatchOutcome<SetShare> {
  /** Failed (so also in `failed`), outcome unknown: recorded `unconfirmed`, for the next `up` to settle. */
  unconfirmed: Map<string, SetShare>;
}

/**
 * Shares the image with each project. A share whose request got no answer may exist, or may be
 * made later by a request that lands late: unless a read finds it at once, it is recorded
 * `unconfirmed` and still reported as failed, never left out of state while it may be live.
 * `settling` are shares recorded `unconfirmed` before: their 409 means they exist.
 */
async function shareWith(
  api: MembersApi,
  inputs: ImageMemberSetInputs,
  memberIds: string[],
  service: ImageService,
  sight: () => Promise<ImageSight>,
  settling: ReadonlySet<string>,
): Promise<ShareOutcome> {
  const attempts = await forEachMember(memberIds, (memberId) =>
    attemptShare(
      api,
      { imageId: inputs.imageId, memberId, adopt: inputs.adopt || settling.has(memberId) },
      service,
      sight,
    ),
  );
  const outcome: ShareOutcome = { done: new Map(), failed: attempts.failed, unconfirmed: new Map() };
  for (const [memberId, attempt] of attempts.done) {
    if ("made" in attempt) {
      outcome.done.set(memberId, shareOf(attempt.made));
    } else {
      outcome.unconfirmed.set(memberId, UNCONFIRMED_SHARE);
      outcome.failed.set(memberId, attempt.unanswered);
    }
  }
  return outcome;
}

const UNCONFIRMED_SHARE: SetShare = { status: UNCONFIRMED, createdAt: "", updatedAt: "" };

/** The recorded shares the program does not declare (found by an exclusive set's refresh). */
function undeclaredOf(state: ImageMemberSetOutputs): string[] {
  const shares = sharesIn(state.shares);
  return Object.keys(state.undeclaredMembers ?? {}).filter((memberId) => shares.has(memberId));
}

/** Whether a listed member is one the state records (under any spelling Glance takes as the same). */
function isRecorded(state: ImageMemberSetOutputs, member: Member): boolean {
  const recorded = new Set(memberIdsOf(state.shares).map(memberIdKey));
  return recorded.has(memberIdKey(member.memberId));
}

/**
 * The inputs a refresh of an exclusive set records: the program's, with `members` as state has
 * them, so that the next preview compares them with the program's and names each undeclared
 * member as removed, with its status (`- <id>: "accepted"`). Only inputs that name no secret of
 * their own: the engine marks each of these secret again where the recorded input was; the
 * dynamic class's secrecy carriers (`shares`, `glanceUrl`) are not inputs a refresh can know.
 */
function inputsOf(state: ImageMemberSetOutputs): Record<string, unknown> {
  const { imageId, members, region, endpoint, cloud, adopt, exclusive } = state;
  const statuses = state.undeclaredMembers ?? {};
  const shown = Object.fromEntries(
    Object.keys(members).map((memberId) => [memberId, statuses[memberId] ?? true]),
  );
  return storable({ imageId, members: shown, region, endpoint, cloud, adopt, exclusive });
}

/** The recorded shares whose existence is not known. */
function unconfirmedOf(olds: ImageMemberSetOutputs): string[] {
  const shares = sharesIn(olds.shares);
  return [...shares.keys()].filter((memberId) => shares.get(memberId)!.status === UNCONFIRMED);
}

/**
 * The recorded shares as Glance lists them now (one request). A share missing from the list is
 * judged as a 404 for it would be (one read of the image for them all): gone only when that
 * proves it; otherwise refresh fails under the verdict's code and state keeps every share.
 */
async function liveShares(
  api: MembersApi,
  props: ImageMemberSetOutputs,
  recorded: Provenance,
  service: ImageService,
): Promise<{ shares: Map<string, SetShare>; listed: Member[]; found: boolean }> {
  const sight = imageSightOnce(service, props.imageId);
  let listError: HttpError | undefined;
  const listed = await api.list(props.imageId).catch(async (e) => {
    if (isImageMemberError(e, "ERR_FORBIDDEN"))
      throw await ownerRefused(e as HttpError, "list", service, sight, recorded.projectId);
    if (!isImageMemberError(e, "ERR_NOT_FOUND")) throw e;
    listError = e as HttpError;
    return [] as Member[];
  });
  const live = new Map(listed.map((m) => [m.memberId, m]));
  const shares = new Map<string, SetShare>();
  const unproven: string[] = [];
  let verdict: Verdict | undefined;
  for (const memberId of memberIdsOf(props.shares)) {
    const member = live.get(memberId);
    if (member) {
      shares.set(memberId, shareOf(member));
      continue;
    }
    const judged = await judgeNotFound({ imageId: props.imageId, memberId }, recorded, service, sight);
    if (judged.gone) continue;
    verdict ??= judged;
    unproven.push(memberId);
  }
  if (verdict && !verdict.gone) throw notListed(unproven, verdict, props.imageId, service, listError);
  return { shares, listed, found: listError === undefined };
}

/** Recorded shares Glance does not list, and the verdict that keeps them in state. */
function notListed(
  memberIds: string[],
  verdict: Extract<Verdict, { gone: false }>,
  imageId: string,
  service: ImageService,
  listError?: HttpError,
): ImageMemberError {
  const which =
    memberIds.length === 1 ? `member ${memberIds[0]}` : `${memberIds.length} members (${listed(memberIds)})`;
  const summary = `Glance does not list ${which} of image ${imageId}; that proves nothing, so the set stays in state as it was${actingFor(service)}, but ${verdict.why}`;
  if (listError) return listError.recast(verdict.code, summary, verdict.hint);
  return new ImageMemberError(verdict.code, `${summary}.`, { hint: verdict.hint });
}

function listed(memberIds: string[]): string {
  const shown = memberIds.slice(0, 3).join(", ");
  return memberIds.length > 3 ? `${shown} and ${memberIds.length - 3} more` : shown;
}

function failure(
  verb: "made" | "changed",
  outcome: BatchOutcome<unknown>,
  attempted: number,
  inputs: ImageMemberSetInputs,
  outs: ImageMemberSetOutputs,
  id = setId(inputs),
): SomeSharesFailed {
  const succeeded =
    verb === "made"
      ? `${outcome.done.size} of ${attempted} shares made`
      : `${attempted - outcome.failed.size} of ${attempted} changes made`;
  const summary = `Image ${inputs.imageId}: ${succeeded}; ${outcome.failed.size} failed`;
  const hint = (recorded: string) => `Fix the cause below and run \`pulumi up\` again${recorded}`;
  if (verb === "made" && memberIdsOf(outs.shares).length === 0)
    return new SomeSharesFailed(summary, hint(""), outcome.failed, inputs.imageId);
  const unconfirmed = Object.values(outs.shares).some((share) => share.status === "unconfirmed");
  return new SomeSharesFailed(
    summary,
    hint(
      unconfirmed
        ? ": state records the shares, as `unconfirmed` those a request may have made, which that up settles"
        : ": state records the shares that exist",
    ),
    outcome.failed,
    inputs.imageId,
    { id, properties: withProvider(outs, inputs) },
  );
}

/**
 * The state to record. Shares are kept in Maps until here: a project id is any string, `constructor`
 * or `toString` included, which a plain object would confuse with its prototype's.
 */
function stateOf(
  inputs: ImageMemberSetInputs,
  shares: ReadonlyMap<string, SetShare>,
  provenance: ReturnType<typeof provenanceAt>,
  undeclared: ReadonlySet<string> = new Set(),
): ImageMemberSetOutputs {
  const memberIds = [...shares.keys()].sort();
  const undeclaredIds = inputs.exclusive ? memberIds.filter((memberId) => undeclared.has(memberId)) : [];
  return storable({
    imageId: inputs.imageId,
    members: membersMap(memberIds),
    region: inputs.region,
    endpoint: inputs.endpoint,
    cloud: inputs.cloud,
    adopt: inputs.adopt,
    exclusive: inputs.exclusive,
    undeclaredMembers: Object.fromEntries(
      undeclaredIds.map((memberId) => [memberId, shares.get(memberId)!.status]),
    ),
    shares: Object.fromEntries(memberIds.map((memberId) => [memberId, shares.get(memberId)!])),
    ...fieldsOf(provenance),
  });
}

function setId(inputs: ImageMemberSetInputs): string {
  return recordedIdOf(inputs.imageId, inputs.opaqueId);
}

/** The provenance as state records it, every field known or "". */
function kept(recorded: Provenance): RecordedProvenance {
  return {
    glanceUrl: recorded.glanceUrl ?? "",
    glanceService: recorded.glanceService ?? "",
    projectId: recorded.projectId ?? "",
  };
}

/** Whether a project to add is one to revoke in another letter case. */
function respelled(toRevoke: readonly string[], toAdd: readonly string[]): boolean {
  const revoking = new Set(toRevoke.map(memberIdKey));
  return toAdd.some((memberId) => revoking.has(memberIdKey(memberId)));
}

/** The shares a state records, by project id (its own keys only). */
function sharesIn(shares: Record<string, SetShare> | undefined): Map<string, SetShare> {
  return new Map(Object.entries(shares ?? {}));
}

function shareOf(member: Member): SetShare {
  return { status: member.status, createdAt: member.createdAt, updatedAt: member.updatedAt };
}
