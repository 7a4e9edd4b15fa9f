/**
 * Which TensorFlow.js backend this process has loaded, if any, known
 * without importing TensorFlow.js (which the check would otherwise load):
 * the code that initialises the backend notes it here.
 */
let loaded: string | null = null;

export function noteLoadedBackend(name: string): void {
  loaded = name;
}

/** "tensorflow", "wasm" or "cpu" once loaded; null before. */
export function loadedBackendName(): string | null {
  return loaded;
}
