/** The session's pure rules (src/server/session/rules.ts): tasks, actions, round closing, auto-close. */
import { describe, expect, it } from 'vitest';
import type { View } from '../../src/engine';
import type { Ballot, Task } from '../../src/protocol/index';
import {
  actionFor,
  allVoted,
  decideRound,
  eligibleAtOpen,
  opensInDiscussion,
  revealOf,
  taskFor,
} from '../../src/server/session/rules';

const closeChoices = {
  forms: [{ form: 'outright-ask' as const, text: 'Ask for the job' }],
  deliveries: [{ delivery: 'firm' as const, text: 'Firmly' }],
  points: [],
  leverage: [],
  canCommit: false,
  commitText: '',
};

/** Only the fields taskFor reads. */
function view(over: Partial<Record<string, unknown>>): View {
  return {
    phase: 'interview',
    step: 4,
    node: { id: 'n4', discussion: [] },
    choices: [
      { id: 'a', text: 'Tell the story' },
      { id: 'b', text: 'Ask a question' },
    ],
    close: null,
    canContinue: false,
    followUp: null,
    negotiation: null,
    ...over,
  } as unknown as View;
}

const opt = (option: string): Ballot => ({ type: 'option', option });

describe('taskFor', () => {
  it('offers the node choices in order, then carry on and the close where a close is allowed', () => {
    expect(taskFor({ id: 't1', closing: false }, view({})).options.map((o) => o.id)).toEqual([
      'choice:a',
      'choice:b',
    ]);
    const t = taskFor({ id: 't1', closing: false }, view({ close: closeChoices, canContinue: true }));
    expect(t.kind).toBe('choose');
    expect(t.options.map((o) => o.id)).toEqual(['choice:a', 'choice:b', 'continue', 'close']);
    expect(t.step).toBe(4);
    expect(t.node).toBe('n4');
  });

  it('gives a team that voted to close a close ballot, and a node without choices no vote', () => {
    const closing = taskFor({ id: 't2', closing: true }, view({ close: closeChoices }));
    expect(closing.kind).toBe('close');
    expect(closing.close).toEqual(closeChoices);
    expect(taskFor({ id: 't2', closing: false }, view({ choices: [] })).kind).toBe('continue');
    const ended = taskFor({ id: 't2', closing: false }, view({ phase: 'ended', node: null, choices: [] }));
    expect(ended).toMatchObject({ kind: 'none', options: [], discussion: [] });
  });

  it('lists follow-up acts then letting go, and negotiation moves', () => {
    const f = taskFor(
      { id: 't1', closing: false },
      view({
        phase: 'follow-up',
        followUp: { acts: [{ id: 'email', label: 'Email' }], letGoText: 'Let it go' },
      }),
    );
    expect(f.options).toEqual([
      { id: 'persist:email', text: 'Email' },
      { id: 'let-go', text: 'Let it go' },
    ]);
    const n = taskFor(
      { id: 't1', closing: false },
      view({ phase: 'negotiation', negotiation: { moves: [{ id: 'ask', text: 'Ask for more' }] } }),
    );
    expect(n).toMatchObject({ kind: 'negotiate', options: [{ id: 'move:ask' }] });
  });
});

describe('actionFor', () => {
  const choose = taskFor({ id: 't1', closing: false }, view({ close: closeChoices, canContinue: true }));
  it('turns each option id into its engine action, and the close into none yet', () => {
    expect(actionFor(choose, opt('choice:b'))).toEqual({ type: 'choose', choice: 'b' });
    expect(actionFor(choose, opt('continue'))).toEqual({ type: 'continue' });
    expect(actionFor(choose, opt('close'))).toBeNull();
    expect(actionFor(choose, opt('let-go'))).toEqual({ type: 'let-go' });
    expect(actionFor(choose, opt('persist:call'))).toEqual({ type: 'persist', act: 'call' });
    expect(actionFor(choose, opt('move:hold'))).toEqual({ type: 'negotiate', move: 'hold' });
    expect(actionFor(choose, null)).toBeNull();
    const close: Ballot = {
      type: 'close',
      form: 'outright-ask',
      delivery: 'firm',
      points: [],
      leverage: null,
      commit: false,
    };
    expect(actionFor(choose, close)).toEqual({
      type: 'close',
      close: { form: 'outright-ask', delivery: 'firm', points: [], leverage: null, commit: false },
    });
    expect(actionFor({ ...choose, kind: 'continue' }, null)).toEqual({ type: 'continue' });
  });
});

