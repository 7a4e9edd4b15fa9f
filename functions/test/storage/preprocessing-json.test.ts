import { CorruptArtifactError } from "../../src/storage/corrupt-artifact-error";
import {
  parsePreprocessingJson,
  preprocessingProblems,
} from "../../src/storage/preprocessing-json";
import { tinyPreprocessing } from "../support/storage-fixtures";

const WHERE = "gs://b/models/sex/v1/preprocessing.json";

/** tinyPreprocessing with some fields replaced. */
const withFields = (fields: Record<string, unknown>) => ({
  ...tinyPreprocessing(),
  ...fields,
});

describe("preprocessingProblems", () => {
  test("a valid state has none", () => {
    expect(preprocessingProblems(tinyPreprocessing())).toEqual([]);
  });

  test("a valid format 2 state of differences has none", () => {
    const state = withFields({
      formatVersion: 2,
      inputs: "differences",
      lastCounts: [10, 12],
    });
    expect(preprocessingProblems(state)).toEqual([]);
  });

  test.each<[string, unknown, string]>([
    ["not an object", [1, 2], "it is not a JSON object"],
    [
      "format 3",
      withFields({ formatVersion: 3 }),
      "formatVersion is 3, expected 1 or 2",
    ],
    [
      "format 2 without inputs",
      withFields({ formatVersion: 2, lastCounts: [1, 2] }),
      "inputs is undefined, expected one of levels, differences, logs",
    ],
    [
      "format 2 with a short lastCounts",
      withFields({ formatVersion: 2, inputs: "differences", lastCounts: [1] }),
      "lastCounts has 1 values, expected 2 (one per group)",
    ],
    ["no groups", withFields({ groups: [] }), "groups must be a non-empty list"],
    ["duplicate group", withFields({ groups: ["A", "A"] }), "groups has a duplicate name"],
    [
      "short scaler.max",
      withFields({ scaler: { min: [0, 0], max: [5] } }),
      "scaler.max has 1 values, expected 2 (one per group)",
    ],
    [
      "null in scaler.min",
      withFields({ scaler: { min: [0, null], max: [5, 5] } }),
      "scaler.min[1] is null, not a finite number",
    ],
    [
      "min above max",
      withFields({ scaler: { min: [0, 9], max: [5, 5] } }),
      'scaler.min exceeds scaler.max for group "FEMALE"',
    ],
    ["window 2.5", withFields({ windowLength: 2.5 }), "windowLength is 2.5"],
    [
      "years out of order",
      withFields({ years: [2001, 2003, 2002, 2004, 2005] }),
      "years must be strictly ascending, but 2002 follows 2003",
    ],
    [
      "too few years",
      withFields({ years: [2001, 2002] }),
      "years has 2 entries, fewer than windowLength 4",
    ],
    [
      "lastWindow too short",
      withFields({ lastWindow: [[1, 2]] }),
      "lastWindow has 1 rows, expected windowLength 4",
    ],
    [
      "lastWindow row too long",
      withFields({ lastWindow: [[1, 2], [1, 2], [1, 2, 3], [1, 2]] }),
      "lastWindow[2] has 3 values, expected 2",
    ],
  ])("%s", (_, value, expected) => {
    const problems = preprocessingProblems(value);
    expect(problems.some((p) => p.includes(expected))).toBe(true);
  });
});

describe("parsePreprocessingJson", () => {
  const encode = (text: string) => new TextEncoder().encode(text);

  test("returns the state of valid JSON", () => {
    const state = tinyPreprocessing();
    expect(parsePreprocessingJson(encode(JSON.stringify(state)), WHERE)).toEqual(
      state
    );
  });

  test("invalid JSON is a CorruptArtifactError naming the path", () => {
    const parse = () => parsePreprocessingJson(encode("{oops"), WHERE);
    expect(parse).toThrow(CorruptArtifactError);
    expect(parse).toThrow(`Corrupt model artifact ${WHERE}: not valid JSON`);
  });

  test("lists every fault, naming the path", () => {
    const bad = withFields({ formatVersion: 0, windowLength: -1 });
    expect(() => parsePreprocessingJson(encode(JSON.stringify(bad)), WHERE))
      .toThrow(
        `Corrupt model artifact ${WHERE}: formatVersion is 0, expected 1 or 2; ` +
          "windowLength is -1, expected a positive integer"
      );
  });
});
