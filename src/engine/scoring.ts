import type { OutcomeName } from './format/schema';
import { clamp } from './model/decision';
import type { Compiled } from './runtime/compile';
import type { State } from './runtime/step';
import type { Score, ScoreDimension } from './types';

/** How good each outcome is for the candidate, 0–100 (authored assumption). */
export const OUTCOME_VALUE: Record<OutcomeName, number> = {
  'offer-now': 100,
  'offer-later': 92,
  'next-stage': 72,
  shortlisted: 68,
  'no-decision': 35,
  withdrawn: 20,
  rejection: 10,
  'offer-rescinded': 5,
};

const WEIGHTS = { outcome: 0.4, terms: 0.15, timing: 0.2, professionalism: 0.15, relationship: 0.1 };

/** The parts of the total: `fixed` is settled when the interview ends (timing and professionalism). */
export function scoreParts(compiled: Compiled, state: State): { dynamic: number; fixed: number } {
  const scenario = compiled.scenario;
  const dm = scenario.decisionMakers[compiled.lead]!;
  const h = state.hidden[compiled.lead]!;
  const outcome = state.result ? OUTCOME_VALUE[state.result] : 0;
  let terms = 50;
  if (state.salary !== null) {
    const target = Math.min(scenario.candidate.targetSalary, dm.salary.max);
    const span = Math.max(1, target - dm.salary.min);
    terms = Math.round(clamp((state.salary - dm.salary.min) / span) * 100);
  }
  const relationship = Math.round(
    clamp(0.5 * (1 - h.irritation) + 0.3 * h.rapport + 0.2 * h.keenness) * (state.doorClosed ? 40 : 100),
  );
  const timing = state.close ? state.close.timing : 30;
  return {
    dynamic: outcome * WEIGHTS.outcome + terms * WEIGHTS.terms + relationship * WEIGHTS.relationship,
    fixed: timing * WEIGHTS.timing + Math.round(state.professionalism) * WEIGHTS.professionalism,
  };
}

export const totalOf = (dynamic: number, fixed: number): number => clamp(Math.round(dynamic + fixed), 0, 100);

/** The score of a finished (or, provisionally, unfinished) playthrough. Always within 0–100. */
export function scoreState(compiled: Compiled, state: State): Score {
  const scenario = compiled.scenario;
  const dm = scenario.decisionMakers[compiled.lead]!;
  const h = state.hidden[compiled.lead]!;
  const outcome = state.result ? OUTCOME_VALUE[state.result] : 0;
  let terms = 50;
  let termsNote = 'No salary was agreed, so terms count as neutral.';
  if (state.salary !== null) {
    const target = Math.min(scenario.candidate.targetSalary, dm.salary.max);
    const span = Math.max(1, target - dm.salary.min);
    terms = Math.round(clamp((state.salary - dm.salary.min) / span) * 100);
    termsNote = `${dm.salary.currency} ${state.salary.toLocaleString('en-GB')} against a target of ${scenario.candidate.targetSalary.toLocaleString('en-GB')}.`;
  }
  const timing = state.close ? state.close.timing : 30;
  const relationship = Math.round(
    clamp(0.5 * (1 - h.irritation) + 0.3 * h.rapport + 0.2 * h.keenness) * (state.doorClosed ? 40 : 100),
  );
  const dims: ScoreDimension[] = [
    {
      id: 'outcome',
      label: 'Outcome',
      value: outcome,
      weight: WEIGHTS.outcome,
      note: state.result ? `The result: ${state.result.replace('-', ' ')}.` : 'Not finished.',
    },
    { id: 'terms', label: 'Terms of the offer', value: terms, weight: WEIGHTS.terms, note: termsNote },
    {
      id: 'timing',
      label: 'Timing judgement',
      value: timing,
      weight: WEIGHTS.timing,
      note: state.close
        ? 'How well the moment and the form of your close fitted the process.'
        : 'You never asked: the decision was left to them.',
    },
    {
      id: 'professionalism',
      label: 'Professionalism',
      value: Math.round(state.professionalism),
      weight: WEIGHTS.professionalism,
      note: 'Your answers, your delivery and your honesty.',
    },
    {
      id: 'relationship',
      label: 'Relationship',
      value: relationship,
      weight: WEIGHTS.relationship,
      note: state.doorClosed ? 'You pushed until they shut the door.' : 'How they feel about you now.',
    },
  ];
  const parts = scoreParts(compiled, state);
  return { dimensions: dims, total: totalOf(parts.dynamic, parts.fixed) };
}
