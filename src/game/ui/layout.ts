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

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Area two boxes share (0 when they do not touch). */
export function overlapArea(a: Box, b: Box): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

/**
 * Where a sound's caption goes: the preferred spot (`first`, top centre) when it covers none of
 * the `blockers` (panels, controls, the top bar), else the first free spot scanning rows from the
 * top and, in each row, the centre and then from the left; when nothing is free, the spot that
 * covers least. A caption over the art is fine; over text or a control it hides what the player
 * reads or presses.
 */
export function captionSpot(
  size: { width: number; height: number },
  stage: { width: number; height: number },
  blockers: readonly Box[],
  first: { x: number; y: number },
  margin = 8,
): { x: number; y: number } {
  const covered = (x: number, y: number) => {
    const me = {
      x: x - margin / 2,
      y: y - margin / 2,
      width: size.width + margin,
      height: size.height + margin,
    };
    return blockers.reduce((sum, b) => sum + overlapArea(me, b), 0);
  };
  const maxX = Math.max(margin, stage.width - size.width - margin);
  const maxY = Math.max(margin, stage.height - size.height - margin);
  const spots = [first];
  const rowStep = size.height + margin;
  const colStep = Math.max(margin, Math.round(size.width / 4));
  for (let y = margin; y <= maxY; y += rowStep) {
    spots.push({ x: Math.round((stage.width - size.width) / 2), y });
    for (let x = margin; x <= maxX; x += colStep) spots.push({ x, y });
  }
  let best = first;
  let least = Number.POSITIVE_INFINITY;
  for (const s of spots) {
    const c = covered(s.x, s.y);
    if (c === 0) return s;
    if (c < least) {
      least = c;
      best = s;
    }
  }
  return best;
}
