/**
 * The bench's progress lines. Always stderr: with --json, stdout carries
 * exactly one JSON object and nothing else.
 */
export function logLine(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

/** A warning that should not scroll by unnoticed. */
export function warnLoudly(message: string): void {
  const bar = "!".repeat(72);
  process.stderr.write(`${bar}\n[bench] WARNING: ${message}\n${bar}\n`);
}
