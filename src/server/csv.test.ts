import { describe, expect, it } from 'vitest';
import { csvText, neutralise } from './csv';

/**
 * How a spreadsheet program reads a CSV line with a given separator: a cell that starts with a
 * double quote runs to its closing quote ("" inside it is one quote), anything after the closing
 * quote up to the next separator is appended; other cells run to the next separator.
 */
function spreadsheetCells(line: string, sep: string): string[] {
  const cells: string[] = [];
  let i = 0;
  while (i <= line.length) {
    let cell = '';
    if (line[i] === '"') {
      i++;
      while (i < line.length) {
        if (line[i] === '"' && line[i + 1] === '"') {
          cell += '"';
          i += 2;
        } else if (line[i] === '"') {
          i++;
          break;
        } else cell += line[i++];
      }
    }
    while (i < line.length && line[i] !== sep) cell += line[i++];
    cells.push(cell);
    i++;
  }
  return cells;
}

/** A cell a spreadsheet would run as a formula. */
const isFormula = (cell: string) => /^[=+\-@]/.test(cell.trimStart());

const HOSTILE = [
  'x;=2*3;',
  '=HYPERLINK("http://evil.example","click")',
  '+1+2',
  '-3+4',
  '@SUM(A1:A2)',
  '\t=1',
  'Anne, =1+1',
  '  =1+1',
  'a|=cmd',
  'Chloé',
  '👩🏽‍💼 Priya',
  'نیک‌نام',
  'say "hi"',
];

describe('CSV for spreadsheets', () => {
  const text = csvText(
    ['player', 'room'],
    HOSTILE.map((name) => [name, 'YEKX99']),
  );

  it('starts with a UTF-8 byte-order mark and quotes every cell, empty ones too', () => {
    expect(text.startsWith('\uFEFF"player","room"\r\n')).toBe(true);
    expect(csvText(['a'], [['']])).toBe('\uFEFF"a"\r\n""\r\n');
  });

  it('opens as text with a comma or a semicolon as the separator: no cell is a formula', () => {
    const lines = text.slice(1).split('\r\n').filter(Boolean);
    for (const sep of [',', ';']) {
      for (const line of lines) {
        const formulas = spreadsheetCells(line, sep).filter(isFormula);
        expect(formulas, `${line} split on ${sep}`).toEqual([]);
      }
    }
  });

  it('keeps every name readable: split on commas, each cell is the name with only apostrophes added', () => {
    const lines = text.slice(1).split('\r\n').filter(Boolean).slice(1);
    lines.forEach((line, i) => {
      const [player, room] = spreadsheetCells(line, ',');
      expect(player).toBe(neutralise(HOSTILE[i]!));
      expect(player!.replace(/'(?=[ \u00a0]*[=+\-@\t])/g, '')).toBe(HOSTILE[i]);
      expect(room).toBe('YEKX99');
    });
    expect(neutralise('Chloé')).toBe('Chloé');
    expect(neutralise('x;=2*3;')).toBe("x;'=2*3;");
  });
});
