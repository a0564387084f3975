/** Number keys 1–9 pick the first nine choices; returns the choice index or null. */
export function choiceIndexForKey(key: string, choiceCount: number): number | null {
  if (!/^[1-9]$/.test(key)) return null;
  const index = Number(key) - 1;
  return index < choiceCount ? index : null;
}

/** The key hint shown beside a choice, for the first nine. */
export function keyHintFor(index: number): string | null {
  return index >= 0 && index < 9 ? String(index + 1) : null;
}

/** Keys that complete a line still being typed. */
export function completesTyping(key: string): boolean {
  return key === ' ' || key === 'Enter' || /^[1-9]$/.test(key);
}
