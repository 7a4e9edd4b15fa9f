/**
 * The LSTM configurations `npm run cli -- tune` compares. Each one is the
 * service default (DEFAULT_CONFIG, the fused trainer) with some of five
 * settings changed:
 *
 * | setting            | values              | default |
 * | ------------------ | ------------------- | ------- |
 * | inputs             | levels, differences | levels  |
 * | units (LSTM 1 / 2) | 64/32, 48/24, 32/16 | 64/32   |
 * | window.maxWindow   | 15, 12, 10          | 15      |
 * | dropout            | 0.2, 0.1            | 0.2     |
 * | learningRate       | 0.004, 0.002        | 0.004   |
 *
 * That is 2 x 3 x 3 x 2 x 2 = 72 configurations. They are listed so that
 * any leading part of the list is worth running on its own, because a time
 * budget keeps only a leading part: first the default itself, then every
 * configuration that changes one setting (7), then those changing two,
 * three, four and five. A trimmed tune therefore still measures each setting's
 * effect alone before it tries combinations.
 */
import { createHash } from "node:crypto";
import {
  DEFAULT_CONFIG,
  type ForecastConfig,
  type NetworkInputs,
} from "../ml/config";

/** One point of the grid: the settings that differ between candidates. */
export interface TuningPoint {
  inputs: NetworkInputs;
  units: readonly [number, number];
  maxWindow: number;
  dropout: number;
  learningRate: number;
}

/**
 * The values tried for each setting, the default's value first. Smaller
 * networks and shorter windows are the usual cures for a network that
 * overfits 20-30 yearly windows; the lower rate checks whether 0.004 is
 * too fast for the smaller networks. Differences helped on four CFO
 * tables of seven and hurt on three (see FAST_LSTM_DIFFERENCES), so each
 * category tries both. Log counts lost on six tables of seven
 * (FAST_LSTM_LOGS) and are left out.
 */
export const TUNING_VALUES = Object.freeze({
  inputs: ["levels", "differences"] as const,
  units: [
    [64, 32],
    [48, 24],
    [32, 16],
  ] as const,
  maxWindow: [15, 12, 10] as const,
  dropout: [0.2, 0.1] as const,
  learningRate: [0.004, 0.002] as const,
});

/**
 * The grid's configurations, in the order described above, each derived
 * from `base` and named after what it sets (see tuningName). Ties in the
 * order keep the full grid's nesting: inputs, units, then window,
 * dropout, rate.
 */
export function tuningGrid(
  base: Readonly<ForecastConfig> = DEFAULT_CONFIG
): ForecastConfig[] {
  const points: { point: TuningPoint; changes: number }[] = [];
  TUNING_VALUES.inputs.forEach((inputs, i) =>
    TUNING_VALUES.units.forEach((units, u) =>
      TUNING_VALUES.maxWindow.forEach((maxWindow, w) =>
        TUNING_VALUES.dropout.forEach((dropout, d) =>
          TUNING_VALUES.learningRate.forEach((learningRate, r) => {
            const changes = [i, u, w, d, r].filter((x) => x > 0).length;
            points.push({
              point: { inputs, units, maxWindow, dropout, learningRate },
              changes,
            });
          })
        )
      )
    )
  );
  // Array.prototype.sort is stable: equal change counts keep grid order.
  points.sort((a, b) => a.changes - b.changes);
  return points.map(({ point }) => configAt(base, point));
}

/** `base` with the settings of `point`, renamed after them. */
export function configAt(
  base: Readonly<ForecastConfig>,
  point: TuningPoint
): ForecastConfig {
  const { inputs: _baseInputs, ...rest } = base;
  const config: ForecastConfig = {
    ...rest,
    // Levels are left unset, as in the default, so that a levels
    // candidate's fingerprint is what it was before inputs existed.
    ...(point.inputs === "levels" ? {} : { inputs: point.inputs }),
    lstm1Units: point.units[0],
    lstm2Units: point.units[1],
    dropout: point.dropout,
    learningRate: point.learningRate,
    window: { ...base.window, maxWindow: point.maxWindow },
  };
  return { ...config, name: tuningName(point, config) };
}

/**
 * A name that says what the candidate sets, then a fingerprint of all
 * its settings, e.g. "lstm-48-24-w12-d0.1-lr0.002-5c1e": units, longest
 * window, dropout, rate, with "lstm-diff" for differences. The service
 * retrains an unchanged history only when the configuration's name
 * changes, so a name must never stand for two settings: when the default
 * changes (another trainer, a new early stopping rule), the fingerprint
 * of every candidate changes with it.
 */
export function tuningName(
  point: TuningPoint,
  config: Readonly<ForecastConfig>
): string {
  const [first, second] = point.units;
  const inputs = point.inputs === "differences" ? "-diff" : "";
  return (
    `lstm${inputs}-${first}-${second}-w${point.maxWindow}` +
    `-d${point.dropout}-lr${point.learningRate}-${fingerprint(config)}`
  );
}

/** Four hex digits of a hash of every setting but the name. */
function fingerprint(config: Readonly<ForecastConfig>): string {
  const { name: _name, ...settings } = config;
  return createHash("sha256")
    .update(canonicalJson(settings))
    .digest("hex")
    .slice(0, 4);
}

/** JSON with object keys sorted, so that key order cannot change it. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(canonicalJson).join(",")}]`;
  }
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`);
    return `{${entries.join(",")}}`;
  }
  return JSON.stringify(value);
}
