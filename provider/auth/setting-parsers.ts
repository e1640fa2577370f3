/**
 * The settings that are not text, parsed once where they are resolved: what every other module
 * reads is a boolean, a number or an auth type, and the place it came from is in the settings'
 * origin. Like every message about a setting, a refusal names the setting and its place, never
 * the value: a value in the wrong place may be a secret.
 */
import { ImageMemberError } from "../errors";
import { keystoneAuthTypeOf } from "./auth-method";
import type { SettingValues } from "./settings";

/** The words a boolean setting may be written with, wherever it comes from (clouds.yaml `verify` too). */
const BOOLEAN_WORDS: Readonly<Record<string, boolean>> = {
  true: true,
  "1": true,
  yes: true,
  on: true,
  false: false,
  "0": false,
  no: false,
  off: false,
};

export const BOOLEAN_SPELLINGS = "true or false (1/0, yes/no and on/off too)";

/** `true`, `false`, or undefined for a word that is neither. */
export function booleanWord(text: string): boolean | undefined {
  const word = text.trim().toLowerCase();
  return Object.hasOwn(BOOLEAN_WORDS, word) ? BOOLEAN_WORDS[word] : undefined;
}

type ParsedName = "insecure" | "maxRetries" | "requestTimeout" | "maxRetryTime" | "authType";

type Parser<K extends ParsedName> = (
  text: string,
  label: string,
  from: string,
) => NonNullable<SettingValues[K]>;

/** How each setting that is not text is read. `label` is `name (from place)`. */
export const SETTING_PARSERS: { [K in ParsedName]: Parser<K> } = {
  insecure: (text, label) => {
    const value = booleanWord(text);
    if (value === undefined) throw invalid(`${label} must be ${BOOLEAN_SPELLINGS}.`);
    return value;
  },
  maxRetries: (text, label) => number(text, label, /^\d+$/, "a whole number"),
  requestTimeout: (text, label) => number(text, label, /^\d+(\.\d+)?$/, "a number of seconds"),
  maxRetryTime: (text, label) => number(text, label, /^\d+(\.\d+)?$/, "a number of seconds"),
  authType: (text, _label, from) => {
    const type = keystoneAuthTypeOf(text);
    if (type === undefined) {
      throw new ImageMemberError(
        "ERR_INVALID_SETTING",
        `The auth_type (from ${from}) is not one this package supports.`,
        {
          hint: "Use password, token or v3applicationcredential (their v3 spellings too).",
        },
      );
    }
    return type;
  },
};

export function isParsedSetting(name: string): name is ParsedName {
  return Object.hasOwn(SETTING_PARSERS, name);
}

function number(text: string, label: string, form: RegExp, what: string): number {
  if (!form.test(text.trim())) throw invalid(`${label} must be ${what}.`);
  return Number(text);
}

function invalid(message: string): ImageMemberError {
  return new ImageMemberError("ERR_INVALID_SETTING", message);
}
