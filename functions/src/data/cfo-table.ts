/**
 * Reads one CFO CSV table into a dense table of counts, whichever of the
 * two circulating layouts it uses:
 *
 *   year rows:  Year,MALE,FEMALE          group rows:  SEX,1981,1982
 *               1981,20350,28517                       MALE,20350,21752
 *
 * The files are messy (see the data README): trailing empty columns, runs
 * of blank rows, padded headers, and in one file the whole table again,
 * shifted to the right. Each run of non-blank rows is read as a table whose
 * columns are those its header row spans; the first is the table and any
 * later one must be an exact copy of it, since two disagreeing copies leave
 * no way to tell which one is right. A header is placed by its years:
 * years across it mean group rows, years down the first column mean year
 * rows (the shifted copy heads its year column "Region", not "Year").
 *
 * Group names are returned as the file writes them (trimmed), in file
 * order; mapping them to the dashboard's groups is cfo-groups.ts's job.
 */
import type { History } from "../domain/history";
import { parseCountCell, parseYearCell, looksLikeYear } from "./cfo-cells";
import { CfoTableError } from "./cfo-table-error";
import { CsvSyntaxError, parseCsv, type CsvRecord } from "./csv-reader";

/** A table read from a file, and the line its header is on (1-based). */
interface LocatedTable {
  table: History;
  headerLine: number;
}

/**
 * Parses the CSV text of one CFO table. `file` names the source in error
 * messages. Throws CfoTableError for malformed CSV, an unrecognised header,
 * a duplicated or empty year or group, a count that is not a whole
 * non-negative number (naming the year and the group), or a repeated copy
 * of the table that disagrees with the first.
 */
export function readCfoTable(text: string, file: string): History {
  let records: CsvRecord[];
  try {
    records = parseCsv(text);
  } catch (error) {
    if (error instanceof CsvSyntaxError) {
      throw new CfoTableError(file, error.detail, { line: error.line });
    }
    throw error;
  }

  const blocks = splitIntoBlocks(records);
  if (blocks.length === 0) {
    throw new CfoTableError(file, "no table found: every row is blank");
  }
  const [first, ...copies] = blocks.map((block) => readBlock(block, file));
  for (const copy of copies) checkSameTable(first, copy, file);
  return first.table;
}

function isBlank(record: CsvRecord): boolean {
  return record.fields.every((field) => field.trim() === "");
}

/** Runs of consecutive non-blank records. */
function splitIntoBlocks(records: CsvRecord[]): CsvRecord[][] {
  const blocks: CsvRecord[][] = [];
  let current: CsvRecord[] = [];
  for (const record of records) {
    if (isBlank(record)) {
      if (current.length > 0) blocks.push(current);
      current = [];
    } else {
      current.push(record);
    }
  }
  if (current.length > 0) blocks.push(current);
  return blocks;
}

function readBlock(block: CsvRecord[], file: string): LocatedTable {
  const [header, ...rows] = block;
  const cells = header.fields;
  const firstColumn = cells.findIndex((cell) => cell.trim() !== "");
  let lastColumn = cells.length - 1;
  while (cells[lastColumn].trim() === "") lastColumn -= 1;

  const headerCells = cells
    .slice(firstColumn, lastColumn + 1)
    .map((cell) => cell.trim());
  const emptyAt = headerCells.indexOf("");
  if (emptyAt >= 0) {
    throw new CfoTableError(
      file,
      `header column ${firstColumn + emptyAt + 1} is empty`,
      { line: header.line }
    );
  }
  for (const row of rows) {
    checkInsideSpan(row, firstColumn, lastColumn, file);
  }
  // Data rows now reduced to the header's columns, padded where short.
  const body = rows.map((row) => ({
    line: row.line,
    cells: headerCells.map((_, k) => row.fields[firstColumn + k] ?? ""),
  }));

  const [label, ...rest] = headerCells;
  // The shifted copy in PlaceOfOrigin heads its year column "Region", so
  // a year-row table is also recognised by years down its first column.
  const yearsAcross = rest.length > 0 && rest.every(looksLikeYear);
  const yearsDown =
    label.toLowerCase() === "year" ||
    (body.length > 0 && body.every((row) => looksLikeYear(row.cells[0])));
  let table: History;
  if (yearsAcross) {
    table = readGroupRows(rest, body, header.line, file);
  } else if (yearsDown) {
    table = readYearRows(rest, body, header.line, file);
  } else {
    throw new CfoTableError(
      file,
      `header starts with ${JSON.stringify(label)}: expected "Year" ` +
        "followed by group names, or a group label followed by years",
      { line: header.line }
    );
  }
  return { table, headerLine: header.line };
}

/** A value to the left or right of the header's columns has no name. */
function checkInsideSpan(
  row: CsvRecord,
  firstColumn: number,
  lastColumn: number,
  file: string
): void {
  row.fields.forEach((cell, column) => {
    const outside = column < firstColumn || column > lastColumn;
    if (outside && cell.trim() !== "") {
      throw new CfoTableError(
        file,
        `value ${JSON.stringify(cell)} in column ${column + 1} lies ` +
          "outside the columns the header names",
        { line: row.line }
      );
    }
  });
}

