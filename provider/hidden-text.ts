/**
 * Secret texts cut out of what is printed: an error's message, a check failure's reason. Used
 * where a text may quote a value this package was given as a secret (the plugin's secret inputs,
 * the credentials Keystone may quote back), which is then shown as `[secret]`.
 */

/** `text` with each of `secrets` (as written, percent-encoded or JSON-escaped) shown as `[secret]`. */
export function hidingSecrets(text: string, secrets: readonly string[]): string {
  let hidden = text;
  for (const secret of secrets) {
    for (const form of spellings(secret)) hidden = hidden.replace(wordPattern(form), "[secret]");
  }
  return hidden;
}

function spellings(secret: string): string[] {
  const forms = new Set([secret, JSON.stringify(secret).slice(1, -1)]);
  try {
    forms.add(encodeURIComponent(secret));
  } catch {
    // a lone surrogate: no percent-encoded form
  }
  return [...forms].filter((form) => form !== "");
}

/** `form` where it stands as a word of its own: a short secret is not hidden inside other words. */
function wordPattern(form: string): RegExp {
  const escaped = form.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
  return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, "gu");
}
