/**
 * What an OpenStack-style server said about a failed request, whatever shape it said it in:
 * Glance `{"message": "...<br /><br />"}`, Keystone and Huawei IMS `{"error": {"message"}}`,
 * Huawei API gateway `{"error_msg"}`, Nova-style `{"itemNotFound": {"message"}}`, or HTML.
 */
export function serverMessage(body: string): string | undefined {
  const text = body.trim();
  if (text === "") return undefined;
  const fromJson = messageFromJson(text);
  return clean(fromJson ?? stripHtml(text)).slice(0, 500) || undefined;
}

/** The request id of a response, under the header names OpenStack and Huawei Cloud use. */
export function requestIdOf(
  headers: Record<string, string | string[] | undefined>,
  body = "",
): string | undefined {
  for (const name of ["x-openstack-request-id", "x-compute-request-id", "x-request-id"]) {
    const value = headers[name];
    if (typeof value === "string" && value !== "") return value;
    if (Array.isArray(value) && value.length > 0) return value[0];
  }
  const parsed = parseJson(body);
  return isRecord(parsed) && typeof parsed.request_id === "string" ? parsed.request_id : undefined;
}

function messageFromJson(text: string): string | undefined {
  const parsed = parseJson(text);
  if (!isRecord(parsed)) return undefined;
  if (typeof parsed.message === "string") return parsed.message;
  if (typeof parsed.error_msg === "string") return withCode(parsed.error_code, parsed.error_msg);
  for (const value of Object.values(parsed)) {
    if (isRecord(value) && typeof value.message === "string") return withCode(value.code, value.message);
  }
  return undefined;
}

function withCode(code: unknown, message: string): string {
  return typeof code === "string" && code !== "" ? `${code}: ${message}` : message;
}

function stripHtml(text: string): string {
  const body = /<body[^>]*>([\s\S]*)<\/body>/i.exec(text)?.[1] ?? text;
  return body.replace(/<br\s*\/?>/gi, " ").replace(/<[^>]+>/g, " ");
}

function clean(text: string): string {
  return text
    .replace(/<br\s*\/?>/gi, " ")
    .replace(/\s+/g, " ")
    .trim();
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
