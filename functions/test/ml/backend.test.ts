import * as tf from "@tensorflow/tfjs";
import {
  backendName,
  chooseBackend,
  initBackend,
  type BackendLoaders,
} from "../../src/ml/backend";

describe("initBackend on this machine", () => {
  it("skips the absent tfjs-node and picks wasm, in one log line", async () => {
    const lines: string[] = [];
    expect(backendName()).toBeNull();
    const name = await initBackend((line) => lines.push(line));
    expect(name).toBe("wasm");
    expect(tf.getBackend()).toBe("wasm");
    expect(backendName()).toBe("wasm");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /backend: wasm \(tfjs-node skipped: .*@tensorflow\/tfjs-node/
    );
    expect(lines[0]).not.toContain("\n");
  });

  it("initialises once and returns the same answer after", async () => {
    const lines: string[] = [];
    const first = initBackend((line) => lines.push(line));
    expect(initBackend()).toBe(first);
    await first;
    expect(lines).toEqual([]);
  });

  it("computes on the chosen backend", async () => {
    await initBackend();
    const sum = tf.tidy(() => tf.tensor1d([1, 2, 3]).sum().dataSync()[0]);
    expect(sum).toBe(6);
  });
});

describe("chooseBackend", () => {
  /** Fake loaders: each named step fails with the given error. */
  function fakeLoaders(failures: {
    native?: Error;
    wasm?: Error;
    rejected?: string[];
  }) {
    const lines: string[] = [];
    const activated: string[] = [];
    const loaders: BackendLoaders = {
      loadNative: () => {
        if (failures.native) throw failures.native;
      },
      loadWasm: async () => {
        if (failures.wasm) throw failures.wasm;
      },
      setBackend: async (name) => {
        if (failures.rejected?.includes(name)) return false;
        activated.push(name);
        return true;
      },
      log: (line) => lines.push(line),
    };
    return { loaders, lines, activated };
  }

  it("prefers the native backend when it loads", async () => {
    const fake = fakeLoaders({});
    expect(await chooseBackend(fake.loaders)).toBe("tensorflow");
    expect(fake.activated).toEqual(["tensorflow"]);
    expect(fake.lines).toEqual(["TensorFlow.js backend: tensorflow"]);
  });

  it("falls back to cpu and names both reasons", async () => {
    const fake = fakeLoaders({
      native: new Error("Cannot find module 'x'\nRequire stack:\n- a.js"),
      wasm: new Error("no WebAssembly here"),
    });
    expect(await chooseBackend(fake.loaders)).toBe("cpu");
    expect(fake.activated).toEqual(["cpu"]);
    expect(fake.lines).toEqual([
      "TensorFlow.js backend: cpu (tfjs-node skipped: Cannot find module " +
        "'x'; wasm skipped: no WebAssembly here)",
    ]);
  });

  it("counts a backend that fails to initialise as skipped", async () => {
    const fake = fakeLoaders({ rejected: ["tensorflow"] });
    expect(await chooseBackend(fake.loaders)).toBe("wasm");
    expect(fake.lines[0]).toMatch(/tfjs-node skipped: it failed to init/);
  });

  it("throws when not even cpu works", async () => {
    const fake = fakeLoaders({
      rejected: ["tensorflow", "wasm", "cpu"],
    });
    await expect(chooseBackend(fake.loaders)).rejects.toThrow(
      /No TensorFlow.js backend works/
    );
  });
});
