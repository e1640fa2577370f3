/**
 * `GET /v2/images` query handling, as Glance (Zed) does it: the filters (`name`, `id`, `status`,
 * `container_format`, `disk_format` with `in:`; `visibility`, `member_status`, `owner`, `tag`,
 * `protected`, `os_hidden`, `size_min`/`size_max`, `created_at`/`updated_at` with `gt:` … `neq:`,
 * `checksum`, `os_hash_value`, `min_ram`, `min_disk` and custom properties), sorting
 * (`sort_key`/`sort_dir` or `sort=key:dir,…`), paging (`limit`, default 25, at most 1000;
 * `marker`) and the `first`/`next` links of the answer.
 */
import { GlanceError } from "./glance-context";
import type { StoredImage } from "./image-store";

const DEFAULT_LIMIT = 25;
const MAX_LIMIT = 1000;
const SORT_KEYS = [
  "name",
  "status",
  "container_format",
  "disk_format",
  "size",
  "id",
  "created_at",
  "updated_at",
];
const VISIBILITIES = ["community", "public", "private", "shared", "all"];
const MEMBER_STATUSES = ["pending", "accepted", "rejected", "all"];
const LIST_OPERATORS = new Set(["in", "eq"]);
const TIME_OPERATORS = new Set(["eq", "neq", "gt", "gte", "lt", "lte"]);
/** Parameters that are not filters on image columns or properties. */
const NOT_FILTERS = new Set(["limit", "marker", "member_status", "tag", "sort", "sort_key", "sort_dir"]);

type Direction = "asc" | "desc";
type Filter = (image: StoredImage) => boolean;

/** A parsed listing request. */
export interface ImageQuery {
  /** `visibility`, or undefined when not given (community images then only when owned). */
  visibility?: string;
  memberStatus: string;
  marker?: string;
  limit: number;
  filters: Filter[];
  sort: { key: string; dir: Direction }[];
  /** The query's parameters, last value per name, in order of first appearance (webob's `dict(params)`). */
  params: [string, string][];
}

/** Parse and validate the query string; invalid values → Glance's 400s. */
export function parseImageQuery(queryString: string): ImageQuery {
  const all = [...new URLSearchParams(queryString)];
  const last = new Map<string, string>();
  for (const [k, v] of all) last.set(k, v);
  const values = (name: string) => all.filter(([k]) => k === name).map(([, v]) => v);

  const visibility = last.get("visibility");
  if (visibility && !VISIBILITIES.includes(visibility)) {
    throw new GlanceError(400, `Invalid visibility value: ${visibility}`);
  }
  if (last.has("changes-since")) {
    throw new GlanceError(400, 'The "changes-since" filter is no longer available on v2.');
  }
  const memberStatus = values("member_status")[0] ?? "accepted";
  if (!MEMBER_STATUSES.includes(memberStatus)) throw new GlanceError(400, `Invalid status: ${memberStatus}`);
  const rawLimit = values("limit")[0];
  let limit = DEFAULT_LIMIT;
  if (rawLimit !== undefined) {
    if (!/^\s*[-+]?\d+\s*$/.test(rawLimit)) throw new GlanceError(400, "limit param must be an integer");
    limit = Number(rawLimit);
    if (limit < 0) throw new GlanceError(400, "limit param must be positive");
  }
  const filters = parseFilters(last, values);
  return {
    visibility: visibility || undefined,
    memberStatus,
    marker: values("marker")[0],
    limit: Math.min(limit, MAX_LIMIT),
    filters,
    sort: parseSort(all, values),
    params: [...last],
  };
}

function parseFilters(last: Map<string, string>, values: (name: string) => string[]): Filter[] {
  const filters: Filter[] = [];
  const hidden = (last.get("os_hidden") ?? "false").toLowerCase();
  if (hidden !== "true" && hidden !== "false") {
    throw new GlanceError(
      400,
      `Invalid value '${hidden}' for 'os_hidden' filter. Valid values are 'true' or 'false'.`,
    );
  }
  filters.push((i) => i.osHidden === (hidden === "true"));
  const protectedValue = last.get("protected");
  if (protectedValue !== undefined) {
    if (protectedValue !== "true" && protectedValue !== "false") {
      throw new GlanceError(
        400,
        `Invalid value '${protectedValue}' for 'protected' filter. Valid values are 'true' or 'false'.`,
      );
    }
    filters.push((i) => i.protected === (protectedValue === "true"));
  }
  for (const tag of values("tag").map((t) => t.trim())) filters.push((i) => i.tags.includes(tag));
  for (const [key, value] of last) {
    if (NOT_FILTERS.has(key) || key === "visibility" || key === "os_hidden" || key === "protected") continue;
    filters.push(columnFilter(key, value));
  }
  return filters;
}

