/**
 * What `tune` prints: the estimate and progress lines (stderr), the
 * ranked table (stdout) and the same as one JSON object for `--json`.
 */
import type { TunedConfig } from "../domain/tuned-config";
import type { ForecastConfig } from "../ml/config";
import { inputsOf } from "../ml/network-inputs";
import type { ScoredConfig, TuningProgress } from "../evaluation/tune-configs";
import type { TuningPlan } from "../evaluation/tuning-budget";

/** Everything a finished tune reports. */
export interface TuneReport {
  category: string;
  tuned: TunedConfig;
  /** The grid's candidate with the default's settings, to compare with. */
  defaultCandidate: string;
  ranking: ScoredConfig[];
  ineligible: ScoredConfig[];
  plan: TuningPlan<ForecastConfig>;
  secondsPerFit: number;
  budgetSeconds: number;
  /** Left out while running, because the deadline was near. */
  notRun: string[];
  elapsedSeconds: number;
  /** Where the winner was saved, or null when it was not. */
  savedTo: string | null;
  /** Why it was not saved, when it was not. */
  notSavedBecause: string | null;
}

/** The estimate printed before the tune starts, one line each. */
export function estimateLines(
  category: string,
  plan: TuningPlan<ForecastConfig>,
  cost: { fitsPerCandidate: number; secondsPerFit: number },
  budgetSeconds: number
): string[] {
  const total = plan.kept.length + plan.trimmed.length;
  const lines = [
    `tune ${category}: ${total} configurations x ` +
      `${cost.fitsPerCandidate} origins = ` +
      `${total * cost.fitsPerCandidate} fits x ` +
      `~${cost.secondsPerFit.toFixed(1)} s = ~${minutes(plan.fullSeconds)}` +
      ` (budget ${minutes(budgetSeconds)})`,
  ];
  if (plan.trimmed.length > 0 && plan.refusal === null) {
    lines.push(
      `tune ${category}: trimmed to the first ${plan.kept.length} of ` +
        `${total} (~${minutes(plan.estimatedSeconds)}); left out: ` +
        plan.trimmed.map((config) => config.name).join(", ")
    );
  }
  return lines;
}

/** One stderr line after each configuration. */
export function progressLine(category: string, progress: TuningProgress) {
  const { done, total, latest, best } = progress;
  const width = String(total).length;
  const bestText =
    best === null
      ? "no score yet"
      : best === latest
        ? "best so far"
        : `best so far ${number(best.mase, 3)}`;
  return (
    `tune ${category} [${String(done).padStart(width)}/${total}] ` +
    `${latest.config.name}  MASE ${number(latest.mase, 3)}  ` +
    `${latest.seconds.toFixed(0)} s; ${bestText}`
  );
}

/** The ranked table and what became of the winner, for stdout. */
export function reportText(report: TuneReport): string {
  const { tuned } = report;
  const width = Math.max(
    "configuration".length,
    ...report.ranking.map((entry) => entry.config.name.length)
  );
  const header =
    " #  " +
    "configuration".padEnd(width) +
    "inputs".padStart(12) +
    "units".padStart(7) +
    "win".padStart(4) +
    "drop".padStart(5) +
    "lr".padStart(7) +
    "MASE".padStart(7) +
    "WAPE".padStart(7) +
    "sMAPE".padStart(7) +
    "s".padStart(5);
  const rows = report.ranking.map((entry, i) => {
    const { config } = entry;
    return (
      String(i + 1).padStart(2) +
      "  " +
      config.name.padEnd(width) +
      inputsOf(config).padStart(12) +
      `${config.lstm1Units}/${config.lstm2Units}`.padStart(7) +
      String(config.window.maxWindow).padStart(4) +
      String(config.dropout).padStart(5) +
      String(config.learningRate).padStart(7) +
      number(entry.mase, 3).padStart(7) +
      percent(entry.wape === null ? null : entry.wape * 100).padStart(7) +
      percent(entry.smape).padStart(7) +
      entry.seconds.toFixed(0).padStart(5)
    );
  });
  const lines = [
    `tune ${report.category}: history ${tuned.training_years}, ` +
      `${tuned.origins.length} origins ${yearSpan(tuned.origins)}, ` +
      `horizons 1-${tuned.max_horizon}`,
    `criterion: ${tuned.criterion}`,
    "",
    header,
    ...rows,
    "",
  ];
  for (const entry of report.ineligible) {
    lines.push(`no score: ${entry.config.name} (every fit skipped)`);
  }
  if (report.plan.trimmed.length > 0) {
    lines.push(
      `not run (estimate over budget): ${report.plan.trimmed.length}`
    );
  }
  if (report.notRun.length > 0) {
    lines.push(`not run (deadline reached): ${report.notRun.join(", ")}`);
  }
  lines.push(winnerLine(report));
  lines.push(
    report.savedTo !== null
      ? `saved as the next training's configuration: ${report.savedTo}`
      : `not saved: ${report.notSavedBecause ?? "no registry"}`
  );
  lines.push(`took ${minutes(report.elapsedSeconds)}`);
  return lines.join("\n") + "\n";
}

