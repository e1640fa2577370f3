/** Messages between the benchmark and the child process that hosts the local cloud. */
import type { CloudFixtures } from "../../provider/testing/fixtures";
import type { LocalCloudOptions } from "../../provider/testing/types";

/** Counts of the requests the cloud received since the log was last cleared. */
export interface RequestSummary {
  total: number;
  /** `POST|GET /v3/auth/tokens` */
  tokenRequests: number;
  /** Requests to an image endpoint. */
  imageRequests: number;
  /** `"<METHOD> <status>"` → count, image requests only. */
  imageByMethodStatus: Record<string, number>;
  /** Requests answered with a status other than 2xx (404s included). */
  notOk: number;
}

export interface CloudCalls {
  start(options: LocalCloudOptions): { url: string; fixtures: CloudFixtures };
  createImage(owner: string): string;
  memberCount(imageId: string): number;
  removeMember(imageId: string, memberId: string): boolean;
  setLatency(ms: number): void;
  summary(): RequestSummary;
  clearRequests(): void;
  close(): void;
}

export type CallName = keyof CloudCalls;

export interface CallMessage {
  id: number;
  name: CallName;
  args: unknown[];
}

export interface ReplyMessage {
  id: number;
  result?: unknown;
  error?: string;
}
