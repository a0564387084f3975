/**
 * The phone's screen once in a room, in three parts: the head (team and name), what was said
 * (or the team's ending) and the vote card (the task, the ballot, the count, or the result).
 */
import type { Scenario } from '../../engine';
import type { Ballot, RoomState, Round, Task, You } from '../../protocol/index';
import { button, h } from '../../web/dom/h';
import { formatScore, outcomeLabel } from '../../web/format';
import { type Followed, statusEl } from '../common/follow';
import { currentLines, lineEl } from '../common/lines';
import { revealFor } from '../common/room';
import { resultEl, resultSentence, TASK_TITLE } from '../common/votes';
import { closeBallotForm } from './closeBallot';

export interface Joined extends Followed {
  code: string;
  token: string;
  you: You;
  scenario: Scenario;
  /** The ballot this phone sent in the open round (optimistic until the server confirms). */
  pending: { round: number; ballot: Ballot; id: string } | null;
  /** The close being built on this phone, kept across re-renders. */
  draft: { round: number; ballot: Extract<Ballot, { type: 'close' }> } | null;
}

/** What the vote card hands back to the page: a ballot to send, and its countdown element. */
export interface VoteHooks {
  vote(ballot: Ballot): void;
  timer(el: HTMLElement): void;
}

function teamIndex(state: RoomState, team: string): number {
  return Math.max(
    0,
    state.teams.findIndex((t) => t.id === team),
  );
}

export function myTask(j: Joined): Task | undefined {
  return j.state.round?.tasks.find((t) => t.team === j.you.team);
}

export function progressText(j: Joined): string {
  const r = j.state.round;
  if (!r) return '';
  const voted = r.voted[j.you.team] ?? 0;
  const of = r.eligible[j.you.team] ?? 0;
  return `Your team: ${voted} of ${of} voted`;
}

export function phoneHead(j: Joined, online: boolean): HTMLElement {
  const team = j.state.teams.find((t) => t.id === j.you.team);
  const ti = teamIndex(j.state, j.you.team);
  return h(
    'header',
    { class: 'lv-phone-head' },
    h('span', { class: `lv-team-tag panel team-${ti % 8}`, text: team?.name ?? 'Your team' }),
    h('span', { class: 'lv-status', text: j.you.name }),
    h('span', { class: 'lv-spacer' }),
    statusEl(online),
  );
}

/** What was said: the lobby's welcome, the last lines, or the team's ending and the words that led to it. */
export function saidCard(j: Joined): HTMLElement {
  const state = j.state;
  const team = state.teams.find((t) => t.id === j.you.team);
  const play = j.replay.play(j.you.team);
  const view = play.view();
  const said = h(
    'section',
    { class: 'lv-phone-card panel', 'aria-label': 'What was said' },
    h('p', { class: 'eyebrow', text: state.scenario.title }),
  );
  if (state.status === 'lobby') {
    said.append(
      h('p', { class: 'h3', text: "You're in." }),
      h('p', { class: 'body', text: `You are in ${team?.name ?? 'a team'}. Wait for the trainer to start.` }),
    );
  } else if (view.phase === 'ended' && view.ending) {
    let total = '';
    try {
      total = ` · score ${formatScore(play.debrief().score.total)}`;
    } catch {
      total = '';
    }
    // The team's result first, then the last words that led to it.
    said.append(
      h('p', { class: 'h3', text: `Your team: ${view.ending.ending.title}` }),
      h('p', { class: 'body', text: `${outcomeLabel(view.ending.ending.outcome)}${total}` }),
      ...currentLines(play).slice(-2).map(lineEl),
    );
  } else {
    const lines = currentLines(play);
    said.append(...(lines.length > 0 ? lines.slice(-3) : []).map(lineEl));
  }
  return said;
}

/** The vote card: the session's end, the wait before it starts, the result, or the open vote. */
export function voteCard(j: Joined, hooks: VoteHooks): HTMLElement {
  const state = j.state;
  const round = state.round;
  const vote = h('section', { class: 'lv-phone-card panel', 'aria-label': 'Your vote' });
  if (state.status === 'ended') {
    vote.append(h('p', { class: 'h3', text: 'The session has ended. Thank you for playing.' }));
  } else if (state.status === 'lobby' || !round) {
    vote.append(h('p', { class: 'body', text: 'Votes open when the trainer starts the session.' }));
  } else if (round.status === 'revealed') {
    vote.append(...resultParts(j, round));
  } else {
    vote.append(...openVoteParts(j, round, hooks));
  }
  return vote;
}

