/**
 * The bench's output: one JSON object (every figure in ms unless its name
 * says otherwise) and the same figures as a table for people.
 */
import type { Category } from "../domain/categories";
import {
  roundTo,
  summarizePercentiles,
  summarizeRuns,
  type PercentileSummary,
  type RunSummary,
} from "./stats";
import { mean } from "./heldout";
import type { TrainingReport } from "./training-protocol";
import type { ColdStart } from "./cold-predict";
import type { EmulatorOutcome } from "./emulator-bench";

export interface TrainFigure extends RunSummary {
  epochs: number[];
}

/**
 * Held-out WAPE of both configurations: means over `seeds` (null when
 * the check could not run), and the figure of each seed.
 */
export interface HeldOutFigure {
  served: number | null;
  baseline: number | null;
  years: number;
  seeds: number[];
  served_by_seed: number[];
  baseline_by_seed: number[];
}

/**
 * Rolling-origin backtest MASE of both networks: means over `seeds`,
 * each seed's figure, and naive's on the same points.
 */
export interface BacktestFigure {
  served: number;
  baseline: number;
  naive: number;
  origins: number[];
  horizon: number;
  seeds: number[];
  served_by_seed: number[];
  baseline_by_seed: number[];
}

export interface BenchReport {
  backend: string;
  cores: number;
  served_config: string;
  baseline_config: string;
  data_source: string;
  data_files: Partial<Record<Category, string>>;
  predict_category: Category;
  predict_warm_ms: PercentileSummary & { transport: string };
  predict_cold_ms: RunSummary & {
    startup_median: number;
    first_request_median: number;
  };
  train_ms: Partial<Record<Category, TrainFigure>>;
  baseline_train_ms: Partial<Record<Category, TrainFigure>>;
  train_speedup: Partial<Record<Category, number>>;
  training_isolation: string;
  peak_rss_mb: number;
  peak_rss_kernel_mb: number;
  heldout_wape: Partial<Record<Category, HeldOutFigure>>;
  /** Absent categories: skipped (--backtest-seeds 0) or too short. */
  backtest_mase: Partial<Record<Category, BacktestFigure>>;
  retrain_burst: number | null;
  retrain_edit_ms: RunSummary | null;
  emulators: string;
  /** os.loadavg() (1, 5, 15 min) at the start and the end: other work. */
  load_average: { start: number[]; end: number[] };
  total_ms: number;
}

export interface MeasuredFigures {
  cores: number;
  dataSource: string;
  dataFiles: Partial<Record<Category, string>>;
  predictCategory: Category;
  warmMs: number[];
  cold: ColdStart[];
  training: TrainingReport;
  heldOutYears: number;
  emulators: EmulatorOutcome;
  loadAtStart: number[];
  loadAtEnd: number[];
  totalMs: number;
}

function trainFigure(ms: number[], epochs: number[]): TrainFigure {
  return { ...summarizeRuns(ms, 0), epochs };
}

export function buildReport(m: MeasuredFigures): BenchReport {
  const { training } = m;
  const trainMs: BenchReport["train_ms"] = {};
  const baselineMs: BenchReport["baseline_train_ms"] = {};
  const speedup: BenchReport["train_speedup"] = {};
  const wape: BenchReport["heldout_wape"] = {};
  const backtestMase: BenchReport["backtest_mase"] = {};
  for (const [name, figures] of Object.entries(training.perCategory)) {
    const category = name as Category;
    if (figures === undefined) continue;
    trainMs[category] = trainFigure(figures.served.ms, figures.served.epochs);
    baselineMs[category] = trainFigure(
      figures.baseline.ms,
      figures.baseline.epochs
    );
    speedup[category] = roundTo(
      summarizeRuns(figures.baseline.ms).median /
        summarizeRuns(figures.served.ms).median,
      2
    );
    const held = figures.heldOutWape;
    const meanOf = (xs: number[]) => (xs.length ? roundTo(mean(xs), 4) : null);
    wape[category] = {
      served: meanOf(held.served),
      baseline: meanOf(held.baseline),
      years: m.heldOutYears,
      seeds: held.seeds,
      served_by_seed: held.served.map((x) => roundTo(x, 4)),
      baseline_by_seed: held.baseline.map((x) => roundTo(x, 4)),
    };
    const tested = figures.backtest;
    if (tested !== null) {
      backtestMase[category] = {
        served: roundTo(mean(tested.served), 3),
        baseline: roundTo(mean(tested.baseline), 3),
        naive: roundTo(tested.naive, 3),
        origins: tested.origins,
        horizon: tested.horizon,
        seeds: tested.seeds,
        served_by_seed: tested.served.map((x) => roundTo(x, 3)),
        baseline_by_seed: tested.baseline.map((x) => roundTo(x, 3)),
      };
    }
  }
  const emulated = m.emulators.ok ? m.emulators.result : null;
  return {
    backend: training.backend,
    cores: m.cores,
    served_config: training.servedConfig,
    baseline_config: training.baselineConfig,
    data_source: m.dataSource,
    data_files: m.dataFiles,
    predict_category: m.predictCategory,
    predict_warm_ms: {
      ...summarizePercentiles(m.warmMs),
      transport: "HTTP/1.1 on 127.0.0.1, one keep-alive connection",
    },
    predict_cold_ms: {
      ...summarizeRuns(m.cold.map((c) => c.totalMs), 0),
      startup_median: summarizeRuns(m.cold.map((c) => c.startupMs), 0).median,
      first_request_median: summarizeRuns(
        m.cold.map((c) => c.firstRequestMs),
        0
      ).median,
    },
    train_ms: trainMs,
    baseline_train_ms: baselineMs,
    train_speedup: speedup,
    training_isolation:
      "one child process, one training at a time, configs alternated",
    peak_rss_mb: roundTo(training.peakRssSampledMb, 1),
    peak_rss_kernel_mb: roundTo(training.maxRssMb, 1),
    heldout_wape: wape,
    backtest_mase: backtestMase,
    retrain_burst: emulated?.burst ?? null,
    retrain_edit_ms: emulated ? summarizeRuns(emulated.editMs, 0) : null,
    emulators: m.emulators.ok
      ? `ran: imported ${emulated?.importedYears} years of ` +
        `${emulated?.category}, first version ` +
        `${Math.round(emulated?.firstVersionMs ?? 0)} ms after the import`
      : `skipped: ${m.emulators.reason}`,
    load_average: {
      start: m.loadAtStart.map((x) => roundTo(x, 2)),
      end: m.loadAtEnd.map((x) => roundTo(x, 2)),
    },
    total_ms: Math.round(m.totalMs),
  };
}

