/**
 * Editing on the map: the side panel's forms for a node (moment, whether the close is on offer,
 * lines, choices with their target, effects on sliders with what they mean, conditions, quality),
 * for the endings, the decision-maker, the situation and the close's parts. Every field is a real
 * labelled control; each change goes into the ScenarioDoc at once (typing in one field is one
 * step of undo), is validated, and marks its field and the panel with the problems found there.
 * Changes to the graph (a new node, a new target, a deleted node) redraw the map.
 */
import type { JSONPath } from 'jsonc-parser';
import {
  CLOSE_FORMS,
  DECISION_MAKER_KINDS,
  HIDDEN_STATE_KEYS,
  LINE_KINDS,
  OUTCOMES,
  Situation,
} from '../../engine';
import { button, h } from '../../web/dom/h';
import { HIDDEN_LABELS } from '../dom/meters';
import { type Change, pathText, type ScenarioDoc } from './doc';

export interface EditorHooks {
  /** Redraw the map (the graph changed), keeping the chosen node and the focused field. */
  redraw(): void;
  /** Say something to screen readers. */
  announce(text: string): void;
  /** Choose a node on the map (after adding one). */
  select(id: string): void;
}

type Raw = Record<string, unknown>;
const arr = (v: unknown): Raw[] => (Array.isArray(v) ? (v as Raw[]) : []);
const str = (v: unknown): string => (typeof v === 'string' ? v : v === undefined ? '' : String(v));

let uid = 0;
const fieldId = () => `ed-${++uid}`;

/** What an effect of this size means (docs/authoring.md: ±0.05 small, ±0.15 clear, ±0.3 large). */
export function effectMeaning(key: string, v: number): string {
  if (Math.abs(v) < 0.005) return 'no change';
  const size = Math.abs(v) < 0.1 ? 'a small' : Math.abs(v) < 0.25 ? 'a clear' : 'a large';
  const label = (HIDDEN_LABELS as Record<string, string>)[key]?.toLowerCase() ?? key;
  return `${size} ${v > 0 ? 'rise' : 'fall'} in ${label}`;
}

/** The options of a zod enum field of the situation (so the lists cannot drift from the format). */
function situationOptions(key: 'stage' | 'nextStage' | 'previousCandidate'): string[] {
  let s: unknown = (Situation as unknown as { shape: Record<string, unknown> }).shape[key];
  for (let i = 0; i < 4 && s && typeof s === 'object' && !('options' in s); i++)
    s = (s as { unwrap?: () => unknown }).unwrap?.();
  return s && typeof s === 'object' && 'options' in s ? ((s as { options: string[] }).options ?? []) : [];
}

export class MapEditor {
  constructor(
    readonly doc: ScenarioDoc,
    private readonly hooks: EditorHooks,
  ) {}

  /** The field focused before a redraw, to focus again after it. */
  rememberFocus(): void {
    const el = document.activeElement as HTMLElement | null;
    this.doc.focusPath = el?.dataset.path ?? el?.dataset.action ?? null;
  }

  /**
   * Just before a redraw: the field focused now, when there is one, wins over the one remembered
   * when the redraw was asked for. A redraw waits for the game's next frame (a scene restart), and
   * a keyboard user may have moved on meanwhile (to an effect's slider, pressing its arrows): their
   * field keeps the focus, and its value (already in the document) is drawn again as it was.
   */
  focusBeforeRedraw(): void {
    const el = document.activeElement as HTMLElement | null;
    const now = el?.dataset.path ?? el?.dataset.action ?? null;
    if (now !== null || this.doc.focusPath === null) this.doc.focusPath = now;
  }

  /**
   * Focuses the remembered field if `panel` has it. The path is kept until the redraw is over
   * (MapScene forgets it then): the map first draws its overview and then opens the node's panel
   * again, and the field is only in the second (taking the path at the first sent the focus to the
   * panel's first field, the node's Moment, where the next arrow key changed the moment).
   */
  restoreFocus(panel: HTMLElement): boolean {
    const focusPath = this.doc.focusPath;
    if (!focusPath) return false;
    const el =
      panel.querySelector<HTMLElement>(`[data-path="${CSS.escape(focusPath)}"]`) ??
      panel.querySelector<HTMLElement>(`[data-action="${CSS.escape(focusPath)}"]`);
    el?.focus({ preventScroll: true });
    return !!el;
  }

