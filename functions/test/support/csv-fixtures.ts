import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";

/** File name the importer recognises for each category's table. */
export const CFO_FILE_NAMES = {
  age: "Emigrant-1981-2015-Age.csv",
  sex: "Emigrant-1981-2015-Sex.csv",
  destination: "Emigrant-1981-2015-MajorCountry.csv",
} as const;

/**
 * A year-rows CSV table in the CFO layout with smooth, distinct series per
 * group: trend plus a cycle, whole and positive. Deterministic.
 */
export function yearRowsCsv(
  groups: string[],
  fromYear: number,
  toYear: number
): string {
  const lines = [["Year", ...groups].join(",")];
  for (let year = fromYear; year <= toYear; year += 1) {
    const t = year - fromYear;
    const counts = groups.map((_, g) =>
      Math.round(1000 * (g + 1) + 40 * t + 150 * Math.sin(t / 2 + g))
    );
    lines.push([year, ...counts].join(","));
  }
  return lines.join("\n") + "\n";
}

/** A fresh temporary folder holding the given files. */
export async function folderWith(
  files: Record<string, string>
): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "cfo-test-"));
  for (const [name, text] of Object.entries(files)) {
    await writeFile(path.join(dir, name), text);
  }
  return dir;
}
