import type { ImageService } from "../auth/connect";
import type { ConfigReader } from "../auth/settings";
import { isImageMemberError, type HttpError } from "../errors";
import { MembersApi } from "../glance/members";
import type { Member } from "../glance/member";
import {
  REPLACE_ON_CHANGE,
  validateInputs,
  type ImageMemberInputs,
  type ImageMemberOutputs,
} from "./image-member-inputs";
import type { ProviderHooks } from "./hooks";
import { actingFor, memberFields, readMembership, unlessGone, type Provenance } from "./membership";
import type { ProviderContext } from "./provider-context";

/** The ImageMember hooks, run in the provider process against the given context. */
export function createImageMemberProvider(context: ProviderContext): ProviderHooks {
  const warn = (text: string) => context.warn(text);
  return {
    async configure(req: { config: ConfigReader }) {
      context.configure(req.config);
    },

    async check(_olds: unknown, news: Record<string, unknown>) {
      const failures = validateInputs(news);
      return failures.length > 0 ? { inputs: news, failures } : { inputs: news };
    },

    async diff(_id: string, olds: ImageMemberOutputs, news: ImageMemberInputs) {
      const replaces = REPLACE_ON_CHANGE.filter((key) => (olds[key] ?? "") !== (news[key] ?? ""));
      const adoptChanged = Boolean(olds.adopt) !== Boolean(news.adopt);
      const samePair = olds.imageId === news.imageId && olds.memberId === news.memberId;
      return {
        changes: replaces.length > 0 || adoptChanged,
        replaces,
        // Glance has one member per (image, project): the new one cannot exist beside the old.
        deleteBeforeReplace: replaces.length > 0 && samePair,
      };
    },

    async create(inputs: ImageMemberInputs) {
      const service = await context.imageService(inputs);
      const member = await share(new MembersApi(service.client, service.glanceUrl), inputs, service);
      return { id: resourceId(inputs), outs: outputsOf(inputs, member, service) };
    },

    async read(id: string, props: ImageMemberOutputs) {
      const service = await context.imageService(props);
      return readMembership(id, props, provenanceOf(props), service, warn);
    },

    async update(_id: string, olds: ImageMemberOutputs, news: ImageMemberInputs) {
      return { outs: { ...olds, adopt: news.adopt } };
    },

    async delete(_id: string, props: ImageMemberOutputs) {
      const service = await context.imageService(props);
      const api = new MembersApi(service.client, service.glanceUrl);
      try {
        await unlessGone(
          () => api.delete(props.imageId, props.memberId),
          props,
          provenanceOf(props),
          service,
          warn,
        );
      } catch (e) {
        if (isImageMemberError(e, "ERR_FORBIDDEN")) throw notOwner(e as HttpError, "revoke", service, props);
        throw e;
      }
    },
  };
}

async function share(api: MembersApi, inputs: ImageMemberInputs, service: ImageService): Promise<Member> {
  try {
    return await api.create(inputs.imageId, inputs.memberId);
  } catch (e) {
    if (isImageMemberError(e, "ERR_CONFLICT")) {
      if (inputs.adopt) return api.get(inputs.imageId, inputs.memberId);
      throw (e as HttpError).recast(
        "ERR_MEMBER_EXISTS",
        `Image ${inputs.imageId} is already shared with project ${inputs.memberId}`,
        "To manage the existing share from this program, set adopt: true on the resource (pulumi import cannot adopt dynamic resources); or remove the share first.",
      );
    }
    if (isImageMemberError(e, "ERR_FORBIDDEN")) throw notOwner(e as HttpError, "share", service, inputs);
    if (isImageMemberError(e, "ERR_NOT_FOUND")) {
      throw (e as HttpError).recast(
        "ERR_NOT_FOUND",
        `Image ${inputs.imageId} was not found${actingFor(service)}`,
        "Check the image id, the region, and that the credentials belong to the image owner's project.",
      );
    }
    throw e;
  }
}

function notOwner(
  e: HttpError,
  verb: "share" | "revoke",
  service: ImageService,
  target: Partial<ImageMemberOutputs>,
): HttpError {
  const creator = target.ownerProjectId ? ` The share was created by project ${target.ownerProjectId}.` : "";
  return e.recast(
    "ERR_NOT_IMAGE_OWNER",
    `Only the image owner's project can ${verb} it${actingFor(service)}.${creator}`,
    "Use credentials of the project that owns the image. The resource stays in state.",
  );
}

function provenanceOf(props: ImageMemberOutputs): Provenance {
  return { glanceUrl: props.glanceUrl, projectId: props.ownerProjectId };
}

function resourceId(inputs: ImageMemberInputs): string {
  return `${inputs.imageId}/${inputs.memberId}`;
}

function outputsOf(inputs: ImageMemberInputs, member: Member, service: ImageService): ImageMemberOutputs {
  return {
    ...inputs,
    ...memberFields(member),
    glanceUrl: service.glanceUrl,
    ownerProjectId: service.projectId ?? "",
  };
}
