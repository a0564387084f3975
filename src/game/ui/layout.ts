/** The game's logical size: everything is laid out at 1280×720 and scaled to the window. */
export const LOGICAL_WIDTH = 1280;
export const LOGICAL_HEIGHT = 720;

export interface FitRect {
  scale: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * The largest 16:9 rectangle that fits the window, centred (the same rule as Phaser's Scale.FIT
 * with CENTER_BOTH), so the canvas and the DOM layer share one transform.
 */
export function fitRect(
  windowWidth: number,
  windowHeight: number,
  w = LOGICAL_WIDTH,
  h = LOGICAL_HEIGHT,
): FitRect {
  const ww = Math.max(1, windowWidth);
  const wh = Math.max(1, windowHeight);
  const scale = Math.min(ww / w, wh / h);
  const width = Math.round(w * scale);
  const height = Math.round(h * scale);
  return { scale, x: Math.floor((ww - width) / 2), y: Math.floor((wh - height) / 2), width, height };
}

/** Fit a picture of the given size into a box, keeping its aspect ratio. */
export function containSize(
  srcWidth: number,
  srcHeight: number,
  boxWidth: number,
  boxHeight: number,
): { width: number; height: number; scale: number } {
  if (srcWidth <= 0 || srcHeight <= 0) return { width: 0, height: 0, scale: 0 };
  const scale = Math.min(boxWidth / srcWidth, boxHeight / srcHeight);
  return { width: srcWidth * scale, height: srcHeight * scale, scale };
}

/** Horizontal centres for `count` portraits spread across a band. */
export function portraitSlots(count: number, left: number, right: number): number[] {
  if (count <= 0) return [];
  const span = right - left;
  return Array.from({ length: count }, (_, i) => left + (span * (i + 0.5)) / count);
}
