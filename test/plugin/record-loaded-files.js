"use strict";
// Preloaded into the plugin's node (`NODE_OPTIONS=--require <this file>`): appends the path of
// every file Node.js loads as a CommonJS module (.js, .json, .node) to the file named by
// RECORD_LOADED_FILES, one a line, as it loads it, so that the list is complete whenever the
// plugin has answered a call.
const fs = require("node:fs");
const Module = require("node:module");

const out = process.env.RECORD_LOADED_FILES;
if (out) {
  const load = Module.prototype.load;
  Module.prototype.load = function (filename) {
    fs.appendFileSync(out, `${filename}\n`);
    return load.call(this, filename);
  };
}
