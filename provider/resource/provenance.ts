/**
 * The 404 rule: when Glance's "404 Not Found" for a membership proves it gone. Glance answers 404
 * alike for "no such member", "no such image" and "you are asking the wrong Glance, or as a
 * project that cannot see it", so a 404 is taken as "gone" only from the same Glance the share
 * lives in, asked by a project that sees it. README's "The 404 rule" is this file as a table.
 */
import type { ImageService } from "../auth/connect";
import { printableUrl, sameGlanceUrl } from "../glance/glance-url";

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

/** Who is asking, as far as the 404 rule cares. */
export type Asker =
  /** The recorded project, or the member project itself: both see the membership while it exists. */
  | "sees-it"
  /** No project recorded: the 404 is proof if the credentials' project owns the image (the owner sees every member). */
  | "needs-owner-check"
  | "other-project"
  | "unknown";

export function askerOf(recorded: Provenance, service: ImageService, memberId: string): Asker {
  const now = service.projectId;
  if (!now) return "unknown";
  if (now === memberId || now === recorded.projectId) return "sees-it";
  return recorded.projectId ? "other-project" : "needs-owner-check";
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** What a 404 means. */
export type Verdict = { gone: true } | { gone: false; why: string; hint: string };

/**
 * The verdict on a 404 for `subject`. `imageOwner` is asked only when nothing recorded says which
 * project made the share (state of a bare token): one GET of the image.
 */
export async function judgeNotFound(
  subject: { imageId: string; memberId: string },
  recorded: Provenance,
  service: ImageService,
  imageOwner: () => Promise<string | undefined>,
): Promise<Verdict> {
  if (recorded.interruptedCreate) return judgeInterruptedCreate(service, imageOwner);
  const where = glanceMatch(recorded, service);
  const elsewhere = `it was recorded at ${recorded.glanceUrl ? printableUrl(recorded.glanceUrl) : "an unrecorded endpoint"}`;
  if (where === "unknown") {
    return {
      gone: false,
      why: "the state does not say which Glance it was made at",
      hint: "Run `pulumi refresh` where the share lives: a 200 records it. If you have checked that it is gone, `pulumi state delete` it.",
    };
  }
  if (where === "other") {
    return {
      gone: false,
      why: `${elsewhere}, another Glance`,
      hint: "Run with the cloud, region and endpoint it was made with, or `pulumi refresh` where it lives now (a 200 records the new place). If you have checked that it is gone, `pulumi state delete` it.",
    };
  }
  const asker = askerOf(recorded, service, subject.memberId);
  if (asker === "sees-it") return { gone: true };
  if (asker === "needs-owner-check") {
    if ((await imageOwner()) === service.projectId) return { gone: true };
    return {
      gone: false,
      why: `the state does not say which project made it, and project ${service.projectId} does not own the image`,
      hint: "Run with credentials of the image owner's project. If you have checked that it is gone, `pulumi state delete` it.",
    };
  }
  if (asker === "unknown") {
    return {
      gone: false,
      why: `the credentials' project is not known (${service.projectUnknown?.why ?? "they do not say"})`,
      hint: `${capitalized(service.projectUnknown?.fix ?? "use credentials scoped to a project")}, as project ${recorded.projectId || "that owns the image"}.`,
    };
  }
  return {
    gone: false,
    why: `it was made by project ${recorded.projectId}, and another project cannot see it`,
    hint: `Run with credentials of project ${recorded.projectId}. If you have checked that it is gone, \`pulumi state delete\` it.`,
  };
}

/**
 * A create cut off before it reported could only have been made by the image's owner (Glance lets
 * no one else add members), and the owner sees every member: its 404 is proof, no one else's.
 */
async function judgeInterruptedCreate(
  service: ImageService,
  imageOwner: () => Promise<string | undefined>,
): Promise<Verdict> {
  if (service.projectId && (await imageOwner()) === service.projectId) return { gone: true };
  return {
    gone: false,
    why: `its create was interrupted before it reported, and ${service.projectId ? `project ${service.projectId}` : "these credentials"} cannot be shown to own the image`,
    hint: "Run `pulumi refresh` with the image owner's credentials (those of the interrupted `pulumi up`).",
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
