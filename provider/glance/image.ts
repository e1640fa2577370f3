import { ImageMemberError } from "../errors";

/** An image, as far as sharing it goes: whose it is and whether Glance shows its members. */
export interface Image {
  id: string;
  /** The owner project's id; null for an image no project owns. */
  owner: string | null;
  /** `shared`, `private`, `public` or `community`: Glance shows and changes members of `shared` images only. */
  visibility: string;
  /** `active`, `queued`, `deactivated`, …: members do not depend on it (a deleted image is not shown at all). */
  status: string;
}

/** Shapes Glance's image JSON into an `Image`. */
export function parseImage(body: string): Image {
  let raw: Record<string, unknown> | undefined;
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed))
      raw = parsed as Record<string, unknown>;
  } catch {
    // reported below
  }
  const owner = raw?.owner;
  if (!raw || typeof raw.id !== "string" || typeof raw.visibility !== "string" || !isOwner(owner)) {
    throw new ImageMemberError(
      "ERR_UNEXPECTED_STATUS",
      "The image service answered with an image without its id, owner or visibility.",
      { hint: "Check that the endpoint is a Glance v2 (or Huawei IMS) API." },
    );
  }
  return { id: raw.id, owner, visibility: raw.visibility, status: String(raw.status ?? "") };
}

function isOwner(value: unknown): value is string | null {
  return typeof value === "string" || value === null;
}
