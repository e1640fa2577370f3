import type { ImageService } from "../auth/connect";
import type { ConfigReader } from "../auth/settings";
import { isImageMemberError, type ImageMemberError, type HttpError } from "../errors";
import { sameMemberId } from "../glance/ids";
import { MembersApi } from "../glance/members";
import { validateInputs, type ImageMemberInputs, type ImageMemberOutputs } from "./image-member-inputs";
import { combined, storable, type ProviderHooks } from "./hooks";
import { actingFor, memberFields, readMembership } from "./membership";
import { revokeShare, shareImage } from "./owner-calls";
import { provenanceAt, rehomed, provenanceIn } from "./provenance";
import type { ProviderContext } from "./provider-context";
import { changedTargetInputs, reachesSameMembership } from "./target-change";

const { read: provenanceOf, fields: fieldsOf } = provenanceIn("ownerProjectId");
/** The ImageMember hooks, run in the provider process against the given context. */
export function createImageMemberProvider(context: ProviderContext): ProviderHooks {
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
        changes: replaces.length > 0 || retargeted.length > 0 || adoptChanged,
        replaces,
        // Glance has one member per (image, project): the new one cannot exist beside the old.
        deleteBeforeReplace: replaces.length > 0 && samePair,
      };
    },

    async create(inputs: ImageMemberInputs) {
      const service = await context.imageService(inputs);
      const member = await shareImage(new MembersApi(service.client, service.glanceUrl), inputs, service);
      const outs = combined<ImageMemberOutputs>(
        inputs,
        memberFields(member),
        fieldsOf(provenanceAt(service)),
      );
      return { id: resourceId(inputs), outs };
    },

    async read(id: string, props: ImageMemberOutputs) {
      const service = await context.imageService(props);
      return readMembership(id, props, provenanceOf(props), service, fieldsOf);
    },

    /** Same membership, new target inputs (or adopt): read it where the inputs now lead and record that. */
    async update(_id: string, olds: ImageMemberOutputs, news: ImageMemberInputs) {
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

function resourceId(inputs: ImageMemberInputs): string {
  return `${inputs.imageId}/${inputs.memberId}`;
}
