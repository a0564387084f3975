/**
 * The engine's public types: what a caller (a Phaser scene, a command-line tool, a test,
 * a session server) sends in and reads back. See `src/engine/README.md` for examples.
 */
import type {
  CloseFormName,
  DeliveryName,
  Ending,
  ExpressionName,
  HiddenKey,
  Line,
  LineKindName,
  OutcomeName,
} from './format/schema';

/** How chances become outcomes: `expected` is deterministic (fair for groups), `realistic` samples the seed. */
export type Mode = 'expected' | 'realistic';

/** What the player builds on the Close screen. */
export interface CloseSpec {
  form: CloseFormName;
  delivery: DeliveryName;
  /** Ids of supporting points from `closing.points`. */
  points: string[];
  /** Id of an option from `candidate.otherOptions`, or null for none. */
  leverage: string | null;
  /** True when the candidate commits to accept an offer on the spot. */
  commit: boolean;
}

export type Action =
  | { type: 'choose'; choice: string }
  | { type: 'continue' }
  | { type: 'close'; close: CloseSpec }
  | { type: 'persist'; act: string }
  | { type: 'let-go' }
  | { type: 'negotiate'; move: string };

export type HiddenState = Record<HiddenKey, number>;

export type Phase = 'interview' | 'follow-up' | 'negotiation' | 'ended';

/** One factor that moved the decision-maker, with its signed share of the chance. */
export interface Factor {
  id: string;
  group: 'choices' | 'circumstances';
  /** Signed contribution in percentage points of the chance of the outcome asked for. */
  points: number;
  /** A sentence a trainee understands. */
  text: string;
}

export interface Counterfactual {
  id: string;
  /** e.g. "The same close after every candidate had been seen" */
  text: string;
  /** Chance (0–1) of the favourable outcome in the counterfactual. */
  chance: number;
  /** Chance (0–1) in what actually happened. */
  actual: number;
}

/** Probabilities of each outcome of one decision, summing to 1. */
export type Distribution = Partial<
  Record<OutcomeName | 'holding' | 'closed' | 'raise' | 'hold' | 'rescind', number>
>;

export type ResponseKind = 'close' | 'after-interview' | 'persistence' | 'negotiation';

/** The decision-maker's answer to a close, a persistence act, the end of the interview or a negotiation move. */
export interface Response {
  kind: ResponseKind;
  /** Index of the action that produced it (-1 for a decision made when the interview ended by itself). */
  actionIndex: number;
  /** The resolved result, e.g. 'offer-now', 'next-stage', 'holding', 'raise'. */
  result: string;
  /** What the model thought could happen. */
  distribution: Distribution;
  /** Chance (0–1) of the favourable result the player was after. */
  chance: number;
  /** What the chance is of, in words: "an offer on the spot". */
  chanceOf: string;
  lines: Line[];
  expression: ExpressionName;
  /** 'warm' | 'cool' | 'offer' | 'neutral' — which sound a game should play. */
  tone: 'warm' | 'cool' | 'offer' | 'neutral';
  factors: Factor[];
  counterfactuals: Counterfactual[];
  bluffExposed?: boolean;
  /** For a close or counter citing a bluffed option: the chance (0–1) it would be seen through, already counted in `chance`. */
  exposeChance?: number;
  /** Expected mode only: said when the chance is below one half, because the most likely answer is what happens. */
  expectedNote?: string;
}

export interface ScoreDimension {
  id: 'outcome' | 'terms' | 'timing' | 'professionalism' | 'relationship';
  label: string;
  /** 0–100 */
  value: number;
  weight: number;
  note: string;
  /** Set when the dimension had nothing to judge: 'no-offer' for the terms of an offer never made (value 0, shown as "no offer"). */
  status?: 'no-offer';
}

export interface Score {
  dimensions: ScoreDimension[];
  /** 0–100 */
  total: number;
}

export interface HistoryEntry {
  actionIndex: number;
  speaker: string;
  speakerName: string;
  text: string;
  cue?: string;
  expression?: ExpressionName;
  /** Speech (default), an action / stage direction, or narration. */
  kind?: LineKindName;
}

