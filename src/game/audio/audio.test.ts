import { describe, expect, it } from 'vitest';
import { CAPTIONS, channelGain, SilentAudio } from './audio';

describe('channelGain', () => {
  const v = { ui: 0.5, voices: 1, ambience: 0.2, muted: false };
  it('multiplies channel volume by gain', () => {
    expect(channelGain(v, 'ui', 0.5)).toBe(0.25);
    expect(channelGain(v, 'voices', 2)).toBe(1);
  });
  it('is silent when muted', () => {
    expect(channelGain({ ...v, muted: true }, 'ui')).toBe(0);
  });
});

describe('SilentAudio', () => {
  it('records what was played', () => {
    const a = new SilentAudio();
    a.play('ui-click', { channel: 'ui' });
    a.startAmbience('office-bed');
    expect(a.played[0]?.id).toBe('ui-click');
    expect(a.ambience).toBe('office-bed');
  });
  it('captions the sounds that carry meaning', () => {
    expect(CAPTIONS['warm-chime']).toBe('[a warm chime]');
  });
});
