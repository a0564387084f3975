import type { Scenario } from '../format/schema';
import { expressionFor } from '../model/expression';
import { weight } from '../model/weights';
import { createRandom } from '../random';
import { scoreState } from '../scoring';
import type {
  Action,
  CloseOptions,
  Debrief,
  HistoryEntry,
  Mode,
  Response,
  SaveData,
  StartFrom,
  TimelinePoint,
  View,
} from '../types';
import { availableChoices, type Compiled, compile } from './compile';
import { coachingFrom, endingStory, headline, negotiationStory, playFacts, withPersona } from './debrief';
import { displayOrder } from './order';
import { actWords } from './phases/follow-up';
import { moveWords } from './phases/negotiation';
import { fullRecord } from './record';
import { nodeLines } from './replies';
import {
  closeOptions,
  EngineError,
  expectedResolver,
  initialState,
  pickAt,
  type Resolver,
  type State,
  type StepTrace,
  step,
} from './step';

export interface StartOptions {
  seed?: number;
  mode?: Mode;
  /** Start at a node with a given hidden state and variables instead of the scenario's start (for authors). */
  from?: StartFrom;
}

const HIDDEN_KEYS = ['keenness', 'doubt', 'irritation', 'rapport', 'believesOptions'] as const;

/** The starting state for a start part-way through; throws EngineError when the node does not exist. */
function startState(compiled: Compiled, from: StartFrom | undefined): State {
  const s = initialState(compiled);
  if (!from) return s;
  if (!compiled.nodes.has(from.node)) throw new EngineError(`The scenario has no node "${from.node}".`);
  const hidden = s.hidden.map((h) => ({ ...h }));
  const lead = { ...hidden[compiled.lead]! };
  for (const k of HIDDEN_KEYS) {
    const v = from.hidden?.[k];
    if (typeof v === 'number' && Number.isFinite(v)) lead[k] = Math.min(1, Math.max(0, v));
  }
  hidden[compiled.lead] = lead;
  return { ...s, node: from.node, hidden, vars: { ...(from.vars ?? {}) } };
}

interface StepRecord {
  action: Action;
  trace: StepTrace;
  after: State;
}

function resolverFor(mode: Mode, seed: number): Resolver {
  if (mode === 'expected') return expectedResolver;
  return (distribution, order, draw) =>
    pickAt(distribution, order, createRandom((seed ^ Math.imul(draw + 1, 0x9e3779b1)) >>> 0)());
}

/** The close's forms and deliveries in a seeded display order, so the first listed is not a tip. */
function closeInDisplayOrder(
  options: CloseOptions | null,
  seed: number,
  keepOrder?: boolean,
): CloseOptions | null {
  if (!options) return null;
  return {
    ...options,
    forms: displayOrder(options.forms, seed, 'close:forms', keepOrder),
    deliveries: displayOrder(options.deliveries, seed, 'close:deliveries', keepOrder),
  };
}

/**
 * A playthrough: a scenario, a seed and the player's actions. Its state is always the replay
 * of those actions, so saving, restoring and rewinding are the same operation.
 */
export class Playthrough {
  readonly scenario: Scenario;
  readonly seed: number;
  readonly mode: Mode;
  private readonly compiled: Compiled;
  private readonly resolve: Resolver;
  private readonly records: StepRecord[] = [];
  private state: State;
  /** Where this playthrough started, when not at the scenario's start. */
  readonly from: StartFrom | undefined;

  private constructor(scenario: Scenario, seed: number, mode: Mode, from?: StartFrom) {
    this.scenario = scenario;
    this.seed = seed;
    this.mode = mode;
    this.compiled = compile(scenario);
    this.resolve = resolverFor(mode, seed);
    this.from = from;
    this.state = startState(this.compiled, from);
  }

  static start(scenario: Scenario, options: StartOptions = {}): Playthrough {
    return new Playthrough(scenario, options.seed ?? 1, options.mode ?? 'expected', options.from);
  }

  /** Replays a save. Throws EngineError when the log does not fit the scenario. */
  static restore(scenario: Scenario, save: SaveData): Playthrough {
    if (save.scenario !== scenario.meta.id) {
      throw new EngineError(`This save is for scenario "${save.scenario}", not "${scenario.meta.id}".`);
    }
    const play = new Playthrough(scenario, save.seed, save.mode, save.from);
    for (const action of save.actions) play.act(action);
    return play;
  }

  get step(): number {
    return this.records.length;
  }

