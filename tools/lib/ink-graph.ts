/**
 * The engine's interview graph as an ink story, for the bench's side-by-side figure against
 * inkjs (issue 21: "engine ÷ inkjs, same generated 10,000-node graph, random play").
 *
 * One knot per node, the node's lines as text, each choice an ink choice (sticky, `+`, as the
 * engine offers a choice every time its node is reached) diverting to its target's knot, and
 * `-> END` where the interview ends (a node or choice that ends the interview or names an
 * ending). Choice conditions and effects are translated too, so both sides offer the same
 * choices at every step and a seeded random play takes the same path through both:
 *  - scenario variables become ink integers (a boolean is 0 or 1, unset is 0, as the engine
 *    reads an unset variable as false or 0);
 *  - each decision-maker's hidden state becomes an ink integer in hundredths (the engine keeps
 *    it to two decimals, `hiddenStep`), clamped to 0–100 as the engine clamps it to 0–1;
 *    integers keep the compiled story free of float literals and the play free of rounding.
 * Anything the interview graph of the generated scenarios never uses (string variables, the
 * engine's own read-only variables, conditional or audience-specific lines) is refused with an
 * error rather than translated approximately.
 *
 * The story is compiled with inkjs's own compiler and loaded from its JSON, as a game ships it.
 */
import { Compiler } from 'inkjs/compiler/Compiler';
import { ChoicePoint } from 'inkjs/engine/ChoicePoint';
import { Container } from 'inkjs/engine/Container';
import type { InkObject } from 'inkjs/engine/Object';
import { Story } from 'inkjs/engine/Story';
import {
  availableChoices,
  type Compiled,
  type Condition,
  compile,
  createRandom,
  type Effects,
  expectedResolver,
  initialState,
  type Scenario,
  type State,
  step,
} from '../../src/engine';
import { ENGINE_VARS } from '../../src/engine/format/engine-vars';

/** The prefix of every knot the converter writes (so counting knots skips ink's own containers). */
export const KNOT_PREFIX = 'node_';
const HIDDEN_KEYS = ['keenness', 'doubt', 'irritation', 'rapport', 'believesOptions'] as const;
const ENGINE_VAR_NAMES = new Set(ENGINE_VARS.map((v) => v.name));

export interface InkGraph {
  /** The ink source. */
  source: string;
  /** Knots written: one per node. */
  knots: number;
  /** Choices written: one per engine choice. */
  choices: number;
}

