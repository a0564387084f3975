/** The lobby: the room code, join link and QR code, who has joined (by team) and how votes work. */
import QRCode from 'qrcode';
import logoUrl from '../../../assets/ui/logo.svg?url';
import { h } from '../../web/dom/h';
import { plural } from '../../web/format';
import { statusEl } from '../common/follow';
import type { HostApp, Hosting } from './app';
import { ctl, endButton, lockButton, playersEl } from './controls';

function joinUrl(code: string): string {
  return `${window.location.origin}/join/${code}`;
}

export function renderLobby(app: HostApp, hst: Hosting): void {
  const state = hst.state;
  const main = app.page.main;
  main.setAttribute('aria-label', 'Host');
  main.className = 'lv-host';
  const url = joinUrl(state.code);
  const qr = h('div', { class: 'lv-qr', role: 'img', 'aria-label': `QR code of the join link ${url}` });
  QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' })
    .then((svg) => {
      const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
      const el = doc.documentElement;
      el.setAttribute('aria-hidden', 'true');
      el.setAttribute('focusable', 'false');
      qr.replaceChildren(document.importNode(el, true));
    })
    .catch((err: unknown) => console.info('Close Call: no QR code', err));
  const n = hst.players.filter((p) => p.status === 'active').length;
  const timer =
    state.settings.voteSeconds > 0
      ? `${state.settings.voteSeconds} seconds a vote`
      : 'no timer (you close each vote)';
  main.replaceChildren(
    h(
      'header',
      { class: 'lv-brand' },
      h('img', { src: logoUrl, alt: 'Close Call' }),
      h('h1', { class: 'h2', text: state.scenario.title }),
      h('span', { class: 'lv-spacer' }),
      statusEl(app.follow.connected),
      lockButton(app, state),
      endButton(app),
      ctl(app, 'Start', 'start', { cls: 'btn-accent', disabled: n === 0 }),
    ),
    h('p', { class: 'lv-error panel', role: 'alert', text: hst.error }),
    h(
      'div',
      { class: 'lv-lobby' },
      h(
        'section',
        { class: 'lv-card panel lv-join-card', 'aria-label': 'How to join' },
        h('p', { class: 'eyebrow', text: 'Join on your phone' }),
        h('p', { class: 'lv-code', 'aria-label': 'Room code', text: state.code }),
        h('a', {
          class: 'lv-link',
          href: url,
          target: '_blank',
          rel: 'noopener',
          text: url.replace(/^https?:\/\//, ''),
        }),
        qr,
        h('p', { class: 'small', text: 'Or open /join and type the code.' }),
      ),
      h(
        'div',
        { class: 'lv-stack' },
        h(
          'section',
          { class: 'lv-card panel', 'aria-label': 'Who has joined' },
          h(
            'div',
            { class: 'lv-row' },
            h('h2', { class: 'h2', text: 'Who has joined' }),
            h('span', { class: 'lv-spacer' }),
            h('span', {
              class: 'h3',
              'data-count': '',
              'aria-live': 'polite',
              text: `${plural(n, 'player')} joined`,
            }),
          ),
          playersEl(app, hst),
        ),
        h(
          'section',
          { class: 'lv-card panel', 'aria-label': 'Rules' },
          h('h2', { class: 'h3', text: 'How votes work' }),
          h(
            'ul',
            { class: 'lv-rules' },
            h('li', {
              text: `Mode: ${state.settings.mode === 'teams' ? `${plural(state.teams.length, 'team')}, each on its own phones` : 'individuals: everyone plays their own interview'}; timer: ${timer}.`,
            }),
            h('li', {
              text: 'Every team plays the same interview with the same seed: the same choices get the same answer.',
            }),
            h('li', { text: 'Votes stay hidden until the vote closes; then each team’s split is shown.' }),
            h('li', {}, h('b', { text: 'Tie: ' }), state.rules.tie.text),
            h('li', {}, h('b', { text: 'Timeout: ' }), state.rules.timeout.text),
          ),
        ),
      ),
    ),
  );
}
