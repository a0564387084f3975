import type { Factor, View } from '../../engine';
import { forAudience } from '../../web/audience';
import { button, h } from '../../web/dom/h';
import { factorList } from '../../web/factors';
import { formatPercent, resultLabel } from '../../web/format';
import { ctx } from '../context';
import { DialogueBox } from '../dom/dialogue';
import { BaseScene, leadOf, PortraitView, sceneBackdrop, speakerName } from '../kit';
import { openPlayScreen } from '../open-screen';
import { completesTyping } from '../ui/keys';
import { ledTo } from '../ui/route';

const KIND: Record<string, string> = {
  close: 'Their answer to your close',
  'after-interview': 'Their decision after the interview',
  persistence: 'Their reply to your follow-up',
  negotiation: 'Their reply in the negotiation',
};

const SAD = new Set(['rejection', 'closed', 'rescind', 'offer-rescinded']);

/** The face in words, for everyone who cannot see the portrait (and for tests). */
const FACE: Record<string, string> = {
  neutral: 'composed',
  interested: 'interested',
  sceptical: 'sceptical',
  impressed: 'impressed',
  irritated: 'irritated',
  warm: 'warm',
  thinking: 'thoughtful',
};

/** The decision-maker's answer: their words, their face, a sound; then what it led to. */
export class Response extends BaseScene {
  private dialogue!: DialogueBox;
  private panel!: HTMLElement;
  private view!: View;

  constructor() {
    super('Response');
  }

  create(): void {
    const opened = openPlayScreen(
      (key) => this.go(key),
      (v) => v.response,
    );
    if (!opened) return;
    const { cur, part: r } = opened;
    this.view = opened.view;
    this.pausable = true;
    const s = cur.scenario;
    const lead = leadOf(s);
    this.drawBackdrop(sceneBackdrop(cur, this.view), 0.1);
    // The face and the sound wait for the decision-maker's first words, so the candidate's
    // own line is read before the answer gives itself away.
    const portrait = new PortraitView(this, lead.portrait.id, 350, 500, 460, 430, this.reduced);
    portrait.set('thinking');
    const sound = SAD.has(r.result)
      ? 'reject-note'
      : r.tone === 'offer'
        ? 'offer-sting'
        : r.tone === 'warm'
          ? 'warm-chime'
          : r.tone === 'cool'
            ? 'cool-note'
            : null;
    let answered = false;
    const answer = () => {
      if (answered) return;
      answered = true;
      portrait.set(r.expression);
      if (sound) this.cue(sound);
    };

    const main = this.begin('Response');
    this.markFaces([[lead.id, portrait]]);
    this.panel = h(
      'section',
      { class: 'side-panel panel scroll side-answer', 'aria-label': 'What happened' },
      h('p', { class: 'eyebrow', text: KIND[r.kind] ?? 'Their answer' }),
      h('p', { class: 'body', text: `${lead.name} is answering…` }),
    );
    const entries = forAudience(
      s,
      'solo',
      cur.play.history().filter((e) => e.actionIndex === this.view.step - 1),
    );
    const lines =
      entries.length > 0
        ? entries
        : forAudience(s, 'solo', r.lines).map((l) => ({ ...l, speakerName: speakerName(s, l.speaker) }));
    this.dialogue = new DialogueBox({
      layer: this.layer,
      audio: ctx().audio,
      scenario: s,
      reducedMotion: this.reduced,
      onLine: (line) => {
        if (line.speaker !== 'candidate') answer();
      },
      onFinished: () => {
        answer();
        this.finished();
      },
    });
    main.append(this.topbar(s.meta.title, this.pauseButton()), this.panel, this.dialogue.el);
    this.dialogue.play(lines, this.takeResumeLine(this.view.step));
    if (!this.dialogue.done)
      this.layer.focusFirst(this.dialogue.el.querySelector('button') ?? this.layer.main);
  }

  protected override onShutdown(): void {
    this.dialogue?.stop();
  }

  override dialogueLine(): number | null {
    return this.dialogue?.position ?? null;
  }

  private finished(): void {
    if (this.panel.querySelector('[data-continue]')) return;
    const r = this.view.response!;
    const led = ledTo(this.view);
    const result = resultLabel(r.result);
    const chance = `The chance of ${r.chanceOf} was ${formatPercent(r.chance)}.`;
    const lead = leadOf(ctx().current!.scenario);
    const face = `${lead.name} looks ${FACE[r.expression] ?? r.expression}.`;
    this.panel.replaceChildren(
      h('p', { class: 'eyebrow', text: KIND[r.kind] ?? 'Their answer' }),
      h('p', { class: 'result', text: result }),
      h('p', { class: 'body face-note', 'data-expression': r.expression, text: face }),
      h('p', { class: 'body', text: chance }),
    );
    if (r.bluffExposed) {
      this.panel.append(
        h('p', {
          class: 'body',
          style: 'color: var(--bad); font-weight: 700;',
          text: 'They saw through your bluff.',
        }),
      );
    }
    this.layer.announce(`${result}. ${face} ${chance} ${led}`);
    const b = button(
      'Continue',
      () => {
        const cur = ctx().current;
        if (!cur) return;
        this.click('ui-click');
        cur.responseSeenStep = this.view.step;
        this.route(this.view);
      },
      { class: 'btn-primary' },
    );
    b.dataset.continue = '';
    this.panel.append(
      h('p', { class: 'body', text: led }),
      h('div', { style: 'display:flex; justify-content:flex-end;' }, b),
    );
    // What moved the answer comes under Continue, so Continue stays in view on a small screen
    // and the factors are there to scroll to (the panel shows its scroll cue).
    // The debrief lists every factor of the answer that decided (the close, or the decision after
    // the interview); other answers show theirs here only.
    const moved = movedMost(r.factors, r.kind === 'close' || r.kind === 'after-interview');
    if (moved) this.panel.append(moved);

    b.focus({ preventScroll: true });
  }

  protected override onKey(e: KeyboardEvent): boolean {
    if (this.dialogue.typing && completesTyping(e.key)) {
      this.dialogue.complete();
      return true;
    }
    return false;
  }
}

/** Factors shown on the answer panel: the largest that helped and the largest that cost. */
const SHOWN_EACH_WAY = 2;

/**
 * What moved the answer, on the panel itself: the two factors that helped most and the two that
 * cost most, largest first, and (for the deciding answer) that the debrief lists them all. Null
 * when the answer has none.
 */
function movedMost(factors: readonly Factor[], inDebrief: boolean): HTMLElement | null {
  const largest = (fs: Factor[]) =>
    fs.sort((a, b) => Math.abs(b.points) - Math.abs(a.points)).slice(0, SHOWN_EACH_WAY);
  const shown = [
    ...largest(factors.filter((f) => f.points >= 0.5)),
    ...largest(factors.filter((f) => f.points <= -0.5)),
  ];
  const list = factorList('What moved it most', shown, { heading: 'h2', headingClass: 'eyebrow' });
  if (!list) return null;
  list.classList.add('moved');
  const more = factors.length - shown.length;
  if (more > 0 && inDebrief)
    list.append(
      h('p', {
        class: 'small',
        text: `The debrief lists all ${factors.length} factors.`,
      }),
    );
  return list;
}
