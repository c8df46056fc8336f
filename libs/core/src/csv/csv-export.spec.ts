import fc from 'fast-check';
import { csvExport, type CsvCell } from './csv-export.js';

const TRIGGERS = ['=', '+', '-', '@', '\t', '\r'];

/** RFC 4180, strictly: a bare quote in an unquoted field or a missing final CRLF fails. */
function parseCsv(text: string): string[][] {
  expect(text.startsWith('\uFEFF')).toBe(true);
  const field = /("(?:[^"]|"")*"|[^",\r\n]*)(,|\r\n)/y;
  const records: string[][] = [];
  let record: string[] = [];
  field.lastIndex = 1;
  while (field.lastIndex < text.length) {
    const match = field.exec(text);
    if (!match) throw new Error(`not RFC 4180 CSV: ${JSON.stringify(text)}`);
    const [, raw, end] = match;
    record.push(raw.startsWith('"') ? raw.slice(1, -1).replaceAll('""', '"') : raw);
    if (end === '\r\n') {
      records.push(record);
      record = [];
    }
  }
  expect(record).toEqual([]);
  return records;
}

/** Strings rich in what matters here (formula triggers, quotes, separators, line breaks), and any string at all. */
const text = fc.oneof(
  fc.string({ unit: fc.constantFrom(...TRIGGERS, '\n', '"', ',', "'", ' ', 'a', '1', '张') }),
  fc.string({ unit: 'binary' }),
);
const table = <T>(cell: fc.Arbitrary<T>) =>
  fc.integer({ min: 1, max: 4 }).chain((width) =>
    fc.record({
      header: fc.array(text, { minLength: width, maxLength: width }),
      rows: fc.array(fc.array(cell, { minLength: width, maxLength: width }), { maxLength: 5 }),
    }),
  );

describe('csvExport', () => {
  it('starts with a byte-order mark and a header row, ends every line with CRLF and quotes what needs quoting', () => {
    expect(csvExport(['name', 'class'], [['张三', '高一 1班'], ['王"小"明, Jr', '高一\n1班'], ['', 'a\rb']])).toBe(
      '\uFEFFname,class\r\n张三,高一 1班\r\n"王""小""明, Jr","高一\n1班"\r\n,"a\rb"\r\n',
    );
    expect(csvExport(['only'], [])).toBe('\uFEFFonly\r\n');
  });

  it('puts an apostrophe before text that a spreadsheet would run as a formula', () => {
    const row = ['=1+1', '+1', '-2', '@SUM(A1)', '\tx', '\rx', '=HYPERLINK("http://x","y")', "'=kept", 'a=b', '  =x'];
    expect(csvExport(row.map(() => 'h'), [row]).split('\r\n')[1]).toBe(
      `'=1+1,'+1,'-2,'@SUM(A1),'\tx,"'\rx","'=HYPERLINK(""http://x"",""y"")",'=kept,a=b,  =x`,
    );
    expect(csvExport(['=header'], [])).toBe("\uFEFF'=header\r\n");
  });

  it('writes numbers as numbers, negative ones too', () => {
    expect(csvExport(['a', 'b', 'c', 'd', 'e'], [[-3, 0, 1.5, -0.25, 1e21]]).split('\r\n')[1]).toBe('-3,0,1.5,-0.25,1e+21');
    expect(csvExport(['as text'], [['-3']]).split('\r\n')[1]).toBe("'-3");
  });

  it('refuses NaN and infinities rather than writing them', () => {
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      expect(() => csvExport(['n'], [[bad]])).toThrow(RangeError);
    }
  });

  it('gives back every text cell as it was, or with one apostrophe in front when it starts like a formula', () => {
    fc.assert(
      fc.property(table(text), ({ header, rows }) => {
        const parsed = parseCsv(csvExport(header, rows));
        expect(parsed).toHaveLength(rows.length + 1);
        [header, ...rows].forEach((cells, r) =>
          cells.forEach((cell, c) => {
            const read = parsed[r][c];
            expect(read).toBe(TRIGGERS.some((t) => cell.startsWith(t)) ? `'${cell}` : cell);
            expect(TRIGGERS.some((t) => read.startsWith(t))).toBe(false);
          }),
        );
      }),
      { numRuns: 500 },
    );
  });

  it('gives back every number as the same number', () => {
    const number: fc.Arbitrary<CsvCell> = fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }));
    fc.assert(
      fc.property(table(number), ({ header, rows }) => {
        const parsed = parseCsv(csvExport(header, rows));
        rows.forEach((cells, r) => cells.forEach((cell, c) => expect(Number(parsed[r + 1][c])).toBe(cell === 0 ? 0 : cell)));
      }),
    );
  });
});
