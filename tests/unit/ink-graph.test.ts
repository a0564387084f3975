/**
 * The ink converter behind the bench's engine ÷ inkjs figure (issue 21): a small generated
 * scenario becomes an ink story that inkjs compiles with one knot per node and one choice per
 * choice, and a seeded random play takes the same path through the engine and the story, so
 * the bench cannot silently compare two different graphs.
 */
import { describe, expect, it } from 'vitest';
import { compile, generateScenario, Scenario } from '../../src/engine';
import { compileInk, countStory, inkText, pathDifference, scenarioToInk } from '../../tools/lib/ink-graph';

describe('ink graph of a generated scenario', () => {
  const scenario = Scenario.parse(generateScenario(50, 1));
  const graph = scenarioToInk(scenario);
  const story = compileInk(graph.source);

  it('compiles with one knot per node and one choice per choice', () => {
    const choices = scenario.nodes.reduce((n, node) => n + node.choices.length, 0);
    expect(graph.knots).toBe(scenario.nodes.length);
    expect(graph.choices).toBe(choices);
    expect(countStory(story)).toEqual({ knots: scenario.nodes.length, choices });
  });

  it('translates conditions and effects, so the same seed takes the same path on both', () => {
    expect(graph.source).toMatch(/\+ \{[^}]+\} /); // some choices are conditional
    expect(graph.source).toMatch(/~ v_\w+ = /); // and some set variables
    const c = compile(scenario);
    for (let seed = 1; seed <= 10; seed++) expect(pathDifference(c, story, seed)).toBeNull();
  });

  it('ends the story where the interview ends', () => {
    const last = scenario.nodes.filter((n) => n.endsInterview);
    expect(last.length).toBeGreaterThan(0);
    for (const node of last) expect(graph.source).toContain(`=== node_${node.id} ===\n`);
    expect(graph.source.match(/^-> END$/gm)?.length).toBe(last.length);
  });

  it('keeps text literal', () => {
    const text = 'Odd - [this] {x} | # // ~ * + = (a) -> <> : "q", ok?';
    const s = compileInk(`${inkText(text)}\n+ ${inkText(text)}\n  -> END\n`);
    expect(s.Continue()?.trim()).toBe(text);
    expect(s.currentChoices.map((ch) => ch.text)).toEqual([text]);
  });
});
