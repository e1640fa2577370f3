/**
 * Every Glance URL this package requests is built here. Each id becomes exactly one
 * percent-encoded path segment, and the result is that path to every URL parser: an id that would
 * become a dot segment, a separator or an unencodable string is refused with ERR_INVALID_INPUT,
 * never sent somewhere else (`/members/..` is `/images/{id}/` to every URL parser).
 *
 * Why a built URL needs no parse of its own: `encodeURIComponent` leaves only characters that the
 * URL parser keeps as they are in a path (`A-Z a-z 0-9 - _ . ! ~ * ' ( )` and `%XX`, and `%` is
 * itself encoded, so no `%2e` can appear), and ./ids refuses an id of only dots. What is left to
 * the parser is the base, which is parsed once per process with a path added.
 */
import { ImageMemberError } from "../errors";
import { redactUrl } from "../http/transport";
import { imageIdProblem, memberIdProblem } from "./ids";

export function imageUrl(glanceUrl: string, imageId: string): string {
  return `${glanceBase(glanceUrl)}/images/${segment(imageId, imageIdProblem)}`;
}

export function membersUrl(glanceUrl: string, imageId: string): string {
  return `${glanceBase(glanceUrl)}/images/${segment(imageId, imageIdProblem)}/members`;
}

export function memberUrl(glanceUrl: string, imageId: string, memberId: string): string {
  const image = segment(imageId, imageIdProblem);
  return `${glanceBase(glanceUrl)}/images/${image}/members/${segment(memberId, memberIdProblem)}`;
}

/** `problem` refuses what no id is: for both kinds (./ids), the empty id and one of only dots. */
function segment(id: string, problem: (value: unknown) => string | undefined): string {
  const reason = problem(id);
  if (reason) {
    throw new ImageMemberError("ERR_INVALID_INPUT", `No request was sent: ${reason}`, {
      hint: "A share recorded with such an id by an older version cannot be addressed by URL: remove it with the cloud's own tools, then `pulumi state delete` it.",
    });
  }
  return encodeURIComponent(id);
}

/** A path with every kind of segment this module adds, to prove a base keeps them as written. */
const PROBE = "/images/8a5c3b3e-1f0e-4b1e-9c53-2a7f0e6d4c11/members/a-_.!~*'()%25";

/**
 * Each Glance base URL checked once, without trailing slashes: a process talks to a handful, and
 * every request starts from one. A base is used only if the parser sees a path added to it as
 * written: none of it dropped into a query or a fragment, merged or re-encoded.
 */
const bases = new Map<string, string>();

function glanceBase(glanceUrl: string): string {
  let base = bases.get(glanceUrl);
  if (base === undefined) {
    base = glanceUrl.replace(/\/+$/, "");
    if (!keepsPaths(base)) {
      throw new ImageMemberError(
        "ERR_INVALID_INPUT",
        `No request was sent: the Glance URL ${redactUrl(base)} cannot take a request path.`,
        { hint: "Give the image endpoint as an http or https URL without a query or a fragment." },
      );
    }
    if (bases.size >= 64) bases.clear();
    bases.set(glanceUrl, base);
  }
  return base;
}

function keepsPaths(base: string): boolean {
  try {
    const parsed = new URL(base);
    return new URL(`${base}${PROBE}`).pathname === `${parsed.pathname.replace(/\/$/, "")}${PROBE}`;
  } catch {
    return false;
  }
}
