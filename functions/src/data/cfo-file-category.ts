/**
 * Which category a CFO CSV file holds, judged from its name, e.g.
 * `Emigrant-1981-2015-Age.csv` → age. Files that hold no category the
 * service forecasts are skipped with a reason rather than failing the
 * import, because the folders that circulate carry extra tables
 * (province-level breakdowns, notes, spreadsheets).
 */
import type { Category } from "../domain/categories";

/** The outcome for one file name: a category, or why it is skipped. */
export type CfoFileKind =
  | { kind: "table"; category: Category }
  | { kind: "skip"; reason: string };

/** Name parts (compared case-insensitively) and the category they mark. */
const NAME_PARTS: readonly (readonly [string, Category])[] = [
  ["age", "age"],
  ["sex", "sex"],
  ["majorcountry", "destination"],
  ["occu", "occupation"],
  ["civilstatus", "civil_status"],
  ["educ", "education"],
  ["placeoforigin", "origin"],
];

/**
 * Classifies a file by its base name (a directory part is ignored). The
 * name is cut into parts at `-`, `_`, spaces and dots, and a part must
 * equal a known key (`Age`, `Sex`, `MajorCountry`, `Occu`, `CivilStatus`,
 * `Educ`, `PlaceOfOrigin`) so that e.g. `Agent.csv` is not read as age.
 * Names with `-Province` hold province tables, which the service does not
 * forecast (it forecasts the 17 regions), and are skipped.
 */
export function classifyCfoFileName(fileName: string): CfoFileKind {
  const baseName = fileName.split(/[\\/]/).pop() ?? fileName;
  if (!/\.csv$/i.test(baseName)) {
    return { kind: "skip", reason: "not a .csv file" };
  }
  if (/-province/i.test(baseName)) {
    return {
      kind: "skip",
      reason: "province-level table; the service forecasts regions only",
    };
  }
  const parts = baseName
    .replace(/\.csv$/i, "")
    .split(/[-_ .]+/)
    .map((part) => part.toLowerCase());
  const found = new Set<Category>();
  for (const [key, category] of NAME_PARTS) {
    if (parts.includes(key)) found.add(category);
  }
  if (found.size === 0) {
    return {
      kind: "skip",
      reason:
        "the name has none of Age, Sex, MajorCountry, Occu, CivilStatus, " +
        "Educ, PlaceOfOrigin",
    };
  }
  if (found.size > 1) {
    return {
      kind: "skip",
      reason: `the name matches several categories: ${[...found].join(", ")}`,
    };
  }
  const [category] = found;
  return { kind: "table", category };
}
