// The plugin's entry: the provider of the package this folder ships in (../dist/plugin/main.js),
// with the engine's arguments. @pulumi/pulumi resolves from the program's (or the tarball's)
// node_modules, as for every user of this package.
require("../dist/plugin/main.js").serve(process.argv.slice(2));