function spread(s: RunSummary): string {
  return `${s.median} (min ${s.min}, max ${s.max}, n=${s.runs})`;
}

/** The report as aligned text lines. */
export function formatTable(r: BenchReport): string {
  const lines: string[] = [];
  const row = (label: string, value: string) =>
    lines.push(`${label.padEnd(26)} ${value}`);
  row("backend / cores", `${r.backend} / ${r.cores}`);
  row("configs", `served ${r.served_config}, baseline ${r.baseline_config}`);
  row("data", r.data_source);
  const w = r.predict_warm_ms;
  row(
    `predict_warm_ms (${r.predict_category})`,
    `p50 ${w.p50}, p99 ${w.p99} (min ${w.min}, max ${w.max}, n=${w.count})`
  );
  const c = r.predict_cold_ms;
  row(
    "predict_cold_ms",
    `${spread(c)}; start-up ${c.startup_median}, first request ` +
      `${c.first_request_median}`
  );
  lines.push("");
  lines.push(
    "category".padEnd(14) +
      ["train_ms", "baseline_ms", "speedup", "epochs", "WAPE srv", "WAPE base"]
        .map((h) => h.padStart(12))
        .join("")
  );
  for (const [category, served] of Object.entries(r.train_ms)) {
    const name = category as Category;
    const baseline = r.baseline_train_ms[name];
    const wape = r.heldout_wape[name];
    const cell = (x: number | null | undefined) =>
      (x === null || x === undefined ? "-" : String(x)).padStart(12);
    lines.push(
      category.padEnd(14) +
        cell(served?.median) +
        cell(baseline?.median) +
        cell(r.train_speedup[name]) +
        `${served?.epochs[0] ?? "-"}/${baseline?.epochs[0] ?? "-"}`
          .padStart(12) +
        cell(wape?.served) +
        cell(wape?.baseline)
    );
  }
  const held = Object.values(r.heldout_wape)[0];
  lines.push(
    "(train medians in ms over the runs; epochs served/baseline; WAPE on " +
      `the last ${held?.years ?? "?"} years, mean over seeds ` +
      `${held?.seeds.join(", ") ?? "?"})`
  );
  lines.push(...backtestLines(r));
  lines.push("");
  row("peak_rss_mb (training)", `${r.peak_rss_mb} sampled, ` +
    `${r.peak_rss_kernel_mb} kernel peak of the worker`);
  row("retrain_burst", r.retrain_burst === null ? "null" :
    String(r.retrain_burst));
  row("retrain_edit_ms", r.retrain_edit_ms === null ? "null" :
    spread(r.retrain_edit_ms));
  row("emulators", r.emulators);
  row(
    "load average",
    `${r.load_average.start.join(" ")} at start, ` +
      `${r.load_average.end.join(" ")} at end (1/5/15 min, all processes)`
  );
  row("total", `${(r.total_ms / 1000).toFixed(1)} s`);
  return lines.join("\n") + "\n";
}

/** The backtest table, or one line saying why there is none. */
function backtestLines(r: BenchReport): string[] {
  const entries = Object.entries(r.backtest_mase);
  const first = entries[0]?.[1];
  if (first === undefined) return ["", "(no rolling-origin backtest)"];
  const lines = [
    "",
    "category".padEnd(14) +
      ["MASE srv", "MASE base", "MASE naive"]
        .map((h) => h.padStart(12))
        .join(""),
  ];
  for (const [category, figure] of entries) {
    lines.push(
      category.padEnd(14) +
        [figure.served, figure.baseline, figure.naive]
          .map((x) => String(x).padStart(12))
          .join("")
    );
  }
  const { origins, horizon, seeds } = first;
  lines.push(
    `(rolling-origin backtest, origins ${origins[0]}-` +
      `${origins[origins.length - 1]}, horizons 1-${horizon}, pooled ` +
      `MASE; networks: mean over seeds ${seeds.join(", ")})`
  );
  return lines;
}