  private change(structural: boolean, ...changes: Change[]): void {
    // Typing in one field (one path) is one step of undo; anything else is a step of its own.
    const key = !structural && changes.length === 1 ? pathText(changes[0]!.path) : null;
    if (!this.doc.applyAs(key, ...changes)) return;
    if (structural) {
      this.rememberFocus();
      this.hooks.redraw();
    } else this.mark();
  }

  /** Marks every field of the open panel with the problems at its path; lists the rest. */
  mark(root: ParentNode = document): void {
    for (const el of root.querySelectorAll<HTMLElement>('[data-path]')) {
      const path = el.dataset.path!;
      const own = this.doc.problems.filter((p) => p.path === path);
      const note = document.getElementById(`${el.id}-problem`);
      if (own.length) {
        el.setAttribute('aria-invalid', own.some((p) => p.severity === 'error') ? 'true' : 'false');
        el.setAttribute('aria-describedby', `${el.id}-problem`);
        if (note) note.textContent = own.map((p) => `${p.message}. ${p.fix}`).join(' ');
      } else {
        el.removeAttribute('aria-invalid');
        if (note) note.textContent = '';
      }
    }
    for (const [action, on] of [
      ['undo', this.doc.canUndo],
      ['redo', this.doc.canRedo],
    ] as const) {
      const b = document.querySelector<HTMLButtonElement>(`[data-ed="${action}"]`);
      if (b) b.disabled = !on;
    }
    const summary = document.querySelector<HTMLElement>('.ed-summary');
    if (summary) {
      const errors = this.doc.errors.length;
      const warnings = this.doc.problems.length - errors;
      summary.textContent =
        errors + warnings === 0
          ? 'The file is valid.'
          : `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}${errors ? ': the map shows the last valid version' : ''}.`;
      summary.classList.toggle('warn', errors > 0);
    }
  }

  // -------------------------------------------------------------------------
  // Controls
  // -------------------------------------------------------------------------

  private wrap(label: string, control: HTMLElement, path: JSONPath, hint?: string): HTMLElement {
    const id = control.id;
    return h(
      'div',
      { class: 'ed-field' },
      h('label', { for: id, text: label }),
      control,
      hint ? h('p', { class: 'ed-hint small', text: hint }) : null,
      h('p', {
        class: 'ed-problem small',
        id: `${id}-problem`,
        'aria-live': 'polite',
        'data-for': pathText(path),
      }),
    );
  }

  text(
    label: string,
    path: JSONPath,
    opts: { multiline?: boolean; hint?: string; remove?: boolean } = {},
  ): HTMLElement {
    const id = fieldId();
    const value = str(this.doc.at(path));
    const control = opts.multiline
      ? h('textarea', { id, rows: 2, 'data-path': pathText(path) })
      : h('input', { id, type: 'text', 'data-path': pathText(path) });
    control.value = value;
    control.addEventListener('input', () => {
      const v = control.value;
      this.change(false, { path, value: opts.remove && v === '' ? undefined : v });
    });
    return this.wrap(label, control, path, opts.hint);
  }

  number(
    label: string,
    path: JSONPath,
    opts: { min?: number; max?: number; step?: number } = {},
  ): HTMLElement {
    const id = fieldId();
    const v = this.doc.at(path);
    const control = h('input', {
      id,
      type: 'number',
      'data-path': pathText(path),
      min: opts.min,
      max: opts.max,
      step: opts.step ?? 1,
      value: typeof v === 'number' ? String(v) : '',
    });
    control.addEventListener('input', () => {
      const n = Number(control.value);
      if (control.value.trim() !== '' && Number.isFinite(n)) this.change(false, { path, value: n });
    });
    return this.wrap(label, control, path);
  }

