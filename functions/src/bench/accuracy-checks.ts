/**
 * The bench's accuracy checks of both networks on one category, so that
 * speed is never bought with forecast quality: the held-out WAPE (the
 * last years hidden, averaged over seeds) and the rolling-origin
 * backtest (backtest-check.ts). Each check that cannot run on a history
 * (too short) is skipped with the reason, not failed.
 */
import type { History } from "../domain/history";
import { DEFAULT_CONFIG, SEED_RECIPE, type ForecastConfig } from "../ml/config";
import { forecast } from "../ml/forecast";
import { trainForecaster } from "../ml/train";
import { BENCH_BACKTEST, backtestBoth } from "./backtest-check";
import { benchSeeds, mean, splitLastYears, wape } from "./heldout";
import { logLine } from "./log";
import type { RssSampler } from "./rss-sampler";
import type { CategoryAccuracy } from "./training-protocol";

/** What the checks need from the bench's plan. */
export interface AccuracyPlan {
  heldOutYears: number;
  heldOutSeeds: number;
  /** 0 skips the backtest. */
  backtestSeeds: number;
}

export async function checkAccuracy(
  category: string,
  history: History,
  plan: AccuracyPlan,
  rss: RssSampler
): Promise<CategoryAccuracy> {
  const result: CategoryAccuracy = {
    heldOutWape: { seeds: [], served: [], baseline: [] },
    heldOutNote: null,
    backtest: null,
    backtestNote: plan.backtestSeeds === 0 ? "--backtest-seeds 0" : null,
  };
  try {
    result.heldOutWape = await heldOutBoth(history, plan, rss);
    const held = result.heldOutWape;
    logLine(
      `held-out ${category}: WAPE served ${mean(held.served).toFixed(3)}, ` +
        `baseline ${mean(held.baseline).toFixed(3)} ` +
        `(mean of seeds ${held.seeds.join(", ")})`
    );
  } catch (error) {
    result.heldOutNote = messageOf(error);
    logLine(`held-out ${category} skipped: ${result.heldOutNote}`);
  }
  if (plan.backtestSeeds === 0) return result;
  rss.start();
  try {
    const b = await backtestBoth(
      history,
      { served: DEFAULT_CONFIG, baseline: SEED_RECIPE },
      benchSeeds(DEFAULT_CONFIG.seed, plan.backtestSeeds),
      BENCH_BACKTEST
    );
    result.backtest = b;
    logLine(
      `backtest ${category} (origins ${b.origins[0]}-` +
        `${b.origins[b.origins.length - 1]}, horizons 1-${b.horizon}): ` +
        `MASE served ${mean(b.served).toFixed(3)}, baseline ` +
        `${mean(b.baseline).toFixed(3)}, naive ${b.naive.toFixed(3)}`
    );
  } catch (error) {
    result.backtestNote = messageOf(error);
    logLine(`backtest ${category} skipped: ${result.backtestNote}`);
  } finally {
    rss.stop();
  }
  return result;
}

/** Held-out WAPE of both configurations for each seed. */
async function heldOutBoth(
  history: History,
  plan: AccuracyPlan,
  rss: RssSampler
): Promise<CategoryAccuracy["heldOutWape"]> {
  // The served and the seed configuration share their seed (42), so
  // one list serves both.
  const seeds = benchSeeds(DEFAULT_CONFIG.seed, plan.heldOutSeeds);
  const held = { seeds, served: [] as number[], baseline: [] as number[] };
  for (const seed of seeds) {
    const years = plan.heldOutYears;
    held.served.push(
      await heldOutWape(history, years, { ...DEFAULT_CONFIG, seed }, rss)
    );
    held.baseline.push(
      await heldOutWape(history, years, { ...SEED_RECIPE, seed }, rss)
    );
  }
  return held;
}

/** Trains without the last `years` and scores the forecast of them. */
async function heldOutWape(
  history: History,
  years: number,
  config: ForecastConfig,
  rss: RssSampler
): Promise<number> {
  const { training, heldOut } = splitLastYears(history, years);
  rss.start();
  try {
    const trained = await trainForecaster(training, config);
    try {
      const predicted = forecast(trained.model, trained.preprocessing, years);
      return wape(heldOut, predicted);
    } finally {
      trained.model.dispose();
    }
  } finally {
    rss.stop();
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
