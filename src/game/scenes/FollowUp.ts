import { button, h } from '../../web/dom/h';
import { BaseScene, leadOf, PortraitView } from '../kit';
import { openPlayScreen } from '../open-screen';
import { choiceIndexForKey, keyHintFor } from '../ui/keys';

const STATUS = {
  rejection: 'They said no.',
  'no-decision': 'They have not decided.',
} as const;

/** The days after a no or no decision: an act of persistence each day, or let it rest. */
export class FollowUp extends BaseScene {
  constructor() {
    super('FollowUp');
  }

  create(): void {
    const opened = openPlayScreen(
      (key) => this.go(key),
      (v) => v.followUp,
    );
    if (!opened) return;
    const { cur, view, part: f } = opened;
    this.pausable = true;
    const s = cur.scenario;
    const lead = leadOf(s);
    this.drawBackdrop(s.meta.backdrop, 0.55);
    new PortraitView(this, lead.portrait.id, 330, 720, 460, 560, this.reduced).set(view.expression);
    const main = this.begin('Follow-up');
    const acts = h('div', {
      class: 'list',
      role: 'group',
      'aria-label': 'What you do today',
      style: 'display:flex; flex-direction:column; gap:10px;',
    });
    f.acts.forEach((a, i) => {
      const key = keyHintFor(i);
      const b = button(
        [
          key ? h('span', { class: 'key', 'aria-hidden': 'true', text: key }) : null,
          h('span', {}, h('b', { text: a.label }), h('span', { class: 'small', text: ` ${a.text}` })),
        ],
        () => this.persist(a.id),
        { class: 'choice', name: a.label, key: key ?? undefined },
      );
      if (key) b.setAttribute('aria-keyshortcuts', key);
      b.setAttribute('aria-description', a.text);
      acts.append(b);
    });
    const letGo = button(f.letGoText, () => this.letGo(), { class: 'btn-ghost' });
    main.append(
      this.topbar(`${s.meta.title} · Follow-up`, this.pauseButton()),
      h(
        'section',
        { class: 'side-panel panel scroll side-full', 'aria-label': 'Follow-up' },
        h('p', { class: 'eyebrow', text: `Day ${f.day} of ${f.days}` }),
        h('h1', { class: 'h2', text: STATUS[f.status] }),
        h('p', {
          class: 'body',
          text: `What do you do about ${lead.name}? Each day you can try once more, or let it rest and wait for their own decision.`,
        }),
        acts,
        h('div', { style: 'display:flex; justify-content:flex-end;' }, letGo),
      ),
    );
    this.layer.announce(`Day ${f.day} of ${f.days}. ${STATUS[f.status]}`);
    this.layer.focusFirst(acts.querySelector<HTMLElement>('button'));
  }

  protected override onKey(e: KeyboardEvent): boolean {
    const buttons = this.layer.main.querySelectorAll<HTMLButtonElement>('.choice');
    const i = choiceIndexForKey(e.key, buttons.length);
    if (i === null) return false;
    buttons[i]?.click();
    return true;
  }

  private persist(act: string): void {
    const v = this.act({ type: 'persist', act });
    if (!v) return;
    this.click('ui-confirm');
    this.route(v);
  }

  private letGo(): void {
    const v = this.act({ type: 'let-go' });
    if (!v) return;
    this.click('ui-back');
    this.route(v);
  }
}
