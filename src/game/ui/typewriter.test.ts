import { describe, expect, it } from 'vitest';
import { babbleDue, babbleEvery, typedText, typingDuration, visibleChars } from './typewriter';

describe('typewriter', () => {
  it('starts empty and grows with time', () => {
    expect(visibleChars(100, 0, 50)).toBe(0);
    expect(visibleChars(100, 100, 50)).toBe(5);
    expect(visibleChars(100, 1000, 50)).toBe(50);
  });
  it('stops at the end of the line', () => {
    expect(visibleChars(10, 10_000, 50)).toBe(10);
  });
  it('shows everything at once for a non-positive speed', () => {
    expect(visibleChars(10, 0, 0)).toBe(10);
  });
  it('tolerates negative time', () => {
    expect(visibleChars(10, -50, 50)).toBe(0);
  });
  it('knows how long a line takes', () => {
    expect(typingDuration(45, 45)).toBe(1000);
    expect(typingDuration(0, 45)).toBe(0);
  });
  it('babbles once per group of characters', () => {
    expect(babbleDue(0, 1, 5)).toBe(true);
    expect(babbleDue(1, 4, 5)).toBe(false);
    expect(babbleDue(4, 5, 5)).toBe(true);
    expect(babbleDue(5, 5, 5)).toBe(false);
  });
  it('babbles more often for a faster voice', () => {
    expect(babbleEvery(2)).toBeLessThan(babbleEvery(0.5));
    expect(babbleEvery(Number.NaN)).toBe(babbleEvery(1));
  });
  it('does not split an emoji', () => {
    expect(typedText('a😀b', 2)).toBe('a😀');
  });
});
