import { button, h } from '../../web/dom/h';
import { formatMoney } from '../../web/format';
import { BaseScene, leadOf, PortraitView, sceneBackdrop } from '../kit';
import { openPlayScreen } from '../open-screen';
import { choiceIndexForKey, keyHintFor } from '../ui/keys';

const KIND: Record<string, string> = {
  accept: 'Accept',
  counter: 'Counter',
  'counter-with-leverage': 'Counter with your other option',
  'walk-away': 'Walk away',
};

/** Talking terms on an offer made without an on-the-spot acceptance. */
export class Negotiation extends BaseScene {
  constructor() {
    super('Negotiation');
  }

  create(): void {
    const opened = openPlayScreen(
      (key) => this.go(key),
      (v) => v.negotiation,
    );
    if (!opened) return;
    const { cur, view, part: n } = opened;
    this.pausable = true;
    const s = cur.scenario;
    const lead = leadOf(s);
    this.drawBackdrop(sceneBackdrop(cur, view), 0.15);
    new PortraitView(this, lead.portrait.id, 350, 640, 460, 540, this.reduced).set(view.expression);
    const main = this.begin('Negotiation');
    const moves = h('div', {
      role: 'group',
      'aria-label': 'Your move',
      style: 'display:flex; flex-direction:column; gap:10px;',
    });
    n.moves.forEach((m, i) => {
      const key = keyHintFor(i);
      const label = KIND[m.kind] ?? m.kind;
      const act = m.textKind === 'action';
      const b = button(
        [
          key ? h('span', { class: 'key', 'aria-hidden': 'true', text: key }) : null,
          act ? h('span', { class: 'act-tag', text: 'Do' }) : null,
          h('span', {}, h('b', { text: `${label}: ` }), m.text),
        ],
        () => this.move(m.id),
        {
          class: act ? 'choice choice-act' : 'choice',
          name: act ? `${label}: Do: ${m.text}` : `${label}: ${m.text}`,
          key: key ?? undefined,
        },
      );
      if (key) b.setAttribute('aria-keyshortcuts', key);
      moves.append(b);
    });
    const offer = formatMoney(n.offer, n.currency);
    main.append(
      this.topbar(`${s.meta.title} · Negotiation`, this.pauseButton()),
      h(
        'section',
        { class: 'side-panel panel scroll side-full', 'aria-label': 'The offer' },
        h('p', { class: 'eyebrow', text: `Counter-offers made: ${n.round} of ${n.rounds}` }),
        h('p', { class: 'body', text: `${lead.name} offers you` }),
        h('p', { class: 'big-number', text: offer }),
        h('p', {
          class: 'small',
          text: `You hoped for ${formatMoney(s.candidate.targetSalary, n.currency)}.`,
        }),
        moves,
      ),
    );
    this.layer.announce(`${lead.name} offers you ${offer}.`);
    this.layer.focusFirst(moves.querySelector<HTMLElement>('button'));
  }

  protected override onKey(e: KeyboardEvent): boolean {
    const buttons = this.layer.main.querySelectorAll<HTMLButtonElement>('.choice');
    const i = choiceIndexForKey(e.key, buttons.length);
    if (i === null) return false;
    buttons[i]?.click();
    return true;
  }

  private move(move: string): void {
    const v = this.act({ type: 'negotiate', move });
    if (!v) return;
    this.click('ui-confirm');
    this.route(v);
  }
}
