/**
 * One LSTM layer over a whole sequence as a single differentiable op,
 * with its backward pass (backpropagation through time) written by hand.
 *
 * Why by hand: tfjs's automatic gradient of a step-by-step LSTM needs
 * about 1,400 kernels per batch, and most of its matMuls are transposed
 * ones (dh = dz Uᵀ, dU += hᵀ dz), which the wasm backend runs 4-20x
 * slower than plain ones. Here only the two-term recurrence stays inside
 * the time loop; everything that depends on forward values alone is
 * computed for all steps at once, the weight gradients are one matMul
 * each over all steps, and every matMul multiplies untransposed operands.
 *
 * Gate columns are ordered i, f, o, c (input, forget, output, candidate),
 * so that one sigmoid covers i, f and o; fused-lstm.ts converts from and
 * to the tfjs order i, f, c, o. Activations are Keras's: sigmoid gates,
 * tanh candidate and cell output.
 */
import * as tf from "@tensorflow/tfjs";

/**
 * Runs the layer on a time-major sequence [steps, batch, inputSize] and
 * returns the hidden state of every step, [steps, batch, units]. The
 * state starts at zero, as in a Keras layer that is not stateful.
 *
 * @param kernel input weights [inputSize, 4 * units].
 * @param recurrent recurrent weights [units, 4 * units].
 * @param bias [4 * units].
 */
export function lstmSequence(
  sequence: tf.Tensor3D,
  kernel: tf.Tensor2D,
  recurrent: tf.Tensor2D,
  bias: tf.Tensor1D
): tf.Tensor3D {
  return lstmOp(sequence, kernel, recurrent, bias);
}

const lstmOp = tf.customGrad<tf.Tensor3D>((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
  // customGrad passes the inputs, then a callback that keeps tensors for
  // the backward pass.
  const [sequence, kernel, recurrent, bias] = args as [
    tf.Tensor3D,
    tf.Tensor2D,
    tf.Tensor2D,
    tf.Tensor1D,
  ];
  const save = args[4] as tf.GradSaveFunc;
  const forward = runForward(sequence, kernel, recurrent, bias);
  save([sequence, kernel, recurrent, ...forward.saved]);
  return {
    value: forward.hidden,
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) =>
      runBackward(dy as tf.Tensor3D, saved),
  };
});

/** Forward values the backward pass needs, stacked over steps. */
interface ForwardResult {
  /** Hidden states [steps, batch, units]. */
  hidden: tf.Tensor3D;
  /** [sigmoid gates i, f, o; candidate; cell; hidden], all time-major. */
  saved: tf.Tensor[];
}

function runForward(
  sequence: tf.Tensor3D,
  kernel: tf.Tensor2D,
  recurrent: tf.Tensor2D,
  bias: tf.Tensor1D
): ForwardResult {
  const [steps, batch, inputSize] = sequence.shape;
  const units = recurrent.shape[0];
  // The input projections of all steps in one matMul.
  const projected = tf.add(
    tf.matMul(tf.reshape(sequence, [steps * batch, inputSize]), kernel),
    bias
  );
  const perStep = tf.unstack(tf.reshape(projected, [steps, batch, 4 * units]));

  const gates: tf.Tensor[] = [];
  const candidates: tf.Tensor[] = [];
  const cells: tf.Tensor[] = [];
  const hiddens: tf.Tensor[] = [];
  for (let t = 0; t < steps; t++) {
    const z =
      t === 0
        ? perStep[t]
        : tf.add(perStep[t], tf.matMul(hiddens[t - 1], recurrent));
    const [sigmoidPart, candidatePart] = tf.split(z, [3 * units, units], 1);
    const gate = tf.sigmoid(sigmoidPart);
    const [input, forget, output] = tf.split(gate, 3, 1);
    const candidate = tf.tanh(candidatePart);
    const fresh = tf.mul(input, candidate);
    const cell = t === 0 ? fresh : tf.add(tf.mul(forget, cells[t - 1]), fresh);
    gates.push(gate);
    candidates.push(candidate);
    cells.push(cell);
    hiddens.push(tf.mul(output, tf.tanh(cell)));
  }
  const hidden = tf.stack(hiddens) as tf.Tensor3D;
  return {
    hidden,
    saved: [
      tf.stack(gates),
      tf.stack(candidates),
      tf.stack(cells),
      hidden,
    ],
  };
}

