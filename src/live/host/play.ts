/**
 * The projector while the room plays: the room code, the vote's number, timer and count on top;
 * one stage per point the teams have reached (teams at the same point share it), each with the
 * vote beside it (the task, then each team's split once revealed); the trainer's controls below.
 */
import type { RoomState, Task } from '../../protocol/index';
import { h } from '../../web/dom/h';
import { plural } from '../../web/format';
import { statusEl } from '../common/follow';
import { currentLines } from '../common/lines';
import { revealFor } from '../common/room';
import { resultEl, resultSentence, TASK_TITLE } from '../common/votes';
import type { HostApp, Hosting } from './app';
import { endButton, flowButtons, teamsLeft } from './controls';
import { fitStages, stageEl } from './stage';
import { presentTeams } from './teams';

interface Group {
  key: string;
  teams: { id: string; name: string; index: number }[];
}

/**
 * Teams at the same point share a stage: the same node, the same last lines and the same task.
 * Two teams whose earlier choices differed but led to the same words and the same question look
 * the same to the room, so they are shown once, with both team tags.
 */
function groups(hst: Hosting): Group[] {
  const out = new Map<string, Group>();
  const presentIds = presentTeams(hst.state.teams, hst.players).map((t) => t.id);
  const present = new Set(presentIds);
  drawnFor.set(hst, presentIds.join(' '));
  hst.state.teams.forEach((t, index) => {
    if (!present.has(t.id)) return;
    const play = hst.replay.play(t.id);
    const view = play.view();
    const task = hst.state.round?.tasks.find((k) => k.team === t.id);
    const key = JSON.stringify([
      view.phase,
      view.node?.id ?? '',
      view.ending?.ending.id ?? '',
      currentLines(play).map((l) => [l.speaker, l.text]),
      // The options' words too: a negotiation move is worded against each team's own figure.
      task ? [task.kind, task.options.map((o) => [o.id, o.text]), task.close ? 1 : 0] : null,
    ]);
    let g = out.get(key);
    if (!g) {
      g = { key, teams: [] };
      out.set(key, g);
    }
    g.teams.push({ id: t.id, name: t.name, index });
  });
  return [...out.values()];
}

/** Which teams the play screen last drew a stage for (the only thing it reads from the players list). */
const drawnFor = new WeakMap<Hosting, string>();

function presentKey(hst: Hosting): string {
  return presentTeams(hst.state.teams, hst.players)
    .map((t) => t.id)
    .join(' ');
}

/**
 * After a players update (a join, a drop, a reconnection; the server sends one after every round
 * change): whether the play screen must be drawn again. Only a team coming or going changes it
 * (its stage); redrawing for anything else would replace the trainer's buttons under the pointer,
 * and a press whose button is replaced between mouse down and up does nothing.
 */
export function playNeedsRedraw(hst: Hosting): boolean {
  return drawnFor.get(hst) !== presentKey(hst);
}

