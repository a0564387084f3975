/**
 * Engine-set, read-only variables: the runtime's record of the close and of the follow-up.
 *
 * Conditions may read them (so an ending, a debrief or a reply can say only what happened);
 * no choice may set them. The runtime writes them (see `runtime/record.ts`); the validator knows
 * them (reading one is never an "unset variable", setting one is an error); the schema lists
 * them with these descriptions.
 */

export type EngineVarValue = string | number | boolean;

export interface EngineVar {
  name: string;
  type: 'boolean' | 'string' | 'number';
  /** The value before the engine has anything to record. */
  initial: EngineVarValue;
  /** For strings: every value the engine may set. */
  values?: readonly string[];
  description: string;
}

export const CLOSE_MOMENTS = ['opening', 'middle', 'closing', 'after'] as const;
export const LEVERAGE_USED = ['none', 'real', 'bluff'] as const;

/** The contract names (shared with the model, player and author work): never rename one. */
export const ENGINE_VARS: readonly EngineVar[] = [
  {
    name: 'closeMade',
    type: 'boolean',
    initial: false,
    description: 'True once the candidate has closed (asked, in any form) during the interview.',
  },
  {
    name: 'closeForm',
    type: 'string',
    initial: 'none',
    values: ['none', 'statement-of-intent', 'outright-ask', 'next-stage', 'shortlist', 'tentative'],
    description:
      'The form of the close the candidate made (e.g. "statement-of-intent", "next-stage"), or "none" when they never closed.',
  },
  {
    name: 'closeDelivery',
    type: 'string',
    initial: 'none',
    values: ['none', 'firm', 'tentative', 'pushy', 'desperate'],
    description:
      'How the close was said: "firm", "tentative", "pushy" or "desperate"; "none" without a close.',
  },
  {
    name: 'closePoints',
    type: 'number',
    initial: 0,
    description:
      'How many supporting points (why this organisation, reasons) the close used; 0 without a close.',
  },
  {
    name: 'closeLeverage',
    type: 'string',
    initial: 'none',
    values: LEVERAGE_USED,
    description:
      'Leverage the close cited: "none", "real" (an option the candidate has) or "bluff" (one they invented).',
  },
  {
    name: 'closeCommitted',
    type: 'boolean',
    initial: false,
    description:
      'True when the close promised to accept an offer on the spot (the commitment was said, with a form that asks for the job).',
  },
  {
    name: 'bluffExposed',
    type: 'boolean',
    initial: false,
    description: 'True when the decision-maker saw through a bluffed option the candidate cited.',
  },
  {
    name: 'closeMoment',
    type: 'string',
    initial: 'after',
    values: CLOSE_MOMENTS,
    description:
      'When the close was made: the "opening", "middle" or "closing" minutes of the interview, or "after" when no close was made in it (the decision came after the interview).',
  },
  {
    name: 'persistActs',
    type: 'number',
    initial: 0,
    description:
      'How many acts of persistence (emails, calls, visits, turning up) the candidate made after the interview.',
  },
  {
    name: 'saidNo',
    type: 'boolean',
    initial: false,
    description:
      'True once the decision-maker has said no (a rejection after the close or the interview). A follow-up reply that says "still no" should require it.',
  },
  {
    name: 'doorShut',
    type: 'boolean',
    initial: false,
    description: 'True when persistence went too far and the decision-maker shut the door for good.',
  },
  {
    name: 'negotiationRound',
    type: 'number',
    initial: 0,
    description:
      'How many counter-offers the candidate has made in the salary negotiation (a reply to the first counter sees 1).',
  },
  {
    name: 'offerAtMax',
    type: 'boolean',
    initial: false,
    description:
      'True when the offer on the table is the most the decision-maker can pay (the top of their band).',
  },
];

export const ENGINE_VAR_NAMES: ReadonlySet<string> = new Set(ENGINE_VARS.map((v) => v.name));

export const engineVar = (name: string): EngineVar | undefined => ENGINE_VARS.find((v) => v.name === name);

/** The engine variables' starting values, as a fresh object. */
export function initialEngineVars(): Record<string, EngineVarValue> {
  const out: Record<string, EngineVarValue> = {};
  for (const v of ENGINE_VARS) out[v.name] = v.initial;
  return out;
}

/** One paragraph for the schema: every engine variable with its description. */
export function engineVarsDoc(): string {
  return ENGINE_VARS.map((v) => `${v.name} (${v.type}): ${v.description}`).join(' ');
}
