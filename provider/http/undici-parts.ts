import type { Agent, errors } from "undici";

/** What this package takes from undici: its connection pool, with the request API, and its errors. */
export interface UndiciParts {
  Agent: typeof Agent;
  errors: typeof errors;
}

let parts: UndiciParts | undefined;

/**
 * undici's Agent and error classes without the rest of its index, loaded at the first request (a
 * provider process that sends none is spared them). The index also runs fetch, WebSocket, cookies
 * and the mocks, and its cookies module reads `globalThis.Headers`, which makes Node.js load its
 * own copy of undici too: 64-96 ms against 24-37 ms here, uncached on Node.js 24
 * (docs/performance.md). These are undici's own files (its package has no `exports` map), and the
 * request API goes onto every dispatcher as its index puts it there; should a release of undici
 * move them, its whole index is loaded instead. The plugin's bundle of this module
 * (dist/plugin/later/undici.js) has these files resolved at build time.
 */
export function undiciParts(): UndiciParts {
  return (parts ??= loadParts());
}

function loadParts(): UndiciParts {
  try {
    const dispatcher = require("undici/lib/dispatcher/dispatcher") as { prototype: object };
    Object.assign(dispatcher.prototype, require("undici/lib/api"));
    return {
      Agent: require("undici/lib/dispatcher/agent") as typeof Agent,
      errors: require("undici/lib/core/errors") as typeof errors,
    };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "MODULE_NOT_FOUND") throw e;
    const undici = require("undici") as typeof import("undici");
    return { Agent: undici.Agent, errors: undici.errors };
  }
}
