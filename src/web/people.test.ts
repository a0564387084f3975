import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../tests/support/lessons';
import { compile, type Scenario } from '../engine';
import { leadOf, speakerName } from './people';

const panel = loadScenario('scenarios/02-first-round-panel.json');

describe('the lead decision-maker', () => {
  it('is the one the engine closes with, wherever they stand in the list', () => {
    expect(leadOf(panel).id).toBe('priya-raman');
    const swapped: Scenario = { ...panel, closing: { ...panel.closing, decisionMaker: 'tom-beck' } };
    expect(leadOf(swapped).id).toBe('tom-beck');
    expect(leadOf(swapped)).toBe(swapped.decisionMakers[compile(swapped).lead]);
  });
});

describe('speaker names', () => {
  it('names the candidate and the decision-makers, and leaves the narrator unnamed', () => {
    expect(speakerName(panel, 'candidate')).toBe(panel.candidate.name);
    expect(speakerName(panel, 'tom-beck')).toBe('Tom Beck');
    expect(speakerName(panel, 'narrator')).toBe('');
  });
});
