/**
 * The debrief is told from the play. Every library scenario is played along many random paths;
 * in each, no sentence of the ending, coaching or negotiation refers to a node, answer or act
 * that was not in the play, the headline's verdict matches the sign of the timing factors, and
 * the negotiation is told move by move. What happened is worked out here from the views and the
 * action log, not from the engine's own bookkeeping.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type CloseSpec, Playthrough, type Refers, type Scenario } from '../../../src/engine';
import { createRandom } from '../../../src/engine/random';
import { loadScenario } from '../../support/lessons';

const FILES = readdirSync('scenarios')
  .filter((f) => /^\d\d-.*\.json$/.test(f))
  .map((f) => `scenarios/${f}`);

interface Seen {
  visited: Set<string>;
  answered: Set<string>;
  acts: Set<string>;
  moves: string[];
  closed: boolean;
  closeMoment: string | null;
}

const pick = <T>(xs: readonly T[], r: () => number): T => xs[Math.floor(r() * xs.length)]!;

/** A random legal play, noting from each view what the player saw and did. */
function randomPlay(scenario: Scenario, seed: number): { play: Playthrough; seen: Seen } {
  const r = createRandom(seed);
  const play = Playthrough.start(scenario, { seed, mode: r() < 0.5 ? 'realistic' : 'expected' });
  const seen: Seen = {
    visited: new Set(),
    answered: new Set(),
    acts: new Set(),
    moves: [],
    closed: false,
    closeMoment: null,
  };
  for (let i = 0; i < 200; i++) {
    const v = play.view();
    if (v.phase === 'ended') break;
    if (v.phase === 'interview') {
      seen.visited.add(v.node!.id);
      if (v.close && r() < 0.2) {
        const close: CloseSpec = {
          form: pick(v.close.forms, r).form,
          delivery: pick(v.close.deliveries, r).delivery,
          points: v.close.points.filter(() => r() < 0.5).map((p) => p.id),
          leverage: v.close.leverage.length > 0 && r() < 0.3 ? pick(v.close.leverage, r).id : null,
          commit: v.close.canCommit && r() < 0.4,
        };
        seen.closed = true;
        seen.closeMoment = v.node!.moment;
        play.act({ type: 'close', close });
      } else if (v.choices.length > 0) {
        const c = pick(v.choices, r).id;
        seen.answered.add(c);
        play.act({ type: 'choose', choice: c });
      } else play.act({ type: 'continue' });
    } else if (v.phase === 'follow-up') {
      if (r() < 0.25) play.act({ type: 'let-go' });
      else {
        const a = pick(v.followUp!.acts, r).id;
        seen.acts.add(a);
        play.act({ type: 'persist', act: a });
      }
    } else if (v.phase === 'negotiation') {
      const m = pick(v.negotiation!.moves, r).id;
      seen.moves.push(m);
      play.act({ type: 'negotiate', move: m });
    }
  }
  return { play, seen };
}

function holds(refers: Refers | undefined, s: Seen): boolean {
  if (!refers) return true;
  const every = (ids: string[] | undefined, set: Set<string>) => (ids ?? []).every((x) => set.has(x));
  const none = (ids: string[] | undefined, set: Set<string>) => (ids ?? []).every((x) => !set.has(x));
  return (
    every(refers.visited, s.visited) &&
    every(refers.answered, s.answered) &&
    every(refers.acts, s.acts) &&
    every(refers.moves, new Set(s.moves)) &&
    none(refers.notVisited, s.visited) &&
    none(refers.notAnswered, s.answered) &&
    (refers.closed === undefined || refers.closed === s.closed) &&
    (refers.followedUp === undefined || refers.followedUp === s.acts.size > 0)
  );
}

