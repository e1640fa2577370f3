/**
 * Serialises values the way Python's `json.dumps` does by default (`", "` and `": "`
 * separators), so response bodies of the local server are byte-for-byte like the ones
 * Glance and Keystone send.
 */

/**
 * @param value a JSON-compatible value (`undefined` members of objects are skipped).
 * @param ensureAscii escape every non-ASCII character as `\uXXXX` (Python's default;
 *   Glance turns it off for image and member bodies).
 */
export function pythonJson(value: unknown, ensureAscii = true): string {
  if (value === null || value === undefined) return "null";
  switch (typeof value) {
    case "string":
      return quote(value, ensureAscii);
    case "number":
      return Number.isFinite(value) ? String(value) : "null";
    case "boolean":
      return value ? "true" : "false";
    case "object": {
      if (Array.isArray(value)) {
        return "[" + value.map((v) => pythonJson(v, ensureAscii)).join(", ") + "]";
      }
      const parts: string[] = [];
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        if (v === undefined) continue;
        parts.push(quote(k, ensureAscii) + ": " + pythonJson(v, ensureAscii));
      }
      return "{" + parts.join(", ") + "}";
    }
    default:
      return "null";
  }
}

const NON_ASCII = /[\u0080-\uffff]/g;

function quote(s: string, ensureAscii: boolean): string {
  const json = JSON.stringify(s);
  if (!ensureAscii) return json;
  return json.replace(NON_ASCII, (c) => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0"));
}
