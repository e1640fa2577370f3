/**
 * Which (image, project) pairs a deployment of N shares makes: the same for bench/program (ours)
 * and the OpenTofu configuration (the peer), so both send the same requests to the same server.
 * bench/program/index.js lays its resources out the same way: share i goes to image
 * `imageIds[i % imageIds.length]` and project `memberIdOf(i)`.
 */

export interface SharePair {
  imageId: string;
  memberId: string;
}

/** A project id nobody has (Glance does not check that member projects exist), distinct per share. */
export function memberIdOf(i: number): string {
  return `project${String(i).padStart(5, "0")}`;
}

export function shareLayout(imageIds: readonly string[], count: number): SharePair[] {
  if (imageIds.length === 0) throw new Error("shareLayout: no image");
  return Array.from({ length: count }, (_, i) => ({
    imageId: imageIds[i % imageIds.length],
    memberId: memberIdOf(i),
  }));
}
