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

export function lockButton(app: HostApp, state: RoomState): HTMLButtonElement {
  const b = state.locked ? ctl(app, 'Unlock room', 'unlock') : ctl(app, 'Lock room', 'lock');
  b.setAttribute('aria-pressed', String(state.locked));
  return b;
}

export function endButton(app: HostApp): HTMLButtonElement {
  const b = button('End session', () => {
    if (window.confirm('End the session for everyone? Teams stop where they are.')) void app.control('end');
  });
  b.dataset.fk = 'ctl:End session';
  return b;
}

/** Every team with its active players, each with Kick and Ban. */
export function playersEl(app: HostApp, hst: Hosting): HTMLElement {
  const box = h('div', { class: 'lv-teams', 'data-players': '' });
  fillPlayers(app, box, hst);
  return box;
}

export function fillPlayers(app: HostApp, box: HTMLElement, hst: Hosting): void {
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
                const kick = button('Kick', () => void app.control('kick', p.id), { class: 'btn-small' });
                const ban = button(
                  'Ban',
                  () => {
                    if (window.confirm(`Ban ${p.name}? This phone will not be able to join again.`))
                      void app.control('ban', p.id);
                  },
                  { class: 'btn-small' },
                );
                kick.setAttribute('aria-describedby', nameId);
                ban.setAttribute('aria-describedby', nameId);
                kick.dataset.fk = `kick:${p.id}`;
                ban.dataset.fk = `ban:${p.id}`;
                return h(
                  'li',
                  { 'data-player': p.name },
                  h('span', {
                    class: `lv-name ${p.connected ? '' : 'off'}`,
                    id: nameId,
                    text: p.connected ? p.name : `${p.name} (offline)`,
                  }),
                  kick,
                  ban,
                );
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
  fillPlayers(app, box, hst);
  const n = hst.players.filter((p) => p.status === 'active').length;
  const count = main.querySelector('[data-count]');
  if (count) count.textContent = `${plural(n, 'player')} joined`;
  // The lobby's Start is for a room with someone in it: it follows the players as they come and go.
  const start = main.querySelector<HTMLButtonElement>('[data-fk="ctl:Start"]');
  if (start && hst.state.status === 'lobby') start.disabled = n === 0;
  return true;
}
