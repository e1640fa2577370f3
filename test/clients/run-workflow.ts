/**
 * Runs one workflow (workflows.ts, or sdk_workflow.py) with the real OpenStack clients against
 * one cloud, each step as its user (`OS_*` variables), and returns what a user sees: exit status
 * and output (stdout then stderr) of every step.
 */
import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { promisify } from "node:util";
import { type CloudFixtures, osEnvironment } from "../../provider/testing";
import type { Workflow } from "./workflows";

const run = promisify(execFile);
/** Debian's interpreter: the python3-* client packages live there. */
const PYTHON = "/usr/bin/python3";

export interface StepResult {
  step: string;
  exit: number;
  out: string;
}

interface Context {
  fixtures: CloudFixtures;
  fixturesFile: string;
  /** A small image file to upload. */
  file: string;
}

async function command(file: string, args: string[], env: NodeJS.ProcessEnv): Promise<StepResult> {
  try {
    const { stdout, stderr } = await run(file, args, { env, timeout: 60_000 });
    return { step: "", exit: 0, out: stdout + stderr };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    return {
      step: "",
      exit: typeof err.code === "number" ? err.code : -1,
      out: (err.stdout ?? "") + (err.stderr ?? ""),
    };
  }
}

export async function runWorkflow(workflow: Workflow, ctx: Context): Promise<StepResult[]> {
  const name = `clients-${workflow.client}-${randomUUID().slice(0, 8)}`;
  const tag = `tag-${randomUUID().slice(0, 8)}`;
  // a fixed hash seed: openstacksdk joins the lines of an HTML error body through a set
  const baseEnv = { PATH: process.env.PATH, HOME: process.env.HOME, LANG: "C.UTF-8", PYTHONHASHSEED: "0" };
  if (workflow.client === "sdk") {
    const script = join(__dirname, "sdk_workflow.py");
    const result = await command(PYTHON, [script, ctx.fixturesFile, name, tag, ctx.file], baseEnv);
    const lines = result.out.split("\n").filter((l) => l.startsWith("{"));
    if (result.exit !== 0 || lines.length === 0)
      return [{ step: "sdk script", exit: result.exit, out: result.out }];
    return lines.map((l) => {
      const r = JSON.parse(l) as { step: string; exit: number; out: unknown };
      return { step: r.step, exit: r.exit, out: JSON.stringify(r.out) };
    });
  }
  const f = ctx.fixtures;
  const values = new Map<string, string>([
    ["name", name],
    ["tag", tag],
    ["file", ctx.file],
  ]);
  for (const r of ["owner", "consumer", "third"] as const) {
    values.set(`${r}.id`, f.projects[r].id);
    values.set(`${r}.name`, f.projects[r].name);
  }
  const results: StepResult[] = [];
  for (const step of workflow.steps) {
    const args = step.args.map((a) => a.replace(/\{([a-z.]+)\}/g, (w, k: string) => values.get(k) ?? w));
    const env = { ...baseEnv, ...osEnvironment(f, step.as) };
    const result = await command(workflow.client, args, env);
    if (step.captureImage) {
      const id = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/.exec(result.out)?.[0];
      if (id) values.set("image", id);
    }
    results.push({ ...result, step: `${step.name} (${step.as}: ${workflow.client} ${step.args.join(" ")})` });
  }
  return results;
}