/** Snapshot of the decision-makers' hidden state after each action, for plots. */
export interface TimelinePoint {
  actionIndex: number;
  label: string;
  hidden: HiddenState;
}

export interface CloseOptions {
  forms: { form: CloseFormName; text: string }[];
  deliveries: { delivery: DeliveryName; text: string }[];
  points: { id: string; kind: 'why-us' | 'reason'; text: string }[];
  leverage: { id: string; kind: 'offer' | 'interview'; text: string }[];
  canCommit: boolean;
  commitText: string;
}

export interface View {
  phase: Phase;
  /** Number of actions taken so far. */
  step: number;
  node: {
    id: string;
    moment: 'opening' | 'middle' | 'closing';
    lines: Line[];
    coach?: string;
    discussion: string[];
    backdrop: string;
  } | null;
  /** The choices on offer, in display order (seeded per playthrough unless the node keeps its order). */
  choices: { id: string; text: string; kind?: LineKindName }[];
  canContinue: boolean;
  /** The close on offer now, or null when the player may not close here. */
  close: CloseOptions | null;
  followUp: {
    day: number;
    days: number;
    status: 'rejection' | 'no-decision';
    acts: {
      id: string;
      kind: string;
      label: string;
      text: string;
      intensity: number;
      textKind?: LineKindName;
    }[];
    letGoText: string;
  } | null;
  negotiation: {
    round: number;
    rounds: number;
    offer: number;
    currency: string;
    /** `textKind` 'action' when the move is something done (shaking hands), not said. */
    moves: { id: string; kind: string; text: string; textKind?: 'speech' | 'action' | 'narration' }[];
  } | null;
  /** The latest decision-maker response, if the last action produced one. */
  response: Response | null;
  /** The lead decision-maker's current face. */
  expression: ExpressionName;
  hidden: HiddenState;
  ending: { ending: Ending; salary: number | null; currency: string } | null;
}

export interface Debrief {
  ending: Ending;
  outcome: OutcomeName;
  salary: number | null;
  currency: string;
  score: Score;
  /** The response that decided the outcome (the close, or the decision after the interview). */
  decisive: Response | null;
  responses: Response[];
  timeline: TimelinePoint[];
  /** Action index of the close, to replay from the moment the player closed; null if they never closed. */
  closeActionIndex: number | null;
  /**
   * The engine's record of what the player did: every engine-set variable (closeMade,
   * closeForm, closeDelivery, closePoints, closeLeverage, closeCommitted, bluffExposed,
   * closeMoment, persistActs, doorShut, negotiationRound, offerAtMax), whether or not the
   * scenario's conditions read them.
   */
  record: Record<string, string | number | boolean>;
  /** Coaching feedback on the choices made, in order: only text about what happened in this play. */
  coaching: { actionIndex: number; choice: string; quality?: string; text: string }[];
  /** The verdict on the close's timing; it agrees with the sign of the timing factors. */
  headline: DebriefHeadline;
  /** The ending's debrief as sentences chosen from the play (its `debriefLines` that hold, else its `debrief`). */
  story: string[];
  /** The negotiation move by move (what each counter won or cost) and what a promise to accept cost; empty without one. */
  negotiation: string[];
}

/** The debrief's verdict on timing: no close, an early ask (timing factors below zero) or a well-timed one. */
export interface DebriefHeadline {
  verdict: 'no-close' | 'early' | 'well-timed';
  text: string;
  /** Signed points of the timing factors (moment, premature) in the decisive answer. */
  timingPoints: number;
}

/** A small, JSON-safe save: the playthrough is its action log. */
export interface SaveData {
  v: 1;
  scenario: string;
  seed: number;
  mode: Mode;
  actions: Action[];
  /** Where the playthrough started when not at the scenario's start ("Play from here"). */
  from?: StartFrom;
}

/** A start part-way through a scenario: a node, with the lead decision-maker's hidden state and variables there. */
export interface StartFrom {
  node: string;
  /** The lead decision-maker's hidden state; values not given keep the scenario's starting values. */
  hidden?: Partial<HiddenState>;
  vars?: Record<string, string | number | boolean>;
}
