/**
 * The parts of undici the package loads at the first request, from node_modules (the dynamic
 * provider) and from the plugin's bundle of them: a working Agent and the error classes, without
 * undici's index, whose cookies module makes Node.js load its own copy of undici too.
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const ROOT = join(__dirname, "..", "..");

/** What a fresh process that loads `modulePath` and sends one request through its Agent sees. */
function loadIn(modulePath: string) {
  const script = `
    const http = require("node:http");
    const { Agent, errors } = require(${JSON.stringify(modulePath)}).undiciParts();
    const server = http.createServer((req, res) => res.end(req.method + " " + req.url)).listen(0, "127.0.0.1", async () => {
      const agent = new Agent();
      const res = await agent.request({ origin: "http://127.0.0.1:" + server.address().port, path: "/v2/x", method: "GET" });
      const text = await res.body.text();
      await agent.close();
      server.close();
      console.log(JSON.stringify({
        answer: res.statusCode + " " + text,
        invalidArgument: new errors.InvalidArgumentError("x").code,
        nodesOwnUndici: process.moduleLoadList.some((m) => m.includes("deps/undici")),
        undiciIndex: Object.keys(require.cache).some((f) => /node_modules\\/undici\\/index\\.js$/.test(f)),
      }));
    });`;
  return JSON.parse(execFileSync(process.execPath, ["-e", script], { encoding: "utf8" }));
}

test.each([
  ["the npm package (dist/http)", join(ROOT, "dist", "http", "undici-parts.js")],
  ["the plugin's bundle (dist/plugin/later)", join(ROOT, "dist", "plugin", "later", "undici.js")],
])("%s: an Agent that sends requests and undici's errors, without Node.js's own undici", (_, modulePath) => {
  expect(loadIn(modulePath)).toEqual({
    answer: "200 GET /v2/x",
    invalidArgument: "UND_ERR_INVALID_ARG",
    nodesOwnUndici: false,
    undiciIndex: false,
  });
});

test("where undici's files are not where this release has them, its whole index is loaded instead", () => {
  // A release of undici without lib/: the fallback takes what its index exports.
  const dir = mkdtempSync(join(tmpdir(), "undici-moved-"));
  mkdirSync(join(dir, "node_modules", "undici"), { recursive: true });
  writeFileSync(
    join(dir, "node_modules", "undici", "index.js"),
    'module.exports = { Agent: "the index\'s Agent", errors: "the index\'s errors" };',
  );
  copyFileSync(join(ROOT, "dist", "http", "undici-parts.js"), join(dir, "undici-parts.js"));
  const script = `console.log(JSON.stringify(require(${JSON.stringify(join(dir, "undici-parts.js"))}).undiciParts()))`;
  expect(JSON.parse(execFileSync(process.execPath, ["-e", script], { encoding: "utf8" }))).toEqual({
    Agent: "the index's Agent",
    errors: "the index's errors",
  });
  rmSync(dir, { recursive: true, force: true });
});