  select(
    label: string,
    path: JSONPath,
    options: { value: string; text: string }[],
    opts: { structural?: boolean; unsetText?: string; hint?: string } = {},
  ): HTMLElement {
    const id = fieldId();
    const current = this.doc.at(path);
    const control = h(
      'select',
      { id, 'data-path': pathText(path) },
      opts.unsetText ? h('option', { value: '', text: opts.unsetText }) : null,
      options.map((o) => h('option', { value: o.value, text: o.text })),
    );
    control.value = current === undefined ? '' : String(current);
    control.addEventListener('change', () => {
      const v = control.value;
      const value = v === '' ? undefined : v === 'true' ? true : v === 'false' ? false : v;
      this.change(opts.structural ?? false, { path, value });
    });
    return this.wrap(label, control, path, opts.hint);
  }

  /** An effect on a hidden-state value: a slider from −0.3 to 0.3 and what it means. */
  private effect(path: JSONPath, key: string): HTMLElement {
    const id = fieldId();
    const v = Number(this.doc.at(path) ?? 0) || 0;
    const meaning = h('output', { for: id, class: 'ed-meaning small', text: effectMeaning(key, v) });
    const control = h('input', {
      id,
      type: 'range',
      min: -0.3,
      max: 0.3,
      step: 0.01,
      value: String(v),
      'data-path': pathText(path),
      'aria-valuetext': `${v >= 0 ? '+' : ''}${v.toFixed(2)}: ${effectMeaning(key, v)}`,
    });
    control.addEventListener('input', () => {
      const n = Math.round(Number(control.value) * 100) / 100;
      const said = `${n >= 0 ? '+' : ''}${n.toFixed(2)}: ${effectMeaning(key, n)}`;
      meaning.textContent = said;
      control.setAttribute('aria-valuetext', said);
      this.change(false, { path, value: n === 0 ? undefined : n });
    });
    const label = (HIDDEN_LABELS as Record<string, string>)[key] ?? key;
    return h(
      'div',
      { class: 'ed-field ed-effect' },
      h('label', { for: id, text: label }),
      control,
      meaning,
      h('p', { class: 'ed-problem small', id: `${id}-problem`, 'aria-live': 'polite' }),
    );
  }

  /** A condition as JSON, applied when it parses (and marked when it does not). */
  private condition(label: string, path: JSONPath): HTMLElement {
    const id = fieldId();
    const v = this.doc.at(path);
    const control = h('input', { id, type: 'text', 'data-path': pathText(path), spellcheck: false });
    control.value = v === undefined ? '' : JSON.stringify(v);
    const note = h('p', { class: 'ed-problem small', id: `${id}-problem`, 'aria-live': 'polite' });
    control.addEventListener('input', () => {
      const t = control.value.trim();
      if (t === '') {
        control.removeAttribute('aria-invalid');
        this.change(false, { path, value: undefined });
        return;
      }
      try {
        const parsed = JSON.parse(t) as unknown;
        control.removeAttribute('aria-invalid');
        note.textContent = '';
        this.change(false, { path, value: parsed });
      } catch {
        control.setAttribute('aria-invalid', 'true');
        control.setAttribute('aria-describedby', note.id);
        note.textContent =
          'Not yet a condition: write JSON such as {"var": "askedAboutTeam", "equals": true}.';
      }
    });
    return h(
      'div',
      { class: 'ed-field' },
      h('label', { for: id, text: label }),
      control,
      h('p', {
        class: 'ed-hint small',
        text: 'Empty for always; e.g. {"var": "askedAboutTeam", "equals": true} or {"state": "rapport", "atLeast": 0.5}.',
      }),
      note,
    );
  }

  private act(
    text: string,
    onPress: () => void,
    action: string,
    cls = 'btn-small btn-ghost',
  ): HTMLButtonElement {
    const b = button(text, onPress, { class: cls });
    b.dataset.action = action;
    return b;
  }

  // -------------------------------------------------------------------------
  // Panels
  // -------------------------------------------------------------------------

  private nodeIds(): string[] {
    return arr(this.doc.at(['nodes'])).map((n) => str(n.id));
  }

  private uniqueId(base: string, taken: Iterable<string>): string {
    const used = new Set(taken);
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
    return id;
  }

