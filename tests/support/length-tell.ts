/**
 * The length tell: how often the answer that helps most is also the longest one on offer.
 *
 * A decision is an interview node offering two or more answers, taken at the state on its most
 * likely path (as `npm run analyze -- --at NODE` does). Each answer is valued by the engine: the
 * answer is played, then the close the lesson teaches (its form, every delivery on offer, every
 * point the play has earned, no leverage, no promise) is put to the decision-maker straight after
 * it, and the value is the total score the model's outcomes give, weighted by their chances (the
 * way `closesAt` values a close). That value carries everything the answer changes: the
 * decision-maker's hidden state, the professionalism of the answer, the points it unlocks. The
 * answer with the highest value helps most. (A search of every path after each answer, the
 * analyzer's best-path value, does not finish on the larger scenarios.) The same figures report
 * the other surface tells: the best answer placed first in the file, carrying the most detail
 * (digits and punctuation that lists facts), or worded most politely.
 */
import { exploreNodes } from '../../src/engine/authoring/explore';
import { lessonOf, type Scenario } from '../../src/engine/format/schema';
import { availableChoices, type Compiled, compile } from '../../src/engine/runtime/compile';
import {
  closeOptions,
  expectedResolver,
  type Resolver,
  type State,
  step,
} from '../../src/engine/runtime/step';
import { scoreParts } from '../../src/engine/scoring';
import type { Action, Distribution } from '../../src/engine/types';

export interface Decision {
  node: string;
  /** Answers on offer, in file order, with their value and length. */
  answers: { id: string; text: string; value: number; length: number }[];
  best: string;
  /** True when the best answer is at least as long as every other answer. */
  longest: boolean;
  /** True when the answer that helps least is at least as long as every other (the tell turned round). */
  worstLongest: boolean;
  first: boolean;
  mostDetail: boolean;
  politest: boolean;
}

export interface TellReport {
  scenario: string;
  decisions: Decision[];
  /** Decisions whose two best answers are worth the same (left out of the figures). */
  ties: number;
  longest: number;
  worstLongest: number;
  first: number;
  mostDetail: number;
  politest: number;
}

const POLITE = /\b(please|thank|thanks|sorry|appreciate|grateful|kind|lovely)\b/gi;
const detailOf = (text: string) => (text.match(/[0-9,;:£%]/g) ?? []).length;
const politenessOf = (text: string) => (text.match(POLITE) ?? []).length;

/** Two answers closer in value than this (score points) are counted as a tie. */
const TIE = 0.05;

const totalAt = (compiled: Compiled, state: State): number => {
  const parts = scoreParts(compiled, state);
  return parts.dynamic + parts.fixed;
};

/** The score an action leads to, weighted over the chances of the model's first decision. */
function expectedAfter(compiled: Compiled, state: State, action: Action): number {
  let first: Distribution | null = null;
  let order: readonly string[] = [];
  const probe: Resolver = (distribution, o, draw) => {
    if (!first) {
      first = distribution;
      order = o;
    }
    return expectedResolver(distribution, o, draw);
  };
  const plain = step(compiled, state, action, probe, false).state;
  const dist = first as Distribution | null;
  if (!dist) return totalAt(compiled, plain);
  let value = 0;
  for (const key of order) {
    const p = dist[key as keyof Distribution] ?? 0;
    if (p <= 1e-9) continue;
    let call = 0;
    const forced: Resolver = (d, o, draw) => (call++ === 0 ? key : expectedResolver(d, o, draw));
    value += p * totalAt(compiled, step(compiled, state, action, forced, false).state);
  }
  return value;
}

/** The value of the state an answer leads to: the lesson's close put straight after it. */
function valueAfter(compiled: Compiled, state: State, form: string): number {
  if (state.phase !== 'interview') return totalAt(compiled, state);
  const offer = closeOptions(compiled, state);
  if (!offer) return totalAt(compiled, state);
  const forms = offer.forms.map((f) => f.form);
  const chosen = (forms.includes(form as never) ? form : forms[0]!) as (typeof forms)[number];
  const points = offer.points.map((p) => p.id);
  let sum = 0;
  for (const { delivery } of offer.deliveries) {
    const close = { form: chosen, delivery, points, leverage: null, commit: false };
    sum += expectedAfter(compiled, state, { type: 'close', close });
  }
  return sum / offer.deliveries.length;
}

export function lengthTell(scenario: Scenario): TellReport {
  const compiled = compile(scenario);
  // The same scenario with the close on offer at every node, to put the lesson's close anywhere.
  const open = compile({
    ...scenario,
    closing: { ...scenario.closing, allowed: 'anywhere' },
    nodes: scenario.nodes.map(({ closeAllowed: _c, ...n }) => n),
  } as Scenario);
  const lesson = lessonOf(scenario.meta);
  const form = lesson.form ?? scenario.closing.forms[0]!.form;
  const report = exploreNodes(scenario, { samples: 0 });
  const decisions: Decision[] = [];
  let ties = 0;
  for (const node of scenario.nodes) {
    const path = report.likely.get(node.id);
    if (!path) continue;
    const state = path.state;
    const choices = availableChoices(compiled.nodes.get(node.id)!, state.vars, state.hidden, compiled);
    if (choices.length < 2) continue;
    const answers = choices.map((ch) => {
      const next = step(compiled, state, { type: 'choose', choice: ch.id }, expectedResolver, false).state;
      return { id: ch.id, text: ch.text, value: valueAfter(open, next, form), length: ch.text.length };
    });
    const ranked = [...answers].sort((a, b) => b.value - a.value);
    if (ranked[0]!.value - ranked[1]!.value < TIE) {
      ties++;
      continue;
    }
    const best = ranked[0]!;
    const worst = ranked[ranked.length - 1]!;
    const others = answers.filter((a) => a !== best);
    decisions.push({
      node: node.id,
      answers,
      best: best.id,
      longest: others.every((a) => best.length >= a.length),
      worstLongest: answers.every((a) => worst.length >= a.length),
      first: answers[0] === best,
      mostDetail: others.every((a) => detailOf(best.text) > detailOf(a.text)),
      politest: others.every((a) => politenessOf(best.text) > politenessOf(a.text)),
    });
  }
  const count = (f: (d: Decision) => boolean) => decisions.filter(f).length;
  return {
    scenario: scenario.meta.id,
    decisions,
    ties,
    longest: count((d) => d.longest),
    worstLongest: count((d) => d.worstLongest),
    first: count((d) => d.first),
    mostDetail: count((d) => d.mostDetail),
    politest: count((d) => d.politest),
  };
}