  get actions(): Action[] {
    return this.records.map((r) => r.action);
  }

  /** Takes an action. On an invalid action it throws EngineError and the playthrough is unchanged. */
  act(action: Action): View {
    const result = step(this.compiled, this.state, action, this.resolve);
    if (action.type === 'persist' && this.usedActs().has(action.act)) this.repeated(action.act, result.trace);
    this.records.push({ action, trace: result.trace, after: result.state });
    this.state = result.state;
    return this.view();
  }

  /** Follow-up acts taken so far in this play. */
  private usedActs(): Set<string> {
    const used = new Set<string>();
    for (const r of this.records) if (r.action.type === 'persist') used.add(r.action.act);
    return used;
  }

  /** A repeated follow-up act says so: its words and label become the acknowledging repeat. */
  private repeated(actId: string, trace: StepTrace): void {
    const act = this.scenario.followUp?.acts.find((a) => a.id === actId);
    if (!act) return;
    const words = actWords(act, true);
    const said = trace.lines.find((l) => l.speaker === 'candidate');
    if (said) said.text = words.text;
    trace.label = words.label;
  }

  rewind(toStep: number): Playthrough {
    if (!Number.isInteger(toStep) || toStep < 0 || toStep > this.records.length) {
      throw new EngineError(
        `Cannot rewind to step ${toStep}: the playthrough has ${this.records.length} steps.`,
      );
    }
    const play = new Playthrough(this.scenario, this.seed, this.mode, this.from);
    for (const r of this.records.slice(0, toStep)) play.act(r.action);
    return play;
  }

  save(): SaveData {
    const save: SaveData = {
      v: 1,
      scenario: this.scenario.meta.id,
      seed: this.seed,
      mode: this.mode,
      actions: this.actions,
    };
    if (this.from) save.from = this.from;
    return save;
  }

  /** The raw state, for tools (analyzer, tests). */
  get current(): Readonly<State> {
    return this.state;
  }

  view(): View {
    const s = this.state;
    const c = this.compiled;
    const scenario = this.scenario;
    const node = s.phase === 'interview' ? c.nodes.get(s.node)! : null;
    const choices = node ? availableChoices(node, s.vars, s.hidden, c) : [];
    const last = this.records[this.records.length - 1];
    const response = last?.trace.response
      ? this.noted({ ...last.trace.response, actionIndex: this.records.length - 1 })
      : null;
    const hidden = s.hidden[c.lead]!;
    const dm = scenario.decisionMakers[c.lead]!;
    const ending = s.ending ? scenario.endings.find((e) => e.id === s.ending)! : null;
    const used = s.phase === 'follow-up' ? this.usedActs() : new Set<string>();
    return {
      phase: s.phase,
      step: this.records.length,
      node: node
        ? {
            id: node.id,
            moment: node.moment,
            lines: nodeLines(c, s, node.lines),
            coach: node.coach,
            discussion: node.discussion,
            backdrop: node.backdrop ?? scenario.meta.backdrop,
          }
        : null,
      choices: displayOrder(choices, this.seed, node?.id ?? '', node?.keepOrder).map((ch) => ({
        id: ch.id,
        text: ch.text,
        ...(ch.kind ? { kind: ch.kind } : {}),
      })),
      canContinue: node !== null && choices.length === 0,
      close: closeInDisplayOrder(closeOptions(c, s), this.seed, node?.keepOrder),
      followUp:
        s.phase === 'follow-up' && scenario.followUp
          ? {
              day: s.day + 1,
              days: scenario.followUp.days,
              status: s.status ?? 'rejection',
              acts: scenario.followUp.acts.map((act) => ({
                id: act.id,
                kind: act.kind,
                ...actWords(act, used.has(act.id)),
                intensity: act.intensity,
                ...(act.textKind ? { textKind: act.textKind } : {}),
              })),
              letGoText: scenario.followUp.letGoText,
            }
          : null,
      negotiation:
        s.phase === 'negotiation' && scenario.negotiation
          ? {
              round: s.round,
              rounds: scenario.negotiation.rounds,
              offer: s.offer ?? 0,
              currency: dm.salary.currency,
              moves: scenario.negotiation.moves
                .filter(
                  (m) =>
                    s.round < scenario.negotiation!.rounds || m.kind === 'accept' || m.kind === 'walk-away',
                )
                .map((m) => ({
                  id: m.id,
                  kind: m.kind,
                  text: moveWords(c, s, m),
                  ...(m.textKind ? { textKind: m.textKind } : {}),
                })),
            }
          : null,
      response,
      expression: response && last?.trace.response ? response.expression : expressionFor(hidden),
      hidden: { ...hidden },
      ending: ending ? { ending, salary: s.salary, currency: dm.salary.currency } : null,
    };
  }

