/**
 * The one place the game's colours and type are defined. Art (tools/make-art.ts) and the Phaser
 * scenes both read from here, so every screen stays in the same hand.
 */

/** Interface and illustration palette: warm, slightly muted, one accent for the player's Close. */
export const palette = {
  /** Main text and outlines. */
  ink: '#2b2622',
  /** Secondary text. */
  inkSoft: '#5e544b',
  /** Page / background paper. */
  paper: '#f6efe4',
  /** Slightly darker paper for panels on paper. */
  paperDim: '#e9dfcf',
  /** Dialogue box and card fill. */
  panel: '#fffaf2',
  /** Panel borders and dividers. */
  panelBorder: '#d3c3aa',
  /** Dim overlay behind modal panels (use with alpha). */
  shade: '#1d1915',
  /** The one accent colour: the player's Close (buttons, highlights, focus ring). */
  accent: '#1b7f79',
  /** Accent pressed / hover. */
  accentDark: '#135d58',
  /** Accent tint for backgrounds. */
  accentLight: '#d3ebe7',
  /** Text on accent. */
  onAccent: '#ffffff',
  /** The decision-maker warms. */
  warm: '#d9893b',
  /** The decision-maker cools. */
  cool: '#5f7f9c',
  /** Positive result (offer). */
  good: '#3d7f4f',
  /** Negative result (rejection). */
  bad: '#a9483a',
  /** Disabled controls, hints. */
  muted: '#8c8177',
} as const;

/**
 * Colour-blind-safe series colours for meters and plots (Okabe–Ito palette). Always pair them with
 * a label or the dash pattern below, never colour alone.
 */
export const series = {
  keenness: '#0072B2',
  doubt: '#E69F00',
  irritation: '#D55E00',
  rapport: '#009E73',
  believesOptions: '#CC79A7',
} as const;

/** Dash patterns (segment, gap in px) that tell the plot series apart without colour. */
export const seriesDash: Record<keyof typeof series, readonly [number, number]> = {
  keenness: [1, 0],
  doubt: [10, 6],
  irritation: [3, 4],
  rapport: [14, 4],
  believesOptions: [6, 3],
};

export type PaletteName = keyof typeof palette;
export type SeriesName = keyof typeof series;

/** The interface and dialogue font (shipped with the build from @fontsource/atkinson-hyperlegible). */
export const fontFamily = 'Atkinson Hyperlegible';

/** CSS font stack with safe fallbacks. */
export const fontStack = `'${fontFamily}', 'Segoe UI', Arial, sans-serif`;

/** Minimum dialogue size in px at 1280×720 (readable from the back of a training room). */
export const dialogueFontSize = 24;

/** '#rrggbb' → 0xrrggbb for Phaser fill and tint calls. */
export function colorNumber(hex: string): number {
  const m = /^#([0-9a-fA-F]{6})$/.exec(hex);
  if (!m?.[1]) throw new Error(`colorNumber: expected '#rrggbb', got '${hex}'`);
  return Number.parseInt(m[1], 16);
}