describe('decideRound', () => {
  const a = taskFor({ id: 't1', closing: false }, view({ close: closeChoices, canContinue: true }));
  const b = taskFor({ id: 't2', closing: false }, view({ choices: [] }));
  const c = taskFor({ id: 't3', closing: false }, view({ phase: 'ended', node: null }));

  it('a team voting to close starts its close; a team without choices continues; an ended team does nothing', () => {
    const ballots: Record<string, Ballot[]> = { t1: [opt('close'), opt('close'), opt('choice:a')] };
    const [d1, d2, d3] = decideRound([a, b, c], (team) => ballots[team] ?? []);
    expect(d1).toMatchObject({ action: null, startsClose: true, result: { decidedBy: 'votes', votes: 3 } });
    expect(d1!.result.counts).toEqual({ 'choice:a': 1, 'choice:b': 0, continue: 0, close: 2 });
    expect(d2).toMatchObject({ action: { type: 'continue' }, result: { decidedBy: 'automatic' } });
    expect(d3).toMatchObject({ action: null, startsClose: false, result: { decidedBy: 'none' } });
  });

  it('a team with no votes takes the first option, and the reveal carries each team seq', () => {
    const decisions = decideRound([a, b], () => []);
    expect(decisions[0]).toMatchObject({
      action: { type: 'choose', choice: 'a' },
      result: { decidedBy: 'timeout-default' },
    });
    const reveal = revealOf(3, 'timer', decisions, new Map([['t1', 7]]));
    expect(reveal).toMatchObject({ round: 3, closedBy: 'timer' });
    expect(reveal.teams.map((t) => t.seq)).toEqual([7, null]);
  });
});

describe('allVoted', () => {
  const tasks: Task[] = [taskFor({ id: 't1', closing: false }, view({}))];
  const base = {
    autoClose: true,
    running: true,
    roundStatus: 'voting' as const,
    tasks,
    eligibleIds: { t1: ['p1', 'p2'] },
    votes: 1,
    counts: { voted: { t1: 1 }, eligible: { t1: 2 } },
  };
  it('closes only when every present eligible player voted, with the vote running and auto-close on', () => {
    expect(allVoted(base)).toBe(false);
    const all = { ...base, votes: 2, counts: { voted: { t1: 2 }, eligible: { t1: 2 } } };
    expect(allVoted(all)).toBe(true);
    expect(allVoted({ ...all, autoClose: false })).toBe(false);
    expect(allVoted({ ...all, roundStatus: 'paused' })).toBe(false);
    expect(allVoted({ ...all, running: false })).toBe(false);
  });
  it('a round whose phones all dropped before any vote does not close on defaults', () => {
    expect(allVoted({ ...base, votes: 0, counts: { voted: { t1: 0 }, eligible: { t1: 0 } } })).toBe(false);
    // Nobody eligible at all (everyone joined late): nothing to wait for.
    expect(
      allVoted({ ...base, votes: 0, eligibleIds: { t1: [] }, counts: { voted: {}, eligible: { t1: 0 } } }),
    ).toBe(true);
  });
});

describe('round opening', () => {
  it('makes the voting teams active members eligible and opens in discussion when a node has prompts', () => {
    const t1 = taskFor({ id: 't1', closing: false }, view({}));
    const t2 = taskFor({ id: 't2', closing: false }, view({ choices: [] }));
    expect(eligibleAtOpen([t1, t2], (team) => (team === 't1' ? [{ id: 'p1' }] : [{ id: 'p2' }]))).toEqual({
      t1: ['p1'],
    });
    expect(opensInDiscussion([t1, t2])).toBe(false);
    const talk = taskFor({ id: 't1', closing: false }, view({ node: { id: 'n', discussion: ['Why?'] } }));
    expect(opensInDiscussion([talk])).toBe(true);
  });
});
