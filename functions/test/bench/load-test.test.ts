import * as http from "node:http";
import type { AddressInfo } from "node:net";
import {
  answerProblem,
  formatLoadReport,
  predictUrl,
  runLoad,
  type LoadOptions,
} from "../../src/bench/load-test";

const OPTIONS: LoadOptions = {
  apiBase: "http://127.0.0.1:5001/demo/asia-southeast1/api",
  category: "sex",
  requests: 10,
  concurrency: 2,
  requestTimeoutMs: 2000,
  deadlineMs: 10_000,
  yearsAhead: 2,
};

describe("predictUrl", () => {
  test("builds the predict route under the api base", () => {
    expect(predictUrl(OPTIONS)).toBe(
      "http://127.0.0.1:5001/demo/asia-southeast1/api/api/predict/sex"
    );
  });

  test.each([
    "http://example.com/api",
    "https://127.0.0.1:5001/api",
    "http://10.0.0.1:5001/api",
    "http://127.0.0.1.example.com/api",
  ])("refuses %s: loopback only", (apiBase) => {
    expect(() => predictUrl({ ...OPTIONS, apiBase })).toThrow(/this machine/);
  });

  test.each([
    [{ requests: 0 }],
    [{ requests: 20_001 }],
    [{ concurrency: 0 }],
    [{ concurrency: 101 }],
    [{ requests: 2.5 }],
  ])("refuses unbounded or odd figures %j", (change) => {
    expect(() => predictUrl({ ...OPTIONS, ...change })).toThrow(RangeError);
  });
});

test.each([
  [200, '{"predictions":[1,2]}', null],
  [200, '{"predictions":[1]}', /without the forecast/],
  [200, "<html>", /not JSON/],
  [503, '{"error":"down"}', /HTTP 503/],
])("answerProblem(%i, %s)", (status, body, problem) => {
  const found = answerProblem(status, body, 2);
  if (problem === null) expect(found).toBeNull();
  else expect(found).toMatch(problem);
});

describe("runLoad against a local server", () => {
  let server: http.Server;
  let base: string;
  let inFlight = 0;
  let mostInFlight = 0;
  let answered = 0;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      inFlight += 1;
      mostInFlight = Math.max(mostInFlight, inFlight);
      req.resume();
      req.on("end", () => {
        setTimeout(() => {
          inFlight -= 1;
          answered += 1;
          // Every seventh answer is a failure, to be counted.
          const fail = answered % 7 === 0;
          res.writeHead(fail ? 503 : 200, {
            "content-type": "application/json",
          });
          res.end(fail ? '{"error":"x"}' : '{"predictions":[{},{}]}');
        }, 2);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    base = `http://127.0.0.1:${port}/p/r/api`;
  });

  afterAll(() => new Promise((resolve) => server.close(resolve)));

  test("sends exactly the requests asked, at most `concurrency` at once",
    async () => {
      const report = await runLoad({
        ...OPTIONS,
        apiBase: base,
        requests: 70,
        concurrency: 5,
      });
      expect(answered).toBe(70);
      expect(mostInFlight).toBeLessThanOrEqual(5);
      expect(report.errors).toBe(10);
      expect(report.statuses).toEqual({ 200: 60, 503: 10 });
      expect(report.latencyMs?.count).toBe(70);
      expect(report.requestsPerSecond).toBeGreaterThan(0);
      expect(formatLoadReport(report)).toMatch(
        /^load: 70 requests to .* at concurrency 5: 10 errors; p50 [\d.]+ ms, p99 [\d.]+ ms, max [\d.]+ ms; [\d.]+ req\/s/
      );
    }
  );

  test("warm-up requests are sent first and not counted", async () => {
    const before = answered;
    const report = await runLoad({
      ...OPTIONS,
      apiBase: base,
      requests: 21,
      concurrency: 3,
      warmupRequests: 7,
    });
    expect(answered - before).toBe(28);
    expect(report.latencyMs?.count).toBe(21);
    expect(report.warmup).toEqual({ requests: 7, errors: 1 });
    expect(report.errors).toBe(3);
  });

  test("a server that is not there: every request is an error", async () => {
    const report = await runLoad({
      ...OPTIONS,
      apiBase: "http://127.0.0.1:9/api",
      requests: 4,
    });
    expect(report.errors).toBe(4);
    expect(report.statuses).toEqual({ network: 4 });
  });
});
