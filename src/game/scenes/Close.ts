import type { CloseOptions, CloseSpec } from '../../engine';
import { composeCloseWords } from '../../engine';
import { button, h } from '../../web/dom/h';
import { deliveryLabel, formLabel } from '../../web/format';
import { ctx } from '../context';
import { BaseScene, leadOf, PortraitView } from '../kit';
import { openPlayScreen } from '../open-screen';

/** Building the close from its parts; the words come from the engine before the player confirms. */
export class Close extends BaseScene {
  /** The close being built; form and delivery stay null until the player picks them (nothing is preselected). */
  private spec!: Omit<CloseSpec, 'form' | 'delivery'> & {
    form: CloseSpec['form'] | null;
    delivery: CloseSpec['delivery'] | null;
  };
  private options!: CloseOptions;
  private said!: HTMLElement;
  /** Set once the close is sent: a second click (a double click) must not send it again. */
  private sent = false;
  private cueEl!: HTMLElement;
  private confirmEl!: HTMLButtonElement;

  constructor() {
    super('Close');
  }

  create(): void {
    this.sent = false;
    const opened = openPlayScreen(
      (key) => this.go(key),
      (v) => (v.close && v.node ? { close: v.close, node: v.node } : null),
    );
    if (!opened) return;
    const { cur, view } = opened;
    const { close, node } = opened.part;
    this.pausable = true;
    this.options = close;
    const o = this.options;
    this.spec = {
      form: null,
      delivery: null,
      points: [],
      leverage: null,
      commit: false,
    };
    this.drawBackdrop(node.backdrop, 0.45);
    const lead = leadOf(cur.scenario);
    // On a video call the backdrop's self-view tile fills the art at x 1010–1210, y 46–166: the face
    // is drawn smaller, below it, so it never covers the candidate's own picture.
    const call = node.backdrop.startsWith('video-call');
    const face = new PortraitView(this, lead.portrait.id, 1058, 318, 300, call ? 146 : 232, this.reduced);
    face.set(view.expression);

    const main = this.begin('Close');
    this.markFaces([[lead.id, face]]);
    const parts = h('form', { class: 'close-parts panel scroll', 'aria-label': 'Build your close' });
    parts.addEventListener('submit', (e) => e.preventDefault());
    parts.append(
      this.radioGroup(
        'Form',
        'form',
        o.forms.map((f) => ({ value: f.form, label: formLabel(f.form), detail: f.text })),
        null,
        (v) => {
          this.spec.form = v as CloseSpec['form'];
        },
      ),
      this.radioGroup(
        'Delivery',
        'delivery',
        o.deliveries.map((d) => ({ value: d.delivery, label: deliveryLabel(d.delivery), detail: d.text })),
        null,
        (v) => {
          this.spec.delivery = v as CloseSpec['delivery'];
        },
        false,
      ),
    );
    if (o.points.length > 0) {
      const fs = h('fieldset', {}, h('legend', { text: 'Supporting points' }));
      const opts = h('div', { class: 'opts' });
      for (const p of o.points) {
        const input = h('input', { type: 'checkbox', name: 'points', value: p.id });
        input.addEventListener('change', () => {
          this.spec.points = input.checked
            ? [...this.spec.points, p.id]
            : this.spec.points.filter((x) => x !== p.id);
          this.refreshWords();
        });
        opts.append(
          h(
            'label',
            { class: 'opt wide' },
            input,
            h('span', {}, h('b', { text: p.kind === 'why-us' ? 'Why you: ' : 'Why me: ' }), p.text),
          ),
        );
      }
      fs.append(opts);
      parts.append(fs);
    }
    if (o.leverage.length > 0) {
      parts.append(
        this.radioGroup(
          'Leverage',
          'leverage',
          [
            { value: '', label: 'No leverage', detail: '' },
            ...o.leverage.map((l) => ({
              value: l.id,
              label: l.kind === 'offer' ? 'Mention another offer' : 'Mention other interviews',
              detail: l.text,
            })),
          ],
          '',
          (v) => {
            this.spec.leverage = v === '' ? null : v;
          },
          true,
        ),
      );
    }
    if (o.canCommit) {
      const input = h('input', { type: 'checkbox', name: 'commit' });
      input.addEventListener('change', () => {
        this.spec.commit = input.checked;
        this.refreshWords();
      });
      parts.append(
        h(
          'fieldset',
          {},
          h('legend', { text: 'Commitment' }),
          h(
            'label',
            { class: 'opt wide' },
            input,
            h('span', {}, h('b', { text: 'Commit to accept on the spot: ' }), o.commitText),
          ),
        ),
      );
    }

    this.said = h('p', { class: 'said', 'aria-live': 'polite' });
    this.cueEl = h('p', { class: 'cue' });
    const confirm = button('Say it', () => this.confirm(), {
      class: 'btn-accent',
      name: 'Say it: make your close',
    });
    this.confirmEl = confirm;
    const preview = h(
      'section',
      { class: 'close-preview panel', 'aria-label': 'What you will say' },
      h('p', { class: 'eyebrow', text: 'What you will say' }),
      this.cueEl,
      this.said,
      h(
        'div',
        { class: 'close-actions' },
        button(
          'Back',
          () => {
            this.click('ui-back');
            this.go('Interview');
          },
          { class: 'btn-small', name: 'Back to the interview' },
        ),
        confirm,
      ),
    );
    main.append(
      this.topbar('Your close', this.pauseButton()),
      h('div', { class: 'close-wrap' }, parts, preview),
    );
    this.refreshWords();
    this.layer.focusFirst(parts.querySelector<HTMLElement>('input'));
  }

