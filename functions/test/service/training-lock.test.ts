import { ServiceError } from "../../src/domain/errors";
import { TrainingLock } from "../../src/service/training-lock";

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe("TrainingLock", () => {
  test("refuses a second training of the same category", async () => {
    const lock = new TrainingLock();
    const gate = deferred();
    const first = lock.run("age", () => gate.promise);
    expect(lock.isTraining("age")).toBe(true);
    await expect(lock.run("age", async () => 1)).rejects.toMatchObject({
      kind: "conflict",
    });
    gate.resolve();
    await first;
    expect(lock.isTraining("age")).toBe(false);
  });

  test("runs other categories one after another, never together", async () => {
    const lock = new TrainingLock();
    const order: string[] = [];
    const gate = deferred();
    const a = lock.run("age", async () => {
      order.push("age start");
      await gate.promise;
      order.push("age end");
    });
    const b = lock.run("sex", async () => {
      order.push("sex start");
    });
    await Promise.resolve();
    gate.resolve();
    await Promise.all([a, b]);
    expect(order).toEqual(["age start", "age end", "sex start"]);
  });

  test("a failed training releases the lock and the queue", async () => {
    const lock = new TrainingLock();
    const failing = lock.run("age", async () => {
      throw new ServiceError("bad-data", "broken");
    });
    await expect(failing).rejects.toThrow("broken");
    await expect(lock.run("age", async () => "ok")).resolves.toBe("ok");
  });
});
