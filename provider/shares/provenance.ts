/**
 * The 404 rule: when Glance's "404 Not Found" for a membership proves it gone. Glance answers 404
 * alike for "no such member", "no such image", "you are asking the wrong Glance, or as a project
 * that cannot see it", "the image was given to another project" and "the image is not shared
 * (its members are hidden, and kept)", so a 404 is taken as "gone" only from the same Glance the
 * share lives in, asked by the project that owns the image now while its members are shown.
 * README's "The 404 rule" is this file as a table.
 */
import type { ImageService } from "../auth/connect";
import type { Image } from "../glance/image";
import { printableUrl, sameGlanceUrl } from "../glance/glance-url";
import { hiddenMembers, membersShown, type ImageSight } from "./image-sight";

/** Where, and as which project, a share was made or last seen: kept in state, never secret. */
export interface Provenance {
  /** Glance v2 URL; absent in state written before it was recorded. */
  glanceUrl?: string;
  /** `<service id>@<region>` of the catalog's image service; "" or absent when not known. */
  glanceService?: string;
  /** Project of the credentials; "" or absent when they did not say. */
  projectId?: string;
  /**
   * The share's create was cut off before it reported (a killed `pulumi up`), and the resource was
   * put back into state by `pulumi-image-member-recover`: nothing is known of where it went.
   */
  interruptedCreate?: boolean;
}

/** How the Glance asked now compares with the recorded one. */
export type GlanceMatch = "same" | "other" | "unknown";

/**
 * The same Glance: the same URL (compared by `glanceLocationKey`), another URL the catalog lists
 * for the same image service in the same region (another interface), or the same catalog service
 * and region at a new URL (a moved endpoint). Nothing recorded: unknown.
 */
