/**
 * `node scripts/load-test.js [--url <api base>] [--category sex]
 * [--requests 2000] [--concurrency 20] [--warmup 400] [--years 2]
 * [--json]`: the bounded
 * load test (load-test.ts) against the api function on the emulators.
 * Prints one line (or the report as JSON) and exits 1 on any error.
 */
import { parseArgs } from "node:util";
import { formatLoadReport, runLoad } from "./load-test";

/** `npm start`'s api function. */
const DEFAULT_API =
  "http://127.0.0.1:5001/demo-cfo-forecast/asia-southeast1/api";

function wholeNumber(name: string, text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value)) {
    throw new RangeError(`--${name} must be a whole number: ${text}`);
  }
  return value;
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      url: { type: "string", default: DEFAULT_API },
      category: { type: "string", default: "sex" },
      requests: { type: "string", default: "2000" },
      concurrency: { type: "string", default: "20" },
      warmup: { type: "string", default: "400" },
      years: { type: "string", default: "2" },
      json: { type: "boolean", default: false },
    },
    strict: true,
  });
  const report = await runLoad({
    apiBase: values.url,
    category: values.category,
    requests: wholeNumber("requests", values.requests),
    concurrency: wholeNumber("concurrency", values.concurrency),
    warmupRequests: wholeNumber("warmup", values.warmup),
    yearsAhead: wholeNumber("years", values.years),
    requestTimeoutMs: 10_000,
    deadlineMs: 120_000,
  });
  process.stdout.write(
    values.json
      ? `${JSON.stringify(report, null, 2)}\n`
      : `${formatLoadReport(report)}\n`
  );
  for (const sample of report.errorSamples) {
    process.stderr.write(`load: error: ${sample}\n`);
  }
  return report.errors === 0 ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `load: ${error instanceof Error ? error.message : String(error)}\n`
    );
    process.exit(2);
  }
);
