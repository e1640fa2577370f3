/**
 * The 404 rule against README's table: for generated pairs of recorded and current provenance,
 * the verdict of `judgeNotFound` is the one the documented row for that pair gives.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import type { ImageService } from "../../provider/auth/connect";
import { judgeNotFound, type Provenance } from "../../provider/resource/provenance";

const README = readFileSync(join(__dirname, "../../README.md"), "utf8");

/** README's rows: "glance column | project column" → "gone" or "unproven". */
function documentedRule(): Map<string, string> {
  const block = /<!-- 404-rule:start -->([\s\S]*?)<!-- 404-rule:end -->/.exec(README)?.[1] ?? "";
  const rows = block
    .split("\n")
    .filter((line) => line.startsWith("|"))
    .slice(2)
    .map((line) =>
      line
        .split("|")
        .slice(1, -1)
        .map((cell) => cell.trim()),
    );
  return new Map(rows.map(([glance, project, verdict]) => [`${glance} | ${project}`, verdict]));
}

type GlanceCase =
  "same-url" | "same-alias" | "same-service-moved" | "another" | "not-recorded" | "interrupted";
type ProjectCase = "recorded" | "member" | "none-owner" | "none-not-owner" | "another" | "unknown";

const GLANCE_COLUMN: Record<GlanceCase, string> = {
  "same-url": "the same",
  "same-alias": "the same",
  "same-service-moved": "the same",
  another: "another",
  "not-recorded": "not recorded",
  interrupted: "interrupted create (restored by `pulumi-image-member-recover`)",
};
const PROJECT_COLUMN: Record<ProjectCase, string> = {
  recorded: "the recorded project",
  member: "the member project itself",
  "none-owner": "none recorded, and it owns the image",
  "none-not-owner": "none recorded, and it does not own the image",
  another: "another project than the recorded one",
  unknown: "unknown",
};

const id = fc.stringMatching(/^[0-9a-f]{32}$/);
const host = fc.stringMatching(/^[a-z]{3,8}\.example\.(com|org)$/);
const spell = fc.constantFrom(
  (u: string) => u,
  (u: string) => `${u}/`,
  (u: string) => u.replace("/v2", "/v2.9"),
  (u: string) => u.toUpperCase().replace("/V2", "/v2").replace("HTTPS://", "https://"),
);

const scenario = fc.record({
  glance: fc.constantFrom<GlanceCase>(
    "same-url",
    "same-alias",
    "same-service-moved",
    "another",
    "not-recorded",
  ),
  project: fc.constantFrom<ProjectCase>(
    "recorded",
    "member",
    "none-owner",
    "none-not-owner",
    "another",
    "unknown",
  ),
  host,
  otherHost: host,
  spell,
  service: id,
  otherService: id,
  owner: id,
  creator: id,
  member: id,
  stranger: id,
});

test("for every generated pair the verdict is README's", async () => {
  const rule = documentedRule();
  expect(rule.size).toBe(10);
  await fc.assert(
    fc.asyncProperty(scenario, async (s) => {
      fc.pre(new Set([s.owner, s.creator, s.member, s.stranger]).size === 4 && s.host !== s.otherHost);
      fc.pre(s.service !== s.otherService);
      const current = `https://${s.host}:9292/v2`;
      const internal = `http://${s.host}-internal:9292/v2`;
      const service: ImageService = {
        client: undefined as never,
        glanceUrl: current,
        glanceService: `${s.service}@RegionOne`,
        aliases: [current, internal],
      };
      const recorded: Provenance = {};
      switch (s.glance) {
        case "same-url":
          recorded.glanceUrl = s.spell(current);
          break;
        case "same-alias":
          recorded.glanceUrl = s.spell(internal);
          break;
        case "same-service-moved":
          recorded.glanceUrl = `https://${s.otherHost}/image/v2`;
          recorded.glanceService = `${s.service}@RegionOne`;
          break;
        case "another":
          recorded.glanceUrl = s.spell(`https://${s.otherHost}:9292/v2`);
          recorded.glanceService = `${s.otherService}@RegionOne`;
          break;
        case "not-recorded":
          break;
        case "interrupted":
          recorded.interruptedCreate = true;
          break;
      }
      let ownerAsked = 0;
      const imageOwner = async () => (ownerAsked++, s.owner);
      switch (s.project) {
        case "recorded":
          recorded.projectId = s.creator;
          service.projectId = s.creator;
          break;
        case "member":
          recorded.projectId = s.creator;
          service.projectId = s.member;
          break;
        case "none-owner":
          service.projectId = s.owner;
          break;
        case "none-not-owner":
          service.projectId = s.stranger;
          break;
        case "another":
          recorded.projectId = s.creator;
          service.projectId = s.stranger;
          break;
        case "unknown":
          recorded.projectId = s.creator;
          service.projectUnknown = { why: "a bare token", fix: "set the auth URL" };
          break;
      }
      const verdict = await judgeNotFound(
        { imageId: "i", memberId: s.member },
        recorded,
        service,
        imageOwner,
      );
      const glanceColumn = GLANCE_COLUMN[s.glance];
      const projectColumn =
        s.glance === "interrupted"
          ? service.projectId === s.owner
            ? "the image's owner"
            : "any other, or unknown"
          : glanceColumn === "the same"
            ? PROJECT_COLUMN[s.project]
            : "any";
      const key = `${glanceColumn} | ${projectColumn}`;
      expect(rule.has(key)).toBe(true);
      expect(verdict.gone ? "gone" : "unproven").toBe(rule.get(key));
      // The image is looked up only when nothing recorded says who made the share.
      if (ownerAsked > 0) expect(recorded.projectId === undefined || recorded.interruptedCreate).toBe(true);
    }),
    { numRuns: 2000 },
  );
});