  private lineIds(): string[] {
    const out: string[] = [];
    const walk = (v: unknown) => {
      if (Array.isArray(v)) for (const x of v) walk(x);
      else if (v && typeof v === 'object') {
        const o = v as Raw;
        if (typeof o.id === 'string' && typeof o.speaker === 'string') out.push(o.id);
        for (const x of Object.values(o)) walk(x);
      }
    };
    walk(this.doc.value());
    return out;
  }

  private speakers(): { value: string; text: string }[] {
    const dms = arr(this.doc.at(['decisionMakers'])).map((d) => ({
      value: str(d.id),
      text: str(d.name) || str(d.id),
    }));
    return [...dms, { value: 'candidate', text: 'The candidate' }, { value: 'narrator', text: 'Narrator' }];
  }

  private lead(): string {
    return str(this.doc.at(['closing', 'decisionMaker'])) || this.speakers()[0]!.value;
  }

  /** Where a choice leads, as one value: node:<id>, ending:<id> or ends. */
  private targetOf(c: Raw): string {
    if (typeof c.next === 'string') return `node:${c.next}`;
    if (typeof c.ending === 'string') return `ending:${c.ending}`;
    return c.endsInterview === true ? 'ends' : '';
  }

  private targetOptions(except: string): { value: string; text: string }[] {
    return [
      ...this.nodeIds()
        .filter((id) => id !== except)
        .map((id) => ({ value: `node:${id}`, text: `Node ${id}` })),
      ...arr(this.doc.at(['endings'])).map((e) => ({
        value: `ending:${str(e.id)}`,
        text: `Ending: ${str(e.title) || str(e.id)} (${str(e.outcome)})`,
      })),
      { value: 'ends', text: 'The interview ends (the decision-maker decides)' },
    ];
  }

  /** Sets where something leads (a choice, or a node without choices). */
  private retarget(base: JSONPath, value: string): void {
    const [kind, id] = value.includes(':')
      ? [value.slice(0, value.indexOf(':')), value.slice(value.indexOf(':') + 1)]
      : [value, ''];
    this.change(
      true,
      { path: [...base, 'next'], value: kind === 'node' ? id : undefined },
      { path: [...base, 'ending'], value: kind === 'ending' ? id : undefined },
      { path: [...base, 'endsInterview'], value: kind === 'ends' ? true : undefined },
    );
  }

  private targetSelect(label: string, base: JSONPath, current: string, except: string): HTMLElement {
    const id = fieldId();
    const control = h(
      'select',
      { id, 'data-path': pathText([...base, 'next']) },
      current === '' ? h('option', { value: '', text: 'Choose where it leads' }) : null,
      this.targetOptions(except).map((o) => h('option', { value: o.value, text: o.text })),
    );
    control.value = current;
    control.addEventListener('change', () => this.retarget(base, control.value));
    return this.wrap(label, control, [...base, 'next']);
  }

