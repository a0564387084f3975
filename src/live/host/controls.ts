/** The trainer's buttons that several screens share: a command, Lock/Unlock, End session, and the players lists with Kick and Ban. */
import type { RoomState } from '../../protocol/index';
import { button, h } from '../../web/dom/h';
import { plural } from '../../web/format';
import type { HostApp, Hosting } from './app';

/** A button that sends one trainer command; `data-fk` keeps it focused across redraws. */
export function ctl(
  app: HostApp,
  label: string,
  command: string,
  opts: { cls?: string; disabled?: boolean } = {},
): HTMLButtonElement {
  const b = button(label, () => void app.control(command), {
    class: opts.cls ?? '',
    disabled: opts.disabled,
  });
  b.dataset.fk = `ctl:${label}`;
  return b;
}

/** The buttons that move the session on: Start, Close the vote, Pause, Resume, Add 30 seconds, Next. */
export function flowButtons(app: HostApp, hst: Hosting): HTMLButtonElement[] {
  const state = hst.state;
  if (state.status === 'lobby') {
    const n = hst.players.filter((p) => p.status === 'active').length;
    return [ctl(app, 'Start', 'start', { cls: 'btn-accent', disabled: n === 0 })];
  }
  if (state.status !== 'running') return [];
  const status = state.round?.status ?? 'revealed';
  const open = status === 'voting' || status === 'paused' || status === 'discussion';
  const anyLeft = teamsLeft(state);
  const timed = state.settings.voteSeconds > 0;
  const out: (HTMLButtonElement | null)[] = [
    status === 'discussion' ? ctl(app, 'Start', 'start', { cls: 'btn-accent' }) : null,
    open ? ctl(app, 'Close the vote', 'close-vote', { cls: 'btn-primary' }) : null,
    status === 'voting' && timed ? ctl(app, 'Pause', 'pause') : null,
    status === 'paused' ? ctl(app, 'Resume', 'resume', { cls: 'btn-accent' }) : null,
    open && timed ? ctl(app, 'Add 30 seconds', 'add-time') : null,
    status === 'revealed' && anyLeft ? ctl(app, 'Next', 'next', { cls: 'btn-accent' }) : null,
  ];
  return out.filter((b): b is HTMLButtonElement => b !== null);
}

/**
 * Whether a team still has the interview to play: one with someone in it that has not reached an
 * ending. A team nobody joined, or whose players were all removed, plays no more rounds, so it
 * does not keep Next on offer (the server refuses Next on the same rule).
 */
export function teamsLeft(state: RoomState): boolean {
  return state.teams.some((t) => t.players > 0 && !t.ended);
}

export function lockButton(app: HostApp, state: RoomState): HTMLButtonElement {
  const b = state.locked ? ctl(app, 'Unlock room', 'unlock') : ctl(app, 'Lock room', 'lock');
  b.setAttribute('aria-pressed', String(state.locked));
  return b;
}

export function endButton(app: HostApp): HTMLButtonElement {
  const b = button('End session', () => {
    const hst = app.hosting;
    if (app.role === 'remote' && hst) {
      hst.confirming = { command: 'end' };
      app.render();
    } else if (window.confirm('End the session for everyone? Teams stop where they are.'))
      void app.control('end');
  });
  b.dataset.fk = 'ctl:End session';
  return b;
}

/**
 * What a ban can and cannot stop, said to the trainer before they confirm it. The server refuses
 * the phone's browser (the device id it keeps) and the name, whatever its capitals or accents;
 * it cannot recognise the same person in another browser under another name.
 */
export function banExplanation(name: string): string {
  return `${name} is removed and refused from now on: this phone's browser, and the name "${name}" from any device. Someone determined could still join from another browser under another name; Lock the room to stop every new join.`;
}

/**
 * Every team with its active players. With `controls` (the remote) each name has Kick and Ban
 * (Ban asks first, on the remote itself); without (the projector) names only.
 */
export function playersEl(app: HostApp, hst: Hosting, controls: boolean): HTMLElement {
  const box = h('div', { class: 'lv-teams', 'data-players': controls ? 'controls' : 'names' });
  fillPlayers(app, box, hst, controls);
  return box;
}

function fillPlayers(app: HostApp, box: HTMLElement, hst: Hosting, controls: boolean): void {
  const state = hst.state;
  box.replaceChildren(
    ...state.teams.map((t, i) => {
      const members = hst.players.filter((p) => p.team === t.id && p.status === 'active');
      return h(
        'section',
        { class: `lv-team team-${i % 8}`, 'aria-label': t.name },
        h('h3', { text: `${t.name} · ${plural(members.length, 'player')}` }),
        members.length === 0
          ? h('p', { class: 'small', text: 'No one yet.' })
          : h(
              'ul',
              { class: 'lv-players' },
              members.map((p) => {
                const nameId = `pl-${p.id}`;
                const name = h('span', {
                  class: `lv-name ${p.connected ? '' : 'off'}`,
                  id: nameId,
                  text: p.connected ? p.name : `${p.name} (offline)`,
                });
                if (!controls) return h('li', { 'data-player': p.name }, name);
                const kick = button('Kick', () => void app.control('kick', p.id), { class: 'btn-small' });
                const ban = button(
                  'Ban',
                  () => {
                    hst.confirming = { command: 'ban', player: p.id };
                    app.render();
                  },
                  { class: 'btn-small' },
                );
                kick.setAttribute('aria-describedby', nameId);
                ban.setAttribute('aria-describedby', nameId);
                kick.dataset.fk = `kick:${p.id}`;
                ban.dataset.fk = `ban:${p.id}`;
                return h('li', { 'data-player': p.name }, name, kick, ban);
              }),
            ),
      );
    }),
  );
}

/** Redraws the players lists on the screen after a join or leave; false when the screen shows none. */
export function refreshPlayers(app: HostApp, hst: Hosting): boolean {
  const main = app.page.main;
  const box = main.querySelector<HTMLElement>('[data-players]');
  if (!box) return false;
  fillPlayers(app, box, hst, box.dataset.players === 'controls');
  const n = hst.players.filter((p) => p.status === 'active').length;
  const count = main.querySelector('[data-count]');
  if (count) count.textContent = `${plural(n, 'player')} joined`;
  // The lobby's Start is for a room with someone in it: it follows the players as they come and go.
  const start = main.querySelector<HTMLButtonElement>('[data-fk="ctl:Start"]');
  if (start && hst.state.status === 'lobby') start.disabled = n === 0;
  return true;
}
