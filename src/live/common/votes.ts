/** How votes and their results read, on the projector and the phones. */

import type { CloseSpec, Scenario } from '../../engine';
import { composeCloseWords } from '../../engine';
import type { Ballot, Task, TaskKind, TeamResult } from '../../protocol/index';
import { h } from '../../web/dom/h';
import { deliveryLabel, firstWords, formLabel, plural } from '../../web/format';

export const TASK_TITLE: Record<TaskKind, string> = {
  choose: 'What should the candidate say?',
  close: 'Build the close: how do you ask for the job?',
  'follow-up': 'The days after: what do you do?',
  negotiate: 'The offer: how do you answer?',
  continue: 'No decision here: the conversation goes on when the vote closes.',
  none: 'Finished.',
};

export const DECIDED_BY: Record<TeamResult['decidedBy'], string> = {
  votes: 'decided by votes',
  tie: 'a tie: the option listed first wins',
  'timeout-default': 'no votes in time: the option listed first',
  automatic: 'no decision needed',
  none: 'nothing to decide',
};

export function optionText(task: Task | undefined, option: string): string {
  return task?.options.find((o) => o.id === option)?.text ?? option;
}

export function closeSpecOf(b: Extract<Ballot, { type: 'close' }>): CloseSpec {
  return {
    form: b.form,
    delivery: b.delivery,
    points: [...b.points],
    leverage: b.leverage,
    commit: b.commit,
  };
}

/** The words a close ballot would have the candidate say, or '' when they cannot be composed. */
export function closeWords(scenario: Scenario, b: Extract<Ballot, { type: 'close' }>): string {
  try {
    return composeCloseWords(scenario, closeSpecOf(b)).text;
  } catch {
    return '';
  }
}

/** A ballot in words: the option's text, or the close's parts. */
export function ballotText(_scenario: Scenario, task: Task | undefined, b: Ballot): string {
  if (b.type === 'option') return optionText(task, b.option);
  const parts = [
    formLabel(b.form),
    `${deliveryLabel(b.delivery).toLowerCase()} delivery`,
    plural(b.points.length, 'supporting point'),
    b.leverage ? 'with leverage' : 'no leverage',
    b.commit ? 'commits to accept' : null,
  ].filter(Boolean);
  return parts.join(', ');
}

/** Rows of a split: a label, the votes and a bar; the winner marked in words, not only colour. */
function splitRows(
  rows: { key: string; label: string; votes: number; won: boolean; n?: number }[],
  total: number,
): HTMLElement {
  return h(
    'ul',
    { class: 'lv-options' },
    rows.map((r, i) =>
      h(
        'li',
        {
          class: r.won ? 'won' : '',
          'aria-label': `${r.label}: ${plural(r.votes, 'vote')}${r.won ? ', chosen' : ''}`,
        },
        h('span', { class: 'key', 'aria-hidden': 'true', text: r.won ? '✓' : String(r.n ?? i + 1) }),
        h('span', { 'aria-hidden': 'true', text: r.label }),
        h('span', { class: 'lv-count', 'aria-hidden': 'true', text: `${r.votes}` }),
        h(
          'div',
          { class: 'lv-bar', 'aria-hidden': 'true' },
          h('div', { style: `width:${total > 0 ? Math.round((100 * r.votes) / total) : 0}%` }),
        ),
      ),
    ),
  );
}

function listOf(items: string[]): string {
  try {
    return new Intl.ListFormat('en-GB', { style: 'long', type: 'conjunction' }).format(items);
  } catch {
    return items.join(', ');
  }
}

/**
 * One part of a close's split in one line, for the projector: the part's name, then each choice
 * that got votes with its count, the team's choice first and marked in words.
 */
function splitLine(
  title: string,
  rows: { key: string; label: string; votes: number; won: boolean }[],
  counts: boolean,
): HTMLElement {
  const shown = rows
    .filter((x) => x.votes > 0 || x.won)
    .sort((a, b) => Number(b.won) - Number(a.won) || b.votes - a.votes);
  return h(
    'p',
    { class: 'lv-split-line' },
    h('span', { class: 'lv-split-title', text: `${title}: ` }),
    ...(shown.length === 0
      ? [h('span', { text: 'no votes' })]
      : shown.flatMap((x, i) => [
          i > 0 ? ' · ' : '',
          h(
            'span',
            { class: x.won ? 'won' : '' },
            `${x.won ? '✓ ' : ''}${x.label}`,
            // The count apart from the label (and kept on its line), so a name and its votes
            // never read as one; a single voter's choices need no count.
            counts ? h('span', { class: 'lv-split-count', text: `\u00a0(${x.votes})` }) : null,
          ),
        ])),
  );
}

/**
 * A team's result: who voted what (after the vote closed) and what the team did. `compact` (the
 * projector) gives a close's split one line per part and leaves the close's words to the
 * transcript above it (the candidate's line), so the whole reveal fits the screen; `votedOnly` (a projector shared by several stages) lists only the
 * options that got votes (the chosen one always).
 */
