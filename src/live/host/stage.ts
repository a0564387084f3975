/** The projector's view of one interview: the backdrop, the decision-maker's face and what was just said. */
import type { Playthrough } from '../../engine';
import { h } from '../../web/dom/h';
import { leadOf } from '../../web/people';
import { backdropUrl, Portrait } from '../common/art';
import { currentLines, faceAfter, lineEl } from '../common/lines';

export interface StageTeam {
  index: number;
  name: string;
}

/**
 * One stage. `teams` are the teams whose playthroughs are at this same point (shown as tags);
 * `aside` is what goes beside the lines (the vote panel); `maxLines` the last lines shown.
 */
export function stageEl(
  play: Playthrough,
  teams: StageTeam[],
  aside: HTMLElement | null,
  maxLines = 3,
): HTMLElement {
  const scenario = play.scenario;
  const view = play.view();
  const lead = leadOf(scenario);
  const lines = currentLines(play);
  // The projector shows the line that matters: the last words said (the candidate's chosen line
  // or the reply to it), as many as the stage has room for at the room's reading size.
  const shown = lines.slice(-maxLines);
  const portrait = new Portrait(lead.portrait.id, lead.name);
  portrait.set(faceAfter(scenario, lines, view.expression));
  const backdrop = backdropUrl(view.node?.backdrop ?? scenario.meta.backdrop);
  const linesBox = h(
    'section',
    {
      class: 'lv-lines panel',
      'aria-label': teams.length === 1 ? `What was said (${teams[0]!.name})` : 'What was said',
    },
    shown.length > 0
      ? shown.map(lineEl)
      : h('p', { class: 'lv-line narrator', text: 'The interview is over.' }),
  );
  const tags = h(
    'div',
    { class: 'lv-row lv-tags' },
    teams.map((t) => h('span', { class: `lv-team-tag panel team-${t.index % 8}`, text: t.name })),
  );
  if (aside) aside.classList.add('lv-aside');
  const el = h(
    'section',
    { class: 'lv-stage', 'aria-label': `Interview: ${teams.map((t) => t.name).join(', ')}` },
    portrait.el,
    tags,
    aside,
    linesBox,
  );
  if (backdrop) el.style.backgroundImage = `url("${backdrop}")`;
  // Start with the end of the exchange in view.
  requestAnimationFrame(() => {
    linesBox.scrollTop = linesBox.scrollHeight;
    linesBox.classList.toggle('lv-more-above', linesBox.scrollTop > 0);
  });
  linesBox.addEventListener('scroll', () =>
    linesBox.classList.toggle('lv-more-above', linesBox.scrollTop > 4),
  );
  linesBox.tabIndex = 0;
  return el;
}

/**
 * Fits each stage's words to its height, after the screen is drawn (and again when the window or
 * the fonts change it): while what the stage shows runs past its foot, the oldest line gives way,
 * whole, never cut mid-line, so the vote and the last words said stay in full view. Only when the
 * last line alone is still too long is it cut to the rows that fit (the phones show it whole).
 * Without this a long exchange pushed the vote's last options out of a two-stage projector.
 */
export function fitStages(root: ParentNode): void {
  for (const stage of root.querySelectorAll<HTMLElement>('.lv-stage')) {
    const lines = [...stage.querySelectorAll<HTMLElement>('.lv-lines .lv-line')];
    for (const l of lines) {
      l.hidden = false;
      l.classList.remove('lv-cut');
      l.style.removeProperty('--rows');
    }
    if (lines.length === 0) continue;
    const over = (): number => {
      const box = stage.getBoundingClientRect();
      const foot = box.bottom - Number.parseFloat(getComputedStyle(stage).paddingBottom || '0');
      let bottom = Number.NEGATIVE_INFINITY;
      for (const child of stage.children) {
        if (child.classList.contains('lv-portrait')) continue;
        bottom = Math.max(bottom, child.getBoundingClientRect().bottom);
      }
      return bottom - foot;
    };
    for (let i = 0; i < lines.length - 1 && over() > 0.5; i++) lines[i]!.hidden = true;
    const excess = over();
    if (excess > 0.5) {
      const last = lines[lines.length - 1]!;
      const lh = Number.parseFloat(getComputedStyle(last).lineHeight) || 1;
      const rows = Math.round(last.getBoundingClientRect().height / lh);
      last.style.setProperty('--rows', String(Math.max(2, rows - Math.ceil(excess / lh))));
      last.classList.add('lv-cut');
    }
  }
}