function resultParts(j: Joined, round: Round): HTMLElement[] {
  const task = myTask(j);
  const result = revealFor(j.state)?.teams.find((t) => t.team === j.you.team);
  const out: HTMLElement[] = [h('p', { class: 'eyebrow', text: `Vote ${round.number}: result` })];
  if (result) {
    out.push(
      h('p', {
        class: 'h3',
        text: resultSentence(j.scenario, 'Your team', task, result).split(' (')[0] ?? '',
      }),
      resultEl(j.scenario, task, result),
    );
  }
  out.push(h('p', { class: 'small', text: 'Waiting for the next decision.' }));
  return out;
}

function openVoteParts(j: Joined, round: Round, hooks: VoteHooks): HTMLElement[] {
  const task = myTask(j);
  const timerSpan = h('span', { class: 'lv-phone-timer', role: 'timer', 'aria-label': 'Time left' });
  hooks.timer(timerSpan);
  const out: HTMLElement[] = [
    h(
      'div',
      { class: 'lv-row' },
      h('p', { class: 'eyebrow', text: `Vote ${round.number}` }),
      h('span', { class: 'lv-spacer' }),
      timerSpan,
    ),
  ];
  if (task && task.discussion.length > 0 && round.status === 'discussion') {
    out.push(
      h(
        'div',
        { class: 'lv-stack', style: 'gap:6px' },
        h('p', { class: 'eyebrow', text: 'Discuss with your team' }),
        ...task.discussion.map((d) => h('p', { class: 'body', text: d })),
      ),
    );
  }
  if (round.status === 'paused')
    out.push(h('p', { class: 'small', text: 'The trainer has paused the timer.' }));
  if (!task || task.kind === 'none') {
    out.push(h('p', { class: 'body', text: 'Your team has finished the interview.' }));
  } else if (task.kind === 'continue') {
    out.push(h('p', { class: 'body', text: TASK_TITLE.continue }));
  } else if (!j.you.eligible) {
    out.push(
      h('p', { class: 'h3', text: TASK_TITLE[task.kind] }),
      h('p', { class: 'body', text: 'You joined during this vote: you vote from the next decision.' }),
    );
  } else {
    out.push(...ballotParts(j, round, task, hooks));
  }
  if (task && task.kind !== 'continue' && task.kind !== 'none')
    out.push(h('p', { class: 'small', 'data-progress': '', text: progressText(j) }));
  return out;
}

/** The ballot for this phone's task: the close form, or one button per option; then "Voted" once sent. */
function ballotParts(j: Joined, round: Round, task: Task, hooks: VoteHooks): HTMLElement[] {
  const open = round.status === 'voting' || round.status === 'discussion' || round.status === 'paused';
  const mine = j.pending?.round === round.number ? j.pending.ballot : j.you.ballot;
  const out: HTMLElement[] = [h('h2', { class: 'h3', text: TASK_TITLE[task.kind] })];
  if (task.kind === 'close' && task.close) {
    out.push(
      closeBallotForm(
        j.scenario,
        task.close,
        mine?.type === 'close' ? mine : null,
        j.draft?.round === round.number ? j.draft.ballot : null,
        (b) => hooks.vote(b),
        (b) => {
          j.draft = { round: round.number, ballot: b };
        },
      ),
    );
  } else {
    const group = h('div', { class: 'lv-ballot', role: 'group', 'aria-label': 'Choices' });
    task.options.forEach((o, i) => {
      const pressed = mine?.type === 'option' && mine.option === o.id;
      const b = button(
        [
          h('span', { class: 'key', 'aria-hidden': 'true', text: String(i + 1) }),
          h('span', { text: o.text }),
        ],
        () => hooks.vote({ type: 'option', option: o.id }),
        { name: o.text, disabled: !open },
      );
      b.setAttribute('aria-pressed', String(pressed));
      b.dataset.fk = `opt:${o.id}`;
      group.append(b);
    });
    out.push(group);
  }
  if (mine) {
    out.push(
      h('p', {
        class: 'lv-voted',
        role: 'status',
        text: 'Voted: you can change it until the vote closes.',
      }),
    );
  }
  return out;
}
