/**
 * Child process that runs the local Keystone + Glance for the benchmark, so the server's own
 * work runs on its own event loop (and core) instead of competing with the client measured.
 * Driven over IPC by {@link RemoteCloud}.
 */
import { startLocalCloud } from "../../provider/testing";
import type { LocalCloud } from "../../provider/testing";
import type { CallMessage, CloudCalls, ReplyMessage, RequestSummary } from "./cloud-protocol";

let cloud: LocalCloud | undefined;

function running(): LocalCloud {
  if (!cloud) throw new Error("cloud not started");
  return cloud;
}

function summarize(c: LocalCloud): RequestSummary {
  const s: RequestSummary = {
    total: 0,
    tokenRequests: 0,
    imageRequests: 0,
    imageByMethodStatus: {},
    notOk: 0,
  };
  for (const r of c.requests) {
    s.total++;
    if (r.status < 200 || r.status > 299) s.notOk++;
    if (r.path.endsWith("/auth/tokens")) s.tokenRequests++;
    if (r.service === "image") {
      s.imageRequests++;
      const key = `${r.method} ${r.status}`;
      s.imageByMethodStatus[key] = (s.imageByMethodStatus[key] ?? 0) + 1;
    }
  }
  return s;
}

const calls: { [K in keyof CloudCalls]: (...args: Parameters<CloudCalls[K]>) => unknown } = {
  async start(options) {
    cloud = await startLocalCloud(options);
    return { url: cloud.url, fixtures: cloud.fixtures };
  },
  createImage: (owner) => running().createImage({ owner }),
  memberCount: (imageId) => running().members(imageId).length,
  removeMember: (imageId, memberId) => running().removeMember(imageId, memberId),
  setLatency: (ms) => running().faults.setLatency(ms),
  summary: () => summarize(running()),
  clearRequests: () => running().clearRequests(),
  async close() {
    await cloud?.close();
    cloud = undefined;
    setImmediate(() => process.disconnect?.());
  },
};

process.on("message", (message: CallMessage) => {
  const fn = calls[message.name] as (...args: unknown[]) => unknown;
  Promise.resolve()
    .then(() => fn(...message.args))
    .then(
      (result) => send({ id: message.id, result }),
      (e: unknown) => send({ id: message.id, error: e instanceof Error ? e.message : String(e) }),
    );
});

// The benchmark is gone (finished, failed or killed): so is the cloud.
process.on("disconnect", () => {
  void cloud?.close().finally(() => process.exit(0));
  setTimeout(() => process.exit(0), 2000).unref();
});

function send(reply: ReplyMessage): void {
  process.send?.(reply);
}
