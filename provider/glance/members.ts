import type { ServiceClient } from "../http/service-client";
import { unexpectedStatus } from "../http/transport";
import { parseMember, parseMemberList, type Member, type MemberStatus } from "./member";
import { memberUrl, membersUrl } from "./urls";

/** The Glance v2 image members API of one endpoint, with one identity. */
export class MembersApi {
  constructor(
    private readonly client: ServiceClient,
    /** Glance base URL, ending in `/v2`. */
    readonly glanceUrl: string,
  ) {}

  /**
   * Shares the image: `POST /v2/images/{id}/members` → 200. A 409 after an attempt whose outcome
   * is unknown (no answer, or a gateway's 502/504) is that attempt's work: the member is read back.
   * A 409 after definite refusals only (429, 500, 503, …) means the share was there before: an
   * ERR_CONFLICT, for the caller to decide.
   */
  async create(imageId: string, memberId: string): Promise<Member> {
    memberUrl(this.glanceUrl, imageId, memberId); // refuses a member that could not be read or revoked later
    const url = membersUrl(this.glanceUrl, imageId);
    const res = await this.client.call({
      method: "POST",
      url,
      body: { member: memberId },
      expect: [200, 409],
    });
    if (res.status === 200) return parseMember(res.text);
    if (res.earlierOutcomeUnknown) return this.get(imageId, memberId);
    throw unexpectedStatus({ method: "POST", url }, res, "The image is already shared with this project");
  }

  async get(imageId: string, memberId: string): Promise<Member> {
    const res = await this.client.call({
      method: "GET",
      url: memberUrl(this.glanceUrl, imageId, memberId),
      expect: [200],
    });
    return parseMember(res.text);
  }

  async list(imageId: string): Promise<Member[]> {
    const res = await this.client.call({
      method: "GET",
      url: membersUrl(this.glanceUrl, imageId),
      expect: [200],
    });
    return parseMemberList(res.text);
  }

  /** Sets the member's status; only the member project may. */
  async updateStatus(imageId: string, memberId: string, status: MemberStatus): Promise<Member> {
    const url = memberUrl(this.glanceUrl, imageId, memberId);
    const res = await this.client.call({ method: "PUT", url, body: { status }, expect: [200] });
    return parseMember(res.text);
  }

  /** Revokes the share: `DELETE` → 204. Any other status, 404 included, is an HttpError. */
  async delete(imageId: string, memberId: string): Promise<void> {
    await this.client.call({
      method: "DELETE",
      url: memberUrl(this.glanceUrl, imageId, memberId),
      expect: [204],
    });
  }
}
