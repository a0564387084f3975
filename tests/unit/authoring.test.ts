/** Authoring tools: the starter scenario, the explorer behind --at / the map / Play from here, the lesson check and new validator rules. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeScenario, KIND_REASONS, KIND_TRAITS, Playthrough } from '../../src/engine';
import { closesAt, exploreNodes, stateAt } from '../../src/engine/authoring/explore';
import { validateScenario } from '../../src/engine/format/check';
import { DECISION_MAKER_KINDS, type Scenario } from '../../src/engine/format/schema';
import { estimateWidth, layoutMap, type MapLayout, overlaps, wrapLabel } from '../../src/game/map/layout';
import { buildCatalog, scenarioFiles } from '../../tools/lib/scenario-catalog';
import { atNode, lessonReport } from '../../tools/lib/tuning';
import { starterScenario } from '../../tools/new';

function starter(id = 'starter'): Scenario {
  const r = validateScenario(JSON.stringify(starterScenario(id), null, 2), `${id}.json`);
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('\n'));
  return r.scenario;
}

describe('npm run new', () => {
  it('writes a scenario that validates with no problems and plays to an ending', () => {
    const r = validateScenario(JSON.stringify(starterScenario('my-first'), null, 2), 'x.json', {
      assetExists: () => true,
    });
    expect(r.problems).toEqual([]);
    const s = starter();
    const play = Playthrough.start(s);
    let v = play.view();
    for (let i = 0; i < 20 && v.phase === 'interview'; i++) {
      v = v.choices.length
        ? play.act({ type: 'choose', choice: v.choices[0]!.id })
        : play.act({ type: 'continue' });
    }
    while (v.phase === 'follow-up') v = play.act({ type: 'let-go' });
    expect(v.phase).toBe('ended');
  });
});

describe('exploring nodes', () => {
  it('finds the most likely path to every node, with the state there', () => {
    const s = starter();
    const report = exploreNodes(s, { samples: 200 });
    expect([...report.likely.keys()].sort()).toEqual(s.nodes.map((n) => n.id).sort());
    const q = report.likely.get('questions')!;
    expect(q.actions).toHaveLength(2);
    // Two choices and the close are on offer at each of the two earlier nodes: (1/3)².
    expect(q.p).toBeCloseTo(1 / 9, 5);
    // Replaying the path from the start reaches the same node and state.
    const play = Playthrough.start(s);
    for (const a of q.actions) play.act(a);
    expect(play.current.node).toBe('questions');
    expect(stateAt(s, play.current).hidden).toEqual(stateAt(s, q.state).hidden);
    expect(report.reach.get('welcome')).toBe(1);
  });

  it('lists every close at a node with chances that follow the state, best expected score first', () => {
    const s = starter();
    const q = exploreNodes(s, { samples: 0 }).likely.get('questions')!;
    const rows = closesAt(s, q.state);
    expect(rows.length).toBeGreaterThan(10);
    for (let i = 1; i < rows.length; i++)
      expect(rows[i - 1]!.expected).toBeGreaterThanOrEqual(rows[i]!.expected);
    const keen = { ...q.state, hidden: [{ ...q.state.hidden[0]!, keenness: 0.95 }] };
    const cold = { ...q.state, hidden: [{ ...q.state.hidden[0]!, keenness: 0.05 }] };
    const firm = (r: (typeof rows)[number]) =>
      r.spec.form === 'statement-of-intent' &&
      r.spec.delivery === 'firm' &&
      !r.spec.leverage &&
      !r.spec.commit;
    const hot = closesAt(s, keen).find(firm)!;
    const icy = closesAt(s, cold).find(firm)!;
    expect(hot.chance).toBeGreaterThan(icy.chance);
    expect(hot.expected).toBeGreaterThan(icy.expected);
  });

  it('Play from here starts at the node with the given hidden state and variables', () => {
    const s = starter();
    const play = Playthrough.start(s, {
      from: { node: 'questions', hidden: { keenness: 0.8 }, vars: { knowsClients: true } },
    });
    const v = play.view();
    expect(v.node?.id).toBe('questions');
    expect(v.hidden.keenness).toBe(0.8);
    expect(v.close?.points.map((p) => p.id)).toEqual(['monthly-reorders']);
    // Saves carry the start, so a restore replays onto the same place.
    const again = Playthrough.restore(s, play.save());
    expect(again.view().node?.id).toBe('questions');
    expect(() => Playthrough.start(s, { from: { node: 'nowhere' } })).toThrow(/no node "nowhere"/);
  });
});

describe('the analyzer for authors', () => {
  it('--at prints the path, the hidden state and closes grouped by form', () => {
    const r = atNode(starter(), 'questions', false);
    expect(r.ok).toBe(true);
    expect(r.text).toMatch(/Hidden state of the lead decision-maker there: keenness \d\.\d\d/);
    expect(r.text).toContain('statement-of-intent (');
    expect(r.text).toContain('outright-ask (');
    expect(r.text).toMatch(/Not closing here .*expected \d+\.\d/);
    const missing = atNode(starter(), 'nope', false);
    expect(missing.ok).toBe(false);
    expect(missing.text).toContain('Nodes: welcome, why-you, questions');
  });

  it('says whether the best path agrees with meta.lesson', () => {
    const s = starter();
    const a = analyzeScenario(s);
    expect(lessonReport(s, a).join('\n')).toContain('the best path agrees with meta.lesson');
    const other: Scenario = {
      ...s,
      meta: { ...s.meta, lesson: { text: 'x', form: 'tentative', moment: 'middle' } },
    };
    expect(lessonReport(other, a).join('\n')).toMatch(
      /WARNING the best path closes with statement-of-intent/,
    );
  });

  it('warns when keenness reaches 1 on the best path', () => {
    const s = starter();
    const hot: Scenario = {
      ...s,
      decisionMakers: [
        { ...s.decisionMakers[0]!, initial: { ...s.decisionMakers[0]!.initial, keenness: 0.95 } },
      ],
    };
    expect(lessonReport(hot, analyzeScenario(hot)).join('\n')).toContain(
      'keenness reaches 1 on the best path',
    );
  });

  it('counts the stage gate as a gate: an ask for the job held at 0% in an early round is no warning', () => {
    const s = starter();
    // A first round with forty still to see and a recruiter who cannot offer: an offer on the
    // spot is ruled out by the gates, while the next stage stays open.
    const early: Scenario = {
      ...s,
      situation: {
        ...s.situation,
        stage: 'first-round',
        nextStage: 'second-interview',
        candidatesRemaining: 40,
      },
      decisionMakers: [{ ...s.decisionMakers[0]!, traits: { authority: 0.1 } }],
    };
    const q = exploreNodes(early, { samples: 0 }).likely.get('questions')!;
    const rows = closesAt(early, q.state);
    const asks = rows.filter((r) => r.spec.form === 'statement-of-intent');
    expect(asks.length).toBeGreaterThan(0);
    for (const r of asks) {
      expect(r.chance).toBeLessThan(0.005);
      expect(r.gated).toBe(true);
    }
    for (const r of rows.filter((r) => r.spec.form === 'next-stage')) expect(r.gated).toBe(false);
    expect(lessonReport(early, analyzeScenario(early)).join('\n')).not.toContain('with no gate');
  });

  it('prints usage for --help', () => {
    const out = execFileSync('npx', ['tsx', 'tools/analyze.ts', '--help'], { encoding: 'utf8' });
    expect(out).toContain('--at NODE');
  }, 120_000);
});

describe('validator rules for authors', () => {
  it('is an error when a decision can produce an outcome no ending covers', () => {
    const input = starterScenario('gaps');
    input.endings = input.endings.filter((e) => e.outcome !== 'rejection' && e.outcome !== 'no-decision');
    const r = validateScenario(JSON.stringify(input, null, 2), 'gaps.json');
    expect(r.ok).toBe(false);
    const p = r.problems.find((x) => x.code === 'missing-outcome-ending')!;
    expect(p.message).toContain('"rejection"');
    expect(p.fix).toContain('"outcome": "rejection"');
    expect(p.line).toBeGreaterThan(1);
  });

  it('names the backdrops and portraits that exist', () => {
    const input = starterScenario('art');
    input.meta.backdrop = 'owner-ofice';
    input.decisionMakers[0]!.portrait.id = 'nobody';
    const r = validateScenario(JSON.stringify(input, null, 2), 'art.json', {
      assetExists: (rel) => !rel.includes('owner-ofice') && !rel.includes('nobody'),
      assetList: (dir) =>
        dir === 'assets/backdrops' ? ['owner-office.svg', 'cafe.svg'] : ['dana-whitlock', 'tom-beck'],
    });
    const fixes = r.problems.map((p) => p.fix).join('\n');
    expect(fixes).toContain('did you mean "owner-office"');
    expect(fixes).toContain('"cafe", "owner-office"');
    expect(fixes).toContain('"dana-whitlock", "tom-beck"');
  });

  it('accepts the new decision-maker kinds, each with defaults and a reason', () => {
    for (const kind of ['coo', 'founder', 'department-head', 'board'] as const) {
      expect(DECISION_MAKER_KINDS).toContain(kind);
      expect(KIND_TRAITS[kind].authority).toBeGreaterThan(0);
      expect(KIND_REASONS[kind].length).toBeGreaterThan(20);
      const input = starterScenario('kinds');
      input.decisionMakers[0]!.kind = kind;
      expect(validateScenario(JSON.stringify(input), 'k.json').ok).toBe(true);
    }
  });
});

describe('the catalogue and the map layout', () => {
  it('lists the library for the build, without the schema or the format tour', () => {
    const files = scenarioFiles('scenarios');
    expect(files).not.toContain('example.json');
    expect(files).not.toContain('scenario.schema.json');
    const catalog = buildCatalog('scenarios');
    expect(catalog.files.map((f) => f.name)).toEqual(files);
    expect(catalog.files.every((f) => /^[0-9a-f]{12}$/.test(f.hash))).toBe(true);
  });

  it('lays out every node and ending, left to right by moment', () => {
    for (const file of scenarioFiles('scenarios')) {
      const r = validateScenario(readFileSync(`scenarios/${file}`, 'utf8'), file);
      if (!r.ok) throw new Error(file);
      const layout = layoutMap(r.scenario);
      const nodes = layout.boxes.filter((b) => b.kind === 'node');
      expect(nodes.map((b) => b.id).sort()).toEqual(r.scenario.nodes.map((n) => n.id).sort());
      expect(layout.boxes.filter((b) => b.kind === 'ending')).toHaveLength(r.scenario.endings.length);
      const order = ['opening', 'middle', 'closing', 'after'];
      for (const e of layout.edges.filter((x) => x.kind === 'choice' || x.kind === 'next')) {
        const a = layout.boxes.find((b) => b.key === e.from)!;
        const b = layout.boxes.find((x) => x.key === e.to)!;
        if (order.indexOf(a.moment) < order.indexOf(b.moment)) expect(b.x).toBeGreaterThan(a.x);
      }
      // No two boxes overlap.
      for (const a of layout.boxes)
        for (const b of layout.boxes)
          if (a !== b)
            expect(a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y).toBe(true);
    }
  });
});

/** For each box, pairs of labels of the arrows leaving it that overlap (they show together). */
function labelClashes(layout: MapLayout): string[] {
  const out: string[] = [];
  for (const box of layout.boxes) {
    const meeting = layout.edges.filter((e) => e.from === box.key);
    for (const [i, a] of meeting.entries())
      for (const b of meeting.slice(i + 1))
        if (a.label && b.label && overlaps(a.label, b.label))
          out.push(`${box.key}: "${a.text}" (${a.from}→${a.to}) and "${b.text}" (${b.from}→${b.to})`);
  }
  return out;
}

