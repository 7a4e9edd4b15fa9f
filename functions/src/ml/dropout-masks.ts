/**
 * Dropout masks drawn from a seeded generator, for the core-ops trainer.
 * tfjs's seeded dropout repeats one mask on every call, and its unseeded
 * one draws from Math.random; drawing the masks here gives fresh noise
 * every step from a stream that depends only on the configuration seed.
 */
import * as tf from "@tensorflow/tfjs";
import type { DropoutMasks } from "./fused-lstm";
import type { RandomSource } from "./random";

/** The sizes of the masks of one forward pass. */
export interface MaskShape {
  /** Years per window (time steps), e.g. 15. */
  windowLength: number;
  /** Windows in the batch, training and validation rows together. */
  batch: number;
  /**
   * The first `trainRows` windows get dropout; the rest are validation
   * windows and see every unit, as a Keras validation pass does.
   */
  trainRows: number;
  /** Units of the first and second LSTM, e.g. 64 and 32. */
  lstm1Units: number;
  lstm2Units: number;
}

/**
 * Draws one pass's masks: each training unit is kept with probability
 * 1 - rate and then scaled by 1 / (1 - rate), so the expected activation
 * is unchanged (inverted dropout). The caller disposes the tensors.
 *
 * @param rate fraction of units dropped, in [0, 1); 0.2 in the seed.
 */
export function drawDropoutMasks(
  shape: MaskShape,
  rate: number,
  random: RandomSource
): DropoutMasks {
  const { windowLength, batch, trainRows, lstm1Units, lstm2Units } = shape;
  const keep = 1 - rate;
  const kept = 1 / keep;
  const fill = (values: Float32Array, rowOf: (index: number) => number) => {
    for (let index = 0; index < values.length; index++) {
      if (rowOf(index) >= trainRows) values[index] = 1;
      else values[index] = random() < keep ? kept : 0;
    }
    return values;
  };
  // Time-major [step, row, unit]: the row is the middle index.
  const sequence = fill(
    new Float32Array(windowLength * batch * lstm1Units),
    (index) => Math.floor(index / lstm1Units) % batch
  );
  const last = fill(
    new Float32Array(batch * lstm2Units),
    (index) => Math.floor(index / lstm2Units)
  );
  return {
    sequence: tf.tensor3d(sequence, [windowLength, batch, lstm1Units]),
    last: tf.tensor2d(last, [batch, lstm2Units]),
  };
}