  /** The editing panel of a node. */
  nodePanel(index: number): HTMLElement[] {
    const base: JSONPath = ['nodes', index];
    const node = (this.doc.at(base) ?? {}) as Raw;
    const id = str(node.id);
    const isStart = str(this.doc.at(['start'])) === id;
    const lines = arr(node.lines);
    const choices = arr(node.choices);
    const out: HTMLElement[] = [
      h('p', { class: 'eyebrow', text: `Editing node${isStart ? ' · the start' : ''}` }),
      h('h2', { class: 'h3 map-node-title', text: id }),
      h('p', { class: 'ed-summary small', role: 'status' }),
      this.select(
        'Moment',
        [...base, 'moment'],
        ['opening', 'middle', 'closing'].map((m) => ({ value: m, text: m })),
        {
          structural: true,
        },
      ),
      this.select(
        'The close here',
        [...base, 'closeAllowed'],
        [
          { value: 'true', text: 'On offer here' },
          { value: 'false', text: 'Not on offer here' },
        ],
        { structural: true, unsetText: 'As the scenario says (closing.allowed)' },
      ),
    ];
    const lineList = h(
      'div',
      { class: 'ed-group', role: 'group', 'aria-label': 'Lines' },
      h('p', { class: 'eyebrow', text: 'Lines' }),
    );
    lines.forEach((_, li) => {
      const lp: JSONPath = [...base, 'lines', li];
      lineList.append(
        h(
          'fieldset',
          { class: 'ed-item' },
          h('legend', { text: `Line ${li + 1}` }),
          this.select('Speaker', [...lp, 'speaker'], this.speakers()),
          this.select(
            'Said or done',
            [...lp, 'kind'],
            LINE_KINDS.filter((k) => k !== 'speech').map((k) => ({ value: k, text: k })),
            { unsetText: 'speech' },
          ),
          this.text('Text', [...lp, 'text'], { multiline: true }),
          this.act(
            `Remove line ${li + 1}`,
            () => this.change(true, { path: lp, value: undefined }),
            `remove-line-${li}`,
          ),
        ),
      );
    });
    lineList.append(
      this.act(
        'Add a line',
        () =>
          this.change(true, {
            path: [...base, 'lines', lines.length],
            value: { id: this.uniqueId(`${id}-line`, this.lineIds()), speaker: this.lead(), text: '' },
            insert: true,
          }),
        'add-line',
      ),
    );
    out.push(lineList);
    const choiceList = h(
      'div',
      { class: 'ed-group', role: 'group', 'aria-label': 'Choices' },
      h('p', { class: 'eyebrow', text: 'Choices' }),
    );
    choices.forEach((c, ci) => {
      const cp: JSONPath = [...base, 'choices', ci];
      const effects = (c.effects ?? {}) as Raw;
      choiceList.append(
        h(
          'fieldset',
          { class: 'ed-item' },
          h('legend', { text: `Choice ${ci + 1}` }),
          this.text('What the player picks', [...cp, 'text'], { multiline: true }),
          this.targetSelect('Leads to', cp, this.targetOf(c), id),
          h(
            'div',
            { class: 'ed-effects', role: 'group', 'aria-label': `Effects of choice ${ci + 1}` },
            h('p', {
              class: 'small',
              text: 'Effects on the decision-maker (±0.05 small, ±0.15 clear, ±0.3 large)',
            }),
            HIDDEN_STATE_KEYS.map((k) => this.effect([...cp, 'effects', k], k)),
          ),
          Object.keys(effects).some((k) => k === 'set' || k === 'add')
            ? h('p', {
                class: 'small',
                text: `Sets variables: ${JSON.stringify({ set: effects.set, add: effects.add })}`,
              })
            : null,
          this.condition('Offered only when (condition)', [...cp, 'condition']),
          this.select(
            'Quality',
            [...cp, 'quality'],
            ['strong', 'fair', 'weak'].map((q) => ({ value: q, text: q })),
            { unsetText: 'not rated' },
          ),
          this.act(
            `Remove choice ${ci + 1}`,
            () => this.change(true, { path: cp, value: undefined }),
            `remove-choice-${ci}`,
          ),
        ),
      );
    });
    const firstOther = this.nodeIds().find((n) => n !== id);
    choiceList.append(
      this.act(
        'Add a choice',
        () =>
          this.change(
            true,
            {
              path: [...base, 'choices', choices.length],
              value: {
                id: this.uniqueId(
                  'choice',
                  choices.map((c) => str(c.id)),
                ),
                text: '',
                ...(firstOther ? { next: firstOther } : { endsInterview: true }),
              },
              insert: true,
            },
            // A node with choices has no next, ending or endsInterview of its own.
            { path: [...base, 'next'], value: undefined },
            { path: [...base, 'ending'], value: undefined },
            { path: [...base, 'endsInterview'], value: undefined },
          ),
        'add-choice',
      ),
    );
    out.push(choiceList);
    if (choices.length === 0) {
      const own =
        typeof node.next === 'string'
          ? `node:${node.next}`
          : typeof node.ending === 'string'
            ? `ending:${node.ending}`
            : node.endsInterview
              ? 'ends'
              : '';
      out.push(this.targetSelect('After this node (no choices)', base, own, id));
    }
    out.push(
      this.act(
        'Delete this node',
        () => this.deleteNode(index),
        'delete-node',
        'btn-small btn-ghost ed-danger',
      ),
    );
    if (isStart) out[out.length - 1]!.setAttribute('disabled', '');
    return out;
  }

