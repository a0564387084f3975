/**
 * CSV that opens safely in a spreadsheet: written by csv-stringify (every cell quoted, CRLF rows),
 * a UTF-8 byte-order mark so "Chloé" opens as "Chloé", and formula characters neutralised wherever
 * a spreadsheet might start a cell: at the start of the text and after any character a spreadsheet
 * may split on (comma, semicolon, tab, pipe, line break), since a program that splits on `;` while
 * the file was written with `,` sees `x;=2*3;` as three cells. Neutralising is OWASP's advice: a
 * leading apostrophe, which spreadsheets read as "this is text".
 */
import { stringify } from 'csv-stringify/sync';

/** The characters that make a cell a formula (=, +, -, @) or hide one (a leading tab or CR). */
const AT_START = /^[=+\-@\t\r]/;
/** A formula character just after a separator a spreadsheet might use (spaces between count for nothing). */
const AFTER_SEPARATOR = /([,;\t|\r\n][ \u00a0]*)([=+\-@])/g;

/** A cell's text with every place a formula could start neutralised. */
export function neutralise(value: string | number): string {
  if (typeof value === 'number') return String(value);
  const inner = value.replace(AFTER_SEPARATOR, "$1'$2");
  return AT_START.test(inner.trimStart()) ? `'${inner}` : inner;
}

/** A whole CSV file: the header row, then the rows, every cell neutralised and quoted, with a BOM. */
export function csvText(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  return stringify([header.map(neutralise), ...rows.map((r) => r.map(neutralise))], {
    bom: true,
    quoted: true,
    quoted_empty: true,
    record_delimiter: 'windows',
  });
}