  private radioGroup(
    legend: string,
    name: string,
    items: { value: string; label: string; detail: string }[],
    selected: string | null,
    onPick: (v: string) => void,
    wide = true,
  ): HTMLElement {
    const fs = h('fieldset', {}, h('legend', { text: legend }));
    const opts = h('div', { class: 'opts' });
    for (const it of items) {
      const input = h('input', { type: 'radio', name, value: it.value, checked: it.value === selected });
      input.addEventListener('change', () => {
        if (input.checked) {
          onPick(it.value);
          this.click('ui-click');
          this.refreshWords();
        }
      });
      opts.append(
        h(
          'label',
          { class: `opt ${wide ? 'wide' : ''}`, title: it.detail || undefined },
          input,
          h('span', {}, h('b', { text: it.label }), it.detail && wide ? ` — ${it.detail}` : ''),
        ),
      );
    }
    fs.append(opts);
    return fs;
  }

  /** The close, once a form and a delivery have been chosen. */
  private built(): CloseSpec | null {
    const { form, delivery } = this.spec;
    if (!form || !delivery) return null;
    return { ...this.spec, form, delivery, points: [...this.spec.points] };
  }

  private refreshWords(): void {
    const cur = ctx().current!;
    const spec = this.built();
    this.confirmEl.disabled = spec === null;
    if (!spec) {
      const missing = [this.spec.form ? null : 'a form', this.spec.delivery ? null : 'a delivery'].filter(
        Boolean,
      );
      this.cueEl.textContent = '';
      this.said.textContent = `Choose ${missing.join(' and ')} to hear what you will say.`;
      this.said.classList.add('pending');
      return;
    }
    this.said.classList.remove('pending');
    try {
      const words = composeCloseWords(cur.scenario, spec);
      this.said.textContent = `“${words.text}”`;
      this.cueEl.textContent = words.cue ? `(${words.cue})` : '';
    } catch (err) {
      this.said.textContent = '';
      console.info('Close Call: could not compose the close', err);
    }
  }

  private confirm(): void {
    if (this.sent) return;
    const close = this.built();
    if (!close) return;
    this.sent = true;
    const v = this.act({ type: 'close', close });
    if (!v) {
      this.sent = false;
      return;
    }
    this.click('ui-confirm');
    this.route(v);
  }
}
