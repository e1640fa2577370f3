// The plugin's entry: the provider of the package this folder ships in, one bundled file
// (../dist/plugin/main.js, built by scripts/build-plugin.js with the SDK's provider server and every
// other module it runs), run by ../dist/plugin/start.js from V8's code cache, with the engine's
// arguments.
require("../dist/plugin/start.js").serve(process.argv.slice(2));
