/**
 * How a spreadsheet program reads a CSV line with a given separator: a cell that starts with a
 * double quote runs to its closing quote ("" inside it is one quote), anything after the closing
 * quote up to the next separator is appended; other cells run to the next separator. Shared by
 * the CSV unit test and the projector's browser test, which export the same records.
 */
export function spreadsheetCells(line: string, sep: string): string[] {
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
export const isFormula = (cell: string): boolean => /^[=+\-@]/.test(cell.trimStart());
