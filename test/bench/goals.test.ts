/**
 * The benchmark as a regression guard: `--check` fails a run on a missed goal this package
 * decides, and reports, without failing, one the engine or Node.js decides.
 */
import { parseOptions } from "../../bench/lib/options";
import { goalsLine, missedGuards, type Figure } from "../../bench/lib/report";

function figure(id: string, met: boolean, outOfOurHands?: true): Figure {
  return {
    id,
    section: "test",
    label: `the ${id}`,
    value: met ? 1 : 3,
    unit: "req",
    goal: { text: "1", met, ...(outOfOurHands ? { outOfOurHands } : {}) },
  };
}

test("a missed goal of this package's is a guard that fails; the engine's is only reported", () => {
  const figures = [figure("ours", false), figure("engine's", false, true), figure("kept", true)];
  expect(missedGuards(figures).map((f) => f.id)).toEqual(["ours"]);
  expect(goalsLine(figures)).toBe(
    "goals MISSED: the ours (3 req, goal 1); missed where the engine or Node.js decides: the engine's (3 req, goal 1)",
  );
});

test("with every guard met, the line says so and names what the engine missed", () => {
  expect(goalsLine([figure("kept", true)])).toBe("goals: all this package controls met");
  expect(goalsLine([figure("kept", true), figure("engine's", false, true)])).toBe(
    "goals: all this package controls met; missed where the engine or Node.js decides: the engine's (3 req, goal 1)",
  );
  expect(missedGuards([figure("engine's", false, true)])).toEqual([]);
});

test("--check is off unless asked, and leaves the sections and sizes as they were", () => {
  expect(parseOptions([]).check).toBe(false);
  const checked = parseOptions(["--only=requests", "--check"]);
  expect(checked.check).toBe(true);
  expect(checked.sections).toEqual(["requests"]);
  expect(checked.full).toBe(false);
});
