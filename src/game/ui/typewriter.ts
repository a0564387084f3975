/** Pure stepping for the typewriter effect: how much of a line shows after some time. */

export const DEFAULT_CHARS_PER_SECOND = 45;

/** Characters visible after `elapsedMs`; never more than the text, never negative. */
export function visibleChars(
  textLength: number,
  elapsedMs: number,
  charsPerSecond = DEFAULT_CHARS_PER_SECOND,
): number {
  if (textLength <= 0) return 0;
  if (!Number.isFinite(charsPerSecond) || charsPerSecond <= 0) return textLength;
  const n = Math.floor((Math.max(0, elapsedMs) * charsPerSecond) / 1000);
  return Math.min(textLength, n);
}

/** How long a whole line takes to type. */
export function typingDuration(textLength: number, charsPerSecond = DEFAULT_CHARS_PER_SECOND): number {
  if (textLength <= 0 || charsPerSecond <= 0) return 0;
  return Math.ceil((textLength * 1000) / charsPerSecond);
}

/**
 * Whether a voice babble syllable is due when the typed count goes from `before` to `after`:
 * one syllable every `every` characters, so a faster voice rate babbles more often.
 */
export function babbleDue(before: number, after: number, every: number): boolean {
  if (after <= before || every <= 0) return false;
  return Math.floor(after / every) > Math.floor(before / every) || before === 0;
}

/** Characters per syllable for a voice rate (0.5–2): a slow deep voice babbles less often. */
export function babbleEvery(rate: number): number {
  const r = Math.min(2, Math.max(0.5, Number.isFinite(rate) ? rate : 1));
  return Math.max(3, Math.round(7 / r));
}

/** The text shown so far, cut at a character boundary (no split surrogate pairs). */
export function typedText(text: string, count: number): string {
  return Array.from(text).slice(0, Math.max(0, count)).join('');
}
