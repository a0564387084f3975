import { describe, expect, it } from 'vitest';
import { palette } from '../theme';
import { hexAlpha, paletteCss } from './palette';

describe('paletteCss', () => {
  it('exposes the theme accent as the CSS accent', () => {
    expect(paletteCss()).toContain(`--accent:${palette.accent}`);
  });
  it('converts hex to rgba', () => {
    expect(hexAlpha('#ff0080', 0.5)).toBe('rgba(255, 0, 128, 0.5)');
    expect(hexAlpha('nope', 0.5)).toBe('nope');
  });
});
