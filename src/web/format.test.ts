import { describe, expect, it } from 'vitest';
import {
  firstWords,
  formatMoney,
  formatPercent,
  formatPoints,
  formatScore,
  formLabel,
  outcomeLabel,
  plural,
  resultLabel,
  titleCase,
} from './format';

describe('formatPoints', () => {
  it('signs positive and negative contributions', () => {
    expect(formatPoints(12)).toBe('+12 pts');
    expect(formatPoints(-3.4)).toBe('\u22123 pts');
    expect(formatPoints(0.2)).toBe('0 pts');
    expect(formatPoints(Number.NaN)).toBe('0 pts');
  });
});

describe('formatPercent', () => {
  it('rounds and clamps', () => {
    expect(formatPercent(0.625)).toBe('63%');
    expect(formatPercent(1.4)).toBe('100%');
    expect(formatPercent(-1)).toBe('0%');
  });
});

describe('formatMoney', () => {
  it('formats a known currency', () => {
    expect(formatMoney(31500, 'GBP')).toBe('£31,500');
  });
  it('falls back for an unknown code', () => {
    expect(formatMoney(1000, 'XX')).toBe('1,000 XX');
  });
});

describe('labels', () => {
  it('names outcomes, results and forms', () => {
    expect(outcomeLabel('offer-now')).toBe('An offer on the spot');
    expect(resultLabel('raise')).toBe('They improve the offer');
    expect(formLabel('statement-of-intent')).toBe('Statement of intent');
    expect(titleCase('some-new-thing')).toBe('Some new thing');
    expect(outcomeLabel('mystery')).toBe('Mystery');
  });
  it('pluralises', () => {
    expect(plural(1, 'candidate')).toBe('1 candidate');
    expect(plural(3, 'candidate')).toBe('3 candidates');
  });
  it('clamps scores', () => {
    expect(formatScore(104)).toBe('100 / 100');
  });
});

describe('firstWords (a supporting point named on the projector, issue 19)', () => {
  it('gives a short first sentence whole, else the first words and an ellipsis', () => {
    expect(firstWords('Castle Hill renews in March. I’d be in all nine schools first.')).toBe(
      'Castle Hill renews in March',
    );
    expect(firstWords('I want to sell for a firm where the boss knows the customers by name.')).toBe(
      'I want to sell for a firm…',
    );
    expect(firstWords('I sell the service, not the price: next-day drop and more')).toBe(
      'I sell the service, not the price…',
    );
    expect(firstWords('Short one')).toBe('Short one');
  });
});