/**
 * Gradients for [sequence, kernel, recurrent, bias] from the gradient of
 * the hidden states, dy [steps, batch, units]. With z the gate
 * pre-activations of a step, s the sigmoid gates, g the candidate and c
 * the cell:
 *   dh_t = dy_t + dz_{t+1} Uᵀ
 *   dc_t = dh_t o_t (1 - tanh² c_t) + dc_{t+1} f_{t+1}
 *   dz_t = [dc_t g_t, dc_t c_{t-1}, dh_t tanh c_t] s_t (1 - s_t)
 *          ++ dc_t i_t (1 - g_t²)
 */
function runBackward(dy: tf.Tensor3D, saved: tf.Tensor[]): tf.Tensor[] {
  const [sequence, kernel, recurrent, gates, candidates, cells, hidden] =
    saved as [
      tf.Tensor3D,
      tf.Tensor2D,
      tf.Tensor2D,
      tf.Tensor3D,
      tf.Tensor3D,
      tf.Tensor3D,
      tf.Tensor3D,
    ];
  const [steps, batch, inputSize] = sequence.shape;
  const units = recurrent.shape[0];

  // Everything that needs forward values only, for all steps at once.
  const [input, forget, output] = tf.split(gates, 3, 2);
  const cellTanh = tf.tanh(cells);
  const zeroState = tf.zeros([1, batch, units]);
  const previousCells = shiftOneStep(zeroState, cells, steps);
  const fromHidden = tf.mul(output, tf.sub(1, tf.square(cellTanh)));
  const sigmoidSlope = tf.mul(gates, tf.sub(1, gates));
  const factors = tf.concat(
    [
      tf.mul(tf.concat([candidates, previousCells, cellTanh], 2), sigmoidSlope),
      tf.mul(input, tf.sub(1, tf.square(candidates))),
    ],
    2
  );

  const dyAt = tf.unstack(dy);
  const fromHiddenAt = tf.unstack(fromHidden);
  const factorsAt = tf.unstack(factors);
  const forgetAt = tf.unstack(forget);
  // Untransposed copy: dz Uᵀ as a plain matMul is several times faster.
  const recurrentT = tf.transpose(recurrent);
  const dz: tf.Tensor[] = new Array<tf.Tensor>(steps);
  let dCell: tf.Tensor | null = null;
  for (let t = steps - 1; t >= 0; t--) {
    const last = t === steps - 1;
    const dHidden = last
      ? dyAt[t]
      : tf.add(dyAt[t], tf.matMul(dz[t + 1], recurrentT));
    const viaHidden = tf.mul(dHidden, fromHiddenAt[t]);
    const cell: tf.Tensor =
      dCell === null
        ? viaHidden
        : tf.add(viaHidden, tf.mul(dCell, forgetAt[t + 1]));
    dz[t] = tf.mul(tf.concat([cell, cell, dHidden, cell], 1), factorsAt[t]);
    dCell = cell;
  }

  const dzAll = tf.reshape(tf.stack(dz), [steps * batch, 4 * units]);
  const inputs2d = tf.reshape(sequence, [steps * batch, inputSize]);
  const previousHidden = tf.reshape(
    shiftOneStep(zeroState, hidden, steps),
    [steps * batch, units]
  );
  return [
    tf.reshape(tf.matMul(dzAll, tf.transpose(kernel)), sequence.shape),
    tf.matMul(tf.transpose(inputs2d), dzAll),
    tf.matMul(tf.transpose(previousHidden), dzAll),
    tf.sum(dzAll, 0),
  ];
}

/** values[t - 1] at step t, with `first` at step 0: [steps, batch, n]. */
function shiftOneStep(
  first: tf.Tensor,
  values: tf.Tensor3D,
  steps: number
): tf.Tensor {
  if (steps === 1) return first;
  return tf.concat([first, tf.slice(values, 0, steps - 1)], 0);
}
