import type { View } from '../../engine';
import { forAudience } from '../../web/audience';
import { button, h } from '../../web/dom/h';
import { ctx } from '../context';
import { DialogueBox, lineMode, type SpokenLine } from '../dom/dialogue';
import { metersPanel } from '../dom/meters';
import { openDialog } from '../dom/pause';
import { BaseScene, leadOf, PortraitView, saveResume, speakerName } from '../kit';
import { choiceIndexForKey, completesTyping, keyHintFor } from '../ui/keys';
import { portraitSlots } from '../ui/layout';

const WARM = new Set(['warm', 'impressed', 'interested']);
const COOL = new Set(['irritated', 'sceptical']);

const MOMENT: Record<string, string> = { opening: 'Opening', middle: 'Middle', closing: 'Closing minutes' };

/** The interview: backdrop, faces, the dialogue, the player's choices and the Close. */
export class Interview extends BaseScene {
  private view!: View;
  private dialogue!: DialogueBox;
  private portraits = new Map<string, PortraitView>();
  private choicesEl!: HTMLElement;
  private movesEl!: HTMLElement;
  private asidesEl!: HTMLElement;
  private topEl!: HTMLElement;
  private metersEl: HTMLElement | null = null;
  private coachEl: HTMLElement | null = null;
  private showMeters = false;
  /** Keeps --top-end (where the top bar ends) up to date as its buttons wrap or unwrap. */
  private topWatch: ResizeObserver | null = null;

  constructor() {
    super('Interview');
  }

  create(): void {
    const cur = ctx().current;
    if (!cur) {
      this.go('ScenarioSelect');
      return;
    }
    this.pausable = true;
    this.view = cur.play.view();
    if (this.view.phase !== 'interview' || !this.view.node) {
      this.route(this.view);
      return;
    }
    const s = cur.scenario;
    this.drawBackdrop(this.view.node.backdrop, 0);
    this.portraits = new Map();
    const dms = s.decisionMakers.slice(0, 3);
    const slots = portraitSlots(dms.length, 40, 660);
    dms.forEach((dm, i) => {
      const maxW = dms.length > 1 ? 300 : 460;
      this.portraits.set(
        dm.id,
        new PortraitView(this, dm.portrait.id, slots[i] ?? 350, 500, maxW, 430, this.reduced),
      );
    });
    this.setFaces(this.view.expression);

    const main = this.begin('Interview');
    this.markFaces(this.portraits);
    this.topEl = h('div', { class: 'interview-top' });
    // The right-hand column: the coach hint and the decision-maker's view at its top, the moves
    // and the Close at its foot, all clear of the faces on the left.
    this.asidesEl = h('div', { class: 'asides' });
    this.movesEl = h('div', { class: 'moves' });
    this.choicesEl = h(
      'section',
      { class: 'choices', 'aria-label': 'Your move' },
      this.asidesEl,
      this.movesEl,
    );
    this.dialogue = new DialogueBox({
      layer: this.layer,
      audio: ctx().audio,
      scenario: s,
      reducedMotion: this.reduced,
      onLine: (line) => this.faceFor(line),
      onFinished: () => this.renderChoices(true),
    });
    main.append(this.topEl, this.choicesEl, this.dialogue.el);
    this.topWatch = new ResizeObserver(() => this.measureTop());
    this.topWatch.observe(this.topEl);
    this.showMeters = this.settings.practice && this.registry.get('dmView') === true;
    this.renderTop();
    this.renderChoices(false);
    this.dialogue.play(this.linesFor(this.view), this.takeResumeLine(this.view.step));
    if (!this.dialogue.done)
      this.layer.focusFirst(this.dialogue.el.querySelector('button') ?? this.layer.main);
  }

  protected override onShutdown(): void {
    this.dialogue?.stop();
    this.topWatch?.disconnect();
    this.topWatch = null;
  }

  /**
   * Where the top bar ends, in the stage's own pixels (offsets ignore the desktop scale): with
   * Larger text its buttons can wrap onto a second row, and the hint and the decision-maker's view
   * at the top of the right-hand column must not cover them.
   */
  private measureTop(): void {
    const bar = this.topEl.firstElementChild as HTMLElement | null;
    if (!bar?.isConnected) return;
    const end = this.topEl.offsetTop + bar.offsetTop + bar.offsetHeight;
    this.layer.main.style.setProperty('--top-end', `${end}px`);
  }

