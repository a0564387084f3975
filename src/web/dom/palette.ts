import { palette } from '../theme';

/** CSS custom properties from the theme palette, so the DOM skin and the canvas share one source. */
export function paletteCss(p: typeof palette = palette): string {
  return `:root{--paper:${p.panel};--paper-2:${p.paperDim};--ink:${p.ink};--muted:${p.inkSoft};--line:${p.panelBorder};--accent:${p.accent};--accent-hover:${p.accentDark};--accent-light:${p.accentLight};--accent-ink:${p.onAccent};--warm:${p.warm};--cool:${p.cool};--good:${p.good};--bad:${p.bad};--shade:${p.shade};--panel-alpha:${hexAlpha(p.panel, 0.95)};}`;
}

/** '#rrggbb' + alpha → 'rgba(r, g, b, a)'. */
export function hexAlpha(hex: string, alpha: number): string {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) return hex;
  const [r, g, b] = [m[1], m[2], m[3]].map((x) => Number.parseInt(x as string, 16));
  return `rgba(${r}, ${g}, ${b}, ${alpha})`;
}

export function injectPalette(): void {
  const style = document.createElement('style');
  style.id = 'palette';
  style.textContent = paletteCss();
  document.head.append(style);
}
