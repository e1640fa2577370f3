/** The documentation a newcomer reads: a short README whose links work on the npm page, and docs/ pages whose links resolve. */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";

const ROOT = join(__dirname, "../..");
const REPOSITORY = "https://github.com/pulumi-image-member/pulumi-image-member";

/** The targets of the Markdown links in `text`, code spans and blocks left out. */
function linkTargets(text: string): string[] {
  const prose = text.replace(/```[\s\S]*?```/g, "").replace(/`[^`\n]*`/g, "");
  return [...prose.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]);
}

/** Every Markdown file under docs/. */
function docsPages(dir = join(ROOT, "docs")): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? docsPages(join(dir, e.name)) : e.name.endsWith(".md") ? [join(dir, e.name)] : [],
  );
}

/** The headings of a page as GitHub makes their anchors. */
function anchors(text: string): Set<string> {
  const slug = (heading: string) =>
    heading
      .toLowerCase()
      .replace(/[^\p{L}\p{N} _-]/gu, "")
      .replace(/ /g, "-");
  return new Set([...text.matchAll(/^#{1,6} (.+)$/gm)].map((m) => slug(m[1].trim())));
}

test("README is short, and every link in it works from the npm page (absolute, or an anchor of its own)", () => {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  expect(Buffer.byteLength(readme)).toBeLessThanOrEqual(15 * 1024);
  const own = anchors(readme);
  for (const target of linkTargets(readme)) {
    if (target.startsWith("#")) expect(own).toContain(target.slice(1));
    else expect(target).toMatch(/^https:\/\//);
  }
  // Links into this repository name files that exist.
  for (const target of linkTargets(readme).filter((t) => t.startsWith(REPOSITORY))) {
    const path = target.replace(/^.*\/(?:blob|tree)\/main\//, "").replace(/#.*$/, "");
    expect(existsSync(join(ROOT, path))).toBe(true);
  }
});

test.each(docsPages().map((p) => [p.slice(ROOT.length + 1), p]))(
  "%s: every relative link names a file (and heading) that exists",
  (_name, page) => {
    const text = readFileSync(page, "utf8");
    for (const target of linkTargets(text).filter((t) => !/^(https?:|mailto:)/.test(t))) {
      const [file, anchor] = target.split("#");
      const path = file ? join(dirname(page), file) : page;
      expect([target, existsSync(path)]).toEqual([target, true]);
      if (anchor && path.endsWith(".md")) expect(anchors(readFileSync(path, "utf8"))).toContain(anchor);
    }
  },
);
