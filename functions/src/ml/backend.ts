/**
 * Picks the fastest TensorFlow.js backend that loads here: native
 * tfjs-node, else WebAssembly, else plain JavaScript. Nothing is loaded
 * until initBackend() is first called, so importing this module is cheap.
 */
import * as path from "path";
import * as tf from "@tensorflow/tfjs";

/** Receives the one line that says which backend was chosen and why. */
export type BackendLogger = (line: string) => void;

/** The steps of the choice, injectable so tests can make any step fail. */
export interface BackendLoaders {
  /** Loads tfjs-node, which registers the "tensorflow" backend. */
  loadNative: () => void;
  /** Loads the wasm backend and points it at its .wasm binaries. */
  loadWasm: () => Promise<void>;
  /** tf.setBackend: false or a throw both mean the backend failed. */
  setBackend: (name: string) => Promise<boolean>;
  log: BackendLogger;
}

// A variable, not a literal, so TypeScript does not look for the types of
// a package that is optional and absent on most machines.
const NATIVE_PACKAGE = "@tensorflow/tfjs-node";
const WASM_PACKAGE = "@tensorflow/tfjs-backend-wasm";

/** The real loaders; `log` defaults to console.warn. */
export function defaultLoaders(log: BackendLogger = console.warn):
  BackendLoaders {
  return {
    loadNative: () => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require(NATIVE_PACKAGE);
    },
    loadWasm: async () => {
      const wasm = await import("@tensorflow/tfjs-backend-wasm");
      // The package finds its binaries next to its own script by default;
      // an explicit folder keeps that working if this code is bundled.
      const dist = path.dirname(require.resolve(WASM_PACKAGE));
      wasm.setWasmPaths(dist + path.sep);
    },
    setBackend: (name) => tf.setBackend(name),
    log,
  };
}

/**
 * Tries "tensorflow", then "wasm", then "cpu", logs one line naming the
 * winner and why the others were skipped, and returns the winner's name.
 */
export async function chooseBackend(loaders: BackendLoaders):
  Promise<string> {
  const skipped: string[] = [];
  const attempts: Array<[string, string, () => Promise<void> | void]> = [
    ["tensorflow", "tfjs-node", loaders.loadNative],
    ["wasm", "wasm", loaders.loadWasm],
  ];
  for (const [name, label, load] of attempts) {
    const reason = await tryBackend(name, load, loaders.setBackend);
    if (reason === null) {
      loaders.log(describeChoice(name, skipped));
      return name;
    }
    skipped.push(`${label} skipped: ${reason}`);
  }
  if (!(await loaders.setBackend("cpu"))) {
    throw new Error(`No TensorFlow.js backend works (${skipped.join("; ")})`);
  }
  loaders.log(describeChoice("cpu", skipped));
  return "cpu";
}

/** Null when the backend is now active, else why it is not. */
async function tryBackend(
  name: string,
  load: () => Promise<void> | void,
  setBackend: (name: string) => Promise<boolean>
): Promise<string | null> {
  try {
    await load();
    return (await setBackend(name)) ? null : "it failed to initialise";
  } catch (error) {
    return failureReason(error);
  }
}

/** First line only: a missing module's message lists the whole stack. */
function failureReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split("\n")[0];
}

function describeChoice(name: string, skipped: string[]): string {
  const why = skipped.length > 0 ? ` (${skipped.join("; ")})` : "";
  return `TensorFlow.js backend: ${name}${why}`;
}

let chosen: Promise<string> | null = null;
let chosenName: string | null = null;

/**
 * Initialises the best available backend once per process and returns its
 * name ("tensorflow", "wasm" or "cpu"). Later calls return the same
 * promise; the logger of the first call is the one used. A failed attempt
 * is forgotten, so the next call tries again.
 */
export function initBackend(log?: BackendLogger): Promise<string> {
  if (chosen === null) {
    chosen = chooseBackend(defaultLoaders(log)).then(
      (name) => {
        chosenName = name;
        return name;
      },
      (error: unknown) => {
        chosen = null;
        throw error;
      }
    );
  }
  return chosen;
}

/** Name of the backend initBackend chose, or null before it finished. */
export function backendName(): string | null {
  return chosenName;
}