/** Ink source for the interview graph of a (parsed) scenario. */
export function scenarioToInk(scenario: Scenario): InkGraph {
  const compiled = compile(scenario);
  const knotOf = new Map<string, string>();
  const knotNames = new Set<string>();
  for (const node of scenario.nodes) {
    const knot = KNOT_PREFIX + node.id.replace(/[^A-Za-z0-9_]/g, '_');
    if (knotNames.has(knot)) throw new Error(`Two nodes map to the ink knot ${knot}.`);
    knotNames.add(knot);
    knotOf.set(node.id, knot);
  }
  const target = (id: string) => {
    const knot = knotOf.get(id);
    if (!knot) throw new Error(`No node "${id}".`);
    return knot;
  };

  // Variables: their ink names and whether the scenario treats them as booleans or numbers.
  const varKind = new Map<string, 'boolean' | 'number'>();
  const declared = new Set<string>();
  const declare = (name: string) => {
    if (ENGINE_VAR_NAMES.has(name)) throw new Error(`"${name}" is an engine variable: not translated.`);
    declared.add(name);
  };
  const noteVar = (name: string, kind: 'boolean' | 'number') => {
    declare(name);
    const had = varKind.get(name);
    if (had && had !== kind) throw new Error(`"${name}" is used both as a ${had} and a ${kind}.`);
    varKind.set(name, kind);
  };
  const varName = (name: string) => `v_${name.replace(/[^A-Za-z0-9_]/g, '_')}`;
  const hiddenUsed = new Set<string>();
  const hiddenName = (dm: string | undefined, key: string) => {
    const index = dm ? (compiled.dmIndex.get(dm) ?? compiled.lead) : compiled.lead;
    const name = `h${index}_${key}`;
    hiddenUsed.add(name);
    return name;
  };

  const condition = (c: Condition): string => {
    if ('all' in c) return `(${c.all.map(condition).join(' and ')})`;
    if ('any' in c) return `(${c.any.map(condition).join(' or ')})`;
    if ('not' in c) return `(not ${condition(c.not)})`;
    const parts: string[] = [];
    if ('var' in c) {
      const v = varName(c.var);
      if (c.equals !== undefined) {
        if (typeof c.equals === 'string') throw new Error(`"${c.var}": string variables are not translated.`);
        noteVar(c.var, typeof c.equals === 'boolean' ? 'boolean' : 'number');
        if (typeof c.equals === 'number' && !Number.isInteger(c.equals))
          throw new Error(`"${c.var}" equals ${c.equals}: only whole numbers are translated.`);
        parts.push(`${v} == ${typeof c.equals === 'boolean' ? (c.equals ? 1 : 0) : c.equals}`);
      } else declare(c.var);
      // The engine reads true as 1 and false or unset as 0 for atLeast / atMost; ink variables here are whole.
      if (c.atLeast !== undefined) parts.push(`${v} >= ${Math.ceil(c.atLeast)}`);
      if (c.atMost !== undefined) parts.push(`${v} <= ${Math.floor(c.atMost)}`);
    } else {
      const h = hiddenName(c.dm, c.state);
      // The engine allows 1e-9 of floating-point noise: in hundredths, 1e-7.
      if (c.atLeast !== undefined) parts.push(`${h} >= ${Math.ceil(c.atLeast * 100 - 1e-7)}`);
      if (c.atMost !== undefined) parts.push(`${h} <= ${Math.floor(c.atMost * 100 + 1e-7)}`);
    }
    return parts.length ? `(${parts.join(' and ')})` : 'true';
  };

  const effects = (e: Effects | undefined): string[] => {
    if (!e) return [];
    const out: string[] = [];
    for (const key of HIDDEN_KEYS) {
      const delta = e[key];
      if (delta === undefined) continue;
      const h = hiddenName(e.dm, key);
      const d = hundredths(delta, key);
      out.push(`~ ${h} = MAX(0, MIN(100, ${h} ${d < 0 ? '-' : '+'} ${Math.abs(d)}))`);
    }
    for (const [name, value] of Object.entries(e.set ?? {})) {
      if (typeof value === 'string') throw new Error(`"${name}": string variables are not translated.`);
      if (typeof value === 'number' && !Number.isInteger(value))
        throw new Error(`"${name}" set to ${value}: only whole numbers are translated.`);
      noteVar(name, typeof value === 'boolean' ? 'boolean' : 'number');
      out.push(`~ ${varName(name)} = ${typeof value === 'boolean' ? (value ? 1 : 0) : value}`);
    }
    for (const [name, value] of Object.entries(e.add ?? {})) {
      if (!Number.isInteger(value))
        throw new Error(`"${name}" adds ${value}: only whole numbers are translated.`);
      noteVar(name, 'number');
      out.push(`~ ${varName(name)} = ${varName(name)} + ${value}`);
    }
    return out;
  };

  const knots: string[] = [];
  let choices = 0;
  for (const node of scenario.nodes) {
    const out = [`=== ${target(node.id)} ===`];
    for (const line of node.lines) {
      if (line.condition || line.for)
        throw new Error(`Line "${line.id}": conditional lines are not translated.`);
      out.push(inkText(line.text));
    }
    for (const choice of node.choices) {
      const cond = choice.condition ? `{${condition(choice.condition)}} ` : '';
      out.push(`+ ${cond}${inkText(choice.text)}`);
      for (const e of effects(choice.effects)) out.push(`  ${e}`);
      const ends = choice.ending || choice.endsInterview || !choice.next;
      out.push(`  -> ${ends ? 'END' : target(choice.next!)}`);
      choices++;
    }
    // Where no choice is on offer the engine continues: to the next node, or out of the interview.
    const onward = node.ending || node.endsInterview || !node.next ? 'END' : target(node.next);
    if (!node.choices.length) out.push(`-> ${onward}`);
    else if (node.choices.every((c) => c.condition)) out.push(`+ -> ${onward}`);
    knots.push(out.join('\n'));
  }

  const declarations: string[] = [];
  for (const name of [...declared].sort()) declarations.push(`VAR ${varName(name)} = 0`);
  for (const [index, hidden] of compiled.initialHidden.entries()) {
    for (const key of HIDDEN_KEYS) {
      const name = `h${index}_${key}`;
      if (hiddenUsed.has(name)) declarations.push(`VAR ${name} = ${hundredths(hidden[key], key)}`);
    }
  }
  const source = [...declarations, `-> ${target(scenario.start)}`, '', ...knots, ''].join('\n');
  return { source, knots: knots.length, choices };
}

