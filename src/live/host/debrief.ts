/**
 * The session debrief: every team side by side (path, outcome, score by dimension, the factors of
 * its decisive response), a map of where the teams' roads parted, the best achievable score, and
 * "replay the road not taken" from any team's close in the solo game.
 */
import type { Action, Debrief, Playthrough, Scenario } from '../../engine';
import type { Reveal } from '../../protocol/index';
import { bestAchievable } from '../../web/analysis/best';
import { button, h } from '../../web/dom/h';
import { type FactorListOptions, factorList } from '../../web/factors';
import {
  deliveryLabel,
  formatMoney,
  formatPercent,
  formatScore,
  formLabel,
  outcomeLabel,
} from '../../web/format';
import { loadSave } from '../../web/save/load';
import { SaveStore } from '../../web/save/store';
import type { Replay } from '../common/room';

const NS = 'http://www.w3.org/2000/svg';

export interface DebriefTeam {
  id: string;
  name: string;
  index: number;
}

export interface DebriefInput {
  scenario: Scenario;
  replay: Replay;
  teams: DebriefTeam[];
  reveals: Reveal[];
  subtitle: string;
  actions: HTMLElement[];
}

/** An action in words, for a team's path. */
export function actionText(play: Playthrough, index: number, action: Action): string {
  const s = play.scenario;
  switch (action.type) {
    case 'choose': {
      const before = play.rewind(index).view();
      const text = before.choices.find((c) => c.id === action.choice)?.text;
      return text ? `“${text}”` : action.choice;
    }
    case 'continue':
      return 'Let the conversation go on';
    case 'close':
      return `Closed: ${formLabel(action.close.form)}, ${deliveryLabel(action.close.delivery).toLowerCase()}, ${action.close.points.length} point${action.close.points.length === 1 ? '' : 's'}${action.close.leverage ? ', with leverage' : ''}${action.close.commit ? ', committing to accept' : ''}`;
    case 'persist': {
      // The act as it was offered that day (a used act is offered as an acknowledging repeat).
      const offered = play
        .rewind(index)
        .view()
        .followUp?.acts.find((a) => a.id === action.act);
      const act = s.followUp?.acts.find((a) => a.id === action.act);
      return `Followed up: ${offered?.label ?? act?.label ?? action.act}`;
    }
    case 'let-go':
      return 'Let it go';
    case 'negotiate': {
      // The move in the engine's words for the figure then on the table, not the scenario's fixed text.
      const offered = play
        .rewind(index)
        .view()
        .negotiation?.moves.find((m) => m.id === action.move);
      const move = s.negotiation?.moves.find((m) => m.id === action.move);
      return `Negotiated: ${offered?.text ?? move?.text ?? action.move}`;
    }
  }
}

interface Branch {
  step: number;
  /** Team ids on each side of the fork, with the action each took. */
  sides: { teams: DebriefTeam[]; text: string }[];
  node: string | null;
}

/** Where the teams' action logs part: for each step, the teams that were together until then and then differ. */
export function divergences(teams: DebriefTeam[], plays: Map<string, Playthrough>): Branch[] {
  const out: Branch[] = [];
  const walk = (group: DebriefTeam[], step: number) => {
    if (group.length < 2) return;
    const byAction = new Map<string, DebriefTeam[]>();
    for (const t of group) {
      const a = plays.get(t.id)!.actions[step];
      const key = a ? JSON.stringify(a) : '(stopped)';
      byAction.set(key, [...(byAction.get(key) ?? []), t]);
    }
    if (byAction.size === 1) {
      const [key] = byAction.keys();
      if (key === '(stopped)') return;
      walk(group, step + 1);
      return;
    }
    const play = plays.get(group[0]!.id)!;
    const node = play.rewind(step).view().node?.id ?? null;
    out.push({
      step,
      node,
      sides: [...byAction.entries()].map(([key, ts]) => {
        const p = plays.get(ts[0]!.id)!;
        return {
          teams: ts,
          text: key === '(stopped)' ? 'Stopped here' : actionText(p, step, JSON.parse(key) as Action),
        };
      }),
    });
    for (const ts of byAction.values()) walk(ts, step + 1);
  };
  walk(teams, 0);
  return out.sort((a, b) => a.step - b.step);
}

