import { describe, expect, it } from 'vitest';
import type { View } from '../../engine';
import { ledTo, screenFor } from './route';

const response = { kind: 'close' } as unknown as View['response'];

describe('screenFor', () => {
  it('shows an unseen response first', () => {
    expect(screenFor({ phase: 'negotiation', response, step: 4 }, 3)).toBe('Response');
  });
  it('goes by phase once the response was seen', () => {
    expect(screenFor({ phase: 'negotiation', response, step: 4 }, 4)).toBe('Negotiation');
    expect(screenFor({ phase: 'follow-up', response: null, step: 4 }, 0)).toBe('FollowUp');
    expect(screenFor({ phase: 'interview', response: null, step: 0 }, -1)).toBe('Interview');
    expect(screenFor({ phase: 'ended', response: null, step: 9 }, 9)).toBe('Debrief');
  });
});

describe('ledTo', () => {
  it('names the follow-up day', () => {
    const followUp = { day: 1, days: 3 } as View['followUp'];
    expect(ledTo({ phase: 'follow-up', followUp, negotiation: null })).toContain('day 1 of 3');
  });
  it('says when it is over', () => {
    expect(ledTo({ phase: 'ended', followUp: null, negotiation: null })).toBe('That settles it.');
  });
});