/** Claims the library's text makes about the play, with what must be true for them. */
const CLAIMS: { pattern: RegExp; holds: (s: Seen, verdict: string) => boolean; name: string }[] = [
  {
    name: 'a well-timed ask',
    pattern: /(asked|wanted the job)[^.]*at the right moment/i,
    holds: (s, verdict) => s.closed && verdict === 'well-timed',
  },
  { name: 'no follow-up', pattern: /without hearing from you again/i, holds: (s) => s.acts.size === 0 },
  {
    name: 'the accounts and the toner call',
    pattern: /answers about Gary's accounts and the toner call/i,
    holds: (s) => s.visited.has('gary-patch') && s.visited.has('toner-question'),
  },
  {
    name: 'asked only about pay',
    pattern: /asked only about pay/i,
    holds: (s) => s.answered.has('ask-commission'),
  },
];

describe('the debrief is told from the play', () => {
  for (const file of FILES) {
    const scenario = loadScenario(file);
    const choiceRefers = new Map<string, Refers | undefined>();
    for (const n of scenario.nodes) for (const c of n.choices) choiceRefers.set(c.id, c.feedbackRefers);

    it(`${file}: along random paths, every debrief sentence refers only to what was played`, () => {
      const wrong = new Set<string>();
      let ended = 0;
      let negotiated = 0;
      for (let seed = 1; seed <= 120; seed++) {
        const { play, seen } = randomPlay(scenario, seed * 104729);
        if (play.view().phase !== 'ended') continue;
        ended++;
        const d = play.debrief();
        // The headline's verdict follows the sign of the timing factors of the decisive answer:
        // the moment, a premature ask, and a close before the first answer.
        const timing = (d.decisive?.kind === 'close' ? d.decisive.factors : [])
          .filter((f) => f.id === 'moment' || f.id === 'premature' || f.id === 'first-minute')
          .reduce((a, f) => a + f.points, 0);
        const expected =
          !seen.closed || d.decisive?.kind !== 'close' ? 'no-close' : timing < -0.5 ? 'early' : 'well-timed';
        if (d.headline.verdict !== expected)
          wrong.add(`headline ${d.headline.verdict}, timing ${timing.toFixed(1)}`);
        // The ending's sentences: each is the ending's own, and each one that refers to the play holds.
        const own = new Map((d.ending.debriefLines ?? []).map((l) => [l.text, l.refers] as const));
        for (const text of d.story) {
          if (text !== d.ending.debrief && !own.has(text)) wrong.add(`story not from the ending: ${text}`);
          if (!holds(own.get(text), seen)) wrong.add(`ending ${d.ending.id} says "${text.slice(0, 80)}"`);
        }
        // Coaching: only on answers given and acts taken, and only what its references allow.
        for (const k of d.coaching) {
          if (k.choice !== 'let-go' && !seen.answered.has(k.choice) && !seen.acts.has(k.choice))
            wrong.add(`coaching on ${k.choice}, never chosen`);
          if (choiceRefers.has(k.choice) && !holds(choiceRefers.get(k.choice), seen))
            wrong.add(`coaching on ${k.choice}: ${k.text.slice(0, 80)}`);
        }
        for (const text of [...d.story, ...d.coaching.map((k) => k.text), d.headline.text]) {
          for (const c of CLAIMS)
            if (c.pattern.test(text) && !c.holds(seen, d.headline.verdict))
              wrong.add(`${c.name}: ${text.slice(0, 90)}`);
        }
        // The negotiation is told move by move: one sentence a move, and none without one.
        const promise = d.negotiation.filter((l) => l.startsWith('Promising to accept')).length;
        if (d.negotiation.length - promise !== seen.moves.length)
          wrong.add(`${seen.moves.length} negotiation moves, ${d.negotiation.length - promise} sentences`);
        if (seen.moves.length > 0) negotiated++;
      }
      expect(ended).toBeGreaterThan(60);
      if (scenario.negotiation) expect(negotiated).toBeGreaterThan(0);
      expect([...wrong]).toEqual([]);
    });
  }
});
