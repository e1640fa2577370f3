/**
 * Huawei Cloud's AK/SK request signature, `SDK-HMAC-SHA256`, as the Huawei Cloud SDKs compute it
 * (huaweicloud-sdk-go-v3 `core/auth/signer`). Pure functions: the caller adds the headers to be
 * signed (`X-Sdk-Date`, `X-Project-Id`, `X-Security-Token`, `Host`) before signing.
 */
import { createHash, createHmac } from "node:crypto";

export const SIGNING_ALGORITHM = "SDK-HMAC-SHA256";

/** What is signed: the request exactly as it will be sent. */
export interface RequestToSign {
  method: string;
  url: string;
  /** Header names in any case; `X-Sdk-Date` must be among them. */
  headers: Readonly<Record<string, string>>;
  /** The body text sent ("" for none). */
  body: string;
}

export interface AccessKey {
  accessKey: string;
  secretKey: string;
}

export interface Signature {
  /** The `Authorization` header value. */
  authorization: string;
  signedHeaders: string;
  signature: string;
}

/** `X-Sdk-Date` for a moment: UTC `YYYYMMDDTHHMMSSZ`. */
export function sdkDate(at: Date): string {
  return at
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
}

export function signRequest(req: RequestToSign, key: AccessKey): Signature {
  const date = headerNamed(req.headers, "x-sdk-date");
  if (date === undefined) throw new Error("signRequest: the X-Sdk-Date header must be set before signing");
  const names = signedHeaderNames(req.headers);
  const canonical = canonicalRequest(req, names);
  const stringToSign = [SIGNING_ALGORITHM, date, sha256Hex(canonical)].join("\n");
  const signature = createHmac("sha256", key.secretKey).update(stringToSign, "utf8").digest("hex");
  const signedHeaders = names.join(";");
  return {
    authorization: `${SIGNING_ALGORITHM} Access=${key.accessKey}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
    signedHeaders,
    signature,
  };
}

/**
 * `METHOD\nURI\nQUERY\nHEADERS\nSIGNEDHEADERS\nhex(sha256(body))`, with the URI's segments and
 * the query re-encoded the strict way and a trailing `/` on the URI (for signing only).
 */
export function canonicalRequest(
  req: RequestToSign,
  names: readonly string[] = signedHeaderNames(req.headers),
): string {
  const url = new URL(req.url);
  const headers = names.map((name) => `${name}:${(headerNamed(req.headers, name) ?? "").trim()}\n`).join("");
  return [
    req.method.toUpperCase(),
    canonicalUri(url.pathname),
    canonicalQuery(url.searchParams),
    headers,
    names.join(";"),
    sha256Hex(req.body),
  ].join("\n");
}

/**
 * Lowercased header names, sorted. As the Go SDK: `content-type` and names holding `_` are left
 * out (gateways drop such headers, so they cannot be checked).
 */
export function signedHeaderNames(headers: Readonly<Record<string, string>>): string[] {
  return Object.keys(headers)
    .map((name) => name.toLowerCase())
    .filter((name) => name !== "content-type" && !name.includes("_"))
    .sort();
}

/** Percent-encoding that keeps only `A-Za-z0-9-_.~` (encodeURIComponent also keeps `!'()*`). */
export function strictEncode(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function canonicalUri(pathname: string): string {
  const segments = pathname.split("/").map((segment) => strictEncode(decodeSegment(segment)));
  const uri = segments.join("/");
  return uri.endsWith("/") ? uri : `${uri}/`;
}

function canonicalQuery(params: URLSearchParams): string {
  const keys = [...new Set(params.keys())].sort();
  return keys
    .flatMap((key) =>
      params
        .getAll(key)
        .sort()
        .map((value) => `${strictEncode(key)}=${strictEncode(value)}`),
    )
    .join("&");
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function headerNamed(headers: Readonly<Record<string, string>>, lowerName: string): string | undefined {
  for (const [name, value] of Object.entries(headers)) if (name.toLowerCase() === lowerName) return value;
  return undefined;
}

function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}
