import { CsvHistorySource } from "../data/csv-history-source";
import { FirestoreHistorySource } from "../data/firestore-history-source";
import type { HistorySource } from "../data/history-source";
import { CATEGORIES, type Category } from "../domain/categories";
import type { History } from "../domain/history";
import type { BacktestProgress, OriginChoice } from "../evaluation";
import { DEFAULT_CONFIG } from "../ml/config";
import { firestore } from "../platform/firebase-services";
import {
  BACKTEST_HORIZON,
  BACKTEST_ORIGINS,
} from "../service/category-evaluation";
import {
  backtestCategory,
  type CategoryBacktest,
} from "../service/category-backtest";
import { TOTAL_SOURCE } from "../service/coherent-totals";
import { categoryArg, intFlag, parseCommandLine, UsageError } from "./args";

/**
 * `backtest [category ...] [--csv <folder>] [--json] [--origins a-b]
 * [--origin-count K] [--horizon H] [--skip-lstm] [--lstm-variants]`: the
 * rolling-origin backtest of every method, the served pipeline included,
 * per category; --lstm-variants adds LSTM variants nothing serves.
 * Reads the CSV tables with --csv, else Firestore. Progress on stderr;
 * the table (or with --json one object) on stdout.
 */
export async function backtestCommand(argv: string[]): Promise<number> {
  const { positionals, flags } = parseCommandLine(argv, {
    csv: { type: "string" },
    json: { type: "boolean" },
    origins: { type: "string" },
    "origin-count": { type: "string" },
    horizon: { type: "string" },
    "skip-lstm": { type: "boolean" },
    "lstm-variants": { type: "boolean" },
  });
  const categories = positionals.length
    ? positionals.map(categoryArg)
    : [...CATEGORIES];
  const origins = originsFlag(flags.origins, flags["origin-count"]);
  const maxHorizon = intFlag(flags, "horizon", {
    min: 1,
    max: 10,
    fallback: BACKTEST_HORIZON,
  });
  const source: HistorySource =
    typeof flags.csv === "string"
      ? new CsvHistorySource(flags.csv)
      : new FirestoreHistorySource(firestore());

  const totalSource = await source.read(TOTAL_SOURCE);
  const reports: Partial<Record<Category, CategoryBacktest>> = {};
  for (const category of categories) {
    const history: History = await source.read(category);
    const started = Date.now();
    const reporter = progressReporter(category);
    const report = await backtestCategory(history, {
      origins,
      maxHorizon,
      config: DEFAULT_CONFIG,
      totalSource,
      skipLstmRows: flags["skip-lstm"] === true,
      lstmVariants: flags["lstm-variants"] === true,
      onProgress: (progress) => reporter.update(progress),
    });
    reporter.close(
      `done in ${((Date.now() - started) / 1000).toFixed(1)} s`
    );
    reports[category] = report;
    if (!flags.json) process.stdout.write(formatReport(category, report));
  }
  if (flags.json) process.stdout.write(JSON.stringify(reports) + "\n");
  return 0;
}

/**
 * Progress on stderr: redrawn in place on a terminal; in a log, one line
 * as each origin starts, and the closing line.
 */
function progressReporter(category: string) {
  const tty = Boolean(process.stderr.isTTY);
  const label = category.padEnd(13);
  let origin: number | null = null;
  return {
    update(progress: BacktestProgress): void {
      const text =
        `${label} fit ${progress.done}/${progress.total} ` +
        `${progress.method} @ ${progress.origin}`;
      if (tty) process.stderr.write(`\r${text}`.padEnd(61));
      else if (progress.origin !== origin) {
        process.stderr.write(`${text}\n`);
      }
      origin = progress.origin;
    },
    close(summary: string): void {
      process.stderr.write(
        `${tty ? "\r" : ""}${label} ${summary}`.padEnd(60) + "\n"
      );
    },
  };
}

/** `--origins 2006-2011` or `2006,2008`; else the last K years. */
function originsFlag(
  raw: string | boolean | undefined,
  countRaw: string | boolean | undefined
): OriginChoice {
  if (typeof raw === "string") {
    const range = /^(\d{4})-(\d{4})$/.exec(raw);
    if (range) {
      const [from, to] = [Number(range[1]), Number(range[2])];
      if (to < from) throw new UsageError(`--origins ${raw}: empty range`);
      return {
        years: Array.from({ length: to - from + 1 }, (_, i) => from + i),
      };
    }
    const years = raw.split(",").map((part) => Number(part.trim()));
    if (years.length === 0 || !years.every((y) => /^\d{4}$/.test(String(y)))) {
      throw new UsageError(
        `--origins takes a range like 2006-2011 or years like 2006,2008; ` +
          `got "${raw}"`
      );
    }
    return { years };
  }
  const count = intFlag({ count: countRaw }, "count", {
    min: 1,
    max: 30,
    fallback: BACKTEST_ORIGINS,
  });
  return { count };
}

const fixed = (value: number | null | undefined, digits: number) =>
  value === null || value === undefined ? "-" : value.toFixed(digits);

/** One category's table: methods by pooled MASE, then what was served. */
export function formatReport(
  category: string,
  report: CategoryBacktest
): string {
  const horizons = Array.from(
    { length: report.max_horizon },
    (_, h) => `h${h + 1}`
  );
  const row = (method: string, metric: string) =>
    report.table.find((r) => r.method === method && r.metric === metric);
  const header =
    "method".padEnd(18) +
    ["MASE", "WAPE", "sMAPE"].map((t) => t.padStart(8)).join("") +
    "   MASE by horizon: " +
    horizons.join(" ");
  const lines = report.ranking.map((ranked) => {
    const byHorizon = row(ranked.method, "mase")?.by_horizon ?? [];
    return (
      ranked.method.padEnd(18) +
      fixed(ranked.mase, 3).padStart(8) +
      fixed(ranked.wape, 3).padStart(8) +
      fixed(ranked.smape, 1).padStart(8) +
      "   " +
      byHorizon.map((v) => fixed(v, 2)).join(" ")
    );
  });
  const choices = report.served_choices
    .map((c) => `${c.origin}: ${c.method}${c.total ? ` (total ${c.total})` : ""}`)
    .join(", ");
  const coverage = Object.entries(report.served_coverage)
    .map(
      ([level, c]) =>
        `${level} %: ${fixed(c.coverage === null ? null : c.coverage * 100, 1)}` +
        ` % (${c.covered}/${c.total})`
    )
    .join(", ");
  const change = report.reconciliation_mase_change;
  return (
    [
      `== ${category}: origins ${report.origins.join(", ")}; ` +
        `horizons 1-${report.max_horizon}`,
      header,
      ...lines,
      `served chose: ${choices || "-"}`,
      `served interval coverage: ${coverage || "-"}`,
      `coherent totals changed the served MASE by ${fixed(change, 3)}` +
        (change === null ? "" : change < 0 ? " (helped)" : " (did not help)"),
    ].join("\n") + "\n\n"
  );
}
