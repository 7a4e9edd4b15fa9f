import * as tf from "@tensorflow/tfjs";
import { NotFoundError } from "../domain/errors";
import type { BlobStore } from "./blob-store";
import { CorruptArtifactError } from "./corrupt-artifact-error";

/** Name of the topology + weights manifest file under the prefix. */
export const MODEL_JSON_NAME = "model.json";
/** Name of the single binary file holding every weight. */
export const WEIGHTS_BIN_NAME = "weights.bin";

/**
 * A TensorFlow.js IOHandler that keeps a Layers model in a BlobStore as
 * `<prefix>model.json` and `<prefix>weights.bin`, the layout tfjs itself
 * writes for `file://` and `http://` URLs, so either can read the other.
 *
 * Use it as `model.save(handler)` and `tf.loadLayersModel(handler)`.
 *
 * @param prefix "" or a folder path ending in "/", e.g.
 *   `models/age/20260101T000000000Z-a1b2c3/`.
 */
export function blobStoreIOHandler(
  store: BlobStore,
  prefix: string
): tf.io.IOHandler {
  return new BlobStoreIOHandler(store, prefix);
}

class BlobStoreIOHandler implements tf.io.IOHandler {
  constructor(
    private readonly store: BlobStore,
    private readonly prefix: string
  ) {
    if (prefix !== "" && !prefix.endsWith("/")) {
      throw new Error(
        `Model prefix ${JSON.stringify(prefix)} must be empty or end in /`
      );
    }
  }

  /**
   * Writes weights.bin first and model.json last: a model.json that exists
   * always describes weights that are already complete.
   */
  save = async (artifacts: tf.io.ModelArtifacts): Promise<tf.io.SaveResult> => {
    const topology = artifacts.modelTopology;
    if (topology === undefined || topology instanceof ArrayBuffer) {
      throw new Error(
        `Cannot save to ${this.describe(MODEL_JSON_NAME)}: only models ` +
          "with a JSON topology (tf.LayersModel) are supported"
      );
    }
    const weightData = tf.io.CompositeArrayBuffer.join(
      artifacts.weightData ?? []
    );
    const modelJson: tf.io.ModelJSON = {
      modelTopology: topology,
      format: artifacts.format,
      generatedBy: artifacts.generatedBy,
      convertedBy: artifacts.convertedBy ?? null,
      weightsManifest: [
        { paths: [WEIGHTS_BIN_NAME], weights: artifacts.weightSpecs ?? [] },
      ],
    };
    if (artifacts.trainingConfig) {
      modelJson.trainingConfig = artifacts.trainingConfig;
    }
    if (artifacts.userDefinedMetadata) {
      modelJson.userDefinedMetadata = artifacts.userDefinedMetadata;
    }

    await this.store.write(
      this.prefix + WEIGHTS_BIN_NAME,
      new Uint8Array(weightData),
      "application/octet-stream"
    );
    await this.store.write(
      this.prefix + MODEL_JSON_NAME,
      new TextEncoder().encode(JSON.stringify(modelJson)),
      "application/json"
    );
    return {
      modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON({
        ...artifacts,
        weightData,
      }),
    };
  };

  load = async (): Promise<tf.io.ModelArtifacts> => {
    const modelJson = await this.readModelJson();
    return tf.io.getModelArtifactsForJSON(modelJson, (manifest) =>
      this.readWeights(manifest)
    );
  };

  private async readModelJson(): Promise<tf.io.ModelJSON> {
    const where = this.describe(MODEL_JSON_NAME);
    const bytes = await this.readBlob(MODEL_JSON_NAME);
    let parsed: unknown;
    try {
      parsed = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
    } catch (error) {
      throw new CorruptArtifactError(where, "not valid JSON", { cause: error });
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
      throw new CorruptArtifactError(where, "not a JSON object");
    }
    const json = parsed as Partial<tf.io.ModelJSON>;
    if (typeof json.modelTopology !== "object" || json.modelTopology === null) {
      throw new CorruptArtifactError(where, "modelTopology is missing");
    }
    const manifest: unknown = json.weightsManifest;
    if (!Array.isArray(manifest) || !manifest.every(isManifestGroup)) {
      throw new CorruptArtifactError(
        where,
        "weightsManifest must be a list of {paths: string[], weights: []}"
      );
    }
    return json as tf.io.ModelJSON;
  }

  /** Concatenates every weight file the manifest lists, in order. */
  private async readWeights(
    manifest: tf.io.WeightsManifestConfig
  ): Promise<[tf.io.WeightsManifestEntry[], ArrayBuffer]> {
    const specs = tf.io.getWeightSpecs(manifest);
    const files = manifest.flatMap((group) => group.paths);
    const buffers: ArrayBuffer[] = [];
    for (const file of files) {
      buffers.push(new Uint8Array(await this.readBlob(file)).buffer);
    }
    const weights = tf.io.CompositeArrayBuffer.join(buffers);
    const expected = expectedWeightBytes(specs);
    if (expected !== null && expected !== weights.byteLength) {
      throw new CorruptArtifactError(
        this.describe(files.join(", ")),
        `holds ${weights.byteLength} bytes but the manifest in ` +
          `${MODEL_JSON_NAME} describes ${expected}`
      );
    }
    return [specs, weights];
  }

  /** Reads a file under the prefix; a missing one names the model. */
  private async readBlob(name: string): Promise<Uint8Array> {
    try {
      return await this.store.read(this.prefix + name);
    } catch (error) {
      if (error instanceof NotFoundError) {
        throw new NotFoundError(
          `No model at ${this.describe(name)}: ${error.message}`
        );
      }
      throw error;
    }
  }

  private describe(name: string): string {
    return `${this.store.location}/${this.prefix}${name}`;
  }
}

function isManifestGroup(value: unknown): boolean {
  if (typeof value !== "object" || value === null) return false;
  const { paths, weights } = value as { paths?: unknown; weights?: unknown };
  return (
    Array.isArray(paths) &&
    paths.every((p) => typeof p === "string") &&
    Array.isArray(weights)
  );
}

/**
 * Bytes the weights must occupy, or null when that cannot be known from
 * the specs alone (strings have variable length).
 */
function expectedWeightBytes(
  specs: tf.io.WeightsManifestEntry[]
): number | null {
  let total = 0;
  for (const spec of specs) {
    if (spec.dtype === "string") return null;
    const elements = spec.shape.reduce((a, b) => a * b, 1);
    const bytesPerElement = spec.quantization
      ? QUANTIZED_BYTES[spec.quantization.dtype]
      : DTYPE_BYTES[spec.dtype];
    total += elements * bytesPerElement;
  }
  return total;
}

const DTYPE_BYTES = { float32: 4, int32: 4, bool: 1, complex64: 8 } as const;
const QUANTIZED_BYTES = { uint8: 1, uint16: 2, float16: 2 } as const;
