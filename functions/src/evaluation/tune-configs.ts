/**
 * Scores LSTM configurations against each other by the rolling-origin
 * backtest the service uses to choose what it serves, and ranks them by
 * the same criterion (chooseMethod: pooled MASE, ties by WAPE), so that
 * a configuration wins here for the reason it would be judged by there.
 * One validation split would rank them by a single lucky or unlucky
 * stretch of years.
 */
import type { History } from "../domain/history";
import type { ForecastConfig } from "../ml/config";
import { backtest, type BacktestResult } from "./backtest";
import { chooseMethod } from "./choose-method";
import { lstmMethod } from "./lstm-method";
import type { OriginChoice } from "./origins";
import { wouldOverrun } from "./tuning-budget";

/** One configuration's backtest, pooled over origins and horizons. */
export interface ScoredConfig {
  config: ForecastConfig;
  /** Mean MASE over horizons 1..H; null when nothing could be scored. */
  mase: number | null;
  /** WAPE, a fraction; null when undefined. */
  wape: number | null;
  /** sMAPE in percent; null when undefined. */
  smape: number | null;
  /** Wall-clock seconds of its backtest. */
  seconds: number;
  /** Origins it could not fit (too few years for its window rule). */
  skippedFits: number;
}

/** A configuration that could be scored, as ranked. */
export interface RankedConfig extends ScoredConfig {
  mase: number;
}

/** Where a tune is, after each configuration. */
export interface TuningProgress {
  /** Configurations scored so far, this one included. */
  done: number;
  /** Configurations the tune means to score. */
  total: number;
  /** The configuration just scored. */
  latest: ScoredConfig;
  /** The lowest MASE so far (ties: the earlier), or null. */
  best: ScoredConfig | null;
}

export interface TuneOptions {
  /** Backtest origins; pass the service's, so the scores mean the same. */
  origins: OriginChoice;
  /** Years forecast from each origin; the service's. */
  maxHorizon: number;
  /**
   * Time (ms, as `now` counts) after which no configuration is started
   * when the mean time so far says it would not finish. Unset: none.
   */
  deadlineMs?: number;
  /** Clock for the deadline and the timings; default Date.now. */
  now?: () => number;
  onProgress?: (progress: TuningProgress) => void;
}

export interface TuneResult {
  origins: number[];
  maxHorizon: number;
  /** Scored configurations with a MASE, best first. */
  ranking: RankedConfig[];
  /** The best configuration: ranking[0].config. */
  winner: ForecastConfig;
  /** Scored configurations with no MASE, in the order given. */
  ineligible: ScoredConfig[];
  /** Configurations not started because the deadline was near. */
  notRun: ForecastConfig[];
}

/**
 * Backtests each of `configs` in turn (the order they are given is the
 * last tie-break) and ranks them. Throws RangeError when their names are
 * not distinct or no configuration could be scored.
 */
export async function tuneConfigs(
  history: History,
  configs: readonly ForecastConfig[],
  options: TuneOptions
): Promise<TuneResult> {
  checkDistinctNames(configs);
  const now = options.now ?? Date.now;
  const results: BacktestResult[] = [];
  const scored: ScoredConfig[] = [];
  const durations: number[] = [];
  let best: ScoredConfig | null = null;
  let notRun: ForecastConfig[] = [];

  for (const [i, config] of configs.entries()) {
    const started = now();
    const deadline = options.deadlineMs;
    if (deadline !== undefined && wouldOverrun(started, deadline, durations)) {
      notRun = configs.slice(i);
      break;
    }
    const method = lstmMethod(config, config.name);
    const result = await backtest(history, [method], {
      origins: options.origins,
      maxHorizon: options.maxHorizon,
    });
    const ms = now() - started;
    durations.push(ms);
    results.push(result);
    const latest = scoreOf(config, result, ms);
    scored.push(latest);
    const bestMase = best?.mase ?? Infinity;
    if (latest.mase !== null && latest.mase < bestMase) best = latest;
    options.onProgress?.({ done: i + 1, total: configs.length, latest, best });
  }

  const choice = chooseMethod(merged(results), {
    order: configs.map((config) => config.name),
  });
  const byName = new Map(scored.map((entry) => [entry.config.name, entry]));
  const ranking = choice.ranking.map(({ method, mase }): RankedConfig => {
    const entry = byName.get(method);
    if (!entry) throw new Error(`ranked an unknown configuration "${method}"`);
    return { ...entry, mase };
  });
  return {
    origins: results[0].origins,
    maxHorizon: results[0].maxHorizon,
    ranking,
    winner: ranking[0].config,
    ineligible: scored.filter((entry) => entry.mase === null),
    notRun,
  };
}

/**
 * Seconds one fit of `config` takes on the years up to `origin`: the
 * longest training set of a backtest whose last origin it is, so the
 * dearest of its fits. A tune's estimate is built on it.
 */
export async function timeOneFit(
  history: History,
  config: ForecastConfig,
  origin: number,
  now: () => number = Date.now
): Promise<number> {
  const cut = history.years.indexOf(origin) + 1;
  if (cut === 0) {
    throw new RangeError(`${origin} is not a year of the history`);
  }
  const training: History = {
    years: history.years.slice(0, cut),
    groups: history.groups,
    values: history.values.slice(0, cut),
  };
  const started = now();
  const fitted = await lstmMethod(config).fit(training);
  fitted.dispose();
  return (now() - started) / 1000;
}

/** The pooled scores of one configuration's backtest. */
function scoreOf(
  config: ForecastConfig,
  result: BacktestResult,
  ms: number
): ScoredConfig {
  const overall = (metric: string) =>
    result.table.find((row) => row.metric === metric)?.overall ?? null;
  return {
    config,
    mase: overall("mase"),
    wape: overall("wape"),
    smape: overall("smape"),
    seconds: ms / 1000,
    skippedFits: result.skipped.length,
  };
}

/**
 * One backtest result holding every configuration's rows, as if they
 * had been backtested together (they share origins and horizon), so
 * chooseMethod ranks them exactly as it ranks the service's candidates.
 */
function merged(results: readonly BacktestResult[]): BacktestResult {
  return {
    origins: results[0].origins,
    maxHorizon: results[0].maxHorizon,
    methods: results.flatMap((result) => result.methods),
    table: results.flatMap((result) => result.table),
    errors: results.flatMap((result) => result.errors),
    skipped: results.flatMap((result) => result.skipped),
  };
}

/** Scores are keyed by configuration name, as the service keys models. */
function checkDistinctNames(configs: readonly ForecastConfig[]): void {
  if (configs.length === 0) {
    throw new RangeError("no configurations to tune");
  }
  const seen = new Set<string>();
  for (const { name } of configs) {
    if (seen.has(name)) {
      throw new RangeError(`two configurations are named "${name}"`);
    }
    seen.add(name);
  }
}