describe("the map's arrow labels", () => {
  it('never overlap among the arrows leaving one box, in every scenario file', () => {
    const files = [...scenarioFiles('scenarios'), 'example.json'];
    let labels = 0;
    for (const file of files) {
      const r = validateScenario(readFileSync(`scenarios/${file}`, 'utf8'), file);
      if (!r.ok) throw new Error(file);
      const layout = layoutMap(r.scenario);
      expect(labelClashes(layout), file).toEqual([]);
      for (const e of layout.edges) {
        expect(e.label, `${file}: ${e.from}→${e.to}`).not.toBeNull();
        labels++;
        // Inside the map, and holding its words (cut with "…" only past three lines).
        const l = e.label!;
        expect(l.x >= 0 && l.y >= 0 && l.x + l.w <= layout.width && l.y + l.h <= layout.height).toBe(true);
        const shown = l.lines.join(' ');
        if (!shown.endsWith('…')) expect(shown).toBe(e.text.split(/\s+/).join(' '));
      }
    }
    expect(labels).toBeGreaterThan(400);
  });

  it('stay apart when many long choices leave one node for the same place, or the same few', () => {
    const s = starter('crowded');
    const long =
      'Because I would earn it on the doorstep, account by account, the way Gary did for thirty-one years';
    const first = s.nodes[0]!;
    first.choices = Array.from({ length: 9 }, (_, i) => ({
      ...first.choices[0]!,
      id: `c${i}`,
      text: `${i}: ${long.slice(0, 20 + i * 9)}`,
      next: s.nodes[1 + (i % 2)]!.id,
    }));
    const layout = layoutMap(s);
    expect(layout.edges.filter((e) => e.from === first.id)).toHaveLength(9);
    expect(labelClashes(layout)).toEqual([]);
  });

  it('wraps words to at most three lines and cuts a word wider than a line', () => {
    const lines = wrapLabel(`${'a'.repeat(80)} ${'word '.repeat(60)}`, estimateWidth);
    expect(lines).toHaveLength(3);
    expect(lines[2]!.endsWith('…')).toBe(true);
    for (const line of lines) expect(estimateWidth(line)).toBeLessThanOrEqual(240);
    expect(wrapLabel('Continue', estimateWidth)).toEqual(['Continue']);
  });
});

