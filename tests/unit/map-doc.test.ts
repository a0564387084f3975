/**
 * The map editor's document: changes keep the file's formatting and key order where unchanged,
 * typing in one field is one step of undo, redo follows undo, problems are found at their path,
 * and while the file has errors the map draws its nodes as they are.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateScenario } from '../../src/engine';
import { ScenarioDoc } from '../../src/game/map/doc';
import { effectMeaning } from '../../src/game/map/editor';

const text = readFileSync('scenarios/example.json', 'utf8');
const parsed = validateScenario(text, 'example.json');
if (!parsed.ok) throw new Error('example.json must validate');

const open = () => new ScenarioDoc('scenarios/example.json', 'library', text, parsed.scenario);

describe('the edited document', () => {
  it('changes one value and leaves every other byte as it was', () => {
    const doc = open();
    doc.apply({ path: ['nodes', 0, 'lines', 0, 'text'], value: 'A new first line.' });
    const before = text.split('\n');
    const after = doc.text.split('\n');
    expect(after).toHaveLength(before.length);
    const changed = after.filter((l, i) => l !== before[i]);
    expect(changed).toEqual(['          "text": "A new first line."']);
    expect(doc.errors).toEqual([]);
  });

  it('makes typing in one field one step of undo, and redoes it', () => {
    const doc = open();
    const path = ['meta', 'title'];
    for (const t of ['E', 'Ex', 'Exa']) doc.applyAs('$.meta.title', { path, value: t });
    expect(doc.at(path)).toBe('Exa');
    expect(doc.undo()).toBe(true);
    expect(doc.text).toBe(text);
    expect(doc.canUndo).toBe(false);
    expect(doc.redo()).toBe(true);
    expect(doc.at(path)).toBe('Exa');
  });

  it('finds problems at a field, and draws the nodes being written', () => {
    const doc = open();
    const n = (doc.at(['nodes']) as unknown[]).length;
    doc.apply({
      path: ['nodes', n],
      value: {
        id: 'draft',
        moment: 'middle',
        lines: [{ id: 'draft-line', speaker: 'narrator', text: '' }],
        endsInterview: true,
      },
      insert: true,
    });
    expect(doc.errors.length).toBeGreaterThan(0);
    expect(doc.problemsAt(['nodes', n, 'lines', 0, 'text']).length).toBeGreaterThan(0);
    expect(doc.lastGood.nodes.some((x) => x.id === 'draft')).toBe(false);
    expect(doc.draft().nodes.some((x) => x.id === 'draft')).toBe(true);
    expect(doc.dirty).toBe(true);
  });

  it('says what an effect of each size means', () => {
    expect(effectMeaning('keenness', 0.04)).toBe('a small rise in keenness');
    expect(effectMeaning('doubt', -0.15)).toBe('a clear fall in doubt');
    expect(effectMeaning('rapport', 0.3)).toBe('a large rise in rapport');
    expect(effectMeaning('irritation', 0)).toBe('no change');
  });
});

describe('a file changed on disk while open on the map', () => {
  it('takes the new text when nothing is unsaved, as a step of undo', () => {
    const doc = open();
    const changed = text.replace('"Example: the format tour"', '"Example: changed on disk"');
    const v = validateScenario(changed, 'example.json');
    if (!v.ok) throw new Error('must validate');
    doc.reloaded(changed, v.scenario);
    expect(doc.at(['meta', 'title'])).toBe('Example: changed on disk');
    expect(doc.dirty).toBe(false);
    expect(doc.lastGood.meta.title).toBe('Example: changed on disk');
    doc.undo();
    expect(doc.text).toBe(text);
  });
});
