/** Every Glance URL this package requests is built here, each path segment percent-encoded. */

export function membersUrl(glanceUrl: string, imageId: string): string {
  return `${base(glanceUrl)}/images/${encodeURIComponent(imageId)}/members`;
}

export function memberUrl(glanceUrl: string, imageId: string, memberId: string): string {
  return `${membersUrl(glanceUrl, imageId)}/${encodeURIComponent(memberId)}`;
}

function base(glanceUrl: string): string {
  return glanceUrl.replace(/\/+$/, "");
}
