import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '../../src/platform/web/csv';

describe('CSV', () => {
  it('quotes every cell and doubles quotes inside', () => {
    expect(csvCell('Acme "Pro", v2')).toBe('"Acme ""Pro"", v2"');
    expect(csvCell(42)).toBe('"42"');
    expect(csvCell(null)).toBe('""');
  });

  it('keeps spreadsheets from running a cell as a formula', () => {
    for (const formula of ['=1+1', '+1', '-1', '@SUM(A1)', '\t=1', '\r=1'])
      expect(csvCell(formula)).toBe(`"'${formula}"`);
    expect(csvCell('a=b')).toBe('"a=b"');
  });

  it('ends every line with CRLF and writes records only', () => {
    expect(
      toCsv([
        ['a', 'b'],
        [1, 2],
      ]),
    ).toBe('"a","b"\r\n"1","2"\r\n');
  });
});
