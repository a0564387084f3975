import { type Condition, type Debrief as DebriefData, OTHER_ASK, type Scenario, whatIf } from '../../engine';
import { bestAchievable } from '../../web/analysis/best';
import { button, h } from '../../web/dom/h';
import { factorList } from '../../web/factors';
import { formatMoney, formatPercent, formatScore, outcomeLabel } from '../../web/format';
import { ctx } from '../context';
import { hiddenStatePlot, plotLegend } from '../dom/plot';
import { BaseScene, saveResume, startPlay } from '../kit';
import { openPlayScreen } from '../open-screen';

const GOOD = new Set(['offer-now', 'offer-later', 'next-stage', 'shortlisted']);

/** The debrief: the ending, the score by dimension, what moved the decision and what might have. */
export class Debrief extends BaseScene {
  constructor() {
    super('Debrief');
  }

  create(): void {
    const opened = openPlayScreen(
      (key) => this.go(key),
      (v) => (v.phase === 'ended' ? v : null),
    );
    if (!opened) return;
    const { cur } = opened;
    this.pausable = true;
    let d: DebriefData;
    try {
      d = cur.play.debrief();
    } catch (err) {
      console.info('Close Call: no debrief', err);
      this.go('ScenarioSelect');
      return;
    }
    const s = cur.scenario;
    // Recorded when the ending was reached (saveResume); this covers a path that skipped it.
    if (!cur.recorded) saveResume();
    this.drawBackdrop(s.meta.backdrop, 0.6);
    this.cue(GOOD.has(d.outcome) ? 'warm-chime' : 'cool-note');

    const main = this.begin('Debrief');
    const best = h('p', { class: 'small', text: 'Best achievable score: working it out…' });
    // A caught bluff always changes the headline: the ending's own words when it was written
    // for it (its condition reads bluffExposed), otherwise a line of ours above the title.
    const caught = d.record?.bluffExposed === true && !reads(d.ending.condition, 'bluffExposed');
    const actions = this.actions(d, cur.file, s);
    const left = h(
      'div',
      { class: 'col', tabindex: '0', 'aria-label': 'Outcome and score' },
      ...this.outcome(d, caught),
      this.scoreTotal(d),
      best,
      this.dimensions(d),
      this.negotiation(d),
      this.coaching(d),
      actions,
    );
    main.append(
      this.topbar(`${s.meta.title} · Debrief`, this.pauseButton()),
      h('section', { class: 'debrief panel' }, left, this.decision(d)),
    );
    this.layer.announce(
      `${caught ? 'Caught bluffing. ' : ''}${d.ending.title}. ${outcomeLabel(d.outcome)}. ${d.headline.text} Score ${d.score.total} out of 100.`,
    );
    this.layer.focusFirst(actions.querySelector<HTMLElement>('button'));
    this.time.delayedCall(60, () => this.bestAchievable(best));
  }

  /** The outcome line, the ending's title and words, and a caught bluff when there was one. */
  private outcome(d: DebriefData, caught: boolean): (HTMLElement | null)[] {
    return [
      h('p', {
        class: 'eyebrow',
        text: outcomeLabel(d.outcome) + (d.salary ? ` · ${formatMoney(d.salary, d.currency)}` : ''),
      }),
      caught
        ? h('p', {
            class: 'result',
            'data-caught': '',
            style: 'color: var(--bad); margin: 0;',
            text: 'Caught bluffing',
          })
        : null,
      h('h1', { class: 'h1', text: d.ending.title }),
      // The ending's own words first, under its title; then the verdict on the timing.
      ...d.story.map((text) => h('p', { class: 'body', text })),
      h('p', { class: 'body debrief-verdict', 'data-verdict': d.headline.verdict, text: d.headline.text }),
      caught
        ? h('p', {
            class: 'body',
            text: 'They saw through the option you invented, and said so. Whatever else happened, it cost you their trust: an honest close, or real leverage, never carries that risk.',
          })
        : null,
    ];
  }

  private scoreTotal(d: DebriefData): HTMLElement {
    return h(
      'div',
      { class: 'score-total' },
      h('span', { class: 'big-number', text: formatScore(d.score.total) }),
      h('span', { class: 'small', text: 'your score' }),
    );
  }

  /** The score by dimension; one with nothing to judge (the terms of an offer never made) says so. */
  private dimensions(d: DebriefData): HTMLElement {
    return h(
      'div',
      { class: 'dims', role: 'list', 'aria-label': 'Score by dimension' },
      d.score.dimensions.map((dim) => {
        const none = dim.status === 'no-offer';
        return h(
          'div',
          {
            class: none ? 'dim dim-none' : 'dim',
            role: 'listitem',
            title: dim.note,
            'aria-label': none
              ? `${dim.label}: no offer. ${dim.note}`
              : `${dim.label}: ${Math.round(dim.value)} out of 100. ${dim.note}`,
          },
          h('span', { text: dim.label }),
          h(
            'div',
            { class: 'bar', 'aria-hidden': 'true' },
            h('div', { style: `width:${none ? 0 : Math.round(dim.value)}%` }),
          ),
          none
            ? h('b', {
                text: 'no offer',
                'aria-hidden': 'true',
                style: 'font-weight:400; font-style:italic; white-space:nowrap; font-size:0.9em;',
              })
            : h('b', { text: String(Math.round(dim.value)), 'aria-hidden': 'true' }),
        );
      }),
    );
  }

