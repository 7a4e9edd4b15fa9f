import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { silentLogger } from "../../src/domain/logger";
import {
  onHistoryEdit,
  type RetrainEnqueuer,
  type RetrainTaskPayload,
} from "../../src/service/history-edit";
import { retrainWindow } from "../../src/service/retrain-window";
import { FileModelRegistry } from "../../src/storage/file-model-registry";

/**
 * A stand-in for the Cloud Tasks queue (the emulator suite enqueues for
 * real): it keeps the ids it was given and refuses a repeated one, as
 * the queue does.
 */
function recordingQueue() {
  const tasks: { id: string; payload: RetrainTaskPayload; at: Date }[] = [];
  const enqueue: RetrainEnqueuer = async (payload, { id, scheduleTime }) => {
    if (tasks.some((task) => task.id === id)) return "already-queued";
    tasks.push({ id, payload, at: scheduleTime });
    return "queued";
  };
  return { tasks, enqueue };
}

let dir: string;
let registry: FileModelRegistry;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "cfo-edit-"));
  registry = new FileModelRegistry(dir);
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function edit(dataset: string, year: string, iso: string) {
  return { dataset, year, writtenAt: new Date(iso) };
}

describe("onHistoryEdit", () => {
  test.each([
    ["age", "age"],
    ["civilStatus", "civil_status"],
    ["region", "origin"],
    ["majorDestination", "destination"],
  ])("maps dataset %s to category %s", async (dataset, category) => {
    const queue = recordingQueue();
    const deps = { ...queue, registry, logger: silentLogger, windowSeconds: 60 };
    await onHistoryEdit(edit(dataset, "2001", "2026-01-01T00:00:10Z"), deps);
    expect(queue.tasks.map((t) => t.payload.category)).toEqual([category]);
  });

  test("a burst in one window queues one task, due at its end", async () => {
    const queue = recordingQueue();
    const deps = { ...queue, registry, logger: silentLogger, windowSeconds: 60 };
    const outcomes = [];
    for (let second = 0; second < 35; second++) {
      outcomes.push(
        await onHistoryEdit(
          edit("sex", String(1981 + second), `2026-01-01T00:01:${
            String(second).padStart(2, "0")}Z`),
          deps
        )
      );
    }
    expect(outcomes.filter((o) => o === "queued")).toHaveLength(1);
    expect(outcomes.filter((o) => o === "already-queued")).toHaveLength(34);
    expect(queue.tasks[0].at.toISOString()).toBe("2026-01-01T00:02:00.000Z");
    expect(queue.tasks[0].payload.notBefore).toBe("2026-01-01T00:02:00.000Z");
    // The status remembers the latest edit, for the task's quiet wait.
    expect((await registry.getStatus("sex")).last_edit_at).toBe(
      "2026-01-01T00:01:34.000Z"
    );
  });

  test("edits of two categories queue one task each", async () => {
    const queue = recordingQueue();
    const deps = { ...queue, registry, logger: silentLogger, windowSeconds: 60 };
    await onHistoryEdit(edit("sex", "2000", "2026-01-01T00:00:01Z"), deps);
    await onHistoryEdit(edit("age", "2000", "2026-01-01T00:00:02Z"), deps);
    await onHistoryEdit(edit("sex", "2001", "2026-01-01T00:00:03Z"), deps);
    expect(queue.tasks.map((t) => t.payload.category)).toEqual(["sex", "age"]);
  });

  test("an edit in the next window queues one more task", async () => {
    const queue = recordingQueue();
    const deps = { ...queue, registry, logger: silentLogger, windowSeconds: 60 };
    await onHistoryEdit(edit("sex", "2000", "2026-01-01T00:00:59Z"), deps);
    await onHistoryEdit(edit("sex", "2000", "2026-01-01T00:01:00Z"), deps);
    expect(queue.tasks).toHaveLength(2);
    expect(queue.tasks[0].id).not.toBe(queue.tasks[1].id);
  });

  test("ignores a dataset no category uses, queueing nothing", async () => {
    const queue = recordingQueue();
    const deps = { ...queue, registry, logger: silentLogger, windowSeconds: 60 };
    const outcome = await onHistoryEdit(
      edit("sexProvince", "2000", "2026-01-01T00:00:00Z"),
      deps
    );
    expect(outcome).toBe("ignored");
    expect(queue.tasks).toHaveLength(0);
  });

  test("a failing queue fails the event, so it is delivered again",
    async () => {
      const enqueue: RetrainEnqueuer = () =>
        Promise.reject(new Error("queue down"));
      await expect(
        onHistoryEdit(edit("sex", "2000", "2026-01-01T00:00:00Z"), {
          enqueue,
          registry,
          logger: silentLogger,
          windowSeconds: 60,
        })
      ).rejects.toThrow("queue down");
    });
});

describe("retrainWindow", () => {
  test("gives one id per category and window, as 32 hex digits", () => {
    const a = retrainWindow("sex", new Date("2026-01-01T00:00:05Z"), 60);
    const b = retrainWindow("sex", new Date("2026-01-01T00:00:55Z"), 60);
    const c = retrainWindow("sex", new Date("2026-01-01T00:01:05Z"), 60);
    const d = retrainWindow("age", new Date("2026-01-01T00:00:05Z"), 60);
    expect(a.taskId).toMatch(/^[0-9a-f]{32}$/);
    expect(b.taskId).toBe(a.taskId);
    expect(c.taskId).not.toBe(a.taskId);
    expect(d.taskId).not.toBe(a.taskId);
    // Hashed, so consecutive windows share no sequential prefix.
    expect(c.taskId.slice(0, 4)).not.toBe(a.taskId.slice(0, 4));
    expect(a.start.toISOString()).toBe("2026-01-01T00:00:00.000Z");
    expect(a.end.toISOString()).toBe("2026-01-01T00:01:00.000Z");
  });

  test.each([0, -1, 1.5, NaN])("refuses a window of %p seconds", (n) => {
    expect(() => retrainWindow("sex", new Date(), n)).toThrow(/window/);
  });
});
