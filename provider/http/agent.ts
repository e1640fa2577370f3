import type { Agent } from "undici";
import type { UndiciParts } from "./undici-parts";

/** TLS settings applied to every connection of the shared agent. */
export interface TlsOptions {
  /** PEM text of the CA bundle to trust instead of the system's. */
  ca?: string;
  /** PEM text of a client certificate. */
  cert?: string;
  /** PEM text of the client certificate's key. */
  key?: string;
  /** Skip server certificate verification. */
  insecure?: boolean;
}

const agents = new Map<string, Agent>();

/**
 * The keep-alive connection pool of this process for the given TLS settings. Every resource
 * (and every identity) with the same TLS settings shares one pool, so hundreds of shares
 * reuse a handful of connections.
 */
export function sharedAgent(tls: TlsOptions = {}): Agent {
  const key = JSON.stringify([tls.ca ?? "", tls.cert ?? "", tls.key ?? "", tls.insecure === true]);
  let agent = agents.get(key);
  if (!agent) {
    // undici is loaded with the first connection pool, not with this module: a provider process
    // that sends no request (a preview, an up with nothing to change) is spared it.
    const { Agent: Pool } = loadUndici();
    agent = new Pool({
      keepAliveTimeout: 30_000,
      connect: {
        ca: tls.ca,
        cert: tls.cert,
        key: tls.key,
        rejectUnauthorized: tls.insecure !== true,
      },
    });
    agents.set(key, agent);
  }
  return agent;
}

/** Closes every pooled connection (tests and short-lived tools call this before exiting). */
export async function closeSharedAgents(): Promise<void> {
  const open = [...agents.values()];
  agents.clear();
  await Promise.all(open.map((a) => a.close()));
}

/**
 * undici's parts, required only when first needed: in the plugin, ./undici-parts is a bundle of
 * its own (dist/plugin/later/undici.js), which a start does not read.
 */
export function loadUndici(): UndiciParts {
  return (require("./undici-parts") as typeof import("./undici-parts")).undiciParts();
}
