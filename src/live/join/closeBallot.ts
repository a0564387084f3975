/** The phone's close ballot: form, delivery, supporting points, leverage and commitment, with the words they make. */
import type { Scenario } from '../../engine';
import type { Ballot, Task } from '../../protocol/index';
import { h } from '../../web/dom/h';
import { deliveryLabel, formLabel } from '../../web/format';
import { closeWords } from '../common/votes';

type CloseBallot = Extract<Ballot, { type: 'close' }>;
type CloseChoices = NonNullable<Task['close']>;

let formCount = 0;

function radio(
  name: string,
  value: string,
  checked: boolean,
  label: string,
  detail: string,
  onPick: () => void,
): HTMLLabelElement {
  const input = h('input', { type: 'radio', name, value, checked });
  input.dataset.fk = `${name}:${value}`;
  input.addEventListener('change', () => {
    if (input.checked) onPick();
  });
  return h(
    'label',
    { class: 'lv-radio' },
    input,
    h('span', {}, h('b', { text: label }), detail ? ` — ${detail}` : ''),
  );
}

export function closeBallotForm(
  scenario: Scenario,
  c: CloseChoices,
  mine: CloseBallot | null,
  draft: CloseBallot | null,
  send: (b: CloseBallot) => void,
  onDraft: (b: CloseBallot) => void,
): HTMLElement {
  const n = ++formCount;
  const start = draft ?? mine;
  const spec: CloseBallot = start
    ? { ...start, points: [...start.points] }
    : {
        type: 'close',
        form: c.forms[0]!.form,
        delivery: (c.deliveries.find((d) => d.delivery === 'firm') ?? c.deliveries[0]!).delivery,
        points: [],
        leverage: null,
        commit: false,
      };
  const words = h('p', { class: 'lv-did', 'aria-live': 'polite' });
  const refresh = () => {
    onDraft({ ...spec, points: [...spec.points] });
    const w = closeWords(scenario, spec);
    words.textContent = w ? `“${w}”` : '';
  };
  const part = (legend: string, ...children: HTMLElement[]) =>
    h('fieldset', { class: 'lv-close-part' }, h('legend', { text: legend }), ...children);

  const form = h('form', { class: 'lv-stack', 'aria-label': 'Your close' });
  form.append(
    part(
      'Form',
      ...c.forms.map((f) =>
        radio(`form-${n}`, f.form, f.form === spec.form, formLabel(f.form), f.text, () => {
          spec.form = f.form;
          refresh();
        }),
      ),
    ),
    part(
      'Delivery',
      ...c.deliveries.map((d) =>
        radio(
          `delivery-${n}`,
          d.delivery,
          d.delivery === spec.delivery,
          deliveryLabel(d.delivery),
          d.text,
          () => {
            spec.delivery = d.delivery;
            refresh();
          },
        ),
      ),
    ),
  );
  if (c.points.length > 0) {
    form.append(
      part(
        'Supporting points',
        ...c.points.map((p) => {
          const input = h('input', { type: 'checkbox', value: p.id, checked: spec.points.includes(p.id) });
          input.dataset.fk = `point:${p.id}`;
          input.addEventListener('change', () => {
            spec.points = input.checked ? [...spec.points, p.id] : spec.points.filter((x) => x !== p.id);
            refresh();
          });
          return h(
            'label',
            { class: 'lv-radio' },
            input,
            h('span', {}, h('b', { text: p.kind === 'why-us' ? 'Why you: ' : 'Why me: ' }), p.text),
          );
        }),
      ),
    );
  }
  if (c.leverage.length > 0) {
    form.append(
      part(
        'Leverage',
        radio(`leverage-${n}`, '', spec.leverage === null, 'No leverage', '', () => {
          spec.leverage = null;
          refresh();
        }),
        ...c.leverage.map((l) =>
          radio(
            `leverage-${n}`,
            l.id,
            spec.leverage === l.id,
            l.kind === 'offer' ? 'Mention another offer' : 'Mention other interviews',
            l.text,
            () => {
              spec.leverage = l.id;
              refresh();
            },
          ),
        ),
      ),
    );
  }
  if (c.canCommit) {
    const input = h('input', { type: 'checkbox', checked: spec.commit });
    input.dataset.fk = 'commit';
    input.addEventListener('change', () => {
      spec.commit = input.checked;
      refresh();
    });
    form.append(
      part(
        'Commitment',
        h(
          'label',
          { class: 'lv-radio' },
          input,
          h('span', {}, h('b', { text: 'Commit to accept on the spot: ' }), c.commitText),
        ),
      ),
    );
  }
  const submit = h('button', {
    type: 'submit',
    class: 'btn btn-accent',
    text: mine ? 'Change my vote to this close' : 'Vote for this close',
  });
  submit.dataset.fk = 'close-submit';
  form.append(h('p', { class: 'eyebrow', text: 'The candidate would say' }), words, submit);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    send({ ...spec, points: [...spec.points] });
  });
  refresh();
  return form;
}
