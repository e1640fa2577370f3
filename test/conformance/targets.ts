/**
 * The servers the conformance table runs against: the local server of this package (always,
 * in-process) and a real Keystone + Glance when `REAL_OPENSTACK_FIXTURES` names its
 * fixtures.json.
 */
import { readFileSync } from "node:fs";
import type { CloudFixtures } from "../../provider/testing/fixtures";
import { type LocalCloud, startLocalCloud } from "../../provider/testing";
import { glanceV2, type Login } from "./http";

export interface OpenTarget {
  fixtures: CloudFixtures;
  /** Glance v2 root of the region under test. */
  glance: string;
  /** Glance v2 root of the local server's RegionTwo (local only). */
  glanceRegionTwo?: string;
  /** `image_member_quota` of the server. */
  memberQuota: number;
  /** A user with role `admin` on a project that is none of the three. */
  admin: Login;
  close(): Promise<void>;
}

export interface Target {
  name: "local" | "real";
  open(): Promise<OpenTarget>;
}

export const REAL_ENV = "REAL_OPENSTACK_FIXTURES";

export const localTarget: Target = {
  name: "local",
  async open() {
    const cloud: LocalCloud = await startLocalCloud();
    return {
      fixtures: cloud.fixtures,
      glance: glanceV2(cloud.fixtures.imageUrl),
      glanceRegionTwo: `${cloud.url}/region-two/image/v2`,
      memberQuota: 128,
      admin: { user: "admin", password: "AdminPass123", project: "admin", domain: cloud.fixtures.domain },
      close: () => cloud.close(),
    };
  },
};

/**
 * The real target, when configured. Admin credentials: `REAL_OPENSTACK_ADMIN_USER`,
 * `_PASSWORD`, `_PROJECT` (defaults admin / AdminPass123 / admin, as keystone-manage bootstrap
 * is run by toolchain/real-openstack/start.sh); member quota: `REAL_OPENSTACK_MEMBER_QUOTA`
 * (default 256, what toolchain/real-openstack/start.sh configures; Glance's own default is 128).
 */
export function realTarget(fixturesPath: string): Target {
  return {
    name: "real",
    async open() {
      const fixtures = JSON.parse(readFileSync(fixturesPath, "utf8")) as CloudFixtures;
      return {
        fixtures,
        glance: glanceV2(fixtures.imageUrl),
        memberQuota: Number(process.env.REAL_OPENSTACK_MEMBER_QUOTA ?? 256),
        admin: {
          user: process.env.REAL_OPENSTACK_ADMIN_USER ?? "admin",
          password: process.env.REAL_OPENSTACK_ADMIN_PASSWORD ?? "AdminPass123",
          project: process.env.REAL_OPENSTACK_ADMIN_PROJECT ?? "admin",
          domain: fixtures.domain,
        },
        close: async () => {},
      };
    },
  };
}
