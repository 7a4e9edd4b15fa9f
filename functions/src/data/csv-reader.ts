/**
 * A small RFC 4180 reader: comma-separated fields, records ended by CRLF
 * (a bare LF or CR is accepted too, since hand-edited copies circulate),
 * and double-quoted fields that may hold commas, line breaks and doubled
 * quotes ("" for one "). It knows nothing of what the cells mean.
 */

/** One record of a CSV text and the line it starts on (1-based). */
export interface CsvRecord {
  line: number;
  fields: string[];
}

/** The text is not valid CSV; `line` is where the reader gave up. */
export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    readonly detail: string
  ) {
    super(`line ${line}: ${detail}`);
    this.name = "CsvSyntaxError";
  }
}

const QUOTE = '"';
const COMMA = ",";
const CR = "\r";
const LF = "\n";

/**
 * Splits CSV text into records of raw field strings (not trimmed, not
 * converted). A byte order mark at the start is dropped, and a final line
 * break does not make an extra empty record. A quote inside an unquoted
 * field is kept as text, because some exports write `12"` for inches;
 * text after a closing quote (`"a"b`) or a quote never closed is an error.
 */
export function parseCsv(text: string): CsvRecord[] {
  const source = text.startsWith("\uFEFF") ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = "";
  let line = 1;
  let recordLine = 1;
  let i = 0;

  const endField = (): void => {
    fields.push(field);
    field = "";
  };
  const endRecord = (): void => {
    endField();
    records.push({ line: recordLine, fields });
    fields = [];
  };
  // Consumes one line break at i (CRLF, LF or CR) and returns its length.
  const lineBreakAt = (at: number): number => {
    if (source[at] === CR) return source[at + 1] === LF ? 2 : 1;
    return source[at] === LF ? 1 : 0;
  };

  while (i < source.length) {
    const atFieldStart = field === "";
    if (atFieldStart && source[i] === QUOTE) {
      const quoteLine = line;
      i += 1;
      for (;;) {
        if (i >= source.length) {
          throw new CsvSyntaxError(quoteLine, "quoted field is never closed");
        }
        if (source[i] === QUOTE) {
          if (source[i + 1] === QUOTE) {
            field += QUOTE;
            i += 2;
            continue;
          }
          i += 1;
          break;
        }
        const breakLength = lineBreakAt(i);
        if (breakLength > 0) {
          field += source.slice(i, i + breakLength);
          line += 1;
          i += breakLength;
          continue;
        }
        field += source[i];
        i += 1;
      }
      const next = source[i];
      if (i < source.length && next !== COMMA && lineBreakAt(i) === 0) {
        throw new CsvSyntaxError(
          line,
          `unexpected ${JSON.stringify(next)} after a closing quote`
        );
      }
      // An empty quoted field ("") must still count as a field, so mark
      // it by falling through to the separator handling below.
      if (i >= source.length) break;
    }

    const ch = source[i];
    if (ch === COMMA) {
      endField();
      i += 1;
      continue;
    }
    const breakLength = lineBreakAt(i);
    if (breakLength > 0) {
      endRecord();
      i += breakLength;
      line += 1;
      recordLine = line;
      continue;
    }
    field += ch;
    i += 1;
  }

  // Text that does not end with a line break still has a last record;
  // text that does has nothing pending (fields empty, field empty).
  const lastChar = source[source.length - 1];
  const endsWithBreak = lastChar === LF || lastChar === CR;
  if (source.length > 0 && !endsWithBreak) endRecord();
  return records;
}
