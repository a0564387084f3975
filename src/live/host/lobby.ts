/** The lobby: the room code, join link and QR code, who has joined (by team) and how votes work. */
import QRCode from 'qrcode';
import logoUrl from '../../../assets/ui/logo.svg?url';
import { API, type NetworkInfo } from '../../protocol/index';
import { h } from '../../web/dom/h';
import { plural } from '../../web/format';
import { statusEl } from '../common/follow';
import type { HostApp, Hosting } from './app';
import { endButton, flowButtons, playersEl } from './controls';
import { trainerFetch } from './trainer';

/**
 * The address phones should use: the one the trainer picked, else the page's own when the server
 * lists it (a LAN address or PUBLIC_URL typed into the browser), else the server's first. While
 * the server has not answered, the page's own origin.
 */
export function joinBase(app: HostApp): string {
  const net = app.network;
  const own = window.location.origin;
  if (!net) return own;
  if (app.joinBase && net.urls.includes(app.joinBase)) return app.joinBase;
  return net.urls.includes(own) ? own : net.urls[0]!;
}

/** Asks the server once where phones can reach it, then redraws. */
function loadNetwork(app: HostApp): void {
  if (app.network) return;
  void trainerFetch(API.network)
    .then((res) => res.json())
    .then((info: NetworkInfo) => {
      app.network = info;
      app.render();
    })
    .catch((err: unknown) => console.info('Close Call: network addresses unavailable', err));
}

/** The join address: a choice when the server has several, and a plain warning when phones cannot reach it. */
function addressEl(app: HostApp): HTMLElement | null {
  const net = app.network;
  if (!net) return null;
  if (net.loopbackOnly) {
    return h(
      'p',
      { class: 'lv-warning panel', role: 'alert', 'data-loopback': '' },
      h('b', { text: 'Phones cannot reach this address. ' }),
      `${net.urls[0]!.replace(/^https?:\/\//, '')} is this computer only. Restart the server listening on the network (npm start does, with HOST=0.0.0.0) on a network the phones share, or set PUBLIC_URL to the address they can reach.`,
    );
  }
  if (net.urls.length < 2) return null;
  const current = joinBase(app);
  const select = h(
    'select',
    { class: 'lv-input', id: 'lv-address' },
    net.urls.map((u) =>
      h('option', { value: u, selected: u === current, text: u.replace(/^https?:\/\//, '') }),
    ),
  );
  select.addEventListener('change', () => {
    app.joinBase = select.value;
    app.render();
  });
  return h(
    'label',
    { class: 'lv-field lv-address', for: 'lv-address' },
    h('span', { text: 'This computer has several addresses: pick the one on the phones’ network' }),
    select,
  );
}

export function renderLobby(app: HostApp, hst: Hosting): void {
  const state = hst.state;
  const main = app.page.main;
  main.setAttribute('aria-label', 'Host');
  main.className = 'lv-host';
  loadNetwork(app);
  const url = `${joinBase(app)}/join/${state.code}`;
  const remoteUrl = `${joinBase(app)}/host?remote=${state.code}`;
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
      endButton(app),
      ...flowButtons(app, hst),
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
        addressEl(app),
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
          playersEl(app, hst, false),
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
        h(
          'section',
          { class: 'lv-card panel lv-remote-card', 'aria-label': 'Trainer’s remote' },
          h('h2', { class: 'h3', text: 'Trainer’s remote' }),
          h(
            'p',
            { class: 'small' },
            'Kick, Ban, Lock and your notes are on the remote, not on this screen. On your own phone or laptop open ',
            h('a', {
              class: 'lv-link-small',
              href: remoteUrl,
              target: '_blank',
              rel: 'noopener',
              text: remoteUrl.replace(/^https?:\/\//, ''),
            }),
            ' and type the trainer key.',
          ),
        ),
      ),
    ),
  );
}