  /** Adds a node that ends the interview, and chooses it. */
  addNode(): void {
    const ids = this.nodeIds();
    const id = this.uniqueId('new-node', ids);
    this.doc.selected = id;
    this.change(true, {
      path: ['nodes', ids.length],
      value: {
        id,
        moment: 'middle',
        lines: [{ id: this.uniqueId(`${id}-line`, this.lineIds()), speaker: this.lead(), text: '' }],
        endsInterview: true,
      },
      insert: true,
    });
    this.hooks.announce(`Added node ${id}. Write its line, then choose it as a choice's target.`);
  }

  /** Adds a choice from one node to another (a drag from a node onto another). */
  link(from: string, to: string): void {
    const index = this.nodeIds().indexOf(from);
    if (index < 0 || from === to) return;
    const choices = arr(this.doc.at(['nodes', index, 'choices']));
    const target = to.startsWith('ending:')
      ? { ending: to.slice(7) }
      : to === 'decision'
        ? { endsInterview: true }
        : { next: to };
    this.doc.selected = from;
    this.change(
      true,
      {
        path: ['nodes', index, 'choices', choices.length],
        value: {
          id: this.uniqueId(
            'choice',
            choices.map((c) => str(c.id)),
          ),
          text: '',
          ...target,
        },
        insert: true,
      },
      { path: ['nodes', index, 'next'], value: undefined },
      { path: ['nodes', index, 'ending'], value: undefined },
      { path: ['nodes', index, 'endsInterview'], value: undefined },
    );
    this.hooks.announce(`Linked ${from} to ${to}: write the choice's words.`);
  }

  private deleteNode(index: number): void {
    const ids = this.nodeIds();
    const id = ids[index]!;
    const changes: Change[] = [];
    // What led to it now ends the interview, so nothing points at a missing node.
    arr(this.doc.at(['nodes'])).forEach((n, ni) => {
      if (ni === index) return;
      arr(n.choices).forEach((c, ci) => {
        if (c.next === id)
          changes.push(
            { path: ['nodes', ni, 'choices', ci, 'next'], value: undefined },
            { path: ['nodes', ni, 'choices', ci, 'endsInterview'], value: true },
          );
      });
      if (n.next === id)
        changes.push(
          { path: ['nodes', ni, 'next'], value: undefined },
          { path: ['nodes', ni, 'endsInterview'], value: true },
        );
    });
    changes.push({ path: ['nodes', index], value: undefined });
    this.doc.selected = null;
    this.change(true, ...changes);
    this.hooks.announce(`Deleted node ${id}; the choices that led to it now end the interview.`);
  }

  /** The endings: outcome, title and debrief of each; add one. */
  endingsPanel(): HTMLElement[] {
    const endings = arr(this.doc.at(['endings']));
    return [
      h('p', { class: 'eyebrow', text: 'Editing' }),
      h('h2', { class: 'h3', text: 'Endings' }),
      h('p', { class: 'ed-summary small', role: 'status' }),
      ...endings.map((e, i) =>
        h(
          'fieldset',
          { class: 'ed-item' },
          h('legend', { text: `Ending ${str(e.id)}` }),
          this.select(
            'Outcome',
            ['endings', i, 'outcome'],
            OUTCOMES.map((o) => ({ value: o, text: o })),
            {
              structural: true,
            },
          ),
          this.text('Title', ['endings', i, 'title']),
          this.text('Debrief', ['endings', i, 'debrief'], { multiline: true }),
          this.act(
            `Remove ending ${str(e.id)}`,
            () => this.change(true, { path: ['endings', i], value: undefined }),
            `remove-ending-${i}`,
          ),
        ),
      ),
      this.act(
        'Add an ending',
        () =>
          this.change(true, {
            path: ['endings', endings.length],
            value: {
              id: this.uniqueId(
                'new-ending',
                endings.map((e) => str(e.id)),
              ),
              outcome: 'no-decision',
              title: '',
              debrief: '',
            },
            insert: true,
          }),
        'add-ending',
      ),
    ];
  }