/** The divergence map: one lane per team, one column per step; shared stretches drawn as one thick road. */
function mapSvg(teams: DebriefTeam[], plays: Map<string, Playthrough>, branches: Branch[]): SVGElement {
  const steps = Math.max(1, ...teams.map((t) => plays.get(t.id)!.step));
  const laneH = 46;
  const left = 150;
  const colW = Math.max(22, Math.min(60, 900 / steps));
  const W = left + colW * steps + 40;
  const H = 40 + laneH * teams.length;
  const svg = document.createElementNS(NS, 'svg');
  svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
  // Drawn at most 1.5 times its own size, so a short session is not blown up.
  svg.style.maxWidth = `${Math.round(W * 1.5)}px`;
  svg.setAttribute('role', 'img');
  svg.setAttribute(
    'aria-label',
    branches.length === 0
      ? 'Every team took the same road.'
      : `Where the teams' roads parted: ${branches.map((b) => `step ${b.step + 1}`).join(', ')}.`,
  );
  const el = (tag: string, attrs: Record<string, string | number>, text?: string) => {
    const e = document.createElementNS(NS, tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
    if (text !== undefined) e.textContent = text;
    svg.append(e);
    return e;
  };
  const colours = ['#1b7f79', '#d9893b', '#5f7f9c', '#a9483a', '#6b5b95', '#3d7f4f', '#8a6d3b', '#2c3b42'];
  const dashes = ['', '10 5', '3 4', '14 4 3 4', '6 3', '2 2', '12 3 2 3', '8 8'];
  const laneY = (i: number) => 30 + laneH * i + laneH / 2;
  const x = (step: number) => left + colW * step;
  // Step ruler
  for (let s = 0; s <= steps; s += Math.max(1, Math.ceil(steps / 12))) {
    el('text', { x: x(s), y: 18, 'font-size': 13, fill: '#5e544b', 'text-anchor': 'middle' }, String(s + 1));
  }
  teams.forEach((t, i) => {
    const play = plays.get(t.id)!;
    // Until its first fork a team rides with the first team it shares a road with.
    const acts = play.actions.map((a) => JSON.stringify(a));
    let together = acts.length;
    let buddy = -1;
    for (let j = 0; j < i; j++) {
      const other = plays.get(teams[j]!.id)!.actions.map((a) => JSON.stringify(a));
      let k = 0;
      while (k < acts.length && k < other.length && acts[k] === other[k]) k++;
      if (k > 0 && (buddy === -1 || k > together || together === acts.length)) {
        if (buddy === -1 || k > together) {
          buddy = j;
          together = k;
        }
      }
    }
    const y = laneY(i);
    el('text', { x: 8, y: y + 5, 'font-size': 16, 'font-weight': 700, fill: '#2b2622' }, t.name);
    const points: string[] = [];
    for (let s = 0; s <= play.step; s++) {
      const yy = buddy >= 0 && s <= together ? laneY(buddy) : y;
      points.push(`${x(s)},${yy}`);
    }
    el('polyline', {
      points: points.join(' '),
      fill: 'none',
      stroke: colours[t.index % 8]!,
      'stroke-width': 5,
      'stroke-dasharray': dashes[t.index % 8]!,
      'stroke-linejoin': 'round',
    });
    el('circle', { cx: x(play.step), cy: y, r: 7, fill: colours[t.index % 8]! });
  });
  for (const b of branches) {
    el('line', {
      x1: x(b.step),
      x2: x(b.step),
      y1: 24,
      y2: H - 6,
      stroke: '#5e544b',
      'stroke-width': 1,
      'stroke-dasharray': '2 4',
    });
  }
  return svg;
}

/** A team column shows its six largest factors under small headings. */
const FACTORS: FactorListOptions = { heading: 'h4', headingClass: 'eyebrow', limit: 6 };

/** Opens the solo game at a team's close: the team's save, rewound to the moment before it closed, becomes the game's resumable interview. */
export function replayInSoloGame(play: Playthrough, step: number): void {
  let storage: Storage | null = null;
  try {
    storage = window.localStorage;
  } catch {
    storage = null;
  }
  const loaded = loadSave(storage, Date.now());
  const store = new SaveStore(storage, loaded.save);
  store.setResume(play.rewind(step).save());
  window.open('/', '_blank', 'noopener');
}

function teamColumn(team: DebriefTeam, play: Playthrough, divergedAt: Set<number>): HTMLElement {
  const view = play.view();
  let d: Debrief | null = null;
  try {
    d = play.debrief();
  } catch {
    d = null;
  }
  const col = h('section', { class: `panel team-${team.index % 8}`, 'aria-label': team.name });
  col.append(h('h2', { class: 'h2', text: team.name }));
  if (d) {
    col.append(
      h('p', {
        class: 'eyebrow',
        text: outcomeLabel(d.outcome) + (d.salary ? ` · ${formatMoney(d.salary, d.currency)}` : ''),
      }),
      h('p', { class: 'h3', text: d.ending.title }),
      // The same record-based words as the solo debrief, from this team's own play: the ending's
      // sentences that hold for it, the verdict on its close's timing, its negotiation.
      h(
        'div',
        { class: 'lv-story', 'aria-label': `${team.name}: what happened` },
        ...d.story.map((text) => h('p', { class: 'body', text })),
        h('p', {
          class: 'body lv-headline',
          'data-verdict': d.headline.verdict,
          text: d.headline.text,
        }),
        ...d.negotiation.map((text) => h('p', { class: 'small', text })),
      ),
      h(
        'div',
        { class: 'score-total' },
        h('span', { class: 'big-number', text: formatScore(d.score.total) }),
        h('span', { class: 'small', text: 'score' }),
      ),
      h(
        'div',
        { class: 'dims', role: 'list', 'aria-label': `${team.name}: score by dimension` },
        d.score.dimensions.map((dim) =>
          h(
            'div',
            {
              class: 'dim',
              role: 'listitem',
              'aria-label': `${dim.label}: ${Math.round(dim.value)} out of 100`,
            },
            h('span', { text: dim.label, 'aria-hidden': 'true' }),
            h(
              'div',
              { class: 'bar', 'aria-hidden': 'true' },
              h('div', { style: `width:${Math.round(dim.value)}%` }),
            ),
            h('b', { text: String(Math.round(dim.value)), 'aria-hidden': 'true' }),
          ),
        ),
      ),
    );
    if (d.decisive) {
      col.append(
        h('p', {
          class: 'small',
          text: `Decisive response: the chance of ${d.decisive.chanceOf} was ${formatPercent(d.decisive.chance)}.`,
        }),
        factorList(
          'Their choices',
          d.decisive.factors.filter((f) => f.group === 'choices'),
          FACTORS,
        ) ?? '',
        factorList(
          'Circumstances',
          d.decisive.factors.filter((f) => f.group === 'circumstances'),
          FACTORS,
        ) ?? '',
      );
    }
  } else {
    const score = play.score();
    col.append(
      h('p', { class: 'eyebrow', text: 'Stopped before the end' }),
      h('p', {
        class: 'h3',
        text: view.phase === 'interview' ? 'Still in the interview' : `In the ${view.phase}`,
      }),
      h(
        'div',
        { class: 'score-total' },
        h('span', { class: 'big-number', text: formatScore(score.total) }),
        h('span', { class: 'small', text: 'score so far' }),
      ),
    );
  }
  const path = h('ol', { class: 'lv-path', 'aria-label': `${team.name}'s path` });
  play.actions.forEach((a, i) => {
    if (a.type === 'continue') return;
    path.append(
      h(
        'li',
        { class: divergedAt.has(i) ? 'diverged' : '', value: i + 1 },
        divergedAt.has(i) ? '⑂ ' : '',
        actionText(play, i, a),
      ),
    );
  });
  col.append(
    h(
      'details',
      {},
      h('summary', {
        class: 'small',
        style: 'cursor:pointer; min-height:44px; display:flex; align-items:center',
        text: `Path: ${play.step} steps (forks in bold)`,
      }),
      path,
    ),
  );
  const closeAt = d?.closeActionIndex ?? play.actions.findIndex((a) => a.type === 'close');
  if (closeAt !== null && closeAt >= 0) {
    col.append(
      button(`Replay the road not taken from ${team.name}'s close`, () => replayInSoloGame(play, closeAt), {
        class: 'btn-accent btn-small',
        title: 'Opens the solo game at the moment this team closed: press "Resume your interview" there',
      }),
    );
  } else {
    col.append(
      button(
        `Replay ${team.name}'s interview in the solo game`,
        () => replayInSoloGame(play, Math.max(0, play.step - 1)),
        {
          class: 'btn-small',
          title: 'This team never closed: the solo game opens at its last decision',
        },
      ),
    );
  }
  return col;
}

export function debriefEl(input: DebriefInput): HTMLElement {
  const { teams, replay } = input;
  const plays = new Map(teams.map((t) => [t.id, replay.play(t.id)] as const));
  const branches = divergences(teams, plays);
  const best = h('p', { class: 'h3', 'aria-live': 'polite', text: 'Best achievable score: working it out…' });
  void bestAchievable(input.scenario).then((b) => {
    best.textContent =
      b === null
        ? 'Best achievable score: not available in this browser.'
        : `Best achievable score (expected play): ${b} / 100`;
  });
  const forks = (id: string) =>
    new Set(branches.filter((b) => b.sides.some((s) => s.teams.some((t) => t.id === id))).map((b) => b.step));
  const compare = h('div', { class: 'lv-compare', style: `--n:${Math.max(1, Math.min(teams.length, 4))}` });
  for (const t of teams) compare.append(teamColumn(t, plays.get(t.id)!, forks(t.id)));
  const map = h(
    'section',
    { class: 'lv-map panel', 'aria-labelledby': 'lv-map-title' },
    h('h2', { class: 'h3', id: 'lv-map-title', text: 'Where the teams diverged' }),
    mapSvg(teams, plays, branches),
    branches.length === 0
      ? h('p', {
          class: 'body',
          text: teams.length > 1 ? 'Every team took the same road.' : 'One team: one road.',
        })
      : h(
          'ul',
          { class: 'factors' },
          branches.map((b) =>
            h(
              'li',
              { style: 'grid-template-columns: 90px 1fr' },
              h('b', { text: `Step ${b.step + 1}` }),
              h(
                'span',
                {},
                b.sides.flatMap((s, i) => [
                  i > 0 ? ' · ' : '',
                  h('b', { text: `${s.teams.map((t) => t.name).join(', ')}: ` }),
                  s.text,
                ]),
              ),
            ),
          ),
        ),
  );
  return h(
    'div',
    { class: 'lv-stack', style: 'gap:16px' },
    h(
      'header',
      { class: 'lv-row panel', style: 'padding:16px 22px' },
      h(
        'div',
        { class: 'lv-stack', style: 'gap:4px' },
        h('h1', { class: 'h1', text: 'Session debrief' }),
        h('p', { class: 'small', text: input.subtitle }),
      ),
      h('span', { class: 'lv-spacer' }),
      best,
      ...input.actions,
    ),
    compare,
    map,
  );
}
