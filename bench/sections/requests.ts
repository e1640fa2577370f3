/**
 * Requests per operation, counted at the local server: create, read, delete, and delete of a
 * member already gone (after the first token request of the provider process); and token
 * requests per identity when one provider process handles many shares of two identities.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cloudsYamlEntry } from "../../provider/testing/credentials";
import type { Figure } from "../lib/report";
import type { RemoteCloud } from "../lib/remote-cloud";
import { createShare, hooksWith, newProjectId } from "../lib/hooks";

const SECTION = "requests";
const GLANCE_MINIMUM = { label: "Glance API minimum", value: 1, unit: "req" };
/** The DELETE's 404, then the image as its owner sees it: the proof the 404 rule asks (docs/404-rule.md). */
const PROVEN_GONE_MINIMUM = { label: "Glance API minimum with the 404 rule's proof", value: 2, unit: "req" };

export interface RequestsOptions {
  /** Shares per identity in the token count. */
  sharesPerIdentity: number;
}

export async function requestsSection(cloud: RemoteCloud, options: RequestsOptions): Promise<Figure[]> {
  const figures: Figure[] = [];
  const warnings: string[] = [];
  const hooks = hooksWith(cloud.envOf("owner"), warnings);
  const imageId = await cloud.createImage();

  // The provider process's first call fetches its token; that one is counted in the token figure.
  const warm = await createShare(hooks, { imageId, memberId: newProjectId() });
  await hooks.delete(warm.id, warm.outs);

  const counted = async (
    label: string,
    id: string,
    op: () => Promise<unknown>,
    expectStatus: string,
    minimum = GLANCE_MINIMUM,
  ) => {
    await cloud.clearRequests();
    await op();
    const s = await cloud.summary();
    const seen = Object.keys(s.imageByMethodStatus).join(", ");
    if (!(expectStatus in s.imageByMethodStatus))
      throw new Error(`${label}: expected a ${expectStatus}, the server saw ${seen}`);
    figures.push({
      id: `${SECTION}.${id}`,
      section: SECTION,
      label: `requests per ${label}`,
      value: s.total,
      unit: "req",
      baseline: minimum,
      ratio: s.total / minimum.value,
      goal: { text: String(minimum.value), met: s.total === minimum.value },
      note: `server saw: ${seen}${s.tokenRequests ? `, ${s.tokenRequests} token` : ""}`,
    });
  };

  const memberId = newProjectId();
  let share = { id: "", outs: {} as Awaited<ReturnType<typeof createShare>>["outs"] };
  await counted(
    "create",
    "create",
    async () => (share = await createShare(hooks, { imageId, memberId })),
    "POST 200",
  );
  await counted("read (refresh)", "read", () => hooks.read(share.id, share.outs), "GET 200");
  await counted("delete", "delete", () => hooks.delete(share.id, share.outs), "DELETE 204");
  await counted(
    "delete of a member already gone",
    "deleteGone",
    () => hooks.delete(share.id, share.outs),
    "DELETE 404",
    PROVEN_GONE_MINIMUM,
  );
  if (warnings.length > 0) throw new Error(`unexpected warnings: ${warnings.join("; ")}`);

  figures.push(await tokensPerIdentity(cloud, options.sharesPerIdentity));
  return figures;
}

/**
 * One provider process (one ProviderContext, as in one deployment), two identities named by
 * the resources' `cloud` input, `n` concurrent creates then `n` deletes each.
 */
async function tokensPerIdentity(cloud: RemoteCloud, n: number): Promise<Figure> {
  const dir = mkdtempSync(join(tmpdir(), "pim-bench-clouds-"));
  try {
    const f = cloud.fixtures;
    const entry = (role: "owner" | "consumer") => cloudsYamlEntry(f, role);
    const file = join(dir, "clouds.yaml");
    writeFileSync(file, JSON.stringify({ clouds: { owner: entry("owner"), consumer: entry("consumer") } }));
    const hooks = hooksWith({ OS_CLIENT_CONFIG_FILE: file });
    const identities = [
      { cloud: "owner", imageId: await cloud.createImage(f.projects.owner.id) },
      { cloud: "consumer", imageId: await cloud.createImage(f.projects.consumer.id) },
    ];
    await cloud.clearRequests();
    const shares = await Promise.all(
      identities.flatMap((who) =>
        Array.from({ length: n }, () =>
          createShare(hooks, { imageId: who.imageId, memberId: newProjectId(), cloud: who.cloud }),
        ),
      ),
    );
    await Promise.all(shares.map((s) => hooks.delete(s.id, s.outs)));
    const s = await cloud.summary();
    if (s.notOk > 0) throw new Error(`token count: ${s.notOk} requests failed`);
    const perIdentity = s.tokenRequests / identities.length;
    return {
      id: `${SECTION}.tokensPerIdentity`,
      section: SECTION,
      label: `token requests per identity (1 process, ${identities.length} identities × ${n} shares, create+delete)`,
      value: perIdentity,
      unit: "req",
      baseline: { label: "one token per identity", value: 1, unit: "req" },
      ratio: perIdentity,
      goal: { text: "1", met: perIdentity === 1 },
      note: `${s.tokenRequests} token requests, ${s.imageRequests} image requests`,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
