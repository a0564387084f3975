/**
 * The close is said as one speech made of parts the author wrote apart (supporting points, an
 * option, the ask, the promise to accept). Each part is made a sentence of its own when it is
 * joined: a capital first letter and closing punctuation, so "your shops reorder every month"
 * followed by "I want this job" is said as two sentences, not one run-on.
 */

/** Quotes and brackets that may follow a sentence's closing punctuation. */
const CLOSERS = /["'”’)\]]+$/u;
const OPENERS = /^["'“‘([]+/u;
const TERMINAL = /[.!?…]$/u;

/** Whether a part has no closing punctuation (ignoring quotes and brackets after it). */
function unfinished(text: string): boolean {
  return !TERMINAL.test(text.replace(CLOSERS, ''));
}

/** Whether a part starts with a lower-case letter (after any opening quote or bracket). */
function lowerStart(text: string): boolean {
  const first = text.replace(OPENERS, '').charAt(0);
  return first !== first.toUpperCase() && first === first.toLowerCase();
}

/** A part as a sentence: trimmed, first letter a capital, a full stop added when none ends it. */
export function asSentence(part: string): string {
  const text = part.trim();
  if (text === '') return '';
  const lead = OPENERS.exec(text)?.[0] ?? '';
  const body = text.slice(lead.length);
  const capital = lead + body.charAt(0).toUpperCase() + body.slice(1);
  return unfinished(capital) ? `${capital}.` : capital;
}

/** The parts said one after another, each as a sentence. */
export function joinSentences(parts: readonly string[]): string {
  return parts
    .map(asSentence)
    .filter((p) => p !== '')
    .join(' ');
}

/** Why a part reads as a fragment on its own, or null when it reads as a sentence. */
export function fragmentReason(part: string): string | null {
  const text = part.trim();
  if (text === '') return null;
  const reasons = [
    lowerStart(text) ? 'starts with a lower-case letter' : '',
    unfinished(text) ? 'has no closing punctuation' : '',
  ].filter(Boolean);
  return reasons.length ? reasons.join(' and ') : null;
}
