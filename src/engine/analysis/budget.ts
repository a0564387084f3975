import { judgementCounts } from '../runtime/memo';

/**
 * What an analysis may spend before it stops and reports what it has: distinct states,
 * engine steps, an estimate of the memory its tables hold, and wall-clock time. The first
 * three are counted, so a run that stops on them stops at the same place every time; the
 * time limit is a safety net for slow machines and makes a stopped report vary with load.
 */

export interface AnalysisBudget {
  /** Distinct states kept in the analysis tables (both passes together). */
  maxStates?: number;
  /** Engine steps taken (every action tried, every chance outcome forced). */
  maxSteps?: number;
  /** Estimated bytes held by the analysis tables and the exploration stack. */
  maxBytes?: number;
  /** Wall-clock milliseconds. */
  maxMs?: number;
}

export type BudgetReason = 'states' | 'steps' | 'memory' | 'time';

export const DEFAULT_BUDGET: Required<AnalysisBudget> = {
  maxStates: 400_000,
  maxSteps: 40_000_000,
  maxBytes: 768 * 1024 * 1024,
  maxMs: 120_000,
};

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/** A running account against a budget. */
export class Meter {
  readonly limits: Required<AnalysisBudget>;
  private readonly started = now();
  steps = 0;
  states = 0;
  bytes = 0;
  stopped: BudgetReason | null = null;
  /** Work done, counted whether or not it counts against the budget. */
  readonly work: WorkCounts = { steps: 0, judgements: 0, branches: 0, evaluations: 0 };
  private ticks = 0;
  /** The engine's count of model evaluations when this meter started. */
  private readonly evaluatedAtStart = judgementCounts.evaluated;

  constructor(budget: AnalysisBudget = {}) {
    this.limits = { ...DEFAULT_BUDGET, ...definedOnly(budget) };
  }

  /** Counts `n` engine steps; true once any limit is reached (and from then on). */
  step(n = 1): boolean {
    this.steps += n;
    return this.check();
  }

  /** Counts a state kept in a table, holding about `bytes` bytes. */
  keep(bytes: number): boolean {
    this.states++;
    this.bytes += bytes;
    return this.check();
  }

  /** Bytes held elsewhere for a while (a stack frame); give them back with `release`. */
  hold(bytes: number): void {
    this.bytes += bytes;
  }

  release(bytes: number): void {
    this.bytes -= bytes;
  }

  check(): boolean {
    if (this.stopped) return true;
    if (this.states >= this.limits.maxStates) this.stopped = 'states';
    else if (this.steps >= this.limits.maxSteps) this.stopped = 'steps';
    else if (this.bytes >= this.limits.maxBytes) this.stopped = 'memory';
    else if ((++this.ticks & 255) === 0 && now() - this.started >= this.limits.maxMs) this.stopped = 'time';
    return this.stopped !== null;
  }

  /** The work counts so far, with the model evaluations made since the meter started. */
  counts(): WorkCounts {
    return { ...this.work, evaluations: judgementCounts.evaluated - this.evaluatedAtStart };
  }

  elapsedMs(): number {
    return now() - this.started;
  }

  /** Says what ran out, in a sentence. */
  describe(): string {
    const l = this.limits;
    switch (this.stopped) {
      case 'states':
        return `the limit of ${l.maxStates.toLocaleString('en-GB')} distinct states`;
      case 'steps':
        return `the limit of ${l.maxSteps.toLocaleString('en-GB')} engine steps`;
      case 'memory':
        return `the memory budget of about ${Math.round(l.maxBytes / 1024 / 1024)} MB`;
      case 'time':
        return `the time budget of ${(l.maxMs / 1000).toFixed(0)} s`;
      default:
        return 'nothing';
    }
  }
}

function definedOnly(b: AnalysisBudget): AnalysisBudget {
  const out: AnalysisBudget = {};
  for (const k of ['maxStates', 'maxSteps', 'maxBytes', 'maxMs'] as const) {
    const v = b[k];
    if (typeof v === 'number' && v > 0) out[k] = v;
  }
  return out;
}

/** Rough size of a table entry keyed by a string of `keyLength` characters. */
export const entryBytes = (keyLength: number, payload: number) => 2 * keyLength + 64 + payload;

/**
 * Deterministic counts of the work an analysis did, for guarding speed without a clock: the
 * same scenario and options always give the same counts.
 */
export interface WorkCounts {
  /** Engine steps taken (every run of `step`, whatever it was for). */
  steps: number;
  /** Chance draws the model judged and the analysis resolved (each one model evaluation). */
  judgements: number;
  /** Chance branches (outcomes with their probabilities) the analysis enumerated. */
  branches: number;
  /**
   * Judgements the model worked out (the engine's memo gives the rest, see runtime/memo.ts;
   * each analysis starts with an empty memo, so the count is the same every time).
   */
  evaluations: number;
}

/** A resolver that counts each judgement it resolves into the meter's work counts. */
export function counted<R extends (...args: never[]) => string>(resolve: R, meter: Meter): R {
  return ((...args: Parameters<R>) => {
    meter.work.judgements++;
    return resolve(...args);
  }) as R;
}
