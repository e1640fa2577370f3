/** Finding, reading, caching and reporting clouds.yaml and secure.yaml. */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { stringify } from "yaml";
import { CloudsFiles } from "../../provider/auth/clouds-files";
import { resolveSettings } from "../../provider/auth/resolve-settings";
import { ProviderContext } from "../../provider/auth/provider-context";
import { removeTempDirs, tempDir, writeCloudsYaml } from "./helpers/clouds-yaml";

afterAll(removeTempDirs);

/** A file system of the given files that counts reads. */
function fakeFiles(files: Record<string, string>) {
  const reads: string[] = [];
  const clouds = new CloudsFiles({
    read: (path) => {
      reads.push(path);
      return files[path];
    },
    cwd: () => "/work/program",
  });
  return { clouds, reads };
}

const yaml = (clouds: Record<string, unknown>) => stringify({ clouds });
const entry = (authUrl: string) => ({ auth: { auth_url: authUrl } });
const ENV = { HOME: "/home/u", OS_CLOUD: "c" };

function authUrlWith(files: Record<string, string>, env: NodeJS.ProcessEnv = ENV) {
  return resolveSettings({ env, clouds: fakeFiles(files).clouds }).authUrl;
}

describe("search order", () => {
  const all: Record<string, string> = {
    "/custom/clouds.yaml": yaml({ c: entry("https://from-OS_CLIENT_CONFIG_FILE") }),
    "/work/program/clouds.yaml": yaml({ c: entry("https://from-cwd") }),
    "/work/program/clouds.yml": yaml({ c: entry("https://from-cwd-yml") }),
    "/home/u/.config/openstack/clouds.yaml": yaml({ c: entry("https://from-home") }),
    "/home/u/.config/openstack/clouds.yml": yaml({ c: entry("https://from-home-yml") }),
    "/xdg/openstack/clouds.yaml": yaml({ c: entry("https://from-xdg") }),
    "/etc/openstack/clouds.yaml": yaml({ c: entry("https://from-etc") }),
    "/etc/openstack/clouds.yml": yaml({ c: entry("https://from-etc-yml") }),
  };
  const without = (...paths: string[]) =>
    Object.fromEntries(Object.entries(all).filter(([path]) => !paths.includes(path)));

  test("OS_CLIENT_CONFIG_FILE, ./, ~/.config/openstack, /etc/openstack; .yaml before .yml", () => {
    expect(authUrlWith(all, { ...ENV, OS_CLIENT_CONFIG_FILE: "/custom/clouds.yaml" })).toBe(
      "https://from-OS_CLIENT_CONFIG_FILE",
    );
    const order = [
      "/work/program/clouds.yaml",
      "/work/program/clouds.yml",
      "/home/u/.config/openstack/clouds.yaml",
      "/home/u/.config/openstack/clouds.yml",
      "/etc/openstack/clouds.yaml",
      "/etc/openstack/clouds.yml",
    ];
    const expected = ["from-cwd", "from-cwd-yml", "from-home", "from-home-yml", "from-etc", "from-etc-yml"];
    order.forEach((_, i) => {
      expect(authUrlWith(without(...order.slice(0, i)))).toBe(`https://${expected[i]}`);
    });
  });

  test("XDG_CONFIG_HOME replaces ~/.config", () => {
    const files = without("/work/program/clouds.yaml", "/work/program/clouds.yml");
    expect(authUrlWith(files, { ...ENV, XDG_CONFIG_HOME: "/xdg" })).toBe("https://from-xdg");
  });

  test("the first file found is used whole: an entry missing from it is not looked for further on", () => {
    const files = {
      "/work/program/clouds.yaml": yaml({ other: entry("https://x") }),
      "/etc/openstack/clouds.yaml": yaml({ c: entry("https://from-etc") }),
    };
    expect(() => authUrlWith(files)).toThrow(
      'OS_CLOUD names cloud "c", but /work/program/clouds.yaml has no such entry (entries: other).',
    );
  });
});

describe("secure.yaml", () => {
  test("its entry is merged over the clouds.yaml entry, key by key", () => {
    const { clouds } = fakeFiles({
      "/work/program/clouds.yaml": yaml({
        c: { auth: { auth_url: "https://k", username: "alice", password: "old" }, region_name: "R1" },
      }),
      "/home/u/.config/openstack/secure.yaml": yaml({ c: { auth: { password: "from-secure" } } }),
    });
    const settings = resolveSettings({ env: ENV, clouds });
    expect(settings).toMatchObject({
      authUrl: "https://k",
      userName: "alice",
      password: "from-secure",
      region: "R1",
    });
    expect(settings.origin?.from.password).toBe(
      'auth.password of clouds.yaml entry "c" (/work/program/clouds.yaml)',
    );
  });

  test("OS_CLIENT_SECURE_FILE names it", () => {
    const { clouds } = fakeFiles({
      "/work/program/clouds.yaml": yaml({ c: entry("https://k") }),
      "/run/secrets/secure.yaml": yaml({ c: { auth: { password: "p" } } }),
    });
    expect(
      resolveSettings({ env: { ...ENV, OS_CLIENT_SECURE_FILE: "/run/secrets/secure.yaml" }, clouds })
        .password,
    ).toBe("p");
  });
});

