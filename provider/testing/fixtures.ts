/**
 * Who and what a test cloud holds: the same shape for the local server of this package
 * (`startLocalCloud().fixtures`) and for a real Keystone + Glance started by
 * `toolchain/real-openstack/start.sh` (written as JSON to `$STACK_DIR/fixtures.json`).
 */
export interface CloudFixtures {
  /** Keystone v3 URL, ending in `/v3`. */
  authUrl: string;
  /** Region of the `image` endpoints in the catalog. */
  region: string;
  /** The public `image` endpoint exactly as the catalog lists it (may lack `/v2`). */
  imageUrl: string;
  /** Name of the domain every user and project lives in (`Default`). */
  domain: string;
  /** The three projects the tests act as. */
  projects: Record<Role, { id: string; name: string }>;
  /** One user with a member role on each project. */
  users: Record<Role, { id: string; name: string; password: string }>;
  /** An application credential of the owner's user, scoped to the owner project. */
  applicationCredential: { id: string; name: string; secret: string };
}

/** owner shares images, consumer receives them, third is neither. */
export type Role = "owner" | "consumer" | "third";
