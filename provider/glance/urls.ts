/**
 * Every Glance URL this package requests is built here. Each id becomes exactly one
 * percent-encoded path segment, and the result is checked to be that path: an id that would
 * become a dot segment, a separator or an unencodable string is refused with ERR_INVALID_INPUT,
 * never sent somewhere else (`/members/..` is `/images/{id}/` to every URL parser).
 */
import { ImageMemberError } from "../errors";
import { imageIdProblem, memberIdProblem } from "./ids";

export function imageUrl(glanceUrl: string, imageId: string): string {
  return build(glanceUrl, ["images", segment(imageId, imageIdProblem)]);
}

export function membersUrl(glanceUrl: string, imageId: string): string {
  return build(glanceUrl, ["images", segment(imageId, imageIdProblem), "members"]);
}

export function memberUrl(glanceUrl: string, imageId: string, memberId: string): string {
  return build(glanceUrl, [
    "images",
    segment(imageId, imageIdProblem),
    "members",
    segment(memberId, memberIdProblem),
  ]);
}

function segment(id: string, problem: (value: unknown) => string | undefined): string {
  const reason = problem(id);
  if (reason) {
    throw new ImageMemberError("ERR_INVALID_INPUT", `No request was sent: ${reason}`, {
      hint: "A share recorded with such an id by an older version cannot be addressed by URL: remove it with the cloud's own tools, then `pulumi state delete` it.",
    });
  }
  return encodeURIComponent(id);
}

function build(glanceUrl: string, segments: readonly string[]): string {
  const base = glanceBase(glanceUrl);
  const path = segments.join("/");
  const url = `${base.url}/${path}`;
  // The parser must see the path as written: no segment dropped, merged or re-encoded.
  if (new URL(url).pathname !== `${base.pathname}/${path}`) {
    throw new ImageMemberError(
      "ERR_INVALID_INPUT",
      `No request was sent: ${url} does not parse as the path it was built from.`,
    );
  }
  return url;
}

/** Each Glance base URL parsed once: a process talks to a handful, and every request starts from one. */
const bases = new Map<string, { url: string; pathname: string }>();

function glanceBase(glanceUrl: string): { url: string; pathname: string } {
  let base = bases.get(glanceUrl);
  if (!base) {
    const url = glanceUrl.replace(/\/+$/, "");
    base = { url, pathname: new URL(url).pathname };
    if (bases.size >= 64) bases.clear();
    bases.set(glanceUrl, base);
  }
  return base;
}