  override dialogueLine(): number | null {
    return this.dialogue?.position ?? null;
  }

  /** The lines produced by the last action (the candidate's words, then the reply), or the node's lines. */
  private linesFor(view: View): SpokenLine[] {
    const cur = ctx().current!;
    const index = view.step - 1;
    // The lines for solo play: a line written for a room (a group session) is left out.
    const entries = cur.play.history().filter((e) => e.actionIndex === index);
    if (entries.length > 0) return forAudience(cur.scenario, 'solo', entries);
    return forAudience(cur.scenario, 'solo', view.node?.lines ?? []).map((l) => ({
      ...l,
      speakerName: speakerName(cur.scenario, l.speaker),
    }));
  }

  private setFaces(leadExpression: string): void {
    const s = ctx().current!.scenario;
    const lead = leadOf(s);
    for (const [id, p] of this.portraits) p.set(id === lead.id ? leadExpression : 'neutral');
  }

  private faceFor(line: SpokenLine): void {
    const p = this.portraits.get(line.speaker);
    if (p)
      p.set(
        line.expression ??
          (line.speaker === leadOf(ctx().current!.scenario).id ? this.view.expression : 'neutral'),
      );
  }

  private renderTop(): void {
    const cur = ctx().current!;
    const v = this.view;
    const practice = this.settings.practice;
    const dmToggle = practice
      ? button("Decision-maker's view", () => this.toggleMeters(), { class: 'btn-small btn-ghost' })
      : null;
    dmToggle?.setAttribute('aria-pressed', String(this.showMeters));
    const buttons: (HTMLElement | null)[] = [
      button('History', () => this.openHistory(), {
        class: 'btn-small btn-ghost',
        name: 'Conversation history',
      }),
      v.node?.coach && this.settings.coach
        ? button(this.coachEl ? 'Hide hint' : 'Hint', () => this.toggleCoach(), {
            class: 'btn-small btn-ghost',
            name: this.coachEl ? 'Hide coach hint' : 'Coach hint',
          })
        : null,
      dmToggle,
      practice && v.step > 0
        ? button('Undo', () => this.undo(), { class: 'btn-small btn-ghost', name: 'Undo last move' })
        : null,
      this.pauseButton(),
    ];
    const top = this.topbarWith(
      cur.scenario.meta.title,
      MOMENT[v.node?.moment ?? 'middle'] ?? null,
      ...buttons,
    );
    this.metersEl = practice && this.showMeters ? metersPanel(v.hidden, leadOf(cur.scenario).name) : null;
    const coach = this.coachEl && v.node?.coach ? this.coachEl : null;
    this.asidesEl.replaceChildren(...[this.metersEl, coach].filter((x): x is HTMLElement => x !== null));
    this.asidesEl.hidden = this.asidesEl.childElementCount === 0;
    this.topEl.replaceChildren(top);
    this.measureTop();
  }

  private renderChoices(ready: boolean): void {
    const v = this.view;
    const list = h('div', { class: 'list', role: 'group', 'aria-label': 'Choices' });
    if (ready) {
      v.choices.forEach((c, i) => {
        const key = keyHintFor(i);
        const b = button(
          [
            key ? h('span', { class: 'key', 'aria-hidden': 'true', text: key }) : null,
            c.kind === 'action' ? h('span', { class: 'act-tag', text: 'Do' }) : null,
            h('span', { text: c.text }),
          ],
          () => this.choose(c.id),
          {
            class: c.kind === 'action' ? 'choice choice-act' : 'choice',
            name: c.kind === 'action' ? `Do: ${c.text}` : c.text,
            key: key ?? undefined,
          },
        );
        if (key) b.setAttribute('aria-keyshortcuts', key);
        list.append(b);
      });
      if (v.canContinue) {
        const b = button(
          [h('span', { class: 'key', 'aria-hidden': 'true', text: '1' }), h('span', { text: 'Continue' })],
          () => this.continue(),
          {
            class: 'choice',
            name: 'Continue',
            key: '1',
          },
        );
        b.setAttribute('aria-keyshortcuts', '1');
        list.append(b);
      }
    }
    const close = v.close
      ? button(
          'Close: ask for the job',
          () => {
            this.click('page-turn');
            this.go('Close');
          },
          { class: 'btn-accent', name: 'Close: ask for the job', title: 'Build your close (C)' },
        )
      : null;
    if (close) close.setAttribute('aria-keyshortcuts', 'C');
    const parts: HTMLElement[] = [];
    if (ready && list.childElementCount > 0)
      parts.push(
        h(
          'p',
          { class: 'choices-title panel' },
          'Your move',
          h('span', { class: 'moment-note', text: ` · ${MOMENT[v.node?.moment ?? 'middle'] ?? ''}` }),
        ),
      );
    parts.push(list);
    if (close) parts.push(close);
    this.movesEl.replaceChildren(...parts);
    if (ready) this.layer.focusFirst(list.querySelector<HTMLElement>('button') ?? close);
  }