export function glanceMatch(recorded: Provenance, service: ImageService): GlanceMatch {
  if (!recorded.glanceUrl && !recorded.glanceService) return "unknown";
  if (recorded.glanceService && recorded.glanceService === service.glanceService) return "same";
  const url = recorded.glanceUrl;
  if (url && [service.glanceUrl, ...service.aliases].some((known) => sameGlanceUrl(url, known)))
    return "same";
  return "other";
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** What a 404 means: gone, or not proven, under the code that names why. */
export type Verdict =
  | { gone: true }
  | {
      gone: false;
      code: "ERR_NOT_FOUND_UNPROVEN" | "ERR_IMAGE_NOT_SHARED" | "ERR_IMAGE_OWNER_CHANGED";
      why: string;
      hint: string;
    };

/**
 * The verdict on a 404 for `subject`. A 404 is proof only from the project that owns the image
 * now, while Glance shows the image's members (it is `shared`, or private on IMS): the owner sees
 * every member. Anything else (the image gone or out of sight, which Glance answers alike; given to
 * another project; not shared) proves nothing. `sight` reads the image once; it is not asked when
 * the Glance or the project rules the 404 out first.
 */
export async function judgeNotFound(
  subject: { imageId: string; memberId: string },
  recorded: Provenance,
  service: ImageService,
  sight: () => Promise<ImageSight>,
): Promise<Verdict> {
  // An interrupted create recorded nothing: the Glance the settings lead to now is the one it went to.
  const where = recorded.interruptedCreate ? "same" : glanceMatch(recorded, service);
  if (where !== "same") return elsewhere(where, recorded);
  const asker = service.projectId;
  if (!asker) {
    return unproven(
      `the credentials' project is not known (${service.projectUnknown?.why ?? "they do not say"})`,
      `${capitalized(service.projectUnknown?.fix ?? "use credentials scoped to a project")}, as project ${recorded.projectId || "that owns the image"}.`,
    );
  }
  const seen = await sight();
  if (seen.kind === "unreadable") {
    return unproven(
      `the image could not be read to tell why (${seen.error.code}: ${seen.error.message})`,
      "Run the command again once Glance answers.",
    );
  }
  if (seen.kind === "not-visible") return outOfSight(subject, asker, recorded.projectId);
  const { image } = seen;
  if (image.owner === asker) {
    if (membersShown(image, service)) return { gone: true };
    return notShared(image, "Make the image shared again");
  }
  if (asker === subject.memberId) {
    if (image.visibility !== "shared") return notShared(image, "Ask the image owner to share it again");
    return unproven(
      `Glance shows image ${image.id} to project ${asker}, as it does only to members, but not the membership: it changed while being asked`,
      "Run the command again.",
    );
  }
  if (asker === recorded.projectId) {
    return {
      gone: false,
      code: "ERR_IMAGE_OWNER_CHANGED",
      why: `image ${image.id} is owned by project ${image.owner ?? "none"} now, not by project ${asker}, which made the share: an admin gave it away, members and all`,
      hint: `Run with credentials of project ${image.owner ?? "that owns the image"}, which sees and can revoke the share; to leave the share to that project, \`pulumi state delete\` it.`,
    };
  }
  return unproven(
    `project ${asker} does not own the image (project ${image.owner ?? "none"} does)${recorded.projectId ? `, and project ${recorded.projectId} made the share` : ""}`,
    `Run with credentials of project ${image.owner ?? "that owns the image"}, the image's owner, which sees every member. If you have checked that the share is gone, \`pulumi state delete\` it.`,
  );
}

function unproven(why: string, hint: string): Verdict {
  return { gone: false, code: "ERR_NOT_FOUND_UNPROVEN", why, hint };
}

/** Another Glance, or none recorded: nothing read there tells about the share. */
function elsewhere(where: "other" | "unknown", recorded: Provenance): Verdict {
  if (where === "unknown") {
    return unproven(
      "the state does not say which Glance it was made at",
      "Run `pulumi refresh` where the share lives: a 200 records it. If you have checked that it is gone, `pulumi state delete` it.",
    );
  }
  return unproven(
    `it was recorded at ${recorded.glanceUrl ? printableUrl(recorded.glanceUrl) : "an unrecorded endpoint"}, another Glance`,
    "Run with the cloud, region and endpoint it was made with, or `pulumi refresh` where it lives now (a 200 records the new place). If you have checked that it is gone, `pulumi state delete` it.",
  );
}

/**
 * The image is not visible to the asker either. For the image's (former) owner: deleted, or given
 * to another project; for the member: deleted, the share revoked, or the image made private; for
 * any other project: someone else's image.
 */
function outOfSight(
  subject: { imageId: string; memberId: string },
  asker: string,
  creator?: string,
): Verdict {
  const unseen = `image ${subject.imageId} is not visible to project ${asker} either`;
  if (asker === subject.memberId) {
    return unproven(
      `${unseen}: the owner revoked the share or deleted the image (then nothing is left), or made the image private (then Glance keeps the membership, and its answer, until the image is shared again)`,
      "Ask the image owner which. If the share or the image is gone, `pulumi state delete` this resource; if the image is private, run the command again once it is shared again.",
    );
  }
  if (!creator) {
    return unproven(
      `the state does not say which project made it, and ${unseen}: it is another project's image, or it was deleted`,
      "Run with credentials of the project that owns the image: its owner sees every member. If you have checked that the share is gone, `pulumi state delete` it.",
    );
  }
  if (creator !== asker) {
    return unproven(
      `it was made by project ${creator}, and ${unseen}: it is another project's image, or it was deleted`,
      `Run with credentials of project ${creator}, or of the project that owns the image now. If you have checked that it is gone, \`pulumi state delete\` it.`,
    );
  }
  return unproven(
    `${unseen}: it was deleted (and its shares with it), or an admin gave it to another project (and its shares stay live)`,
    "If the image was deleted, `pulumi state delete` the share. If it has a new owner, run with that project's credentials: its owner sees every member.",
  );
}

function notShared(image: Image, first: string): Verdict {
  return {
    gone: false,
    code: "ERR_IMAGE_NOT_SHARED",
    why: hiddenMembers(image),
    hint: `${first} (\`openstack image set --shared ${image.id}\`), then run the command again; until then the share is hidden, not gone.`,
  };
}

/**
 * Provenance after a 200 at `service`: the share lives there, so that is where it is recorded
 * (a moved endpoint heals with one refresh). The project is kept, unless none was recorded.
 */
export function rehomed(recorded: Provenance, service: ImageService): RecordedProvenance {
  return {
    glanceUrl: service.glanceUrl,
    glanceService: service.glanceService ?? "",
    projectId: recorded.projectId || service.projectId || "",
  };
}

/** What a hook records: where the share lives and as whom, every field known or "". */
export type RecordedProvenance = Required<Omit<Provenance, "interruptedCreate">>;

/** Provenance of a share made now at `service`. */
export function provenanceAt(service: ImageService): RecordedProvenance {
  return rehomed({}, service);
}

/** The state fields a resource keeps its provenance in: the same for both, but for the project's name. */
export type ProvenanceState<K extends string> = {
  glanceUrl?: string;
  glanceService?: string;
  interruptedCreate?: boolean;
} & { [key in K]?: string };

/** Reads and writes provenance in the state of a resource whose project field is `projectField`. */
export function provenanceIn<K extends string>(projectField: K) {
  return {
    read: (state: ProvenanceState<K>): Provenance => ({
      glanceUrl: state.glanceUrl,
      glanceService: state.glanceService,
      projectId: state[projectField],
      interruptedCreate: state.interruptedCreate,
    }),
    fields: (p: RecordedProvenance) =>
      ({ glanceUrl: p.glanceUrl, glanceService: p.glanceService, [projectField]: p.projectId }) as {
        glanceUrl: string;
        glanceService: string;
      } & { [key in K]: string },
  };
}
