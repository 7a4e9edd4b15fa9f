import * as path from "node:path";
import { BenchUsageError, parseBenchArgs } from "../../src/bench/bench-args";

const ROOT = "/repo";
const parse = (argv: string[]) => parseBenchArgs(argv, ROOT, "/here");

describe("parseBenchArgs", () => {
  test("defaults: every category, the shared CFO folder, emulators on", () => {
    const args = parse([]);
    expect(args).toMatchObject({
      json: false,
      dataFolder: path.resolve("/shared/data/cfo"),
      dataGiven: false,
      predictCategory: "age",
      runs: 3,
      requests: 1000,
      coldRuns: 5,
      heldOutYears: 5,
      heldOutSeeds: 5,
      emulators: true,
    });
    expect(args?.categories).toHaveLength(7);
  });

  test("a relative --data is read from where npm was run", () => {
    expect(parse(["--data", "tables"])?.dataFolder).toBe("/here/tables");
  });

  test("--categories without age serves the first one", () => {
    const args = parse(["--categories", "sex,origin", "--no-emulators"]);
    expect(args?.categories).toEqual(["sex", "origin"]);
    expect(args?.predictCategory).toBe("sex");
    expect(args?.emulators).toBe(false);
  });

  test("--help gives null", () => {
    expect(parse(["--help"])).toBeNull();
  });

  test.each([
    [["--categories", "age,planets"]],
    [["--runs", "0"]],
    [["--heldout-seeds", "0"]],
    [["--requests", "1.5"]],
    [["--predict-category", "nope"]],
    [["--unknown"]],
  ])("refuses %p", (argv) => {
    expect(() => parse(argv)).toThrow(BenchUsageError);
  });
});
