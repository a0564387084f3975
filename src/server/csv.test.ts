import { describe, expect, it } from 'vitest';
import { isFormula, spreadsheetCells } from '../../tests/support/spreadsheet';
import { csvText, neutralise } from './csv';

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
