/** The validator checks what debrief text refers to, and that moments follow the scene. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateScenario } from '../../../src/engine/format/check';

const minimal = () => JSON.parse(readFileSync('tests/fixtures/valid/minimal.json', 'utf8'));
const check = (doc: unknown) => validateScenario(JSON.stringify(doc, null, 2), 'story.json');
const codes = (doc: unknown) => check(doc).problems.map((p) => `${p.severity} ${p.code} ${p.path}`);

describe('what debrief text refers to', () => {
  it('a reference to a node, answer, act or move the scenario lacks is an error naming it', () => {
    const doc = minimal();
    doc.endings[0].debriefLines = [
      { text: 'You sat down first.', refers: { visited: ['hello'], answered: ['sit'] } },
      { text: 'You asked about the accounts.', refers: { visited: ['accounts'], answered: ['sitt'] } },
    ];
    const result = check(doc);
    expect(result.ok).toBe(false);
    const wrong = result.problems.filter((p) => p.code === 'unknown-reference');
    expect(wrong.map((p) => p.path)).toEqual([
      '$.endings[0].debriefLines[1].refers.visited[0]',
      '$.endings[0].debriefLines[1].refers.answered[0]',
    ]);
    expect(wrong[0]!.message).toContain('the node "accounts"');
    expect(wrong[1]!.message).toContain('the choice "sitt"');
  });

  it('choice feedback may say what else it refers to; two answers at one node can never both hold', () => {
    const doc = minimal();
    doc.nodes[1].choices[0].feedback = 'Leaving quietly after sitting down.';
    doc.nodes[1].choices[0].feedbackRefers = { answered: ['sit'], closed: false };
    expect(check(doc).problems).toEqual([]);
    doc.nodes[1].choices[0].feedbackRefers = { answered: ['thanks', 'leave'] };
    expect(codes(doc)).toContain(
      'warning impossible-reference $.nodes[1].choices[0].feedbackRefers.answered',
    );
  });
});

describe('moments follow the scene', () => {
  it('a goodbye under a middle moment is a warning; as a closing moment with the close on offer it is not', () => {
    const doc = minimal();
    doc.nodes[1].lines[0].text = 'Right. Anything else before I let you go?';
    doc.nodes[1].moment = 'middle';
    doc.closing.allowed = 'closing-moments';
    const found = codes(doc);
    expect(found).toContain('warning moment-wrap-up $.nodes[1].moment');
    expect(found).toContain('warning wrap-up-no-close $.nodes[1]');
    expect(found).toContain('warning last-node-no-close $.nodes[1]');
    doc.nodes[1].moment = 'closing';
    expect(codes(doc).filter((c) => /wrap-up|no-close/.test(c))).toEqual([]);
  });

  it('the last node before the interview ends must offer the close', () => {
    const doc = minimal();
    doc.nodes[1].closeAllowed = false;
    expect(codes(doc)).toContain('warning last-node-no-close $.nodes[1]');
  });

  it('the library scenes read as they are labelled', () => {
    for (const f of ['01-final-say', '03-open-doors', '06-doorstep']) {
      const result = validateScenario(readFileSync(`scenarios/${f}.json`, 'utf8'), `${f}.json`);
      expect(result.problems.filter((p) => /wrap-up|reference/.test(p.code)).map((p) => p.path)).toEqual([]);
    }
  });
});