function voteAside(hst: Hosting, g: Group, compact: boolean): HTMLElement {
  const state = hst.state;
  const round = state.round;
  const box = h('section', { class: 'lv-vote panel', 'aria-label': 'The vote' });
  if (!round) return box;
  const reveal = revealFor(state);
  const first = round.tasks.find((t) => t.team === g.teams[0]!.id);
  if (reveal) {
    // Several stages: the top bar already says the vote closed; the room needs the space.
    if (!compact) box.append(h('p', { class: 'eyebrow', text: `Vote ${round.number}: what each team did` }));
    // Teams sharing a stage: each team's result side by side, with only the options voted for.
    const shared = g.teams.length > 1;
    const results = h('div', { class: shared ? 'lv-results' : 'lv-stack' });
    for (const t of g.teams) {
      const r = reveal.teams.find((x) => x.team === t.id);
      const task = round.tasks.find((x) => x.team === t.id);
      if (!r) continue;
      results.append(
        h(
          'div',
          { class: 'lv-stack lv-result' },
          shared ? h('p', { class: `lv-chip-team team-${t.index % 8}`, text: t.name }) : null,
          resultEl(hst.replay.scenario, task, r, true, compact || shared),
        ),
      );
    }
    box.append(results);
    return box;
  }
  const kind = first?.kind ?? 'none';
  box.append(h('h2', { class: 'h3', text: TASK_TITLE[kind] }));
  if (first && (kind === 'choose' || kind === 'follow-up' || kind === 'negotiate')) {
    box.append(
      h(
        'ol',
        { class: 'lv-options' },
        first.options.map((o, i) =>
          h(
            'li',
            {},
            h('span', { class: 'key', 'aria-hidden': 'true', text: String(i + 1) }),
            h('span', { text: o.text }),
          ),
        ),
      ),
    );
  } else if (kind === 'close') {
    box.append(
      h('p', {
        class: 'body',
        text: 'On their phones: form, delivery, supporting points, leverage and commitment.',
      }),
    );
  }
  if (!compact || g.teams.length > 0) {
    box.append(
      h(
        'div',
        { class: 'lv-progress-row' },
        g.teams.map((t) =>
          h('p', { class: 'lv-progress', 'data-progress': t.id, text: progressText(state, t.id, t.name) }),
        ),
      ),
    );
  }
  return box;
}

function progressLine(hst: Hosting, g: Group): string {
  const reveal = revealFor(hst.state);
  const round = hst.state.round;
  return g.teams
    .map((t) => {
      const r = reveal?.teams.find((x) => x.team === t.id);
      const task = round?.tasks.find((x) => x.team === t.id);
      return r ? resultSentence(hst.replay.scenario, t.name, task, r) : progressText(hst.state, t.id, t.name);
    })
    .join(' ');
}

function progressText(state: RoomState, team: string, name: string): string {
  const r = state.round;
  if (!r) return '';
  const task = r.tasks.find((t) => t.team === team);
  if (task && (task.kind === 'continue' || task.kind === 'none')) return `${name}: no vote`;
  return `${name}: ${r.voted[team] ?? 0} of ${r.eligible[team] ?? 0} voted`;
}

/** Rewrites every vote count on the screen in place (room:progress). */
export function updatePlayProgress(app: HostApp, hst: Hosting): void {
  const page = app.page;
  for (const el of page.main.querySelectorAll<HTMLElement>('[data-progress]')) {
    const id = el.dataset.progress!;
    const t = hst.state.teams.find((x) => x.id === id);
    if (t) el.textContent = progressText(hst.state, id, t.name);
  }
  const all = page.main.querySelector('[data-allprogress]');
  if (all) all.textContent = allProgress(hst.state);
}

function votersIn(state: RoomState): number {
  const r = state.round;
  if (!r) return 0;
  return r.tasks
    .filter((t) => t.kind !== 'continue' && t.kind !== 'none')
    .reduce((n, t) => n + (r.eligible[t.team] ?? 0), 0);
}

function allProgress(state: RoomState): string {
  const r = state.round;
  if (!r) return '';
  let voted = 0;
  let of = 0;
  for (const t of r.tasks) {
    if (t.kind === 'continue' || t.kind === 'none') continue;
    voted += r.voted[t.team] ?? 0;
    of += r.eligible[t.team] ?? 0;
  }
  return `${voted} of ${of} voted`;
}

function discussionEl(tasks: Task[]): HTMLElement | null {
  const prompts = [...new Set(tasks.flatMap((t) => t.discussion))];
  if (prompts.length === 0) return null;
  return h(
    'div',
    { class: 'lv-discussion', role: 'group', 'aria-label': 'Discuss' },
    h('p', { class: 'eyebrow', text: 'Discuss before you vote · the timer waits' }),
    ...prompts.map((p) => h('p', { class: 'lv-prompt', text: p })),
    h('p', { class: 'small', text: 'Press Start when the room is ready to vote.' }),
  );
}

