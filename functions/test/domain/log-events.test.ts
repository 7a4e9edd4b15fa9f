/**
 * The log event catalog: every entry is logged somewhere, and a training
 * logs its events with the context the catalog promises.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { LOG_EVENTS, type LogEvent } from "../../src/domain/log-events";
import type { Logger } from "../../src/domain/logger";
import { ForecastService } from "../../src/service/forecast-service";
import { FileModelRegistry } from "../../src/storage/file-model-registry";
import { LocalBlobStore } from "../../src/storage/local-blob-store";
import { MemoryHistorySource, sexHistory } from "../support/memory-history";
import { TINY_CONFIG } from "../support/tiny-config";

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sources(full);
    return full.endsWith(".ts") ? [full] : [];
  });
}

test("every event in the catalog is logged by some source file", () => {
  const srcDir = path.join(__dirname, "../../src");
  const code = sources(srcDir)
    .filter((file) => !file.endsWith("log-events.ts"))
    .map((file) => readFileSync(file, "utf8"))
    .join("\n");
  const unused = Object.keys(LOG_EVENTS).filter(
    (event) => !code.includes(JSON.stringify(event))
  );
  expect(unused).toEqual([]);
});

test("a training logs started and finished with their context", async () => {
  const entries: { event: LogEvent; context: Record<string, unknown> }[] =
    [];
  const record = (event: LogEvent, context: Record<string, unknown> = {}) =>
    entries.push({ event, context });
  const logger: Logger = {
    debug: record,
    info: record,
    warn: record,
    error: record,
  };
  const dir = await mkdtemp(path.join(tmpdir(), "cfo-log-"));
  try {
    const history = new MemoryHistorySource();
    history.set("sex", sexHistory());
    const service = new ForecastService({
      history,
      blobs: new LocalBlobStore(path.join(dir, "models")),
      registry: new FileModelRegistry(path.join(dir, "registry")),
      logger,
      config: TINY_CONFIG,
    });
    const { version } = await service.train("sex");
    const started = entries.find((e) => e.event === "training started");
    const finished = entries.find((e) => e.event === "training finished");
    expect(started?.context).toMatchObject({ category: "sex" });
    expect(finished?.context).toMatchObject({
      category: "sex",
      version,
      durationMs: expect.any(Number),
      loss: expect.any(Number),
    });
    // Context objects carry ids and figures, never the history itself.
    for (const { context } of entries) {
      expect(JSON.stringify(context).length).toBeLessThan(2000);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