/** The `--json` output: one object, plain JSON. */
export function reportJson(report: TuneReport): Record<string, unknown> {
  const row = (entry: ScoredConfig) => ({
    name: entry.config.name,
    inputs: inputsOf(entry.config),
    lstm1_units: entry.config.lstm1Units,
    lstm2_units: entry.config.lstm2Units,
    max_window: entry.config.window.maxWindow,
    dropout: entry.config.dropout,
    learning_rate: entry.config.learningRate,
    mase: entry.mase,
    wape: entry.wape,
    smape: entry.smape,
    seconds: round(entry.seconds, 2),
    skipped_fits: entry.skippedFits,
  });
  return {
    category: report.category,
    history_source: report.tuned.history_source,
    training_years: report.tuned.training_years,
    origins: report.tuned.origins,
    max_horizon: report.tuned.max_horizon,
    criterion: report.tuned.criterion,
    budget_seconds: report.budgetSeconds,
    estimate: {
      seconds_per_fit: round(report.secondsPerFit, 2),
      seconds_all: Math.round(report.plan.fullSeconds),
      seconds_kept: Math.round(report.plan.estimatedSeconds),
    },
    trimmed: report.plan.trimmed.map((config) => config.name),
    not_run: report.notRun,
    ranking: report.ranking.map(row),
    ineligible: report.ineligible.map(row),
    winner: report.tuned.config,
    default_candidate: report.defaultCandidate,
    saved_to: report.savedTo,
    not_saved_because: report.notSavedBecause,
    elapsed_seconds: round(report.elapsedSeconds, 1),
  };
}

/** The winner against the default's configuration, when it was scored. */
function winnerLine(report: TuneReport): string {
  const winner = report.ranking[0];
  const fallback = report.ranking.find(
    (entry) => entry.config.name === report.defaultCandidate
  );
  const comparison =
    fallback && fallback !== winner
      ? `; the default's settings (${fallback.config.name}) scored ` +
        number(fallback.mase, 3)
      : winner.config.name === report.defaultCandidate
        ? "; that is the default's settings"
        : "";
  return (
    `winner: ${winner.config.name}, MASE ${number(winner.mase, 3)}` +
    comparison
  );
}

/** "2000-2014" for consecutive years, else the list. */
function yearSpan(years: readonly number[]): string {
  const first = years[0];
  const last = years[years.length - 1];
  const consecutive = years.every((year, i) => year === first + i);
  return consecutive && years.length > 1
    ? `${first}-${last}`
    : years.join(", ");
}

function number(value: number | null, digits: number): string {
  return value === null ? "-" : value.toFixed(digits);
}

function percent(value: number | null): string {
  return value === null ? "-" : `${value.toFixed(1)}%`;
}

function minutes(seconds: number): string {
  return seconds < 90
    ? `${Math.round(seconds)} s`
    : `${(seconds / 60).toFixed(1)} min`;
}

function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
