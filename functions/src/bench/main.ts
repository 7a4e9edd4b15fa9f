/**
 * `npm run bench`: how fast this service trains and answers, on this
 * machine, with the figures the brief of issue 4 asks for. The order is
 * chosen so that no measurement shares the CPU with another: trainings
 * first (in their own process), then warm and cold predicts, then the
 * emulators, whose trainings run in the functions emulator while the
 * bench only polls.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { existsSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { silentLogger } from "../domain/logger";
import { initBackend } from "../ml/backend";
import { BenchUsageError, parseBenchArgs, USAGE } from "./bench-args";
import { loadBenchData } from "./bench-data";
import { measureColdStart, type ColdStart } from "./cold-predict";
import { runEmulatorBench, type EmulatorOutcome } from "./emulator-bench";
import { logLine, warnLoudly } from "./log";
import {
  localService,
  localStoreDirs,
  memoryHistorySource,
  trainIntoStore,
} from "./model-store";
import { buildReport, formatTable } from "./report";
import { runTrainingBench } from "./training-bench";
import { measureWarmPredict } from "./warm-predict";

const REPO_ROOT = path.resolve(__dirname, "..", "..", "..");
/** Untimed warm predict requests before the timed ones. */
const WARMUP_REQUESTS = 50;
/** RSS sampling period while training, in ms. */
const RSS_INTERVAL_MS = 20;

async function main(argv: string[]): Promise<number> {
  const startedAt = performance.now();
  const loadAtStart = os.loadavg();
  const args = parseBenchArgs(
    argv,
    REPO_ROOT,
    process.env.INIT_CWD ?? process.cwd()
  );
  if (args === null) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (args.dataGiven && !existsSync(args.dataFolder)) {
    throw new BenchUsageError(`--data: ${args.dataFolder} does not exist`);
  }

  const wanted = [...new Set([...args.categories, args.predictCategory])];
  const data = await loadBenchData(args.dataFolder, wanted);
  if (data.description.includes("SYNTHETIC")) warnLoudly(data.description);
  else logLine(`data: ${data.description}`);
  logLine(
    `plan: train ${args.categories.join(", ")} x ${args.runs} runs per ` +
      `config; ${args.requests} warm and ${args.coldRuns} cold predicts ` +
      `of ${args.predictCategory}; emulators ${args.emulators ? "on" : "off"}`
  );

  const training = await runTrainingBench({
    histories: data.histories,
    categories: args.categories,
    runs: args.runs,
    heldOutYears: args.heldOutYears,
    heldOutSeeds: args.heldOutSeeds,
    backtestSeeds: args.backtestSeeds,
    rssIntervalMs: RSS_INTERVAL_MS,
  });

  const scratch = await mkdtemp(path.join(os.tmpdir(), "cfo-bench-"));
  let warmMs: number[];
  const cold: ColdStart[] = [];
  try {
    const dirs = localStoreDirs(scratch);
    await initBackend((line) => logLine(line));
    const service = localService(
      dirs,
      memoryHistorySource(data.histories),
      silentLogger
    );
    const version = await trainIntoStore(service, args.predictCategory);
    logLine(`store: ${args.predictCategory} version ${version} in ${scratch}`);

    warmMs = await measureWarmPredict({
      service,
      category: args.predictCategory,
      requests: args.requests,
      warmup: WARMUP_REQUESTS,
      yearsAhead: 5,
    });
    logLine(`warm predict: ${warmMs.length} requests done`);

    for (let run = 0; run < args.coldRuns; run++) {
      const start = await measureColdStart(dirs, args.predictCategory);
      cold.push(start);
      logLine(
        `cold predict ${run + 1}/${args.coldRuns}: ` +
          `${Math.round(start.totalMs)} ms (start-up ` +
          `${Math.round(start.startupMs)}, first request ` +
          `${Math.round(start.firstRequestMs)})`
      );
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }

  let emulators: EmulatorOutcome;
  if (args.emulators) {
    emulators = await runEmulatorBench({
      category: args.predictCategory,
      dataFolder: data.sources[args.predictCategory] === "synthetic"
        ? null
        : data.folder,
      editRuns: args.editRuns,
      portWaitSeconds: args.portWaitSeconds,
    });
  } else {
    emulators = { ok: false, reason: "--no-emulators", failed: false };
  }
  if (!emulators.ok) {
    warnLoudly(
      `retrain_burst and retrain_edit_ms are null: ${emulators.reason}`
    );
  }

  const report = buildReport({
    cores: os.availableParallelism(),
    dataSource: data.description,
    dataFiles: data.sources,
    predictCategory: args.predictCategory,
    warmMs,
    cold,
    training,
    heldOutYears: args.heldOutYears,
    emulators,
    loadAtStart,
    loadAtEnd: os.loadavg(),
    totalMs: performance.now() - startedAt,
  });
  const table = formatTable(report);
  if (args.json) {
    process.stderr.write(table);
    process.stdout.write(`${JSON.stringify(report)}\n`);
  } else {
    process.stdout.write(table);
  }
  return !emulators.ok && emulators.failed ? 3 : 0;
}

main(process.argv.slice(2)).then(
  (status) => process.exit(status),
  (error: unknown) => {
    if (error instanceof BenchUsageError) {
      process.stderr.write(`bench: ${error.message}\n${USAGE}\n`);
      process.exit(2);
    }
    process.stderr.write(
      `bench: FAILED: ${error instanceof Error ? error.stack : String(error)}\n`
    );
    process.exit(1);
  }
);
