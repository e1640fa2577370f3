/**
 * The 404 rule against docs/404-rule.md's table: for generated recorded and current provenance and what the
 * asking project sees of the image, the verdict of `judgeNotFound` is the one the documented row
 * gives, and the image is read (once) exactly for the rows that say what it shows.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import type { ImageService } from "../../provider/auth/connect";
import { ImageMemberError } from "../../provider/errors";
import type { ImageSight } from "../../provider/shares/image-sight";
import { judgeNotFound, type Provenance } from "../../provider/shares/provenance";

const README = readFileSync(join(__dirname, "../../docs/404-rule.md"), "utf8");

/** The page's rows: "glance | project | image" → "gone", "unproven" or an error code. */
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
  return new Map(
    rows.map(([glance, project, image, verdict]) => [`${glance} | ${project} | ${image}`, verdict]),
  );
}

type GlanceCase =
  "same-url" | "same-alias" | "same-service-moved" | "another" | "not-recorded" | "interrupted";
/** Who asks: the image's owner now, the member, the recorded project (not the owner), another, or unknown. */
type ProjectCase = "owner" | "member" | "recorded" | "another" | "none-recorded" | "unknown";
type ImageCase = "shared" | "private" | "public" | "community" | "not-visible" | "unreadable";

const GLANCE_COLUMN: Record<GlanceCase, string> = {
  "same-url": "the same",
  "same-alias": "the same",
  "same-service-moved": "the same",
  interrupted: "the same",
  another: "another",
  "not-recorded": "not recorded",
};

/** The row a scenario falls under: project and image columns. */
function row(glance: string, project: ProjectCase, image: ImageCase, ims: boolean): [string, string] {
  if (glance !== "the same") return ["any", "not read"];
  if (project === "unknown") return ["unknown", "not read"];
  if (image === "not-visible") return ["any", "not visible (404)"];
  if (image === "unreadable") return ["any", "unreadable (another error)"];
  switch (project) {
    case "owner":
      if (image === "shared") return ["owns the image", "`shared`"];
      if (image === "private" && ims) return ["owns the image", "`private`, on Huawei Cloud IMS"];
      return ["owns the image", "`private`, `public` or `community`"];
    case "member":
      return image === "shared"
        ? ["the member project", "`shared`, another project's"]
        : ["the member project", "`public` or `community`, another project's"];
    case "recorded":
      return ["the recorded project", "another project's"];
    default:
      return ["another project, or none recorded", "another project's"];
  }
}

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
    "interrupted",
  ),
  project: fc.constantFrom<ProjectCase>("owner", "member", "recorded", "another", "none-recorded", "unknown"),
  image: fc.constantFrom<ImageCase>("shared", "private", "public", "community", "not-visible", "unreadable"),
  ims: fc.boolean(),
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

test("for every generated case the verdict is the table's, and the image is read only where a row needs it", async () => {
  const rule = documentedRule();
  expect(rule.size).toBe(12);
  const used = new Set<string>();
  await fc.assert(
    fc.asyncProperty(scenario, async (s) => {
      fc.pre(new Set([s.owner, s.creator, s.member, s.stranger]).size === 4 && s.host !== s.otherHost);
      fc.pre(s.service !== s.otherService);
      // Glance shows another project's private image to no one but its owner (and an admin).
      fc.pre(!(s.image === "private" && s.project !== "owner"));
      const current = `https://${s.host}:9292/v2`;
      const internal = `http://${s.host}-internal:9292/v2`;
      const service: ImageService = {
        client: undefined as never,
        glanceUrl: current,
        glanceService: `${s.service}@RegionOne`,
        aliases: [current, internal],
        privateImagesHaveMembers: s.ims,
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
      if (s.glance !== "interrupted" && s.project !== "none-recorded") recorded.projectId = s.creator;
      const asker = {
        owner: s.owner,
        member: s.member,
        recorded: s.creator,
        another: s.stranger,
        "none-recorded": s.stranger,
        unknown: undefined,
      }[s.project];
      if (asker) service.projectId = asker;
      else service.projectUnknown = { why: "a bare token", fix: "set the auth URL" };
      // "recorded" only means something where a project is recorded; elsewhere it is another project.
      const project: ProjectCase =
        s.project === "recorded" && recorded.projectId === undefined ? "another" : s.project;

      // The image is always s.owner's: only the "owner" case asks as that project.
      const imageOwner = s.owner;
      let reads = 0;
      const sight = async (): Promise<ImageSight> => {
        reads++;
        if (s.image === "not-visible") return { kind: "not-visible" };
        if (s.image === "unreadable")
          return { kind: "unreadable", error: new ImageMemberError("ERR_UNEXPECTED_STATUS", "HTTP 500") };
        return { kind: "seen", image: { id: "i", owner: imageOwner, visibility: s.image, status: "active" } };
      };
      const verdict = await judgeNotFound({ imageId: "i", memberId: s.member }, recorded, service, sight);

      const glance = GLANCE_COLUMN[s.glance];
      const [projectColumn, imageColumn] = row(glance, project, s.image, s.ims);
      const key = `${glance} | ${projectColumn} | ${imageColumn}`;
      expect(rule.has(key)).toBe(true);
      used.add(key);
      const documented = rule.get(key);
      const actual = verdict.gone
        ? "gone"
        : verdict.code === "ERR_NOT_FOUND_UNPROVEN"
          ? "unproven"
          : `\`${verdict.code}\``;
      expect(actual).toBe(documented);
      expect(reads).toBe(imageColumn === "not read" ? 0 : 1);
    }),
    { numRuns: 3000 },
  );
  expect([...rule.keys()].filter((key) => !used.has(key))).toEqual([]);
});
