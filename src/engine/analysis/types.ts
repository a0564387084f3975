/** What an analysis reports. */
import type { Action } from '../types';
import type { AnalysisBudget, BudgetReason, WorkCounts } from './budget';

export interface AnalysisIssue {
  kind:
    | 'choice-changes-nothing'
    | 'unreachable-ending'
    | 'unvisited-node'
    | 'state-limit'
    | 'loop'
    | 'no-way-out'
    | 'budget';
  message: string;
  node?: string;
  choice?: string;
  ending?: string;
}

export interface PathStep {
  action: Action;
  label: string;
}

export interface Analysis {
  scenario: string;
  /**
   * 'exact': every path explored with equal states merged; 'sampled': too many states, so seeded
   * random play plus a directed search; 'partial': the analysis ran out of its budget (time,
   * memory, states or steps) and the figures cover only what `partial` says was explored.
   */
  method: 'exact' | 'sampled' | 'partial';
  /** Set when `method` is 'partial': which analysis stopped, why, and what it had explored. */
  partial?: {
    of: 'exact' | 'sampled';
    reason: BudgetReason;
    states: number;
    steps: number;
    explored: string;
  };
  /** Random playthroughs behind the figures when sampled. */
  samples: number;
  nodes: number;
  /**
   * Exact: distinct paths from the start to an ending (player actions, close compositions and
   * the model's outcomes). Sampled: routes through the interview graph, ignoring conditions.
   */
  paths: number;
  /** Sampled only: distinct paths among the sampled playthroughs. */
  sampledPaths?: number;
  /** Distinct non-final states explored after merging. */
  states: number;
  statesByPhase: Record<string, number>;
  endings: { id: string; outcome: string; reachable: boolean; chance: number }[];
  score: { min: number; median: number; max: number };
  bestPath: { score: number; ending: string; steps: PathStep[] };
  worstPath: { score: number; ending: string; steps: PathStep[] };
  issues: AnalysisIssue[];
  /** What the analysis did, counted (the same every run): engine steps, model judgements, chance branches. */
  work: WorkCounts;
}

export interface AnalyzeOptions extends AnalysisBudget {}
