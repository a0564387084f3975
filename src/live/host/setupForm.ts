/** The trainer's first screen: choose a scenario and how the room plays it, then open the room. */
import { button, h } from '../../web/dom/h';

export interface ScenarioChoice {
  id: string;
  title: string;
  summary: string;
  difficulty: string;
  minutes: number;
}

export interface RoomSettings {
  scenario: string;
  mode: 'teams' | 'individuals';
  teams: number;
  voteSeconds: number;
}

export const TIMER_CHOICES = [30, 45, 60, 90, 120, 180] as const;

function radio(
  name: string,
  value: string,
  checked: boolean,
  label: (Node | string)[],
  onPick: () => void,
): HTMLLabelElement {
  const input = h('input', { type: 'radio', name, value, checked });
  input.addEventListener('change', () => {
    if (input.checked) onPick();
  });
  return h('label', { class: 'lv-radio' }, input, h('span', {}, ...label));
}

/** The "Open a room" form. Calls `open` with the settings; the caller shows errors in `error`. */
export function setupForm(
  scenarios: ScenarioChoice[],
  initial: RoomSettings,
  open: (s: RoomSettings) => void,
): { el: HTMLElement; error: HTMLElement; busy: (on: boolean) => void } {
  const s: RoomSettings = { ...initial };
  if (!scenarios.some((x) => x.id === s.scenario) && scenarios[0]) s.scenario = scenarios[0].id;
  const error = h('p', { class: 'lv-error panel', role: 'alert' });

  const scenarioList = h(
    'div',
    { class: 'lv-scenarios', role: 'radiogroup', 'aria-label': 'Scenario' },
    scenarios.map((sc) =>
      radio(
        'scenario',
        sc.id,
        sc.id === s.scenario,
        [
          h('b', { text: sc.title }),
          h('small', { text: `${capital(sc.difficulty)} · about ${sc.minutes} minutes` }),
        ],
        () => {
          s.scenario = sc.id;
        },
      ),
    ),
  );

  const teamsInput = h('input', {
    class: 'lv-input',
    type: 'number',
    min: 1,
    max: 8,
    step: 1,
    value: s.teams,
    id: 'lv-teams',
  });
  teamsInput.addEventListener('input', () => {
    const n = Number(teamsInput.value);
    if (Number.isInteger(n) && n >= 1 && n <= 8) s.teams = n;
  });
  const teamsField = h('label', { class: 'lv-field' }, h('span', { text: 'Number of teams' }), teamsInput);
  const syncTeams = () => {
    teamsField.hidden = s.mode !== 'teams';
  };

  const mode = h(
    'fieldset',
    { class: 'lv-field' },
    h('legend', { text: 'Mode' }),
    h(
      'div',
      { class: 'lv-radios' },
      radio('mode', 'teams', s.mode === 'teams', ['Teams on their own devices'], () => {
        s.mode = 'teams';
        syncTeams();
      }),
      radio(
        'mode',
        'individuals',
        s.mode === 'individuals',
        ['Individuals (everyone plays their own)'],
        () => {
          s.mode = 'individuals';
          syncTeams();
        },
      ),
    ),
  );

  const timer = h(
    'select',
    { class: 'lv-select', id: 'lv-timer' },
    TIMER_CHOICES.map((sec) =>
      h('option', { value: sec, selected: sec === s.voteSeconds, text: `${sec} seconds` }),
    ),
  );
  timer.addEventListener('change', () => {
    s.voteSeconds = Number(timer.value);
  });

  const openBtn = button(
    'Open room',
    () => {
      const n = Number(teamsInput.value);
      if (s.mode === 'teams' && !(Number.isInteger(n) && n >= 1 && n <= 8)) {
        error.textContent = 'Choose between 1 and 8 teams.';
        teamsInput.focus();
        return;
      }
      if (!s.scenario) {
        error.textContent = 'Choose a scenario first.';
        return;
      }
      error.textContent = '';
      open({ ...s, teams: s.mode === 'teams' ? n : 1 });
    },
    { class: 'btn-accent' },
  );

  const el = h(
    'section',
    { class: 'lv-card panel', 'aria-labelledby': 'lv-setup-title' },
    h('h2', { class: 'h2', id: 'lv-setup-title', text: 'Run a group session' }),
    h(
      'p',
      { class: 'small' },
      'Everyone plays the same scenario on the same seed, and every team gets the same answer to the same choices, so teams can compare fairly.',
    ),
    h('div', { class: 'lv-field' }, h('span', { id: 'lv-scn-label', text: 'Scenario' }), scenarioList),
    mode,
    h(
      'div',
      { class: 'lv-row', style: 'align-items:flex-end' },
      h('div', { style: 'flex:1; min-width:180px' }, teamsField),
      h(
        'label',
        { class: 'lv-field', style: 'flex:1; min-width:180px' },
        h('span', { text: 'Vote timer' }),
        timer,
      ),
    ),
    error,
    h('div', { class: 'lv-row' }, h('span', { class: 'lv-spacer' }), openBtn),
  );
  scenarioList.setAttribute('aria-labelledby', 'lv-scn-label');
  syncTeams();
  return {
    el,
    error,
    busy: (on) => {
      openBtn.disabled = on;
      openBtn.textContent = on ? 'Opening…' : 'Open room';
    },
  };
}

function capital(s: string): string {
  return s ? s[0]!.toUpperCase() + s.slice(1) : s;
}
