import { randomBytes } from "node:crypto";
import { promises as fs } from "node:fs";
import * as nodePath from "node:path";

/**
 * Writes a file so that readers see either the old content or the new one,
 * never a prefix: the bytes go to a temporary file in the same directory
 * (same filesystem, so the rename is atomic), are flushed, and the temporary
 * file is renamed over the target. Creates missing parent directories.
 */
export async function writeFileAtomic(
  filePath: string,
  data: Uint8Array | string
): Promise<void> {
  const dir = nodePath.dirname(filePath);
  await fs.mkdir(dir, { recursive: true });
  const tempPath = nodePath.join(
    dir,
    `.${nodePath.basename(filePath)}.${randomBytes(6).toString("hex")}.tmp`
  );
  try {
    const handle = await fs.open(tempPath, "wx");
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(tempPath, filePath);
  } catch (error) {
    await fs.rm(tempPath, { force: true });
    throw error;
  }
}

/** The error code of a failed fs call (ENOENT, EISDIR, ...), if any. */
export function fsErrorCode(error: unknown): string | undefined {
  // Duck-typed on purpose: errors made by node:fs may come from another
  // realm (as under jest), where `instanceof Error` is false.
  if (typeof error !== "object" || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" ? code : undefined;
}
