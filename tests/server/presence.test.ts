/**
 * Scale-out presence, one room's tracker alone (src/server/cluster/presence.ts): how answers from
 * the other processes become the set of players connected elsewhere. No Redis: a fake link.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  type Answers,
  NODE_GONE_MS,
  type PresenceLink,
  PresenceTracker,
} from '../../src/server/cluster/presence';

const B = 'b'.repeat(16);
const C = 'c'.repeat(16);

function setup(unseen: string[] = []) {
  let clock = 0;
  const asked: ((a: Answers) => void)[] = [];
  const changes: (string[] | null)[] = [];
  const told: string[] = [];
  const failing: (string | null)[] = [];
  const link: PresenceLink = {
    ask: () => new Promise((resolve) => asked.push(resolve)),
    tell: (code) => told.push(code),
    failing: (why) => failing.push(why),
    forget: () => {},
    now: () => clock,
    log: () => {},
  };
  const tracker = new PresenceTracker('ACEFHJ', link, {
    onChange: (before) => changes.push(before ? [...before].sort() : null),
    unseen: () => unseen,
  });
  const players = () => [...(tracker.elsewhere ?? [])].sort();
  return {
    tracker,
    asked,
    changes,
    told,
    failing,
    players,
    advance: (ms: number) => {
      clock += ms;
    },
  };
}

describe('presence tracker (scale-out mode)', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('knows nothing before the first complete answer, then takes the union of the answers', () => {
    const t = setup();
    expect(t.tracker.elsewhere).toBeNull();
    // A process that did not answer may hold any phone: an incomplete first answer settles nothing.
    t.tracker.apply({ answers: [{ node: B, players: ['p1'] }], complete: false, why: 'timeout' });
    expect(t.tracker.elsewhere).toBeNull();
    expect(t.changes).toEqual([]);
    t.tracker.apply({
      answers: [
        { node: B, players: ['p1', 'p2'] },
        { node: C, players: ['p2', 'p3'] },
      ],
      complete: true,
    });
    expect(t.players()).toEqual(['p1', 'p2', 'p3']);
    expect(t.changes).toEqual([null]);
    t.tracker.dispose();
  });

  it('a process that answers without a player drops it at once; no change, no call', () => {
    const t = setup();
    t.tracker.apply({ answers: [{ node: B, players: ['p1', 'p2'] }], complete: true });
    t.tracker.apply({ answers: [{ node: B, players: ['p1', 'p2'] }], complete: true });
    expect(t.changes).toHaveLength(1);
    t.tracker.apply({ answers: [{ node: B, players: ['p1'] }], complete: true });
    expect(t.players()).toEqual(['p1']);
    expect(t.changes.at(-1)).toEqual(['p1', 'p2']);
    t.tracker.dispose();
  });

  it('a process missing from complete answers keeps its phones until NODE_GONE_MS, then loses them', () => {
    const t = setup();
    t.tracker.apply({
      answers: [
        { node: B, players: ['p1'] },
        { node: C, players: ['p2'] },
      ],
      complete: true,
    });
    // B stops answering (it died: Redis no longer counts it).
    t.tracker.apply({ answers: [{ node: C, players: ['p2'] }], complete: true });
    expect(t.players()).toEqual(['p1', 'p2']);
    t.advance(NODE_GONE_MS - 1);
    t.tracker.apply({ answers: [{ node: C, players: ['p2'] }], complete: true });
    expect(t.players()).toEqual(['p1', 'p2']);
    t.advance(1);
    t.tracker.apply({ answers: [], complete: true });
    expect(t.players()).toEqual(['p2']);
    t.tracker.dispose();
  });

  it('a process back in time keeps its phones; incomplete answers never drop a silent process', () => {
    const t = setup();
    t.tracker.apply({ answers: [{ node: B, players: ['p1'] }], complete: true });
    t.tracker.apply({ answers: [], complete: true });
    t.advance(NODE_GONE_MS - 1_000);
    t.tracker.apply({ answers: [{ node: B, players: ['p1'] }], complete: true });
    t.advance(NODE_GONE_MS);
    t.tracker.apply({ answers: [], complete: true });
    expect(t.players()).toEqual(['p1']);
    // Timed out (this process may hear nothing from Redis): answers that came count, silence does not.
    t.advance(NODE_GONE_MS * 3);
    t.tracker.apply({ answers: [{ node: C, players: ['p9'] }], complete: false });
    expect(t.players()).toEqual(['p1', 'p9']);
    t.tracker.dispose();
  });

  it('phones never seen here that the first answer does not name stay until NODE_GONE_MS, or until named', () => {
    // p1, p2, p3 joined through other processes; B (p1) answered, but C may not have been counted.
    const t = setup(['p1', 'p2', 'p3']);
    t.tracker.apply({ answers: [{ node: B, players: ['p1'] }], complete: true });
    expect(t.players()).toEqual(['p1', 'p2', 'p3']);
    // C answers for p2 (p3 still unclaimed); then C answers without p2: p2 has gone, at once.
    t.advance(1_000);
    t.tracker.apply({ answers: [{ node: C, players: ['p2'] }], complete: true });
    t.tracker.apply({ answers: [{ node: C, players: [] }], complete: true });
    expect(t.players()).toEqual(['p1', 'p3']);
    t.advance(NODE_GONE_MS);
    t.tracker.apply({ answers: [{ node: B, players: ['p1'] }], complete: true });
    expect(t.players()).toEqual(['p1']);
    t.tracker.dispose();
  });

  it('asks shortly after being made, one question at a time, once more for calls meanwhile', async () => {
    const t = setup();
    await vi.advanceTimersByTimeAsync(150);
    expect(t.asked).toHaveLength(1);
    t.tracker.soon();
    t.tracker.soon();
    await vi.advanceTimersByTimeAsync(150);
    expect(t.asked).toHaveLength(1); // the first is still out
    t.asked[0]!({ answers: [{ node: B, players: ['p1'] }], complete: true });
    await vi.advanceTimersByTimeAsync(150);
    expect(t.asked).toHaveLength(2);
    t.asked[1]!({ answers: [], complete: false, why: 'timeout' });
    await vi.advanceTimersByTimeAsync(0);
    expect(t.failing).toEqual([null, 'timeout']);
    expect(t.players()).toEqual(['p1']); // kept: the question failed
    t.tracker.changed();
    expect(t.told).toEqual(['ACEFHJ']);
    t.tracker.dispose();
    t.tracker.changed();
    expect(t.told).toEqual(['ACEFHJ']);
  });
});
