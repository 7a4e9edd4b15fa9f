import {
  categorySchema,
  describeIssues,
  predictBodySchema,
  trainBodySchema,
} from "../../src/api/schemas";

function errorFor(schema: typeof predictBodySchema, body: unknown): string {
  const result = schema.safeParse(body);
  if (result.success) throw new Error("expected a validation error");
  return describeIssues(result.error, body);
}

describe("predictBodySchema", () => {
  test("defaults years_ahead to 5", () => {
    expect(predictBodySchema.parse({})).toEqual({
      years_ahead: 5,
      model: "auto",
    });
  });

  test.each([1, 7, 10])("accepts %d", (n) => {
    expect(predictBodySchema.parse({ years_ahead: n })).toEqual({
      years_ahead: n,
      model: "auto",
    });
  });

  test.each(["auto", "lstm"])("accepts model %p", (model) => {
    expect(predictBodySchema.parse({ model }).model).toBe(model);
  });

  test.each(["LSTM", "theta", "", 1, null])(
    "rejects model %p naming the field and the choices",
    (model) => {
      expect(errorFor(predictBodySchema, { model })).toMatch(
        /^model must be one of: auto, lstm/
      );
    }
  );

  test.each([0, 11, 2.5, -1, "5", null, true, Number.NaN])(
    "rejects %p naming the field and the value",
    (value) => {
      const message = errorFor(predictBodySchema, { years_ahead: value });
      expect(message).toMatch(/^years_ahead must be a whole number from 1 to 10/);
      if (typeof value === "number" && Number.isFinite(value)) {
        expect(message).toContain(`(got ${value})`);
      }
    }
  );

  test("names unknown fields", () => {
    expect(errorFor(predictBodySchema, { years: 3, x: 1 })).toBe(
      "Unknown field 'years', 'x' in request body"
    );
  });

  test.each([[[]], ["5"], [null], [7]])("rejects a non-object body %p", (b) => {
    expect(errorFor(predictBodySchema, b)).toBe(
      "Request body must be a JSON object"
    );
  });
});

describe("categorySchema", () => {
  test("takes the seven API categories", () => {
    expect(categorySchema.parse("civil_status")).toBe("civil_status");
  });

  test("rejects others, listing the valid ones", () => {
    const result = categorySchema.safeParse("civilStatus");
    expect(result.success).toBe(false);
    if (!result.success) {
      const message = describeIssues(result.error, "civilStatus");
      expect(message).toMatch(/Unknown category 'civilStatus'/);
      expect(message).toMatch(/age, sex, civil_status/);
    }
  });
});

test("trainBodySchema takes an empty object and nothing else", () => {
  expect(trainBodySchema.parse({})).toEqual({});
  expect(trainBodySchema.safeParse({ epochs: 3 }).success).toBe(false);
});
