import { button, h } from '../../web/dom/h';
import { formatMoney, nextStageLabel, plural, stageLabel } from '../../web/format';
import { ctx } from '../context';
import { BaseScene, leadOf, PortraitView } from '../kit';

/** What the candidate knows before walking in: role, company, stage, the decision-maker, their own situation. */
export class Briefing extends BaseScene {
  constructor() {
    super('Briefing');
  }

  create(): void {
    const cur = ctx().current;
    if (!cur) {
      this.go('ScenarioSelect');
      return;
    }
    this.pausable = true;
    const s = cur.scenario;
    const lead = leadOf(s);
    this.drawBackdrop(s.meta.backdrop, 0.35);
    new PortraitView(this, lead.portrait.id, 1050, 520, 400, 420, this.reduced).set('neutral');

    const main = this.begin('Briefing');
    const sit = s.situation;
    const facts: [string, string][] = [
      ['Stage', stageLabel(sit.stage)],
      ['If it goes well', nextStageLabel(sit.nextStage)],
      ['Candidates', `${sit.candidatesSeen} seen before you, ${sit.candidatesRemaining} still to see`],
      ['Vacancies', String(sit.vacancies)],
    ];
    if (sit.deadlineDays !== undefined)
      facts.push(['Deadline', `${plural(sit.deadlineDays, 'day')} to hire`]);
    const band = lead.salary;
    const options = s.candidate.otherOptions;
    const panel = h(
      'div',
      { class: 'brief panel scroll', tabindex: '0', 'aria-label': 'Briefing notes' },
      h('p', { class: 'eyebrow', text: `Briefing · ${s.meta.role.company} · ${s.meta.role.sector}` }),
      h('h1', { class: 'h2', text: `${s.meta.role.title} at ${s.meta.role.company}` }),
      h(
        'section',
        {},
        h('h2', { class: 'h3', text: 'Where the process stands' }),
        h('p', { class: 'body', text: sit.description }),
        h(
          'dl',
          { class: 'facts' },
          facts.flatMap(([k, v]) => [h('dt', { text: k }), h('dd', { text: v })]),
        ),
      ),
      h(
        'section',
        {},
        h('h2', { class: 'h3', text: s.decisionMakers.length > 1 ? 'Who you will meet' : 'Who decides' }),
        s.decisionMakers.map((dm) =>
          h('p', { class: 'body' }, h('b', { text: `${dm.name}, ${dm.role}. ` }), dm.description),
        ),
      ),
      h(
        'section',
        {},
        h('h2', { class: 'h3', text: `You: ${s.candidate.name}` }),
        h('p', { class: 'body', text: s.candidate.background }),
        h(
          'p',
          { class: 'body' },
          `You hope for ${formatMoney(s.candidate.targetSalary, band.currency)}. `,
          s.candidate.canAcceptOnSpot
            ? 'You could truthfully accept an offer on the spot.'
            : 'You could not truthfully accept an offer on the spot.',
        ),
        options.length > 0
          ? h(
              'ul',
              { class: 'body' },
              options.map((o) =>
                h('li', {
                  text: `${o.briefing} (${o.kind === 'offer' ? 'another offer' : 'other interviews'})`,
                }),
              ),
            )
          : h('p', { class: 'body', text: 'You have no other offers or interviews lined up.' }),
      ),
    );
    const plate = h(
      'div',
      { class: 'nameplate panel brief-plate' },
      h('p', { class: 'h3', text: lead.name }),
      h('p', { class: 'small', text: lead.role }),
    );
    main.append(
      this.topbar('Before you go in', this.pauseButton()),
      panel,
      plate,
      h(
        'div',
        { class: 'brief-actions brief-back' },
        button(
          'Back',
          () => {
            this.click('ui-back');
            this.go('ScenarioSelect');
          },
          { class: 'btn-small btn-ghost', name: 'Back to scenarios' },
        ),
      ),
    );
    const begin = button(
      'Begin the interview',
      () => {
        this.click('ui-confirm');
        this.go('Interview');
      },
      { class: 'btn-accent' },
    );
    begin.dataset.autofocus = '';
    main.append(h('div', { class: 'brief-actions brief-go' }, begin));
    this.layer.focusFirst();
  }
}
