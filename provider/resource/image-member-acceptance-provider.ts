import type { ImageService } from "../auth/connect";
import type { ConfigReader } from "../auth/settings";
import { ImageMemberError, isImageMemberError, type HttpError } from "../errors";
import type { Member, MemberStatus } from "../glance/member";
import { MembersApi } from "../glance/members";
import { combined, storable, type ProviderHooks } from "./hooks";
import {
  DEFAULT_MEMBER_WAIT_SECONDS,
  validateAcceptanceInputs,
  type ImageMemberAcceptanceInputs,
  type ImageMemberAcceptanceOutputs,
} from "./image-member-acceptance-inputs";
import { hiddenMembers, imageSightOnce } from "../shares/image-sight";
import { actingFor, memberFields, readMembership, unlessGone } from "../shares/membership";
import { provenanceAt, rehomed, provenanceIn } from "../shares/provenance";
import { recordedIdOf } from "./resource-ids";
import { changedTargetInputs, reachesSameMembership } from "./target-change";
import type { ProviderContext } from "../auth/provider-context";

export interface AcceptanceTiming {
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

const { read: provenanceOf, fields: fieldsOf } = provenanceIn("consumerProjectId");
/** The ImageMemberAcceptance hooks: the consumer project's side of a share. */
export function createImageMemberAcceptanceProvider(
  context: ProviderContext,
  timing: AcceptanceTiming = {},
): ProviderHooks {
  const sleep = timing.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const now = timing.now ?? Date.now;

  /** PUTs the status, waiting for a membership the owner has just made to become visible. */
  async function answer(
    inputs: ImageMemberAcceptanceInputs,
    service: ImageService,
    memberId: string,
  ): Promise<Member> {
    const api = new MembersApi(service.client, service.glanceUrl);
    const status: MemberStatus = inputs.status ?? "accepted";
    const deadline = now() + (inputs.memberWaitSeconds ?? DEFAULT_MEMBER_WAIT_SECONDS) * 1000;
    for (let pause = 1000; ; pause = Math.min(pause * 1.5, 5000)) {
      try {
        return await api.updateStatus(inputs.imageId, memberId, status);
      } catch (e) {
        if (isImageMemberError(e, "ERR_FORBIDDEN"))
          throw await consumerRefused(e as HttpError, inputs.imageId, memberId, service);
        if (!isImageMemberError(e, "ERR_NOT_FOUND")) throw e;
        if (now() + pause > deadline) throw notVisible(e as HttpError, inputs, memberId, service);
        await sleep(pause);
      }
    }
  }

  return {
    async configure(req: { config: ConfigReader }) {
      context.configure(req.config);
    },

    async check(_olds: unknown, news: Record<string, unknown>) {
      const failures = validateAcceptanceInputs(news);
      return failures.length > 0 ? { inputs: news, failures } : { inputs: news };
    },

    /** As ImageMember's: a new target that reaches the same membership updates in place. */
    async diff(_id: string, olds: ImageMemberAcceptanceOutputs, news: ImageMemberAcceptanceInputs) {
      const replaces: string[] = [];
      if (olds.imageId !== news.imageId) replaces.push("imageId");
      if (news.memberId !== undefined && news.memberId !== olds.memberId) replaces.push("memberId");
      const retargeted = changedTargetInputs(olds, news);
      const memberFromNewCredentials =
        news.memberId === undefined && (retargeted.length > 0 || !olds.memberIdFromCredentials);
      if (replaces.length === 0 && (retargeted.length > 0 || memberFromNewCredentials)) {
        const sameMember = (service: ImageService) => {
          const memberId = news.memberId ?? service.projectId;
          return memberId === olds.memberId ? { imageId: news.imageId, memberId } : undefined;
        };
        if (!(await reachesSameMembership(context, news, sameMember, provenanceOf(olds)))) {
          replaces.push(...retargeted, ...(memberFromNewCredentials ? ["memberId"] : []));
        }
      }
      const updates =
        retargeted.length > 0 ||
        olds.memberIdFromCredentials !== (news.memberId === undefined) ||
        (olds.status ?? "accepted") !== (news.status ?? "accepted") ||
        olds.memberWaitSeconds !== news.memberWaitSeconds;
      return { changes: replaces.length > 0 || updates, replaces, deleteBeforeReplace: replaces.length > 0 };
    },

    async create(inputs: ImageMemberAcceptanceInputs) {
      const service = await context.imageService(inputs);
      const memberId = inputs.memberId ?? credentialsProject(service);
      const member = await answer(inputs, service, memberId);
      const outs = combined<ImageMemberAcceptanceOutputs>(
        inputs,
        { memberId, memberIdFromCredentials: inputs.memberId === undefined },
        memberFields(member),
        fieldsOf(provenanceAt(service)),
      );
      return { id: recordedIdOf(`${inputs.imageId}/${memberId}`, inputs.opaqueId), outs };
    },

    async read(id: string, props: ImageMemberAcceptanceOutputs) {
      const service = await context.imageService(props);
      return readMembership(id, props, provenanceOf(props), service, fieldsOf);
    },

    /** The status answered again where the inputs now lead, and recorded there. */
    async update(_id: string, olds: ImageMemberAcceptanceOutputs, news: ImageMemberAcceptanceInputs) {
      const service = await context.imageService(news);
      const member = await answer(news, service, olds.memberId);
      const outs: ImageMemberAcceptanceOutputs = {
        ...olds,
        region: news.region,
        endpoint: news.endpoint,
        cloud: news.cloud,
        memberIdFromCredentials: news.memberId === undefined,
        memberWaitSeconds: news.memberWaitSeconds,
        ...memberFields(member),
        ...fieldsOf(rehomed(provenanceOf(olds), service)),
      };
      return { outs: storable(outs) };
    },

    /** Declines the share, as Terraform's accept resources do; a membership already gone is fine. */
    async delete(_id: string, props: ImageMemberAcceptanceOutputs) {
      const service = await context.imageService(props);
      const api = new MembersApi(service.client, service.glanceUrl);
      const decline = () => api.updateStatus(props.imageId, props.memberId, "rejected");
      const sight = imageSightOnce(service, props.imageId);
      try {
        await unlessGone(decline, props, provenanceOf(props), service, sight);
      } catch (e) {
        if (isImageMemberError(e, "ERR_FORBIDDEN"))
          throw await consumerRefused(e as HttpError, props.imageId, props.memberId, service, sight);
        throw e;
      }
    },
  };
}

function credentialsProject(service: ImageService): string {
  if (service.projectId) return service.projectId;
  throw new ImageMemberError(
    "ERR_INVALID_INPUT",
    "memberId is needed: the credentials do not say which project they act for.",
    {
      hint: "Set memberId to the consumer project's id, or use credentials scoped to a project.",
    },
  );
}

/**
 * A 403 to the member's answer, told by the image (one read): it is not shared (Glance takes no
 * answer for a public or community image), or these are the owner's credentials.
 */
async function consumerRefused(
  e: HttpError,
  imageId: string,
  memberId: string,
  service: ImageService,
  sight = imageSightOnce(service, imageId),
): Promise<HttpError> {
  const seen = await sight();
  if (seen.kind === "seen" && seen.image.owner !== service.projectId && seen.image.visibility !== "shared") {
    return e.recast(
      "ERR_IMAGE_NOT_SHARED",
      `Glance refused project ${memberId}'s answer for image ${imageId}${actingFor(service)}: ${hiddenMembers(seen.image)}`,
      `Ask the image owner to share it again (\`openstack image set --shared ${imageId}\`), then run the command again. The resource stays in state.`,
    );
  }
  return notMember(e, imageId, memberId, service);
}

function notMember(e: HttpError, imageId: string, memberId: string, service: ImageService): HttpError {
  return e.recast(
    "ERR_NOT_IMAGE_MEMBER",
    `Only the member project can accept or reject image ${imageId} for ${memberId}${actingFor(service)}: these look like the image owner's credentials`,
    "Use the consumer project's credentials for ImageMemberAcceptance, e.g. its own `cloud` entry.",
  );
}

function notVisible(
  e: HttpError,
  inputs: ImageMemberAcceptanceInputs,
  memberId: string,
  service: ImageService,
): HttpError {
  const waited = inputs.memberWaitSeconds ?? DEFAULT_MEMBER_WAIT_SECONDS;
  return e.recast(
    "ERR_MEMBER_NOT_VISIBLE",
    `Image ${inputs.imageId} is not shared with project ${memberId} (waited ${waited} s)${actingFor(service)}`,
    "Check that the owner shared the image with this project (an ImageMember), in this region; raise memberWaitSeconds if the cloud is slow to show new members.",
  );
}
