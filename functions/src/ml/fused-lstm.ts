/**
 * The forecast network (LSTM → Dropout → LSTM → Dropout → Dense) written
 * from core tfjs ops, for training. The layers API spends most of a
 * training step on per-op overhead (about 4,400 ops per batch, ~10 µs
 * each on wasm); here each LSTM layer is one op with a hand-written
 * backward pass (lstm-sequence.ts), and dropout is a multiplication by a
 * mask the caller draws, which keeps training deterministic without
 * reseeding Math.random.
 *
 * Weights convert to and from the layers model's layout losslessly (only
 * the gate columns are reordered), so the trained network is saved and
 * served as a plain LayersModel.
 */
import * as tf from "@tensorflow/tfjs";
import { lstmSequence } from "./lstm-sequence";

/** One LSTM layer's weights, gate columns ordered i, f, o, c. */
export interface FusedLstmLayer {
  /** Input kernel [inputSize, 4 * units]. */
  kernel: tf.Variable;
  /** Recurrent kernel [units, 4 * units]. */
  recurrent: tf.Variable;
  /** Bias [4 * units]. */
  bias: tf.Variable;
}

/** Every trainable weight of the network. */
export interface FusedNetwork {
  lstm1: FusedLstmLayer;
  lstm2: FusedLstmLayer;
  /** Dense kernel [lstm2Units, numGroups]. */
  denseKernel: tf.Variable;
  /** Dense bias [numGroups]. */
  denseBias: tf.Variable;
}

/**
 * Dropout masks for one forward pass: 0 for a dropped unit, 1 / (1 - rate)
 * for a kept one (inverted dropout, as tfjs and Keras scale it).
 */
export interface DropoutMasks {
  /** After the first LSTM, time-major [windowLength, batch, lstm1Units]. */
  sequence: tf.Tensor3D;
  /** After the second LSTM, [batch, lstm2Units]. */
  last: tf.Tensor2D;
}

/**
 * Makes variables from the weights of a layers model built by
 * buildForecastModel, in its getWeights() order: LSTM 1 kernel,
 * recurrent kernel, bias, LSTM 2 likewise, Dense kernel, Dense bias.
 * The caller disposes the network (disposeNetwork).
 */
export function networkFromLayerWeights(weights: tf.Tensor[]): FusedNetwork {
  if (weights.length !== 8) {
    throw new Error(`Expected 8 weight tensors, got ${weights.length}`);
  }
  const [k1, r1, b1, k2, r2, b2, dk, db] = weights;
  const layer = (
    kernel: tf.Tensor,
    recurrent: tf.Tensor,
    bias: tf.Tensor
  ): FusedLstmLayer => ({
    kernel: asVariable(swapLastTwoGates(kernel)),
    recurrent: asVariable(swapLastTwoGates(recurrent)),
    bias: asVariable(swapLastTwoGates(bias)),
  });
  return {
    lstm1: layer(k1, r1, b1),
    lstm2: layer(k2, r2, b2),
    denseKernel: asVariable(dk.clone()),
    denseBias: asVariable(db.clone()),
  };
}

/**
 * The network's weights in the layers model's layout and order, ready for
 * LayersModel.setWeights. New tensors: the caller disposes them.
 */
export function layerWeightsOf(network: FusedNetwork): tf.Tensor[] {
  const { lstm1, lstm2 } = network;
  return [
    ...[lstm1, lstm2].flatMap((layer) =>
      [layer.kernel, layer.recurrent, layer.bias].map(swapLastTwoGates)
    ),
    network.denseKernel.clone(),
    network.denseBias.clone(),
  ];
}

/** The variables in a fixed order, e.g. for gradients and snapshots. */
export function networkVariables(network: FusedNetwork): tf.Variable[] {
  const { lstm1, lstm2 } = network;
  return [
    lstm1.kernel,
    lstm1.recurrent,
    lstm1.bias,
    lstm2.kernel,
    lstm2.recurrent,
    lstm2.bias,
    network.denseKernel,
    network.denseBias,
  ];
}

export function disposeNetwork(network: FusedNetwork): void {
  tf.dispose(networkVariables(network));
}

/**
 * Runs the network on time-major inputs [windowLength, batch, groups] and
 * returns [batch, groups]. With masks, dropout is applied (training);
 * without, it is the inference pass LayersModel.predict computes.
 * Call inside tf.tidy or a gradient function: intermediates are not
 * disposed here.
 */
export function forwardPass(
  network: FusedNetwork,
  inputs: tf.Tensor3D,
  masks: DropoutMasks | null
): tf.Tensor2D {
  const steps = inputs.shape[0];
  const layer = (sequence: tf.Tensor3D, weights: FusedLstmLayer) =>
    lstmSequence(
      sequence,
      weights.kernel as tf.Tensor2D,
      weights.recurrent as tf.Tensor2D,
      weights.bias as tf.Tensor1D
    );
  let first = layer(inputs, network.lstm1);
  if (masks !== null) first = tf.mul(first, masks.sequence);
  const second = layer(first, network.lstm2);
  // The second layer returns only its last state, as in the seed model.
  let last = tf.reshape<tf.Rank.R2>(tf.slice(second, steps - 1, 1), [
    second.shape[1],
    second.shape[2],
  ]);
  if (masks !== null) last = tf.mul(last, masks.last);
  return tf.add(tf.matMul(last, network.denseKernel), network.denseBias);
}

function asVariable(tensor: tf.Tensor): tf.Variable {
  const variable = tf.variable(tensor);
  tensor.dispose();
  return variable;
}

/**
 * Swaps the last two quarters of the last axis: gate order i, f, c, o
 * becomes i, f, o, c and back again (the swap is its own inverse).
 * Returns a new tensor.
 */
function swapLastTwoGates(tensor: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const axis = tensor.rank - 1;
    const [i, f, c, o] = tf.split(tensor, 4, axis);
    return tf.concat([i, f, o, c], axis);
  });
}
