import { readBearerToken } from "../../src/api/bearer-token";

const JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1In0.c2ln-_";

describe("readBearerToken", () => {
  test.each([[undefined], [""], ["   "]])("%p is missing", (header) => {
    expect(readBearerToken(header)).toEqual({ kind: "missing" });
  });

  test.each([
    [`Bearer ${JWT}`],
    [`bearer ${JWT}`],
    [`BEARER   ${JWT}  `],
    ["Bearer abc+/=="],
  ])("%p carries a token", (header) => {
    const token = header.trim().split(/ +/)[1];
    expect(readBearerToken(header)).toEqual({ kind: "present", token });
  });

  test.each([
    ["Bearer"],
    [`Basic ${JWT}`],
    [`Bearer ${JWT} ${JWT}`],
    [`Bearer ${JWT},x`],
    ["Bearer a=b"],
    [`Bearer\t${JWT}`],
    [`Bearer ${"a".repeat(8193)}`],
  ])("%p is malformed", (header) => {
    expect(readBearerToken(header)).toEqual({ kind: "malformed" });
  });
});
