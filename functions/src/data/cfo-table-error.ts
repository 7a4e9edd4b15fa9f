import { BadHistoryError } from "../domain/errors";

/**
 * A CFO CSV table cannot be read as it is. The message starts with the
 * file name and, where one is to blame, names the year and the group, so
 * that whoever fixes the file knows which cell to look at.
 */
export class CfoTableError extends BadHistoryError {
  constructor(
    /** The file (or other source name) the table came from. */
    readonly file: string,
    problem: string,
    where?: { year?: string; group?: string; line?: number }
  ) {
    super(`${file}: ${describeWhere(where)}${problem}`, {
      year: where?.year,
      group: where?.group,
    });
    this.name = "CfoTableError";
  }
}

function describeWhere(
  where: { year?: string; group?: string; line?: number } | undefined
): string {
  if (where === undefined) return "";
  const parts: string[] = [];
  if (where.line !== undefined) parts.push(`line ${where.line}`);
  if (where.year !== undefined) parts.push(`year ${where.year}`);
  if (where.group !== undefined) parts.push(`group "${where.group}"`);
  return parts.length > 0 ? `${parts.join(", ")}: ` : "";
}
