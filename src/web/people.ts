/**
 * Who is who in a scenario, for every page: the lead decision-maker is the engine's own
 * (`compile(scenario).lead`, the one who answers the close), and a speaker id is named the way the
 * engine names it in a playthrough's history.
 */
import { compile, type Scenario } from '../engine';

export type DecisionMaker = Scenario['decisionMakers'][number];

/** The decision-maker whose answer to a close matters, as the engine decides it. */
export function leadOf(scenario: Scenario): DecisionMaker {
  return scenario.decisionMakers[compile(scenario).lead]!;
}

/** The name shown for a speaker id: the candidate's name, nothing for the narrator, a decision-maker's name. */
export function speakerName(scenario: Scenario, speaker: string): string {
  if (speaker === 'candidate') return scenario.candidate.name;
  if (speaker === 'narrator') return '';
  return scenario.decisionMakers.find((d) => d.id === speaker)?.name ?? speaker;
}
