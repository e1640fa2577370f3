import { readFileSync } from "node:fs";
import { ImageMemberError } from "../errors";
import type { TlsOptions } from "../http/agent";
import type { AuthSettings, SettingName } from "./settings";

/**
 * Turns the TLS settings into the options of the shared agent, reading each PEM file once per
 * process. `insecure: true` wins over a CA (and the CA file is then not read at all).
 */
export class TlsSettings {
  private readonly files = new Map<string, string>();

  constructor(private readonly read: (path: string) => string = (path) => readFileSync(path, "utf8")) {}

  optionsFor(settings: AuthSettings): TlsOptions {
    const insecure = settings.insecure === "true";
    return {
      insecure,
      ca: insecure ? undefined : this.pem(settings, "cacertFile"),
      cert: this.pem(settings, "cert"),
      key: this.pem(settings, "key"),
    };
  }

  /** PEM text given inline or as a file path. */
  private pem(settings: AuthSettings, name: SettingName): string | undefined {
    const value = settings[name];
    if (value === undefined) return undefined;
    if (value.includes("-----BEGIN")) return value;
    let text = this.files.get(value);
    if (text === undefined) {
      try {
        text = this.read(value);
      } catch (cause) {
        const from = settings.origin?.from[name];
        throw new ImageMemberError(
          "ERR_INVALID_SETTING",
          `Cannot read the ${name} file ${value}${from ? ` (from ${from})` : ""}.`,
          { hint: "Give a readable PEM file path or the PEM text itself.", cause },
        );
      }
      this.files.set(value, text);
    }
    return text;
  }
}
