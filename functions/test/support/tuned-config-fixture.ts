import type { Category } from "../../src/domain/categories";
import type { TunedConfig } from "../../src/domain/tuned-config";
import type { ForecastConfig } from "../../src/ml/config";
import { TINY_CONFIG } from "./tiny-config";

/** A tuned configuration as `tune` would store it, around `config`. */
export function sampleTuned(
  category: Category,
  config: ForecastConfig = { ...TINY_CONFIG, name: "test-tiny-tuned" }
): TunedConfig {
  return {
    category,
    config,
    tuned_at: "2026-01-02T03:04:05.000Z",
    criterion: "lowest mean MASE",
    score: { mase: 0.8, wape: 0.1, smape: 9.5 },
    origins: [2009, 2010],
    max_horizon: 5,
    training_years: "1990 - 2014",
    history_hash: "ab".repeat(32),
    history_source: "firestore",
    ranking: [{ name: config.name, mase: 0.8, wape: 0.1, smape: 9.5 }],
    not_scored: [],
  };
}
