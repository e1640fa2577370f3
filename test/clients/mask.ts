/**
 * What differs between two clouds for the same run and is not behaviour: ids, names made up per
 * run, times, request ids, ports, and the padding of table columns. Masking leaves the rest of
 * the output to compare as it is.
 */
import type { CloudFixtures } from "../../provider/testing";

export function mask(text: string, f: CloudFixtures): string {
  let out = text;
  for (const r of ["owner", "consumer", "third"] as const) {
    out = out.split(f.projects[r].id).join(`<${r}-project-id>`).split(f.users[r].id).join(`<${r}-user-id>`);
  }
  return out
    .replace(/https?:\/\/127\.0\.0\.1:\d+(\/[\w./-]*)?/g, "<url>")
    .replace(/req-[0-9a-f-]{36}/g, "<request-id>")
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, "<uuid>")
    .replace(/\b[0-9a-f]{32}\b/g, (hex) => (hex === "b1946ac92492d2347c6235b4d2611184" ? hex : "<hex32>"))
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)?/g, "<time>")
    .replace(/clients-(openstack|glance|sdk)-[0-9a-f]{8}/g, "<name>")
    .replace(/tag-[0-9a-f]{8}/g, "<tag>")
    .replace(/\/tmp\/[\w./-]+/g, "<path>")
    .replace(/-{3,}/g, "---")
    .replace(/ {2,}/g, " ")
    .replace(
      // openstacksdk joins the lines of an HTML error body through a Python set: their order
      // depends on the strings' hashes (so on the ids in them). Sorted once the ids are masked,
      // so that the order cannot depend on the ids either.
      /(Client Error for url: \S+, )([^"\n]+)/g,
      (_, head: string, details: string) => head + details.split(": ").sort().join(": "),
    );
}
