/**
 * Early stopping that puts back the best weights, as Keras's
 * EarlyStopping(restore_best_weights=True) does. tfjs 4.22's EarlyStopping
 * refuses that option, hence this callback.
 */
import * as tf from "@tensorflow/tfjs";

type EpochLogs = Record<string, number | tf.Scalar>;

/**
 * Watches a loss that should go down (by default "val_loss"). After each
 * epoch that lowers it, keeps a copy of the weights; after `patience`
 * epochs in a row that do not, stops training. When training ends, for
 * whatever reason, the best copy goes back into the model, so the model
 * is the one of the best epoch even if training ran to maxEpochs (Keras 3
 * behaves the same; Keras 2 restored only when it stopped early).
 *
 * The copies are tensors: call dispose() if fit() throws, since tfjs then
 * skips onTrainEnd.
 */
export class RestoreBestWeights extends tf.Callback {
  /** Zero-based index of the epoch whose weights were kept, if any. */
  bestEpoch: number | null = null;
  /** Lowest value of the monitored loss so far. */
  bestValue = Infinity;
  /** Zero-based epoch after which training was stopped, if it was. */
  stoppedEpoch: number | null = null;

  private bestWeights: tf.Tensor[] | null = null;
  private epochsWithoutImprovement = 0;

  /**
   * @param patience epochs without a lower loss before stopping, >= 1.
   * @param monitor log key to watch, e.g. "val_loss".
   */
  constructor(
    readonly patience: number,
    readonly monitor = "val_loss"
  ) {
    super();
    if (!Number.isInteger(patience) || patience < 1) {
      throw new RangeError(`patience must be a whole number >= 1: ${patience}`);
    }
  }

  override onTrainBegin(): Promise<void> {
    this.dispose();
    this.bestEpoch = null;
    this.bestValue = Infinity;
    this.stoppedEpoch = null;
    this.epochsWithoutImprovement = 0;
    return Promise.resolve();
  }

  override async onEpochEnd(epoch: number, logs?: EpochLogs): Promise<void> {
    const current = await readLog(logs, this.monitor);
    // NaN compares false, so a diverged epoch counts as no improvement.
    if (current < this.bestValue) {
      this.bestValue = current;
      this.bestEpoch = epoch;
      this.epochsWithoutImprovement = 0;
      this.keepCurrentWeights();
      return;
    }
    this.epochsWithoutImprovement++;
    if (this.epochsWithoutImprovement >= this.patience) {
      this.stoppedEpoch = epoch;
      this.model.stopTraining = true;
    }
  }

  override onTrainEnd(): Promise<void> {
    if (this.bestWeights !== null) {
      this.model.setWeights(this.bestWeights);
    }
    this.dispose();
    return Promise.resolve();
  }

  /** Frees the kept copy of the weights; safe to call more than once. */
  dispose(): void {
    if (this.bestWeights !== null) {
      tf.dispose(this.bestWeights);
      this.bestWeights = null;
    }
  }

  private keepCurrentWeights(): void {
    this.dispose();
    // getWeights() hands out the live variables; clone to freeze them.
    this.bestWeights = this.model.getWeights().map((w) => w.clone());
  }
}

async function readLog(
  logs: EpochLogs | undefined,
  key: string
): Promise<number> {
  const value = logs?.[key];
  if (value === undefined) {
    const present = Object.keys(logs ?? {}).join(", ") || "none";
    throw new Error(
      `RestoreBestWeights watches "${key}", which is not in the epoch ` +
        `logs (present: ${present})`
    );
  }
  return typeof value === "number" ? value : (await value.data())[0];
}