/** One `key=value` filter on a column or a custom property. */
function columnFilter(key: string, value: string): Filter {
  if (key.endsWith("_min") || key.endsWith("_max")) {
    if (!/^\s*[-+]?\d+\s*$/.test(value)) {
      throw new GlanceError(400, "Unable to filter on a range with a non-numeric value.");
    }
    const column = key.slice(0, -4);
    const bound = Number(value);
    const min = key.endsWith("_min");
    return (i) => {
      const v = numericColumn(i, column);
      return v !== null && (min ? v >= bound : v <= bound);
    };
  }
  if (key === "created_at" || key === "updated_at") {
    const [op, time] = splitOperator(value);
    const ms = Date.parse(/(Z|[+-]\d\d:?\d\d)$/i.test(time) ? time : time + "Z");
    if (!TIME_OPERATORS.has(op) || Number.isNaN(ms) || !/^\d{4}-\d\d-\d\d/.test(time)) {
      if (!TIME_OPERATORS.has(op) && !Number.isNaN(ms)) {
        throw new GlanceError(400, `Unable to filter by unknown operator '${op}'.`);
      }
      throw new GlanceError(400, `Bad "${key}" query filter format. Use ISO 8601 DateTime notation.`);
    }
    const threshold = ms * 1000;
    return (i) => compareTime(key === "created_at" ? i.createdUs : i.updatedUs, op, threshold);
  }
  if (["name", "id", "status", "container_format", "disk_format"].includes(key)) {
    const [op, operand] = splitOperator(value);
    if (!LIST_OPERATORS.has(op)) throw new GlanceError(400, `Unable to filter by unknown operator '${op}'.`);
    const wanted = op === "in" ? splitQuoted(operand) : [operand];
    return (i) => wanted.includes(String(stringColumn(i, key)));
  }
  switch (key) {
    case "owner":
      return (i) => i.owner === value;
    case "checksum":
      return (i) => i.data?.md5 === value;
    case "os_hash_value":
      return (i) => i.data?.sha512 === value;
    case "min_ram":
      return (i) => String(i.minRam) === value;
    case "min_disk":
      return (i) => String(i.minDisk) === value;
  }
  return (i) => Object.prototype.hasOwnProperty.call(i.extra, key) && i.extra[key] === value;
}

/** glance.common.utils.split_filter_op: `op:value`, unless the whole value is an ISO time. */
function splitOperator(expression: string): [string, string] {
  const colon = expression.indexOf(":");
  if (colon < 0) return ["eq", expression];
  if (/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:?\d\d)?$/i.test(expression)) {
    return ["eq", expression];
  }
  return [expression.slice(0, colon), expression.slice(colon + 1)];
}

/** `in:` operands: comma separated, `"…"` quoting commas. */
function splitQuoted(operand: string): string[] {
  const out: string[] = [];
  const re = /"([^"]*)"|([^,]+)/g;
  for (let m = re.exec(operand); m; m = re.exec(operand)) out.push(m[1] ?? m[2].trim());
  return out;
}

function compareTime(us: number, op: string, threshold: number): boolean {
  switch (op) {
    case "gt":
      return us > threshold;
    case "gte":
      return us >= threshold;
    case "lt":
      return us < threshold;
    case "lte":
      return us <= threshold;
    case "neq":
      return Math.floor(us / 1e6) !== Math.floor(threshold / 1e6);
    default:
      return Math.floor(us / 1e6) === Math.floor(threshold / 1e6);
  }
}

