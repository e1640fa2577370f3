import { readFileSync } from "node:fs";
import { ImageMemberError } from "../errors";
import type { TlsOptions } from "../http/agent";
import type { AuthSettings } from "./settings";

/**
 * Turns the TLS settings into the options of the shared agent, reading each PEM file once per
 * process. `insecure: true` wins over a CA (and the CA file is then not read at all).
 */
export class TlsSettings {
  private readonly files = new Map<string, string>();

  constructor(private readonly read: (path: string) => string = (path) => readFileSync(path, "utf8")) {}

  optionsFor(settings: AuthSettings): TlsOptions {
    const insecure = settings.insecure === true;
    return {
      insecure,
      ca: insecure ? undefined : this.pem(settings, "cacertFile"),
      cert: this.pem(settings, "cert"),
      key: this.pem(settings, "key"),
    };
  }

  /** PEM text given inline or as a file path. */
  private pem(settings: AuthSettings, name: "cacertFile" | "cert" | "key"): string | undefined {
    const value = settings[name];
    if (value === undefined) return undefined;
    if (value.includes("-----BEGIN")) return value;
    let text = this.files.get(value);
    if (text === undefined) {
      try {
        text = this.read(value);
      } catch (cause) {
        // The value is not printed: it may be the key itself, pasted without its PEM header.
        const from = settings.origin?.from[name];
        const code = (cause as { code?: unknown }).code;
        throw new ImageMemberError(
          "ERR_INVALID_SETTING",
          `The ${name} setting${from ? ` (from ${from})` : ""} is neither PEM text nor the path of a readable file${typeof code === "string" ? ` (${code})` : ""}.`,
          { hint: "Give the path of a PEM file the user running pulumi can read, or the PEM text itself." },
        );
      }
      this.files.set(value, text);
    }
    return text;
  }
}
