import { button, h } from '../../web/dom/h';
import type { Settings as SettingsData } from '../../web/save/schema';
import { ctx } from '../context';
import { BaseScene } from '../kit';

/** Volumes, mute, reduced motion, text size, contrast, the model's mode and practice mode. */
export class Settings extends BaseScene {
  constructor() {
    super('Settings');
  }

  create(): void {
    const c = ctx();
    this.drawBackdrop('owner-office', 0.6);
    const main = this.begin('Settings');
    const store = c.shell.store;
    const s = store.settings;
    const apply = (patch: Partial<SettingsData>) => {
      const next = store.updateSettings(patch);
      c.audio.setVolumes({ ...next.volumes, muted: next.muted });
      this.layer.applyDisplay(next);
    };
    const slider = (key: keyof SettingsData['volumes'], label: string) => {
      const id = `vol-${key}`;
      const out = h('output', { for: id, text: `${Math.round(s.volumes[key] * 100)}%` });
      const input = h('input', {
        id,
        type: 'range',
        min: 0,
        max: 100,
        step: 5,
        value: Math.round(s.volumes[key] * 100),
      });
      input.addEventListener('input', () => {
        const v = Number(input.value) / 100;
        out.textContent = `${Math.round(v * 100)}%`;
        apply({ volumes: { ...store.settings.volumes, [key]: v } });
      });
      input.addEventListener('change', () =>
        c.audio.play(key === 'voices' ? 'voice-mid' : 'ui-click', { channel: key }),
      );
      return h('div', { class: 'slider' }, h('label', { for: id, text: label }), input, out);
    };
    const check = (key: 'muted' | 'reducedMotion' | 'highContrast' | 'practice' | 'coach', label: string) => {
      const input = h('input', { type: 'checkbox', checked: s[key] });
      input.addEventListener('change', () => {
        apply({ [key]: input.checked });
        this.click();
      });
      return h('label', { class: 'check' }, input, h('span', { text: label }));
    };
    const radios = <T extends string>(
      name: string,
      legend: string,
      items: [T, string][],
      value: T,
      onPick: (v: T) => void,
    ) =>
      h(
        'fieldset',
        {},
        h('legend', { text: legend }),
        items.map(([v, label]) => {
          const input = h('input', { type: 'radio', name, value: v, checked: v === value });
          input.addEventListener('change', () => {
            if (input.checked) {
              onPick(v);
              this.click();
            }
          });
          return h('label', { class: 'check' }, input, h('span', { text: label }));
        }),
      );
    const back = () => {
      this.click('ui-back');
      const to = c.returnTo || 'Title';
      c.returnTo = 'Title';
      this.go(to);
    };
    main.append(
      this.topbar('Settings', button('Done', back, { class: 'btn-small btn-primary', name: 'Done: back' })),
      h(
        'section',
        { class: 'settings panel scroll', 'aria-label': 'Settings' },
        h(
          'fieldset',
          {},
          h('legend', { text: 'Sound' }),
          slider('ui', 'Interface'),
          slider('voices', 'Voices'),
          slider('ambience', 'Ambience'),
          check('muted', 'Mute all sound'),
        ),
        h(
          'fieldset',
          {},
          h('legend', { text: 'Display' }),
          check('reducedMotion', 'Reduced motion (no typing effect or fades)'),
          check('highContrast', 'High contrast'),
        ),
        radios<'normal' | 'large' | 'larger'>(
          'textSize',
          'Text size',
          [
            ['normal', 'Normal'],
            ['large', 'Large'],
            ['larger', 'Larger'],
          ],
          s.textSize,
          (v) => apply({ textSize: v }),
        ),
        radios<'expected' | 'realistic'>(
          'mode',
          'How decisions fall',
          [
            ['expected', 'Expected: the most likely outcome, the same for everyone'],
            ['realistic', 'Realistic: chances are rolled, like real life'],
          ],
          s.mode,
          (v) => apply({ mode: v }),
        ),
        h(
          'fieldset',
          { class: 'full' },
          h('legend', { text: 'Learning' }),
          check('practice', "Practice mode: undo moves and see the decision-maker's view"),
          check('coach', 'Offer coach hints during the interview'),
          h('p', {
            class: 'small',
            text: 'Mode and practice settings apply from the next interview you start.',
          }),
        ),
      ),
    );
    this.layer.focusFirst(main.querySelector<HTMLElement>('.settings input'));
  }

  protected override onKey(e: KeyboardEvent): boolean {
    if (e.key === 'Escape') {
      this.layer.main.querySelector<HTMLButtonElement>('.topbar .btn-primary')?.click();
      return true;
    }
    return false;
  }
}
