/** Formatting of numbers and engine names for people. */

const MINUS = '\u2212';

/** A signed contribution in percentage points: "+12 pts", "−3 pts", "0 pts". */
export function formatPoints(points: number): string {
  if (!Number.isFinite(points)) return '0 pts';
  const r = Math.round(points);
  if (r === 0) return '0 pts';
  return `${r > 0 ? '+' : MINUS}${Math.abs(r)} pts`;
}

/** A chance 0–1 as a whole percentage: "62%". */
export function formatPercent(chance: number): string {
  if (!Number.isFinite(chance)) return '0%';
  return `${Math.round(Math.min(1, Math.max(0, chance)) * 100)}%`;
}

/** A salary: "£31,500" (falls back to "31,500 XYZ" for an unknown code). */
export function formatMoney(amount: number, currency: string): string {
  try {
    return new Intl.NumberFormat('en-GB', { style: 'currency', currency, maximumFractionDigits: 0 }).format(
      amount,
    );
  } catch {
    return `${Math.round(amount).toLocaleString('en-GB')} ${currency}`;
  }
}

const OUTCOMES: Record<string, string> = {
  'offer-now': 'An offer on the spot',
  'offer-later': 'An offer after the interview',
  'next-stage': 'Through to the next stage',
  shortlisted: 'On the shortlist',
  'no-decision': 'No decision yet',
  rejection: 'Turned down',
  withdrawn: 'You withdrew',
  'offer-rescinded': 'The offer was withdrawn',
};
export function outcomeLabel(outcome: string): string {
  return OUTCOMES[outcome] ?? titleCase(outcome);
}

const RESULTS: Record<string, string> = {
  ...OUTCOMES,
  holding: 'Still no, but the door is open',
  closed: 'The door is shut',
  concede: 'They give in',
  raise: 'They improve the offer',
  hold: 'They hold their offer',
  rescind: 'They withdraw the offer',
  agreed: 'Deal agreed',
};
export function resultLabel(result: string): string {
  return RESULTS[result] ?? titleCase(result);
}

export function difficultyLabel(d: string): string {
  return titleCase(d);
}

const STAGES: Record<string, string> = {
  'first-round': 'First-round interview',
  'second-round': 'Second-round interview',
  final: 'Final interview',
};
export function stageLabel(stage: string): string {
  return STAGES[stage] ?? titleCase(stage);
}

const NEXT: Record<string, string> = {
  'second-interview': 'a second interview',
  shortlist: 'the shortlist',
  'final-interview': 'a final interview',
  offer: 'an offer',
};
export function nextStageLabel(next: string): string {
  return NEXT[next] ?? next.replace(/-/g, ' ');
}

const FORMS: Record<string, string> = {
  'statement-of-intent': 'Statement of intent',
  'outright-ask': 'Outright ask',
  'next-stage': 'Ask for the next stage',
  shortlist: 'Ask to be shortlisted',
  tentative: 'Tentative question',
};
export function formLabel(form: string): string {
  return FORMS[form] ?? titleCase(form);
}

export function deliveryLabel(d: string): string {
  return titleCase(d);
}

/** "statement-of-intent" → "Statement of intent". */
export function titleCase(id: string): string {
  const s = id.replace(/[-_]/g, ' ').trim();
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** "3 of 5 candidates seen" style counts, with correct plurals. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** A score 0–100 as "72 / 100". */
export function formatScore(score: number): string {
  return `${Math.round(Math.min(100, Math.max(0, score)))} / 100`;
}

/**
 * The first words of a longer text, to name it where the whole does not fit (a close's supporting
 * point on the projector): its first sentence when that is short, else its first words and "…".
 */
export function firstWords(text: string, maxWords = 7): string {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const sentenceEnd = words.findIndex((w) => /[.!?]["”’)]*$/.test(w));
  if (sentenceEnd >= 0 && sentenceEnd < maxWords + 2) {
    return words
      .slice(0, sentenceEnd + 1)
      .join(' ')
      .replace(/[.!?]+(["”’)]*)$/, '$1');
  }
  if (words.length <= maxWords) return words.join(' ');
  return `${words
    .slice(0, maxWords)
    .join(' ')
    .replace(/[,;:—–-]+$/, '')}…`;
}