interface BodyRow {
  line: number;
  /** The row's cells under the header, the label cell first. */
  cells: string[];
}

/** Layout "Year,<group>,<group>...": one row per year. */
function readYearRows(
  groups: string[],
  body: BodyRow[],
  headerLine: number,
  file: string
): History {
  if (groups.length === 0) {
    throw new CfoTableError(file, "the header names no groups", {
      line: headerLine,
    });
  }
  checkUnique(groups, "group", headerLine, file);
  if (body.length === 0) {
    throw new CfoTableError(file, "the table has no year rows", {
      line: headerLine,
    });
  }
  const rows = body.map((row) => {
    const year = readYear(row.cells[0], row.line, file);
    const counts = groups.map((group, j) =>
      readCount(row.cells[j + 1], String(year), group, row.line, file)
    );
    return { year, counts };
  });
  checkUnique(
    rows.map((r) => String(r.year)),
    "year",
    headerLine,
    file
  );
  rows.sort((a, b) => a.year - b.year);
  return {
    years: rows.map((r) => r.year),
    groups: [...groups],
    values: rows.map((r) => r.counts),
  };
}

/** Layout "<label>,<year>,<year>...": one row per group. */
function readGroupRows(
  yearCells: string[],
  body: BodyRow[],
  headerLine: number,
  file: string
): History {
  const years = yearCells.map((cell) => readYear(cell, headerLine, file));
  checkUnique(years.map(String), "year", headerLine, file);
  const groups = body.map((row) => {
    const group = row.cells[0].trim();
    if (group === "") {
      throw new CfoTableError(file, "the group label is empty", {
        line: row.line,
      });
    }
    return group;
  });
  checkUnique(groups, "group", headerLine, file);
  if (groups.length === 0) {
    throw new CfoTableError(file, "the table has no group rows", {
      line: headerLine,
    });
  }
  // counts[g][y] as read, then turned so that rows are years.
  const counts = body.map((row, g) =>
    years.map((year, y) =>
      readCount(row.cells[y + 1], String(year), groups[g], row.line, file)
    )
  );
  const order = years.map((_, y) => y).sort((a, b) => years[a] - years[b]);
  return {
    years: order.map((y) => years[y]),
    groups,
    values: order.map((y) => counts.map((groupCounts) => groupCounts[y])),
  };
}

function readYear(cell: string, line: number, file: string): number {
  const result = parseYearCell(cell);
  if (!result.ok) throw new CfoTableError(file, result.problem, { line });
  return result.value;
}

function readCount(
  cell: string,
  year: string,
  group: string,
  line: number,
  file: string
): number {
  const result = parseCountCell(cell);
  if (!result.ok) {
    throw new CfoTableError(file, result.problem, { line, year, group });
  }
  return result.value;
}

function checkUnique(
  names: string[],
  what: "year" | "group",
  line: number,
  file: string
): void {
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) {
      throw new CfoTableError(file, `${what} ${JSON.stringify(name)} ` +
        "appears twice in the table", { line });
    }
    seen.add(name);
  }
}

/**
 * A later run of rows must hold the same years, groups and counts as the
 * first table (in any order and either layout); otherwise the file
 * contradicts itself and neither copy can be trusted.
 */
function checkSameTable(
  first: LocatedTable,
  copy: LocatedTable,
  file: string
): void {
  const disagree = (problem: string, year?: number, group?: string) =>
    new CfoTableError(
      file,
      `the table repeated at line ${copy.headerLine} disagrees with the ` +
        `table at line ${first.headerLine}: ${problem}`,
      { year: year === undefined ? undefined : String(year), group }
    );

  const missing = (from: readonly (string | number)[], to: Set<unknown>) =>
    from.find((name) => !to.has(name));
  const firstGroups = new Set(first.table.groups);
  const copyGroups = new Set(copy.table.groups);
  const firstYears = new Set(first.table.years);
  const copyYears = new Set(copy.table.years);

  const lostGroup = missing(first.table.groups, copyGroups);
  if (lostGroup !== undefined) {
    throw disagree(`group "${lostGroup}" is missing from the copy`);
  }
  const addedGroup = missing(copy.table.groups, firstGroups);
  if (addedGroup !== undefined) {
    throw disagree(`the copy adds group "${addedGroup}"`);
  }
  const lostYear = missing(first.table.years, copyYears);
  if (lostYear !== undefined) {
    throw disagree(`year ${lostYear} is missing from the copy`);
  }
  const addedYear = missing(copy.table.years, firstYears);
  if (addedYear !== undefined) {
    throw disagree(`the copy adds year ${addedYear}`);
  }

  first.table.years.forEach((year, i) => {
    const k = copy.table.years.indexOf(year);
    first.table.groups.forEach((group, j) => {
      const expected = first.table.values[i][j];
      const found = copy.table.values[k][copy.table.groups.indexOf(group)];
      if (found !== expected) {
        throw disagree(`${found} in the copy, ${expected} in the first`,
          year, group);
      }
    });
  });
}
