import { describe, expect, it } from 'vitest';
import { toCsvCell, toLeadsCsv } from './leads-csv';

describe('toCsvCell', () => {
  it('defuses formulas', () => {
    expect(toCsvCell('=HYPERLINK("http://evil","x")')).toBe(`"'=HYPERLINK(""http://evil"",""x"")"`);
    expect(toCsvCell('@SUM(A1)')).toBe(`'@SUM(A1)`);
    expect(toCsvCell('-2+3')).toBe(`'-2+3`);
    expect(toCsvCell('+4915112345678')).toBe(`'+4915112345678`);
  });
  it('quotes commas, quotes and newlines', () => {
    expect(toCsvCell('a,b')).toBe('"a,b"');
    expect(toCsvCell('line\nbreak')).toBe('"line\nbreak"');
    expect(toCsvCell(true)).toBe('true');
  });
});

describe('toLeadsCsv', () => {
  it('has a column per field any lead has', () => {
    const csv = toLeadsCsv([
      {
        id: '1',
        leadRef: 'r',
        form: 'f',
        createdAt: 't',
        fields: { name: 'A' },
        hidden: { c: 'x' },
        consent: null,
        attribution: { first: { utm_source: 'g' } },
        context: {},
      },
      {
        id: '2',
        leadRef: 'r',
        form: 'f',
        createdAt: 't',
        fields: { email: 'b@c.de' },
        hidden: {},
        consent: null,
        attribution: {},
        context: {},
      },
    ]);
    const [header, one, two] = csv.trim().split('\r\n');
    expect(header?.startsWith('id,createdAt,form,name,email,hidden.c,consent.granted')).toBe(true);
    expect(one?.startsWith('1,t,f,A,,x,')).toBe(true);
    expect(one).toContain(',g,');
    expect(two?.startsWith('2,t,f,,b@c.de,,')).toBe(true);
  });
});