/** A hidden-state value or change in whole hundredths; refused if it is not on the engine's 0.01 grid. */
function hundredths(x: number, what: string): number {
  const h = Math.round(x * 100);
  if (Math.abs(x * 100 - h) > 1e-6) throw new Error(`${what} ${x} is not a whole number of hundredths.`);
  return h;
}

/** Text as ink reads it literally: one line, every character ink gives a meaning escaped. */
export function inkText(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\\[\]{}|#<>\-/~*+=()^&!:"']/g, (c) => `\\${c}`);
}

/** Compiles ink source with inkjs's compiler and loads the story from its JSON, as a game ships it. */
export function compileInk(source: string): Story {
  const compiler = new Compiler(source);
  const story = compiler.Compile();
  if (compiler.errors.length || !story)
    throw new Error(`ink does not compile:\n${compiler.errors.join('\n')}`);
  const json = story.ToJson();
  if (!json) throw new Error('inkjs gave no JSON for the compiled story.');
  return new Story(json);
}

/** The knots and (visible) choices a compiled story holds, read from its runtime containers. */
export function countStory(story: Story): { knots: number; choices: number } {
  const root = story.mainContentContainer;
  let knots = 0;
  for (const name of root.namedContent.keys()) if (name.startsWith(KNOT_PREFIX)) knots++;
  let choices = 0;
  const seen = new Set<Container>();
  const walk = (c: Container) => {
    if (seen.has(c)) return;
    seen.add(c);
    const children: InkObject[] = [...c.content, ...(c.namedOnlyContent?.values() ?? [])];
    for (const o of children) {
      if (o instanceof ChoicePoint && !o.isInvisibleDefault) choices++;
      else if (o instanceof Container) walk(o);
    }
  };
  walk(root);
  return { knots, choices };
}

/**
 * One random playthrough of the engine's interview graph through its public API: a choice
 * (or Continue where a node offers none and names the next) until the interview ends, each
 * taken with `step` in expected mode. Stops before the step that would end the interview
 * without a choice (the decision and the phases after it are not part of the graph).
 * Returns the steps taken; `onChoice` hears each choice's text.
 */
export function playEngineInterview(
  c: Compiled,
  rng: () => number,
  onChoice?: (text: string) => void,
): number {
  let s: State = initialState(c);
  let steps = 0;
  for (;;) {
    const node = c.nodes.get(s.node)!;
    const choices = availableChoices(node, s.vars, s.hidden, c);
    if (!choices.length) {
      if (!node.next || node.ending || node.endsInterview) return steps;
      s = step(c, s, CONTINUE, expectedResolver, false).state;
    } else {
      const choice = choices[Math.floor(rng() * choices.length)]!;
      onChoice?.(choice.text);
      s = step(c, s, { type: 'choose', choice: choice.id }, expectedResolver, false).state;
    }
    steps++;
    if (s.phase !== 'interview') return steps;
  }
}
const CONTINUE = { type: 'continue' } as const;

/**
 * One random playthrough of the ink story through inkjs's public API: `Continue()` while it can
 * (the text is not kept), then `ChooseChoiceIndex` with the same draw as the engine side, until
 * the story ends. Returns the choices taken; `onChoice` hears each choice's text.
 */
export function playInk(story: Story, rng: () => number, onChoice?: (text: string) => void): number {
  story.ResetState();
  let steps = 0;
  for (;;) {
    while (story.canContinue) story.Continue();
    const choices = story.currentChoices;
    if (!choices.length) return steps;
    const i = Math.floor(rng() * choices.length);
    onChoice?.(choices[i]!.text);
    story.ChooseChoiceIndex(i);
    steps++;
  }
}

/**
 * Plays the engine's graph and the ink story once each from the same seed and says where their
 * paths part (the choices offered or taken differ), or null when they take the same path.
 */
export function pathDifference(c: Compiled, story: Story, seed: number): string | null {
  const plain = (t: string) => t.replace(/\s+/g, ' ').trim();
  const engine: string[] = [];
  const ink: string[] = [];
  playEngineInterview(c, createRandom(seed), (t) => engine.push(plain(t)));
  playInk(story, createRandom(seed), (t) => ink.push(plain(t)));
  const at = engine.findIndex((t, i) => t !== ink[i]);
  if (at >= 0) return `choice ${at + 1}: the engine took "${engine[at]}", ink "${ink[at] ?? '(none)'}"`;
  if (ink.length !== engine.length) return `the engine took ${engine.length} choices, ink ${ink.length}`;
  return null;
}
