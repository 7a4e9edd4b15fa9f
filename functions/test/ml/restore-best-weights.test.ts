import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../../src/ml/backend";
import { RestoreBestWeights } from "../../src/ml/restore-best-weights";

beforeAll(() => initBackend(() => undefined));

/** A one-weight model whose weight we can set to mark each epoch. */
function markerModel(): tf.LayersModel {
  const model = tf.sequential();
  model.add(
    tf.layers.dense({ units: 1, inputShape: [1], useBias: false })
  );
  // Sequential models only accept stopTraining once compiled.
  model.compile({ optimizer: "sgd", loss: "meanSquaredError" });
  return model;
}

function setMarker(model: tf.LayersModel, value: number): void {
  tf.tidy(() => model.setWeights([tf.tensor2d([[value]])]));
}

function marker(model: tf.LayersModel): number {
  return model.getWeights()[0].dataSync()[0];
}

/** Plays epochs whose val_loss is given, marking weights with the epoch. */
async function play(
  callback: RestoreBestWeights,
  model: tf.LayersModel,
  valLosses: number[]
): Promise<number> {
  callback.setModel(model);
  model.stopTraining = false;
  await callback.onTrainBegin();
  let epoch = 0;
  for (; epoch < valLosses.length; epoch++) {
    setMarker(model, epoch);
    await callback.onEpochEnd(epoch, { val_loss: valLosses[epoch] });
    if (model.stopTraining) break;
  }
  await callback.onTrainEnd();
  return epoch;
}

describe("RestoreBestWeights", () => {
  it("stops after `patience` flat epochs and restores the best", async () => {
    const model = markerModel();
    const callback = new RestoreBestWeights(2);
    const before = tf.memory().numTensors;
    const lastEpoch = await play(callback, model, [3, 1, 2, 4, 0.5, 0.1]);
    expect(lastEpoch).toBe(3);
    expect(callback.stoppedEpoch).toBe(3);
    expect(callback.bestEpoch).toBe(1);
    expect(callback.bestValue).toBe(1);
    expect(marker(model)).toBe(1);
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it("restores the best epoch also when epochs run out", async () => {
    const model = markerModel();
    const callback = new RestoreBestWeights(5);
    await play(callback, model, [3, 2, 2.5, 2.7]);
    expect(callback.stoppedEpoch).toBeNull();
    expect(marker(model)).toBe(1);
    model.dispose();
  });

  it("counts an equal or NaN loss as no improvement", async () => {
    const model = markerModel();
    const callback = new RestoreBestWeights(2);
    const lastEpoch = await play(callback, model, [1, 1, NaN, 0.5]);
    expect(lastEpoch).toBe(2);
    expect(marker(model)).toBe(0);
    model.dispose();
  });

  it("reads losses given as scalars", async () => {
    const model = markerModel();
    const callback = new RestoreBestWeights(1);
    callback.setModel(model);
    await callback.onTrainBegin();
    const loss = tf.scalar(0.25);
    await callback.onEpochEnd(0, { val_loss: loss });
    expect(callback.bestValue).toBe(0.25);
    loss.dispose();
    callback.dispose();
    model.dispose();
  });

  it("frees its copy on dispose() when training is abandoned", async () => {
    const model = markerModel();
    const callback = new RestoreBestWeights(3);
    callback.setModel(model);
    const before = tf.memory().numTensors;
    await callback.onTrainBegin();
    await callback.onEpochEnd(0, { val_loss: 1 });
    expect(tf.memory().numTensors).toBe(before + 1);
    callback.dispose();
    callback.dispose();
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it("names the missing log key", async () => {
    const callback = new RestoreBestWeights(3);
    callback.setModel(markerModel());
    await expect(callback.onEpochEnd(0, { loss: 1 })).rejects.toThrow(
      /"val_loss".*present: loss/
    );
  });

  it("rejects a patience below 1", () => {
    expect(() => new RestoreBestWeights(0)).toThrow(/patience/);
  });
});