  /** The negotiation, move by move, and what a promise to accept cost. */
  private negotiation(d: DebriefData): HTMLElement | null {
    if (d.negotiation.length === 0) return null;
    return h(
      'section',
      { 'aria-label': 'Your negotiation' },
      h('h2', { class: 'h3', text: 'Your negotiation' }),
      h(
        'ul',
        { class: 'factors' },
        d.negotiation.map((text) => h('li', { style: 'grid-template-columns: 1fr;', text })),
      ),
    );
  }

  /** Coaching on the answers (and the follow-up, when there was one). */
  private coaching(d: DebriefData): HTMLElement | null {
    if (d.coaching.length === 0) return null;
    const followedUp = d.coaching.some(
      (k) =>
        k.choice === 'let-go' ||
        d.responses.some((r) => r.kind === 'persistence' && r.actionIndex === k.actionIndex),
    );
    return h(
      'section',
      {},
      h('h2', {
        class: 'h3',
        text: followedUp ? 'Coaching on your answers and follow-up' : 'Coaching on your answers',
      }),
      h(
        'ul',
        { class: 'factors' },
        d.coaching.map((k) => h('li', { style: 'grid-template-columns: 1fr;', text: k.text })),
      ),
    );
  }

  /** The right column: how they felt move by move, what moved the decision and what might have. */
  private decision(d: DebriefData): HTMLElement {
    const factors = d.decisive?.factors ?? [];
    return h(
      'div',
      { class: 'col', tabindex: '0', 'aria-label': 'What moved the decision' },
      h('h2', { class: 'h3', text: 'How they felt, move by move' }),
      h('div', { class: 'plot' }, hiddenStatePlot(d.timeline, d.closeActionIndex)),
      plotLegend(),
      d.decisive
        ? h('p', {
            class: 'small',
            text: `The chance of ${d.decisive.chanceOf} was ${formatPercent(d.decisive.chance)}. What moved it:`,
          })
        : null,
      factorList(
        'Your choices',
        factors.filter((f) => f.group === 'choices'),
      ),
      factorList(
        'Circumstances',
        factors.filter((f) => f.group === 'circumstances'),
      ),
      this.whatIf(d),
    );
  }

  private whatIf(d: DebriefData): HTMLElement | null {
    const cfs = whatIf(d.decisive);
    if (cfs.length === 0) return null;
    const yours = d.decisive?.chanceOf;
    return h(
      'section',
      {},
      h('h2', { class: 'h3', text: 'What if…' }),
      h(
        'ul',
        { class: 'factors' },
        cfs.map((cf) =>
          h(
            'li',
            { class: 'cf', style: 'grid-template-columns: 1fr;' },
            // One sentence in one grid cell (loose text and the bold figure each took a row).
            h(
              'span',
              {},
              `${cf.text}: `,
              h('b', { text: `${formatPercent(cf.chance)}` }),
              // Another kind of ask is a chance of another outcome: say what yours was a chance of.
              OTHER_ASK.has(cf.id) && yours
                ? `, where your ask had a ${formatPercent(cf.actual)} chance of ${yours}`
                : ` instead of ${formatPercent(cf.actual)}`,
            ),
          ),
        ),
      ),
    );
  }

  /** Replay from the close, play again, or choose another scenario. */
  private actions(d: DebriefData, file: string, s: Scenario): HTMLElement {
    return h(
      'div',
      { class: 'debrief-actions' },
      d.closeActionIndex !== null
        ? button(
            'Replay from the moment you closed',
            () => this.replayFromClose(d.closeActionIndex as number),
            { class: 'btn-accent' },
          )
        : null,
      button(
        'Play again',
        () => {
          this.click('ui-confirm');
          startPlay(file, s);
          this.go('Briefing');
        },
        { class: 'btn-primary', name: 'Play this scenario again' },
      ),
      button('Choose another scenario', () => {
        this.click('ui-back');
        this.go('ScenarioSelect');
      }),
    );
  }

  private bestAchievable(el: HTMLElement): void {
    const cur = ctx().current;
    if (!cur) return;
    el.textContent = 'Working out the best achievable score…';
    void bestAchievable(cur.scenario).then((best) => {
      el.textContent =
        best === null
          ? 'Best score unavailable for this scenario.'
          : `Best achievable score in this scenario (expected play): ${best} / 100.`;
    });
  }

  private replayFromClose(index: number): void {
    const cur = ctx().current;
    if (!cur) return;
    this.click('page-turn');
    cur.play = cur.play.rewind(index);
    cur.responseSeenStep = cur.play.step;
    cur.recorded = false;
    saveResume();
    this.route(cur.play.view());
  }
}

/** Whether a condition reads an (engine) variable anywhere inside it. */
function reads(c: Condition | undefined, name: string): boolean {
  if (!c) return false;
  if ('all' in c) return c.all.some((x) => reads(x, name));
  if ('any' in c) return c.any.some((x) => reads(x, name));
  if ('not' in c) return reads(c.not, name);
  return 'var' in c && c.var === name;
}