  protected override onKey(e: KeyboardEvent): boolean {
    if (this.dialogue.typing && completesTyping(e.key)) {
      this.dialogue.complete();
      return true;
    }
    const idx = choiceIndexForKey(e.key, this.choicesEl.querySelectorAll('.choice').length);
    if (idx !== null && this.dialogue.done) {
      this.choicesEl.querySelectorAll<HTMLButtonElement>('.choice')[idx]?.click();
      return true;
    }
    if ((e.key === 'c' || e.key === 'C') && this.view.close) {
      this.choicesEl.querySelector<HTMLButtonElement>('.btn-accent')?.click();
      return true;
    }
    return false;
  }

  private choose(choice: string): void {
    this.apply({ type: 'choose', choice });
  }

  private continue(): void {
    this.apply({ type: 'continue' });
  }

  private apply(action: { type: 'choose'; choice: string } | { type: 'continue' }): void {
    const before = this.view.expression;
    const v = this.act(action);
    if (!v) return;
    this.click('ui-click');
    if (v.expression !== before) {
      if (WARM.has(v.expression) && !WARM.has(before)) this.cue('warm-chime');
      else if (COOL.has(v.expression) && !COOL.has(before)) this.cue('cool-note');
    }
    if (v.phase !== 'interview' || v.response) {
      this.route(v);
      return;
    }
    this.view = v;
    this.coachEl = null;
    this.setFaces(v.expression);
    this.renderTop();
    this.renderChoices(false);
    this.dialogue.play(this.linesFor(v));
    if (!this.dialogue.done)
      this.layer.focusFirst(this.dialogue.el.querySelector('button') ?? this.layer.main);
  }

  private undo(): void {
    const cur = ctx().current;
    if (!cur || cur.play.step === 0) return;
    this.click('ui-back');
    cur.play = cur.play.rewind(cur.play.step - 1);
    cur.responseSeenStep = Math.min(cur.responseSeenStep, cur.play.step);
    saveResume();
    this.route(cur.play.view());
  }

  private toggleMeters(): void {
    this.showMeters = !this.showMeters;
    this.registry.set('dmView', this.showMeters);
    this.renderTop();
    this.topEl.querySelector<HTMLElement>('[aria-pressed]')?.focus();
  }

  private toggleCoach(): void {
    const coach = this.view.node?.coach;
    if (!coach) return;
    this.coachEl = this.coachEl
      ? null
      : h('aside', { class: 'coach panel', 'aria-label': 'Coach hint' }, h('p', { text: coach }));
    if (this.coachEl) this.layer.announce(`Coach: ${coach}`);
    this.renderTop();
    this.topEl
      .querySelector<HTMLElement>(`[aria-label="${this.coachEl ? 'Hide coach hint' : 'Coach hint'}"]`)
      ?.focus();
  }

  private openHistory(): void {
    const cur = ctx().current!;
    const entries = forAudience(cur.scenario, 'solo', cur.play.history());
    const list = h(
      'div',
      { class: 'scroll', tabindex: '0', 'aria-label': 'Everything said so far' },
      entries.map((e) =>
        h(
          'p',
          {
            class: `history-entry ${e.speaker === 'candidate' ? 'candidate' : ''} ${lineMode(e) === 'speech' ? '' : 'act'}`,
          },
          e.speakerName && lineMode(e) === 'speech' ? h('b', { text: `${e.speakerName}: ` }) : null,
          e.cue ? h('i', { text: `(${e.cue}) ` }) : null,
          e.text,
        ),
      ),
    );
    openDialog(this.layer, 'History', list);
    list.scrollTop = list.scrollHeight;
  }
}
