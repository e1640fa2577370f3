/** Temporary clouds.yaml files for tests, removed by `removeTempDirs`. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";
import { cloudsYamlEntry, type CloudFixtures, type Role } from "../../../provider/testing";

const dirs: string[] = [];

export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "image-member-auth-"));
  dirs.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Writes `{clouds: …}` as YAML into a new temp dir; returns the file's path. */
export function writeCloudsYaml(
  clouds: Record<string, unknown>,
  name = "clouds.yaml",
  dir = tempDir(),
): string {
  const path = join(dir, name);
  writeFileSync(path, stringify({ clouds }));
  return path;
}

/** The clouds.yaml entry of a local or real test cloud's user, logging in by name on its project. */
export function passwordEntry(f: CloudFixtures, role: Role, extra: Record<string, unknown> = {}) {
  return { ...cloudsYamlEntry(f, role), ...extra };
}
