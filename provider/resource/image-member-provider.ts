import type { ImageService } from "../auth/connect";
import type { ConfigReader } from "../auth/settings";
import { isImageMemberError, type ImageMemberError, type HttpError } from "../errors";
import { sameMemberId } from "../glance/ids";
import { MembersApi } from "../glance/members";
import { validateInputs, type ImageMemberInputs, type ImageMemberOutputs } from "./image-member-inputs";
import { combined, storable, withProvider, type ProviderHooks } from "./hooks";
import { actingFor, memberFields, readMembership } from "../shares/membership";
import { attemptShare, revokeShare } from "../shares/owner-calls";
import { provenanceAt, rehomed, provenanceIn } from "../shares/provenance";
import { recordedIdOf } from "./resource-ids";
import type { ProviderContext } from "../auth/provider-context";
import { changedTargetInputs, reachesSameMembership } from "./target-change";
import { ShareUnconfirmed, UNCONFIRMED } from "../shares/unconfirmed";

const { read: provenanceOf, fields: fieldsOf } = provenanceIn("ownerProjectId");
/** The ImageMember hooks, run in the provider process against the given context. */
export function createImageMemberProvider(context: ProviderContext): ProviderHooks {
  /**
   * Makes a share whose outcome was never known, or finds it made: shares again, a 409 then
   * meaning it exists (the program's own earlier request made it). Still no answer: still
   * `unconfirmed`, recorded along with the error.
   */
  async function settle(id: string, olds: ImageMemberOutputs, news: ImageMemberInputs) {
    const service = await context.imageService(news);
    const api = new MembersApi(service.client, service.glanceUrl);
    const attempt = await attemptShare(api, { ...news, adopt: true }, service);
    const base = combined<ImageMemberOutputs>(olds, targetInputs(news), { adopt: news.adopt });
    delete base.interruptedCreate;
    const provenance = fieldsOf(rehomed(provenanceOf(olds), service));
    if ("unanswered" in attempt) {
      const outs = storable(combined<ImageMemberOutputs>(base, UNCONFIRMED_FIELDS, provenance));
      throw new ShareUnconfirmed(attempt.unanswered, news, id, withProvider(outs, news));
    }
    return { outs: storable(combined<ImageMemberOutputs>(base, memberFields(attempt.made), provenance)) };
  }

  return {
    async configure(req: { config: ConfigReader }) {
      context.configure(req.config);
    },

    async check(_olds: unknown, news: Record<string, unknown>) {
      const failures = validateInputs(news);
      return failures.length > 0 ? { inputs: news, failures } : { inputs: news };
    },

    /**
     * Another image or project is another share: replace. Another endpoint, region or cloud that
     * reaches the same membership (the same Glance, or the member found there) is an update in
     * place, which keeps the consumer's acceptance; one that does not, replaces.
     */
    async diff(_id: string, olds: ImageMemberOutputs, news: ImageMemberInputs) {
      const replaces: string[] = (["imageId", "memberId"] as const).filter((key) => olds[key] !== news[key]);
      const retargeted = changedTargetInputs(olds, news);
      if (replaces.length === 0 && retargeted.length > 0) {
        const same = await reachesSameMembership(context, news, () => news, provenanceOf(olds));
        if (!same) replaces.push(...retargeted);
      }
      const adoptChanged = Boolean(olds.adopt) !== Boolean(news.adopt);
      // The same member on a Glance that ignores letter case (see memberIdKey): `abc` → `ABC` too.
      const samePair = olds.imageId === news.imageId && sameMemberId(olds.memberId, news.memberId);
      return {
        changes: replaces.length > 0 || retargeted.length > 0 || adoptChanged || unsettled(olds),
        replaces,
        // Glance has one member per (image, project): the new one cannot exist beside the old.
        deleteBeforeReplace: replaces.length > 0 && samePair,
      };
    },

    /** Shares the image; a share whose request got no answer is recorded `unconfirmed` along with the error. */
    async create(inputs: ImageMemberInputs) {
      const service = await context.imageService(inputs);
      const api = new MembersApi(service.client, service.glanceUrl);
      const attempt = await attemptShare(api, inputs, service);
      const provenance = fieldsOf(provenanceAt(service));
      if ("unanswered" in attempt) {
        const outs = combined<ImageMemberOutputs>(inputs, UNCONFIRMED_FIELDS, provenance);
        throw new ShareUnconfirmed(
          attempt.unanswered,
          inputs,
          resourceId(inputs),
          withProvider(outs, inputs),
        );
      }
      const outs = combined<ImageMemberOutputs>(inputs, memberFields(attempt.made), provenance);
      return { id: resourceId(inputs), outs };
    },

    async read(id: string, props: ImageMemberOutputs) {
      const service = await context.imageService(props);
      return readMembership(id, props, provenanceOf(props), service, fieldsOf);
    },

    /**
     * Same membership, new target inputs (or adopt): read it where the inputs now lead and record
     * that. A share not known to exist (`unconfirmed`, or an interrupted create) is settled first.
     */
    async update(id: string, olds: ImageMemberOutputs, news: ImageMemberInputs) {
      if (unsettled(olds)) return settle(id, olds, news);
      if (changedTargetInputs(olds, news).length === 0)
        return { outs: storable({ ...olds, adopt: news.adopt }) };
      const service = await context.imageService(news);
      const api = new MembersApi(service.client, service.glanceUrl);
      const member = await api.get(news.imageId, news.memberId).catch((e) => {
        throw isImageMemberError(e, "ERR_NOT_FOUND") ? notFoundAtNewTarget(e as HttpError, news, service) : e;
      });
      const outs: ImageMemberOutputs = {
        ...olds,
        ...targetInputs(news),
        adopt: news.adopt,
        ...memberFields(member),
        ...fieldsOf(rehomed(provenanceOf(olds), service)),
      };
      return { outs: storable(outs) };
    },

    async delete(_id: string, props: ImageMemberOutputs) {
      const service = await context.imageService(props);
      await revokeShare(
        new MembersApi(service.client, service.glanceUrl),
        props,
        provenanceOf(props),
        service,
      );
    },
  };
}

function notFoundAtNewTarget(e: HttpError, news: ImageMemberInputs, service: ImageService): ImageMemberError {
  return e.recast(
    "ERR_NOT_FOUND",
    `Member ${news.memberId} of image ${news.imageId} is not at ${service.glanceUrl}${actingFor(service)}, where the new endpoint, region or cloud lead`,
    "Run `pulumi refresh`, then `pulumi up` again: the preview then shows the share being made there.",
  );
}

function targetInputs(news: ImageMemberInputs): Pick<ImageMemberInputs, "region" | "endpoint" | "cloud"> {
  return { region: news.region, endpoint: news.endpoint, cloud: news.cloud };
}

/** The member fields of a share that may or may not exist. */
const UNCONFIRMED_FIELDS = { status: UNCONFIRMED, createdAt: "", updatedAt: "", schema: "" } as const;

/** A share state records without knowing it exists: the next `up` settles it. */
function unsettled(olds: ImageMemberOutputs): boolean {
  return olds.status === UNCONFIRMED || olds.interruptedCreate === true;
}

function resourceId(inputs: ImageMemberInputs): string {
  return recordedIdOf(`${inputs.imageId}/${inputs.memberId}`, inputs.opaqueId);
}
