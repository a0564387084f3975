/**
 * The library never says what did not happen: endings, debriefs and replies that claim a fact
 * about the close or the follow-up (a promise to accept, a caught bluff, never asking, following
 * up, "not a penny more") are only used when it is true. Checked two ways: statically, each
 * claiming ending's condition must require the fact; and by random play, each text shown must
 * match the engine's record of what the player did.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type Action, type CloseSpec, type Condition, Playthrough, type Scenario } from '../../../src/engine';
import { createRandom } from '../../../src/engine/random';
import { loadScenario } from '../../support/lessons';

const FILES = readdirSync('scenarios')
  .filter((f) => /^\d\d-.*\.json$/.test(f))
  .map((f) => `scenarios/${f}`);

/** What actually happened, worked out from the action log and the responses (not from the variables). */
interface Truth {
  closeMade: boolean;
  form: string | null;
  committed: boolean;
  bluffExposed: boolean;
  leverage: 'none' | 'real' | 'bluff';
  persistActs: number;
  doorShut: boolean;
}

type Fact = (t: Truth) => boolean;
const ASKS = new Set(['statement-of-intent', 'outright-ask']);
const SOFT = new Set(['next-stage', 'shortlist', 'tentative']);

/** Claims a text can make, with what must be true for it. */
const CLAIMS: { name: string; pattern: RegExp; holds: Fact; conditionVars: Record<string, unknown>[] }[] = [
  {
    name: 'promised to accept',
    pattern:
      /(?<!never |no )promised (\w+ )?(in your close )?(that )?(you'd|to) (accept|say yes)|said yes before/i,
    holds: (t) => t.committed,
    conditionVars: [{ var: 'closeCommitted', equals: true }],
  },
  {
    name: 'never asked',
    pattern:
      /you never (told|asked|said)|you didn't ask|never heard you say|never said what you wanted|(leaving|left) without asking|without asking for it/i,
    holds: (t) => !t.closeMade,
    conditionVars: [{ var: 'closeMade', equals: false }],
  },
  {
    name: 'asked',
    pattern: /(^|\. )You (did )?asked?\b(?! for the offer in writing)|You asked for the job/,
    holds: (t) => t.closeMade,
    conditionVars: [
      { var: 'closeMade', equals: true },
      ...[...ASKS, ...SOFT].map((f) => ({ var: 'closeForm', equals: f })),
    ],
  },
  {
    name: 'asked for the job itself',
    pattern: /you asked for the job|asked for the job itself/i,
    holds: (t) => t.form !== null && ASKS.has(t.form),
    conditionVars: [...ASKS].map((f) => ({ var: 'closeForm', equals: f })),
  },
  {
    name: 'asked only for a next step',
    pattern: /You asked for (the next step|what this stage|what Claire)|asked for less than/i,
    holds: (t) => t.form !== null && SOFT.has(t.form),
    conditionVars: [...SOFT].map((f) => ({ var: 'closeForm', equals: f })),
  },
  {
    name: 'bluff caught',
    pattern: /saw through|caught out|wasn't real|knew it\b|caught inventing/i,
    holds: (t) => t.bluffExposed,
    conditionVars: [{ var: 'bluffExposed', equals: true }],
  },
  {
    name: 'bluffed',
    pattern: /the (Orrin|Coventry|Harrison's|locum) (offer|story)|It doesn't exist/i,
    holds: (t) => t.leverage === 'bluff',
    conditionVars: [
      { var: 'bluffExposed', equals: true },
      { var: 'closeLeverage', equals: 'bluff' },
    ],
  },
  {
    name: 'followed up',
    pattern:
      /your follow-up|you followed up|your following up|you kept (in touch|chasing|coming back)|your persistence|did follow up/i,
    holds: (t) => t.persistActs > 0,
    conditionVars: [
      { var: 'persistActs', atLeast: 1 },
      { var: 'doorShut', equals: true },
    ],
  },
  {
    name: 'real leverage',
    pattern: /The Brightmoor offer was real|lose you to Brightmoor/i,
    holds: (t) => t.leverage === 'real',
    conditionVars: [{ var: 'closeLeverage', equals: 'real' }],
  },
];

/** True when the condition can only hold if one of `required` holds (a conjunct or every disjunct). */
function requires(c: Condition | undefined, required: Record<string, unknown>[]): boolean {
  if (!c) return false;
  if ('all' in c) return c.all.some((x) => requires(x, required));
  if ('any' in c) return c.any.every((x) => requires(x, required));
  if ('not' in c) return false;
  return required.some((r) => Object.entries(r).every(([k, v]) => (c as Record<string, unknown>)[k] === v));
}

function truthOf(play: Playthrough, scenario: Scenario): Truth {
  const closeAction = play.actions.find((a): a is Extract<Action, { type: 'close' }> => a.type === 'close');
  const close = closeAction?.close;
  const option = close?.leverage
    ? scenario.candidate.otherOptions.find((o) => o.id === close.leverage)
    : undefined;
  const responses = play.responses();
  const last = responses.at(-1);
  return {
    closeMade: close !== undefined,
    form: close?.form ?? null,
    committed: close?.commit === true && ASKS.has(close.form),
    bluffExposed: responses.some((r) => r.bluffExposed === true),
    leverage: option ? (option.real ? 'real' : 'bluff') : 'none',
    persistActs: play.actions.filter((a) => a.type === 'persist').length,
    doorShut: last?.kind === 'persistence' && last.result === 'closed',
  };
}

const pick = <T>(xs: readonly T[], r: () => number): T => xs[Math.floor(r() * xs.length)]!;

/** A random but legal playthrough; closes with a random composition at a random moment. */
function randomPlay(scenario: Scenario, seed: number): Playthrough {
  const r = createRandom(seed);
  const play = Playthrough.start(scenario, { seed, mode: 'realistic' });
  for (let i = 0; i < 200; i++) {
    const v = play.view();
    if (v.phase === 'ended') break;
    if (v.phase === 'interview') {
      if (v.close && r() < 0.25) {
        const close: CloseSpec = {
          form: pick(v.close.forms, r).form,
          delivery: pick(v.close.deliveries, r).delivery,
          points: v.close.points.filter(() => r() < 0.5).map((p) => p.id),
          leverage: v.close.leverage.length > 0 && r() < 0.5 ? pick(v.close.leverage, r).id : null,
          commit: v.close.canCommit && r() < 0.4,
        };
        play.act({ type: 'close', close });
      } else if (v.choices.length > 0) play.act({ type: 'choose', choice: pick(v.choices, r).id });
      else play.act({ type: 'continue' });
    } else if (v.phase === 'follow-up') {
      if (r() < 0.25) play.act({ type: 'let-go' });
      else play.act({ type: 'persist', act: pick(v.followUp!.acts, r).id });
    } else if (v.phase === 'negotiation') {
      play.act({ type: 'negotiate', move: pick(v.negotiation!.moves, r).id });
    }
  }
  return play;
}

describe('the library says only what happened', () => {
  for (const file of FILES) {
    const scenario = loadScenario(file);

    it(`${file}: every ending that claims a fact about the close or follow-up requires it in its condition`, () => {
      const wrong: string[] = [];
      for (const [i, e] of scenario.endings.entries()) {
        // What reaching this ending implies: its own condition, the outcome (an offer on the
        // spot needs a close) and the negation of earlier same-outcome endings that test one flag.
        const implied: Condition[] = e.condition ? [e.condition] : [];
        if (e.outcome === 'offer-now') implied.push({ var: 'closeMade', equals: true });
        for (const earlier of scenario.endings.slice(0, i)) {
          const c = earlier.condition;
          if (earlier.outcome === e.outcome && c && 'var' in c && typeof c.equals === 'boolean')
            implied.push({ var: c.var, equals: !c.equals });
        }
        const effective: Condition | undefined = implied.length > 0 ? { all: implied } : undefined;
        for (const claim of CLAIMS) {
          const text = `${e.title}. ${e.debrief}`;
          if (claim.pattern.test(text) && !requires(effective, claim.conditionVars))
            wrong.push(
              `${e.id}: says "${text.match(claim.pattern)![0]}" (${claim.name}) without requiring it`,
            );
        }
      }
      expect(wrong).toEqual([]);
    });

    it(`${file}: in random play, no ending, reply or coaching claims what the player did not do`, () => {
      const wrong = new Set<string>();
      let ended = 0;
      const followUpActs = new Set(scenario.followUp?.acts.map((a) => a.id) ?? []);
      const runs = 80;
      for (let seed = 1; seed <= runs; seed++) {
        const play = randomPlay(scenario, seed * 7919);
        if (play.view().phase !== 'ended') continue;
        ended++;
        const t = truthOf(play, scenario);
        const d = play.debrief();
        // The debrief's record agrees with what happened (the Debrief screen reads it).
        expect(d.record).toMatchObject({
          closeMade: t.closeMade,
          closeCommitted: t.committed,
          bluffExposed: t.bluffExposed,
          closeLeverage: t.leverage,
          persistActs: t.persistActs,
        });
        const texts = [
          `ending ${d.ending.id}: ${d.ending.title}. ${d.ending.debrief}`,
          // Coaching on the follow-up (interview answers are coached on what they said, not on the close).
          ...d.coaching
            .filter((k) => k.choice === 'let-go' || followUpActs.has(k.choice))
            .map((k) => `coaching on ${k.choice}: ${k.text}`),
        ];
        for (const text of texts) {
          for (const claim of CLAIMS) {
            if (claim.pattern.test(text) && !claim.holds(t))
              wrong.add(`${claim.name} — ${text.slice(0, 140)}`);
          }
        }
        // Replies: "not a penny more" only when the offer is at the top of the band (and then it holds).
        let atMaxSaid = false;
        for (const r of d.responses) {
          const words = r.lines.map((l) => l.text).join(' ');
          if (r.kind === 'negotiation' && atMaxSaid)
            expect(r.result, 'after "not a penny more"').not.toBe('raise');
          if (/not a penny more|top of (the|what)|whole budget|everything the budget/i.test(words))
            atMaxSaid = true;
        }
      }
      expect(ended).toBeGreaterThan(runs / 2);
      expect([...wrong]).toEqual([]);
    });
  }

  it('"As your only question" is not said of a question that may not be the only one', () => {
    for (const file of FILES) {
      const scenario = loadScenario(file);
      for (const n of scenario.nodes) {
        for (const c of n.choices)
          expect(c.feedback ?? '', `${file} ${c.id}`).not.toMatch(/as your only question/i);
      }
    }
  });
});