describe("read once per process", () => {
  test("hundreds of resolutions read each file once; a new process reads the edited file", async () => {
    const dir = tempDir();
    const file = writeCloudsYaml({ c: entry("https://first") }, "clouds.yaml", dir);
    const reads: string[] = [];
    const options = {
      env: () => ({ OS_CLIENT_CONFIG_FILE: file, OS_CLOUD: "c", HOME: dir }),
      clouds: {
        cwd: () => dir,
        read: (path: string) => {
          reads.push(path);
          try {
            return readFileSync(path, "utf8");
          } catch {
            return undefined;
          }
        },
      },
    };
    const context = new ProviderContext(options);
    for (let i = 0; i < 300; i++) expect(context.settings().authUrl).toBe("https://first");
    expect(reads.filter((p) => p === file)).toHaveLength(1);
    expect(new Set(reads).size).toBe(reads.length);

    writeFileSync(file, stringify({ clouds: { c: entry("https://second") } }));
    expect(context.settings().authUrl).toBe("https://first");
    expect(new ProviderContext(options).settings().authUrl).toBe("https://second");
  });

  test("no file is read when no cloud is named", () => {
    const { clouds, reads } = fakeFiles({});
    resolveSettings({ env: { OS_AUTH_URL: "https://k" }, clouds });
    expect(reads).toEqual([]);
  });
});

describe("broken or missing files", () => {
  test("a YAML error names the file, line and column, and not the line (it may hold a password)", () => {
    const dir = tempDir();
    const file = join(dir, "clouds.yaml");
    writeFileSync(file, "clouds:\n  c:\n    auth:\n      password: abc: hunter2-Secret\n");
    const { clouds, reads } = fakeFiles({ [file]: readFileSync(file, "utf8") });
    const env = { OS_CLIENT_CONFIG_FILE: file, OS_CLOUD: "c" };
    let error: { code?: string; message: string } = { message: "" };
    for (let i = 0; i < 3; i++) {
      try {
        resolveSettings({ env, clouds });
      } catch (e) {
        error = e as typeof error;
      }
    }
    expect(error.code).toBe("ERR_INVALID_SETTING");
    expect(error.message).toMatch(
      new RegExp(`^${file} is not valid YAML at line 4, column \\d+ \\(\\w+\\)\\.`),
    );
    expect(error.message).not.toContain("hunter2");
    expect(reads.filter((p) => p === file)).toHaveLength(1);
  });

  test("an unknown entry lists the entries there are, and says who named it", () => {
    const files = { "/work/program/clouds.yaml": yaml({ owner: {}, consumer: {} }) };
    const { clouds } = fakeFiles(files);
    const get = (key: string) => (key === "openstack:cloud" ? "ownr" : undefined);
    expect(() => resolveSettings({ config: { get }, env: { HOME: "/h" }, clouds })).toThrow(
      'openstack:cloud names cloud "ownr", but /work/program/clouds.yaml has no such entry (entries: owner, consumer).',
    );
    expect(() => resolveSettings({ env: { HOME: "/h" }, resourceCloud: "third", clouds })).toThrow(
      'The resource\'s cloud input names cloud "third"',
    );
  });

  test("an entry named like a prototype property is found when there, and missing when not", () => {
    const files = { "/work/program/clouds.yaml": yaml({ constructor: entry("https://k"), owner: {} }) };
    const named = (cloud: string) => authUrlWith(files, { ...ENV, OS_CLOUD: cloud });
    expect(named("constructor")).toBe("https://k");
    for (const cloud of ["toString", "hasOwnProperty", "__proto__"]) {
      expect(() => named(cloud)).toThrow(
        `OS_CLOUD names cloud "${cloud}", but /work/program/clouds.yaml has no such entry (entries: constructor, owner).`,
      );
    }
  });

  test("a secure.yaml key __proto__ is a key like any other, not the entry's prototype", () => {
    const files = {
      "/work/program/clouds.yaml": "clouds:\n  c:\n    region_name: R\n",
      "/work/program/secure.yaml":
        "clouds:\n  c:\n    __proto__:\n      auth:\n        auth_url: https://evil\n",
    };
    expect(authUrlWith(files)).toBeUndefined();
  });

  test("no clouds.yaml anywhere: every path looked at is listed", () => {
    expect(() => authUrlWith({})).toThrow(
      'OS_CLOUD names cloud "c", but there is no clouds.yaml (looked for /work/program/clouds.yaml, /work/program/clouds.yml, /home/u/.config/openstack/clouds.yaml, /home/u/.config/openstack/clouds.yml, /etc/openstack/clouds.yaml, /etc/openstack/clouds.yml).',
    );
  });

  test("OS_CLIENT_CONFIG_FILE naming a missing file is an error, not a silent fallback", () => {
    const files = { "/work/program/clouds.yaml": yaml({ c: entry("https://k") }) };
    expect(() => authUrlWith(files, { ...ENV, OS_CLIENT_CONFIG_FILE: "/typo/clouds.yaml" })).toThrow(
      "OS_CLIENT_CONFIG_FILE names /typo/clouds.yaml, which does not exist.",
    );
  });

  test("a file without a clouds mapping, an entry that is not a mapping, a list where a value goes", () => {
    expect(() => authUrlWith({ "/work/program/clouds.yaml": "clouds: [a, b]\n" })).toThrow(
      '/work/program/clouds.yaml has no "clouds:" mapping',
    );
    expect(() => authUrlWith({ "/work/program/clouds.yaml": "clouds:\n  c: just-a-string\n" })).toThrow(
      'Cloud "c" in /work/program/clouds.yaml is not a mapping of settings.',
    );
    expect(() =>
      authUrlWith({ "/work/program/clouds.yaml": yaml({ c: { auth: { password: ["x"] } } }) }),
    ).toThrow('auth.password of clouds.yaml entry "c" (/work/program/clouds.yaml) must be a single value');
  });

  test("an unreadable file (not a missing one) is reported", () => {
    const dir = tempDir();
    const context = new ProviderContext({
      env: () => ({ OS_CLIENT_CONFIG_FILE: dir, OS_CLOUD: "c" }),
      clouds: { cwd: () => dir },
    });
    expect(() => context.settings()).toThrow(`Cannot read ${dir} (EISDIR).`);
  });
});