  /** Every line said so far: the nodes' lines as they were shown, the candidate's words and the responses. */
  history(): HistoryEntry[] {
    const names = new Map(this.scenario.decisionMakers.map((d) => [d.id, d.name] as const));
    names.set('candidate', this.scenario.candidate.name);
    names.set('narrator', '');
    const out: HistoryEntry[] = [];
    const pushNode = (nodeId: string, actionIndex: number, at: State) => {
      const node = this.compiled.nodes.get(nodeId);
      if (!node) return;
      for (const l of nodeLines(this.compiled, at, node.lines)) {
        out.push({
          actionIndex,
          speaker: l.speaker,
          speakerName: names.get(l.speaker) ?? l.speaker,
          text: l.text,
          cue: l.cue,
          expression: l.expression,
          ...(l.kind ? { kind: l.kind } : {}),
        });
      }
    };
    let state = startState(this.compiled, this.from);
    pushNode(state.node, -1, state);
    this.records.forEach((r, i) => {
      for (const l of r.trace.lines) {
        out.push({
          actionIndex: i,
          speaker: l.speaker,
          speakerName: names.get(l.speaker) ?? l.speaker,
          text: l.text,
          cue: l.cue,
          expression: l.expression,
          ...(l.kind ? { kind: l.kind } : {}),
        });
      }
      if (r.after.phase === 'interview' && r.after.node !== state.node) pushNode(r.after.node, i, r.after);
      state = r.after;
    });
    return out;
  }

  timeline(): TimelinePoint[] {
    const lead = this.compiled.lead;
    const points: TimelinePoint[] = [
      { actionIndex: -1, label: 'Start', hidden: { ...startState(this.compiled, this.from).hidden[lead]! } },
    ];
    for (const [i, r] of this.records.entries()) {
      points.push({ actionIndex: i, label: r.trace.label, hidden: { ...r.after.hidden[lead]! } });
    }
    return points;
  }

  responses(): Response[] {
    return this.records.flatMap((r, i) =>
      r.trace.response ? [this.noted({ ...r.trace.response, actionIndex: i })] : [],
    );
  }

  /** In expected mode, says plainly when a chance below one half will not come up. */
  private noted(given: Response): Response {
    const r = withPersona(this.scenario, this.compiled.lead, given);
    if (this.mode !== 'expected' || r.chance >= weight('expectedQuantile')) return r;
    const shown = `${Math.round(r.chance * weight('percent'))}%`;
    return {
      ...r,
      expectedNote:
        r.kind === 'persistence'
          ? `Expected mode plays the most likely answer, so an act with a ${shown} chance does not win, however often it is tried. Each act is judged on its own; realistic mode draws the chance.`
          : `Expected mode plays the most likely answer, so a ${shown} chance does not come up. Realistic mode draws it.`,
    };
  }

  score() {
    return scoreState(this.compiled, this.state);
  }

  debrief(): Debrief {
    const s = this.state;
    if (s.phase !== 'ended' || !s.ending || !s.result)
      throw new EngineError('The playthrough has not ended yet.');
    const responses = this.responses();
    const decisive = responses.find((r) => r.kind === 'close' || r.kind === 'after-interview') ?? null;
    const closeIndex = this.records.findIndex((r) => r.action.type === 'close');
    const ending = this.scenario.endings.find((e) => e.id === s.ending)!;
    const facts = playFacts(startState(this.compiled, this.from).node, this.records);
    const record = fullRecord(this.compiled, this.records, responses, s);
    return {
      ending,
      outcome: s.result,
      salary: s.salary,
      currency: this.scenario.decisionMakers[this.compiled.lead]!.salary.currency,
      score: scoreState(this.compiled, s),
      decisive,
      responses,
      timeline: this.timeline(),
      closeActionIndex: closeIndex >= 0 ? closeIndex : null,
      record,
      coaching: coachingFrom(this.compiled, this.records, facts),
      headline: headline(decisive, typeof record.closeMoment === 'string' ? record.closeMoment : undefined),
      story: endingStory(this.compiled, ending, s, facts, record),
      negotiation: negotiationStory(this.compiled, this.records),
    };
  }
}
