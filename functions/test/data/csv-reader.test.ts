import { CsvSyntaxError, parseCsv } from "../../src/data/csv-reader";

const fieldsOf = (text: string) => parseCsv(text).map((r) => r.fields);

describe("parseCsv", () => {
  it("splits plain fields and CRLF records", () => {
    expect(fieldsOf("Year,MALE\r\n1981,20350\r\n")).toEqual([
      ["Year", "MALE"],
      ["1981", "20350"],
    ]);
  });

  it("accepts LF and lone CR line breaks and a missing final break", () => {
    expect(fieldsOf("a,b\nc,d\re,f")).toEqual([
      ["a", "b"],
      ["c", "d"],
      ["e", "f"],
    ]);
  });

  it("reads quoted fields with commas, doubled quotes and line breaks", () => {
    const text = 'name,note\r\n"Smith, J","said ""hi""\r\nand left"\r\n';
    expect(fieldsOf(text)).toEqual([
      ["name", "note"],
      ["Smith, J", 'said "hi"\r\nand left'],
    ]);
  });

  it("keeps empty fields, quoted or not, and trailing empty columns", () => {
    expect(fieldsOf('a,,"",\r\n')).toEqual([["a", "", "", ""]]);
  });

  it("gives blank lines as records of one empty field", () => {
    expect(fieldsOf("a\r\n\r\nb\r\n")).toEqual([["a"], [""], ["b"]]);
  });

  it("numbers records by the line they start on", () => {
    const records = parseCsv('a\r\n"x\r\ny",z\r\nb\r\n');
    expect(records.map((r) => r.line)).toEqual([1, 2, 4]);
  });

  it("drops a byte order mark", () => {
    expect(fieldsOf("\uFEFFYear,A\n")).toEqual([["Year", "A"]]);
  });

  it("keeps a quote inside an unquoted field as text", () => {
    expect(fieldsOf('12",b\n')).toEqual([['12"', "b"]]);
  });

  it("returns no records for empty text", () => {
    expect(parseCsv("")).toEqual([]);
  });

  it("rejects a quoted field that is never closed, naming its line", () => {
    expect(() => parseCsv('a\n"open,b\nc')).toThrow(CsvSyntaxError);
    expect(() => parseCsv('a\n"open,b\nc')).toThrow(/line 2: .*never closed/);
  });

  it("rejects text after a closing quote", () => {
    expect(() => parseCsv('"a"b,c\n')).toThrow(/line 1: unexpected "b"/);
  });
});