export function resultEl(
  scenario: Scenario,
  task: Task | undefined,
  r: TeamResult,
  compact = false,
  votedOnly = false,
): HTMLElement {
  const out = h('div', { class: 'lv-stack' });
  if (r.kind === 'continue' || r.kind === 'none') {
    out.append(h('p', { class: 'small', text: TASK_TITLE[r.kind] }));
    return out;
  }
  if (r.closeCounts && task?.close) {
    const c = task.close;
    const chosen = r.chosen?.type === 'close' ? r.chosen : null;
    // On the projector the parts flow side by side; elsewhere each part is its own block.
    const parts = compact ? h('div', { class: 'lv-split' }) : out;
    if (compact) out.append(parts);
    const part = (
      title: string,
      rows: { key: string; label: string }[],
      counts: Record<string, number>,
      won: (k: string) => boolean,
    ) =>
      compact
        ? splitLine(
            title,
            rows.map((x) => ({ ...x, votes: counts[x.key] ?? 0, won: won(x.key) })),
            r.votes > 1,
          )
        : h(
            'section',
            { class: 'lv-stack', style: 'gap:4px' },
            h('p', { class: 'eyebrow', text: title }),
            splitRows(
              rows.map((x) => ({ ...x, votes: counts[x.key] ?? 0, won: won(x.key) })),
              r.votes,
            ),
          );
    parts.append(
      part(
        'Form',
        c.forms.map((f) => ({ key: f.form, label: formLabel(f.form) })),
        r.closeCounts.form,
        (k) => chosen?.form === k,
      ),
      part(
        'Delivery',
        c.deliveries.map((d) => ({ key: d.delivery, label: deliveryLabel(d.delivery) })),
        r.closeCounts.delivery,
        (k) => chosen?.delivery === k,
      ),
    );
    if (c.points.length > 0)
      parts.append(
        part(
          'Supporting points',
          // On the projector the close's words above say each point in full: its first words name it.
          // Teams sharing a stage sit side by side in narrower columns: fewer words.
          c.points.map((p) => ({
            key: p.id,
            label: compact ? `“${firstWords(p.text, votedOnly ? 4 : 7)}”` : p.text,
          })),
          r.closeCounts.points,
          (k) => chosen?.points.includes(k) ?? false,
        ),
      );
    if (c.leverage.length > 0)
      parts.append(
        part(
          'Leverage',
          [...c.leverage.map((l) => ({ key: l.id, label: l.text })), { key: 'none', label: 'No leverage' }],
          r.closeCounts.leverage,
          (k) => (chosen ? (chosen.leverage ?? 'none') === k : false),
        ),
      );
    if (c.canCommit)
      parts.append(
        part(
          compact ? 'Commit' : 'Commit to accept on the spot',
          [
            { key: 'yes', label: 'Yes' },
            { key: 'no', label: 'No' },
          ],
          r.closeCounts.commit,
          (k) => (chosen ? (chosen.commit ? 'yes' : 'no') === k : false),
        ),
      );
    if (chosen && !compact) {
      const words = closeWords(scenario, chosen);
      if (words) out.append(h('p', { class: 'lv-did', text: `“${words}”` }));
    }
  } else {
    const options = task?.options ?? Object.keys(r.counts).map((id) => ({ id, text: id }));
    const chosen = r.chosen?.type === 'option' ? r.chosen.option : null;
    const rows = options.map((o, i) => ({
      n: i + 1,
      key: o.id,
      label: o.text,
      votes: r.counts[o.id] ?? 0,
      won: o.id === chosen,
    }));
    out.append(splitRows(votedOnly ? rows.filter((x) => x.votes > 0 || x.won) : rows, r.votes));
  }
  out.append(
    h('p', {
      class: 'small',
      text: `${plural(r.votes, 'vote')} · ${DECIDED_BY[r.decidedBy]}`,
    }),
  );
  return out;
}

/** A team's result in one sentence (for live regions). */
export function resultSentence(
  scenario: Scenario,
  teamName: string,
  task: Task | undefined,
  r: TeamResult,
): string {
  if (!r.chosen) return `${teamName}: ${TASK_TITLE[r.kind]}`;
  const what =
    r.chosen.type === 'option' && r.chosen.option === 'close'
      ? 'to ask for the job now'
      : `“${ballotText(scenario, task, r.chosen)}”`;
  const split =
    r.closeCounts === null && Object.keys(r.counts).length > 0
      ? ` Votes: ${listOf(
          (task?.options ?? []).map((o) => `${optionText(task, o.id)} ${r.counts[o.id] ?? 0}`),
        )}.`
      : '';
  return `${teamName} chose ${what} (${plural(r.votes, 'vote')}, ${DECIDED_BY[r.decidedBy]}).${split}`;
}
