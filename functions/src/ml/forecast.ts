/**
 * Recursive multi-year forecasting: the network predicts one year from the
 * last L years, the prediction joins the window, and so on.
 */
import * as tf from "@tensorflow/tfjs";
import { ServiceError } from "../domain/errors";
import type { YearForecast } from "../domain/history";
import type { PreprocessingState } from "./forecaster";
import { countsFromOutputs } from "./network-inputs";
import { scaleRows, unscaleRows } from "./scaling";

/**
 * Forecasts `yearsAhead` years after the last training year.
 *
 * The window starts as the scaled last L training rows; each step
 * predicts the next row and slides it in, still scaled and unrounded,
 * as the seed service did. Only the returned counts are unscaled (and,
 * for a network of differences, added up from the last counts), rounded
 * to whole numbers and clipped at 0.
 *
 * Needs an initialised backend (see initBackend); leaves no tensor behind.
 *
 * @param model a network from trainForecaster or loaded from storage,
 *   input [batch, L, groups], output [batch, groups].
 * @param preprocessing the state saved with that network.
 * @param yearsAhead whole number of years to forecast, >= 1.
 * @returns one entry per year, lastYear + 1 onwards; each predictions
 *   object has the groups as keys, in preprocessing.groups order.
 */
export function forecast(
  model: tf.LayersModel,
  preprocessing: PreprocessingState,
  yearsAhead: number
): YearForecast[] {
  if (!Number.isInteger(yearsAhead) || yearsAhead < 1) {
    throw new ServiceError(
      "invalid-argument",
      `yearsAhead must be a whole number >= 1, got ${yearsAhead}`
    );
  }
  checkPreprocessing(preprocessing);
  checkModelShape(model, preprocessing);
  const { groups, scaler, years } = preprocessing;

  let window = scaleRows(preprocessing.lastWindow, scaler);
  const scaledPredictions: number[][] = [];
  for (let step = 0; step < yearsAhead; step++) {
    const next = predictNext(model, window);
    scaledPredictions.push(next);
    window = [...window.slice(1), next];
  }

  const lastYear = years[years.length - 1];
  const counts = countsFromOutputs(
    unscaleRows(scaledPredictions, scaler),
    preprocessing.inputs ?? "levels",
    preprocessing.lastCounts ?? []
  );
  return counts.map((row, step) => {
    const year = lastYear + step + 1;
    const predictions: Record<string, number> = {};
    row.forEach((value, j) => {
      if (!Number.isFinite(value)) {
        throw new Error(
          `Forecast for ${year}, group "${groups[j]}" is ${value}: ` +
            `the model's weights are not usable`
        );
      }
      predictions[groups[j]] = Math.max(0, Math.round(value));
    });
    return { year, predictions };
  });
}

/** One step: the network's output for a single scaled window. */
function predictNext(model: tf.LayersModel, window: number[][]): number[] {
  return tf.tidy(() => {
    const output = model.predict(tf.tensor3d([window])) as tf.Tensor;
    return Array.from(output.dataSync());
  });
}

/** A saved state must agree with itself before it is trusted. */
function checkPreprocessing(state: PreprocessingState): void {
  const { groups, scaler, windowLength, years, lastWindow } = state;
  const problems: string[] = [];
  if (state.formatVersion !== 1 && state.formatVersion !== 2) {
    problems.push(
      `formatVersion is ${String(state.formatVersion)}, not 1 or 2`
    );
  }
  if (
    state.formatVersion === 2 &&
    state.lastCounts?.length !== groups.length
  ) {
    problems.push(
      `lastCounts has ${String(state.lastCounts?.length)} columns`
    );
  }
  if (groups.length === 0) problems.push("there are no groups");
  if (years.length === 0) problems.push("there are no years");
  if (scaler.min.length !== groups.length) {
    problems.push(`scaler.min has ${scaler.min.length} columns`);
  }
  if (scaler.max.length !== groups.length) {
    problems.push(`scaler.max has ${scaler.max.length} columns`);
  }
  if (lastWindow.length !== windowLength) {
    problems.push(
      `lastWindow has ${lastWindow.length} rows, windowLength is ` +
        `${windowLength}`
    );
  }
  lastWindow.forEach((row, i) => {
    if (row.length !== groups.length) {
      problems.push(`lastWindow row ${i} has ${row.length} columns`);
    }
  });
  if (problems.length > 0) {
    throw new Error(
      `Preprocessing state for ${groups.length} groups is inconsistent: ` +
        problems.join("; ")
    );
  }
}

function checkModelShape(
  model: tf.LayersModel,
  state: PreprocessingState
): void {
  const input = model.inputs[0]?.shape;
  const output = model.outputs[0]?.shape;
  const expectedIn = [state.windowLength, state.groups.length];
  const matches =
    input?.length === 3 &&
    input[1] === expectedIn[0] &&
    input[2] === expectedIn[1] &&
    output?.length === 2 &&
    output[1] === state.groups.length;
  if (!matches) {
    throw new Error(
      `Model takes [${input?.map(String).join(", ")}] and gives ` +
        `[${output?.map(String).join(", ")}], but the preprocessing needs ` +
        `[null, ${expectedIn.join(", ")}] → [null, ${state.groups.length}]`
    );
  }
}