export function renderPlay(app: HostApp, hst: Hosting): void {
  const page = app.page;
  const state = hst.state;
  const round = state.round;
  page.main.setAttribute('aria-label', 'Host');
  page.main.className = 'lv-proj';
  const status = round?.status ?? 'revealed';
  const open = status === 'voting' || status === 'paused' || status === 'discussion';
  const anyLeft = teamsLeft(state);
  const timer = h('span', {
    class: `lv-timer panel ${status === 'voting' ? '' : 'paused'}`,
    role: 'timer',
    'aria-label': 'Time left',
  });
  app.timerEl = timer;
  const controls = h(
    'div',
    { class: 'lv-controls', role: 'toolbar', 'aria-label': 'Session controls' },
    ...flowButtons(app, hst),
    endButton(app),
  );
  const top = h(
    'header',
    { class: 'lv-proj-top' },
    h(
      'span',
      { class: 'tag panel lv-code-small' },
      'Join: ',
      h('b', { 'aria-label': 'Room code', text: state.code }),
    ),
    h('span', { class: 'tag panel', text: `${state.scenario.title} · vote ${round?.number ?? 0}` }),
    timer,
    open && votersIn(state) > 0
      ? h('span', {
          class: 'tag panel',
          'data-allprogress': '',
          'aria-live': 'polite',
          text: allProgress(state),
        })
      : null,
    h('span', { class: 'lv-spacer' }),
    statusEl(app.follow.connected),
  );
  // Teams at the same point share a stage; with many paths (individuals) the largest four get a
  // stage and the rest are listed by name.
  const all = groups(hst);
  const gs = all.length > 4 ? [...all].sort((a, b) => b.teams.length - a.teams.length).slice(0, 4) : all;
  const rest = all.filter((g) => !gs.includes(g));
  const wrap = h('div', {
    class: `lv-stage-wrap ${gs.length === 1 ? 'single' : `cols-${Math.min(4, gs.length)}`}`,
  });
  for (const g of gs) {
    const play = hst.replay.play(g.teams[0]!.id);
    const aside = voteAside(hst, g, gs.length > 1);
    const tasks = round?.tasks.filter((t) => g.teams.some((x) => x.id === t.team)) ?? [];
    const discussion = status === 'discussion' ? discussionEl(tasks) : null;
    if (discussion) aside.prepend(discussion);
    wrap.append(stageEl(play, g.teams, aside, gs.length === 1 ? 3 : gs.length === 2 ? 2 : 1));
  }
  const others =
    rest.length > 0
      ? h(
          'section',
          { class: 'lv-card panel', 'aria-label': 'Other paths' },
          h('h2', { class: 'h3', text: `${plural(rest.length, 'other path')}` }),
          h(
            'ul',
            { class: 'lv-rules' },
            rest.map((g) =>
              h(
                'li',
                {},
                h('b', { text: g.teams.map((t) => t.name).join(', ') }),
                ` · ${progressLine(hst, g)}`,
              ),
            ),
          ),
        )
      : null;
  const nobody = state.teams.every((t) => t.players === 0);
  const finished =
    !anyLeft && status === 'revealed'
      ? h(
          'section',
          { class: 'lv-discussion panel', 'aria-label': 'Every team has finished' },
          h('p', {
            class: 'lv-prompt',
            text: nobody ? 'No one is left in the room.' : 'Every team has finished the interview.',
          }),
          h('p', { class: 'small', text: 'Press End session to see the session debrief.' }),
        )
      : null;
  page.main.replaceChildren(
    top,
    h(
      'div',
      { class: 'lv-proj-body' },
      hst.error ? h('p', { class: 'lv-error panel', role: 'alert', text: hst.error }) : null,
      finished,
      wrap,
      others,
    ),
    h('footer', { class: 'lv-proj-foot' }, h('span', { class: 'lv-spacer' }), controls),
  );
  fitStages(page.main);
}