describe('faces described in the scenario', () => {
  it('validates a described portrait without SVG files and draws all seven expressions', async () => {
    const { describedSvg } = await import('../../src/game/art/described');
    const input = starterScenario('faces');
    input.decisionMakers[0]!.portrait = {
      id: 'morgan-described',
      expressions: ['neutral', 'interested', 'sceptical', 'impressed', 'irritated', 'warm', 'thinking'],
      describe: {
        skin: 'brown',
        hair: 'bun',
        hairColour: 'grey',
        glasses: 'round',
        clothing: 'blazer',
        age: 'older',
      },
    };
    const r = validateScenario(JSON.stringify(input, null, 2), 'faces.json', {
      assetExists: (rel) => !rel.startsWith('assets/portraits/'),
    });
    expect(r.problems).toEqual([]);
    if (!r.ok) throw new Error('must validate');
    const d = r.scenario.decisionMakers[0]!.portrait.describe!;
    const svgs = r.scenario.decisionMakers[0]!.portrait.expressions.map((e) =>
      describedSvg('morgan-described', d, e),
    );
    expect(new Set(svgs).size).toBe(7);
    for (const svg of svgs)
      expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 400 480"/);
    // Glasses and the skin tone show in the drawing.
    expect(svgs[0]).toContain('#8a5a3c');
    const plain = describedSvg('x', { ...d, glasses: 'none' }, 'neutral');
    expect(plain.length).toBeLessThan(svgs[0]!.length);
  });

  it('rejects a description with an unknown hair style, naming the choices', () => {
    const input = starterScenario('faces');
    (input.decisionMakers[0]!.portrait as Record<string, unknown>).describe = {
      skin: 'brown',
      hair: 'mohawk',
    };
    const r = validateScenario(JSON.stringify(input, null, 2), 'faces.json');
    expect(r.ok).toBe(false);
    expect(r.problems.map((p) => p.message).join('\n')).toMatch(/hair/);
  });
});
