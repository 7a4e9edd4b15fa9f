import type { LogEvent } from "./log-events";

/**
 * The logging surface the service needs: a fixed message from the
 * catalog (log-events.ts) and a context object. The functions runtime passes the firebase-functions logger
 * (structured Cloud Logging entries); the CLI passes one that writes to
 * stderr so stdout stays clean for `--json` output.
 */
export interface Logger {
  debug(message: LogEvent, context?: Record<string, unknown>): void;
  info(message: LogEvent, context?: Record<string, unknown>): void;
  warn(message: LogEvent, context?: Record<string, unknown>): void;
  error(message: LogEvent, context?: Record<string, unknown>): void;
}

/** One JSON line per entry on stderr. */
export const stderrLogger: Logger = {
  debug: (message, context) => writeEntry("DEBUG", message, context),
  info: (message, context) => writeEntry("INFO", message, context),
  warn: (message, context) => writeEntry("WARNING", message, context),
  error: (message, context) => writeEntry("ERROR", message, context),
};

/** Drops everything; for tests that do not look at logs. */
export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

function writeEntry(
  severity: string,
  message: string,
  context: Record<string, unknown> = {}
): void {
  const entry = { severity, message, ...context };
  process.stderr.write(JSON.stringify(entry, errorReplacer) + "\n");
}

/** Errors do not serialise to JSON on their own; keep what helps. */
function errorReplacer(_key: string, value: unknown): unknown {
  if (value instanceof Error) {
    return { name: value.name, message: value.message };
  }
  return value;
}
