"use strict";
/**
 * `npm run plugin:package`: the image-member provider plugin as a tarball for
 * `pulumi plugin install resource image-member <version> --file <tarball>`, usable offline once
 * installed (no `packages:` entry, no download).
 *
 * The tarball's root is the plugin folder: the pulumi-resource-image-member launcher the engine
 * starts (PulumiPlugin.yaml, for the Node.js language host, where the launcher cannot run),
 * index.js and the plugin's bundled files, dist/plugin/start.js, main.js and the later/ it loads
 * when first needed (scripts/build-plugin.js: the SDK's provider server, gRPC, undici and yaml at
 * the versions of this repository's package-lock.json). `pulumi plugin install` runs `npm install` in the unpacked folder; a
 * package.json with no dependencies (and an empty node_modules, which the engine insists on) makes
 * that a no-op, and the shipped .npmrc (offline) keeps npm off the network while it checks.
 *
 * Usage: node scripts/plugin-package.js [--out DIR]   (after `npm run build`; prints the path)
 */
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { run } = require("./lib/pulumi-harness");

const ROOT = path.resolve(__dirname, "..");
/** Go's names, as the engine spells them in plugin tarball names. */
const GO_ARCH = { x64: "amd64", arm64: "arm64" };

/** The plugin's package.json: no dependencies, the bundle has them all. */
function pluginManifest() {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
  return {
    name: "pulumi-resource-image-member",
    version: manifest.version,
    private: true,
    description: "The image-member Pulumi resource provider plugin (from pulumi-image-member).",
    license: manifest.license,
    main: "index.js",
  };
}

function tarballName(version) {
  const arch = GO_ARCH[process.arch] ?? process.arch;
  return `pulumi-resource-image-member-v${version}-${process.platform}-${arch}.tar.gz`;
}

async function main() {
  const outIndex = process.argv.indexOf("--out");
  const outDir = path.resolve(outIndex > 0 ? process.argv[outIndex + 1] : path.join(ROOT, "dist-plugin"));
  if (!fs.existsSync(path.join(ROOT, "dist/plugin/main.js")))
    throw new Error("not built: run `npm run build`");

  const stage = fs.mkdtempSync(path.join(os.tmpdir(), "pim-plugin-"));
  try {
    const manifest = pluginManifest();
    fs.writeFileSync(path.join(stage, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
    fs.copyFileSync(path.join(ROOT, "plugin/PulumiPlugin.yaml"), path.join(stage, "PulumiPlugin.yaml"));
    const launcher = path.join(stage, "pulumi-resource-image-member");
    fs.copyFileSync(path.join(ROOT, "plugin/pulumi-resource-image-member"), launcher);
    fs.chmodSync(launcher, 0o755);
    fs.writeFileSync(
      path.join(stage, "index.js"),
      '"use strict";\nrequire("./dist/plugin/start.js").serve(process.argv.slice(2));\n',
    );
    fs.mkdirSync(path.join(stage, "dist", "plugin"), { recursive: true });
    for (const file of ["start.js", "main.js"])
      fs.copyFileSync(path.join(ROOT, "dist/plugin", file), path.join(stage, "dist/plugin", file));
    fs.cpSync(path.join(ROOT, "dist/plugin/later"), path.join(stage, "dist/plugin/later"), {
      recursive: true,
    });
    // `pulumi plugin install` fails ("npm install reported success, but node_modules directory is
    // missing") unless the folder has one after its npm install, which with no dependencies makes
    // none: an empty one, which the bundle never reads from.
    fs.mkdirSync(path.join(stage, "node_modules"));
    // `pulumi plugin install`'s npm install then stays offline.
    fs.writeFileSync(
      path.join(stage, ".npmrc"),
      "offline=true\naudit=false\nfund=false\nupdate-notifier=false\n",
    );

    fs.mkdirSync(outDir, { recursive: true });
    const tarball = path.join(outDir, tarballName(manifest.version));
    await run("tar", ["-czf", tarball, "--owner=0", "--group=0", "--numeric-owner", "-C", stage, "."]);
    const mb = (fs.statSync(tarball).size / 1e6).toFixed(1);
    process.stderr.write(`plugin tarball: ${tarball} (${mb} MB)\n`);
    process.stdout.write(`${tarball}\n`);
  } finally {
    fs.rmSync(stage, { recursive: true, force: true });
  }
}

main().catch((error) => {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
});
