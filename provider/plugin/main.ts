/**
 * The provider plugin's process: serves the engine's resource-provider calls over gRPC with the
 * SDK's `main`. Started by the Node.js language host from a folder with `PulumiPlugin.yaml`
 * (`plugin/` of the npm package, or an installed plugin tarball), as one bundled file,
 * dist/plugin/main.js (scripts/build-plugin.js).
 */
import { main } from "@pulumi/pulumi/provider";
import { createPluginProvider } from "./plugin-provider";
import { forwardConfigure, readWithoutPropertiesAsEmpty } from "./upstream-guards";

const { version } = require("../../package.json") as { version: string };

export function serve(args: string[]): Promise<void> {
  const provider = createPluginProvider(version);
  forwardConfigure((settings) => provider.configure(settings));
  readWithoutPropertiesAsEmpty();
  return main(provider, args);
}
