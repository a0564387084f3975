/**
 * Player names as both ends see them: the phone checks the length as the server will, so it can
 * say "too long" before sending. Text is kept as people write it: normalised to NFC (so "é" typed
 * two ways is one name), with zero-width joiners and non-joiners kept (they are part of emoji
 * such as "👩🏽‍💼" and of Persian, Arabic and Indic spellings such as "نیک‌نام"), and emoji tag
 * characters kept (subdivision flags). Only characters that hide or reorder text are removed.
 * Length is counted in grapheme clusters, what a reader sees as one character.
 */

/**
 * Controls, private-use and unassigned code points, and format characters other than the
 * joiners (U+200C, U+200D) and emoji tags (U+E0020 to U+E007F): zero-width spaces, bidirectional
 * overrides and isolates, soft hyphens, the byte-order mark.
 */
const HIDDEN = /[\p{Cc}\p{Cf}\p{Co}\p{Cn}\u2028\u2029]/gu;

function kept(c: string): boolean {
  const cp = c.codePointAt(0) ?? 0;
  return cp === 0x200c || cp === 0x200d || (cp >= 0xe0020 && cp <= 0xe007f);
}

/** A typed name as it will be shown: NFC, hidden characters removed, runs of spaces made one, trimmed. */
export function tidyName(raw: string): string {
  return raw
    .normalize('NFC')
    .replace(HIDDEN, (c) => (kept(c) ? c : ''))
    .replace(/\s+/gu, ' ')
    .trim();
}

const segmenter =
  typeof Intl !== 'undefined' && 'Segmenter' in Intl
    ? new Intl.Segmenter(undefined, { granularity: 'grapheme' })
    : null;

/** The text as a list of grapheme clusters (user-perceived characters). */
export function graphemes(text: string): string[] {
  if (segmenter) return [...segmenter.segment(text)].map((s) => s.segment);
  return [...text];
}

/** How many characters a reader sees in a name. */
export function nameLength(text: string): number {
  return graphemes(text).length;
}