  /** The decision-maker who answers the close: who they are and their hidden state at the start. */
  personaPanel(): HTMLElement[] {
    const dms = arr(this.doc.at(['decisionMakers']));
    const i = Math.max(
      0,
      dms.findIndex((d) => d.id === this.lead()),
    );
    const p: JSONPath = ['decisionMakers', i];
    return [
      h('p', { class: 'eyebrow', text: 'Editing' }),
      h('h2', { class: 'h3', text: 'The decision-maker' }),
      h('p', { class: 'ed-summary small', role: 'status' }),
      this.text('Name', [...p, 'name']),
      this.text('Role', [...p, 'role']),
      this.select(
        'Kind (sets the default traits)',
        [...p, 'kind'],
        DECISION_MAKER_KINDS.map((k) => ({ value: k, text: k })),
      ),
      this.text('Description', [...p, 'description'], { multiline: true }),
      h('p', { class: 'eyebrow', text: 'Hidden state at the start (0 to 1)' }),
      ...HIDDEN_STATE_KEYS.map((k) =>
        this.number((HIDDEN_LABELS as Record<string, string>)[k] ?? k, [...p, 'initial', k], {
          min: 0,
          max: 1,
          step: 0.05,
        }),
      ),
    ];
  }

  situationPanel(): HTMLElement[] {
    const opts = (k: 'stage' | 'nextStage' | 'previousCandidate') =>
      situationOptions(k).map((v) => ({ value: v, text: v }));
    return [
      h('p', { class: 'eyebrow', text: 'Editing' }),
      h('h2', { class: 'h3', text: 'The situation' }),
      h('p', { class: 'ed-summary small', role: 'status' }),
      this.select('Stage', ['situation', 'stage'], opts('stage')),
      this.select('Next stage', ['situation', 'nextStage'], opts('nextStage')),
      this.number('Candidates seen', ['situation', 'candidatesSeen'], { min: 0 }),
      this.number('Candidates still to see', ['situation', 'candidatesRemaining'], { min: 0 }),
      this.number('Vacancies', ['situation', 'vacancies'], { min: 1 }),
      this.text('What the player reads at the briefing', ['situation', 'description'], { multiline: true }),
    ];
  }

  closePanel(): HTMLElement[] {
    const forms = arr(this.doc.at(['closing', 'forms']));
    const points = arr(this.doc.at(['closing', 'points']));
    const usedForms = new Set(forms.map((f) => str(f.form)));
    const free = CLOSE_FORMS.find((f) => !usedForms.has(f));
    return [
      h('p', { class: 'eyebrow', text: 'Editing' }),
      h('h2', { class: 'h3', text: "The close's parts" }),
      h('p', { class: 'ed-summary small', role: 'status' }),
      this.select(
        'Where the close is on offer',
        ['closing', 'allowed'],
        [
          { value: 'anywhere', text: 'anywhere' },
          { value: 'closing-moments', text: 'closing moments only' },
        ],
        { structural: true },
      ),
      ...forms.map((f, i) =>
        this.text(`Words of the ${str(f.form)} close`, ['closing', 'forms', i, 'text'], { multiline: true }),
      ),
      free
        ? this.act(
            `Add the ${free} form`,
            () =>
              this.change(true, {
                path: ['closing', 'forms', forms.length],
                value: { form: free, text: '' },
                insert: true,
              }),
            'add-form',
          )
        : h('span', {}),
      ...points.map((pt, i) =>
        h(
          'fieldset',
          { class: 'ed-item' },
          h('legend', { text: `Supporting point ${str(pt.id)}` }),
          this.select(
            'Kind',
            ['closing', 'points', i, 'kind'],
            [
              { value: 'why-us', text: 'why-us: why this organisation' },
              { value: 'reason', text: 'reason: why you will do well' },
            ],
          ),
          this.text('Words', ['closing', 'points', i, 'text'], {
            multiline: true,
            hint: 'A whole sentence: it is joined to the close as written.',
          }),
        ),
      ),
      this.text('A commitment to accept on the spot', ['closing', 'commitText'], { multiline: true }),
    ];
  }
}
