import { describe, expect, it } from 'vitest';
import { captionSpot, containSize, fitRect, overlapArea, portraitSlots } from './layout';

describe('fitRect', () => {
  it('fills an exact 16:9 window', () => {
    expect(fitRect(1280, 720)).toEqual({ scale: 1, x: 0, y: 0, width: 1280, height: 720 });
  });
  it('letterboxes a phone held landscape at the sides', () => {
    const r = fitRect(844, 390);
    expect(r.height).toBe(390);
    expect(r.width).toBe(693);
    expect(r.x).toBe(75);
    expect(r.y).toBe(0);
  });
  it('letterboxes a tall window top and bottom', () => {
    const r = fitRect(800, 1000);
    expect(r.width).toBe(800);
    expect(r.height).toBe(450);
    expect(r.y).toBe(275);
  });
  it('never returns a zero scale for a collapsed window', () => {
    expect(fitRect(0, 0).scale).toBeGreaterThan(0);
  });
});

describe('containSize', () => {
  it('keeps the aspect ratio', () => {
    expect(containSize(600, 800, 300, 300)).toEqual({ width: 225, height: 300, scale: 0.375 });
  });
  it('handles an empty picture', () => {
    expect(containSize(0, 10, 100, 100).width).toBe(0);
  });
});

describe('portraitSlots', () => {
  it('centres one portrait', () => {
    expect(portraitSlots(1, 0, 600)).toEqual([300]);
  });
  it('spreads two evenly', () => {
    expect(portraitSlots(2, 0, 600)).toEqual([150, 450]);
  });
});

describe('captionSpot', () => {
  const size = { width: 130, height: 30 };
  const phone = { width: 844, height: 390 };
  const first = { x: (844 - 130) / 2, y: 56 };
  it('keeps the top centre when nothing is there', () => {
    expect(captionSpot(size, phone, [], first)).toEqual(first);
  });
  it('moves off a panel to the free art beside it (the follow-up on a phone)', () => {
    const title = { x: 8, y: 8, width: 384, height: 40 };
    const pause = { x: 763, y: 6, width: 74, height: 44 };
    const panel = { x: 455, y: 58, width: 381, height: 324 };
    const spot = captionSpot(size, phone, [title, pause, panel], first);
    const me = { ...spot, ...size };
    for (const b of [title, pause, panel]) expect(overlapArea(me, b)).toBe(0);
    expect(spot.y).toBeLessThan(120); // still near the top, where captions are looked for
  });
  it('uses the gap in the top bar when a panel fills the rest (the debrief on a phone)', () => {
    const title = { x: 8, y: 12, width: 369, height: 32 };
    const pause = { x: 763, y: 6, width: 74, height: 44 };
    const panel = { x: 8, y: 58, width: 828, height: 332 };
    const spot = captionSpot(size, phone, [title, pause, panel], first);
    for (const b of [title, pause, panel]) expect(overlapArea({ ...spot, ...size }, b)).toBe(0);
  });
  it('covers as little as it can when the whole stage is taken', () => {
    const all = { x: 0, y: 0, width: 844, height: 390 };
    const spot = captionSpot(size, phone, [all], first);
    expect(spot).toEqual(first);
  });
});