function parseSort(all: [string, string][], values: (name: string) => string[]): ImageQuery["sort"] {
  const names = new Set(all.map(([k]) => k));
  const keys: string[] = [];
  const dirs: string[] = [];
  const checkKey = (key: string) => {
    if (!SORT_KEYS.includes(key)) {
      throw new GlanceError(
        400,
        `Invalid sort key: ${key}. It must be one of the following: ${SORT_KEYS.join(", ")}.`,
      );
    }
    return key;
  };
  const checkDir = (dir: string) => {
    if (dir !== "asc" && dir !== "desc") throw new GlanceError(400, `Invalid sort direction: ${dir}`);
    return dir;
  };
  if (names.has("sort")) {
    if (names.has("sort_key") || names.has("sort_dir")) {
      throw new GlanceError(400, "Old and new sorting syntax cannot be combined");
    }
    for (const part of (values("sort").at(-1) ?? "").trim().split(",")) {
      const colon = part.indexOf(":");
      const key = colon < 0 ? part : part.slice(0, colon);
      const dir = colon < 0 || part.slice(colon + 1) === "" ? "desc" : part.slice(colon + 1);
      keys.push(checkKey(key.trim()));
      dirs.push(checkDir(dir.trim()));
    }
  } else {
    for (const key of values("sort_key")) keys.push(checkKey(key.trim()));
    for (const dir of values("sort_dir")) dirs.push(checkDir(dir.trim()));
    if (dirs.length > 1 && dirs.length !== keys.length) {
      throw new GlanceError(400, "Number of sort dirs does not match the number of sort keys");
    }
  }
  if (keys.length === 0) keys.push("created_at");
  if (dirs.length === 0) dirs.push("desc");
  // image_get_all: one direction applies to every key; created_at and id break ties
  const fallback = (dirs.length === 1 ? dirs[0] : "desc") as Direction;
  const sort = keys.map((key, i) => ({ key, dir: (dirs.length === 1 ? dirs[0] : dirs[i]) as Direction }));
  for (const key of ["created_at", "id"]) if (!keys.includes(key)) sort.push({ key, dir: fallback });
  return sort;
}

/** Sort, skip to after the marker and cut one page; `next` is set when the page is full. */
export function page(
  images: StoredImage[],
  query: ImageQuery,
  marker: StoredImage | undefined,
): { images: StoredImage[]; nextMarker?: string } {
  const compare = (a: StoredImage, b: StoredImage): number => {
    for (const { key, dir } of query.sort) {
      const c = compareValues(sortValue(a, key), sortValue(b, key));
      if (c !== 0) return dir === "asc" ? c : -c;
    }
    return 0;
  };
  let rows = [...images].sort(compare);
  if (marker) rows = rows.filter((i) => compare(i, marker) > 0);
  rows = rows.slice(0, query.limit);
  const full = rows.length > 0 && rows.length === query.limit;
  return full ? { images: rows, nextMarker: rows[rows.length - 1].id } : { images: rows };
}

/** `first` and `next` of the answer: the query (without `marker`) urlencoded like Python. */
export function pageLinks(
  query: ImageQuery,
  nextMarker: string | undefined,
): { first: string; next?: string } {
  const params = query.params.filter(([k]) => k !== "marker");
  const first = params.length > 0 ? `/v2/images?${pythonUrlencode(params)}` : "/v2/images";
  if (nextMarker === undefined) return { first };
  // Glance pops `marker` and sets it again: it always comes last
  return { first, next: `/v2/images?${pythonUrlencode([...params, ["marker", nextMarker]])}` };
}

/** `urllib.parse.urlencode` (quote_plus): only letters, digits and `_.-~` stay as they are. */
function pythonUrlencode(params: [string, string][]): string {
  const quote = (s: string) =>
    encodeURIComponent(s)
      .replace(/[!'()*]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase())
      .replace(/%20/g, "+");
  return params.map(([k, v]) => `${quote(k)}=${quote(v)}`).join("&");
}

function sortValue(image: StoredImage, key: string): string | number | null {
  switch (key) {
    case "created_at":
      return image.createdUs;
    case "updated_at":
      return image.updatedUs;
    case "size":
      return image.data ? image.data.bytes.length : null;
    default:
      return stringColumn(image, key);
  }
}

/** SQL order: NULL first, then values. */
function compareValues(a: string | number | null, b: string | number | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a < b ? -1 : 1;
}

function stringColumn(image: StoredImage, key: string): string | null {
  switch (key) {
    case "name":
      return image.name;
    case "id":
      return image.id;
    case "status":
      return image.status;
    case "container_format":
      return image.containerFormat;
    case "disk_format":
      return image.diskFormat;
  }
  return null;
}

function numericColumn(image: StoredImage, column: string): number | null {
  switch (column) {
    case "size":
      return image.data ? image.data.bytes.length : null;
    case "virtual_size":
      return image.diskFormat === "raw" && image.data && image.data.bytes.length > 0
        ? image.data.bytes.length
        : null;
    case "min_ram":
      return image.minRam;
    case "min_disk":
      return image.minDisk;
  }
  return null;
}
