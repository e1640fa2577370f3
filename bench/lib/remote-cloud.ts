/** The local cloud running in a child process (see cloud-host.ts), driven over IPC. */
import { fork, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { osEnvironment } from "../../provider/testing/credentials";
import type { CloudFixtures, Role } from "../../provider/testing/fixtures";
import type { LocalCloudOptions } from "../../provider/testing/types";
import type { CallMessage, CallName, CloudCalls, ReplyMessage, RequestSummary } from "./cloud-protocol";

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void };

export class RemoteCloud {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  url = "";
  fixtures!: CloudFixtures;

  private constructor(private readonly child: ChildProcess) {
    child.on("message", (m: ReplyMessage) => this.settle(m));
    child.on("exit", (code) => {
      for (const p of this.pending.values()) p.reject(new Error(`cloud host exited (${code})`));
      this.pending.clear();
    });
  }

  static async start(options: LocalCloudOptions = {}): Promise<RemoteCloud> {
    const child = fork(join(__dirname, "cloud-host.js"), [], {
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    const cloud = new RemoteCloud(child);
    const started = (await cloud.call("start", options)) as { url: string; fixtures: CloudFixtures };
    cloud.url = started.url;
    cloud.fixtures = started.fixtures;
    return cloud;
  }

  /** Process id of the server, whose CPU time can then be read from /proc. */
  get pid(): number | undefined {
    return this.child.pid;
  }

  createImage(owner = this.fixtures.projects.owner.id): Promise<string> {
    return this.call("createImage", owner) as Promise<string>;
  }
  memberCount(imageId: string): Promise<number> {
    return this.call("memberCount", imageId) as Promise<number>;
  }
  removeMember(imageId: string, memberId: string): Promise<boolean> {
    return this.call("removeMember", imageId, memberId) as Promise<boolean>;
  }
  setLatency(ms: number): Promise<void> {
    return this.call("setLatency", ms) as Promise<void>;
  }
  summary(): Promise<RequestSummary> {
    return this.call("summary") as Promise<RequestSummary>;
  }
  clearRequests(): Promise<void> {
    return this.call("clearRequests") as Promise<void>;
  }

  async close(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once("exit", () => resolve()));
    await this.call("close").catch(() => undefined);
    const timer = setTimeout(() => this.child.kill(), 5000);
    await exited;
    clearTimeout(timer);
  }

  /** `OS_*` variables that log in as the given role on its own project. */
  envOf(role: Role = "owner"): Record<string, string> {
    return osEnvironment(this.fixtures, role);
  }

  private call<K extends CallName>(name: K, ...args: Parameters<CloudCalls[K]>): Promise<unknown> {
    const id = this.nextId++;
    const message: CallMessage = { id, name, args };
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.child.send(message);
    });
  }

  private settle(reply: ReplyMessage): void {
    const p = this.pending.get(reply.id);
    if (!p) return;
    this.pending.delete(reply.id);
    if (reply.error !== undefined) p.reject(new Error(reply.error));
    else p.resolve(reply.result);
  }
}
