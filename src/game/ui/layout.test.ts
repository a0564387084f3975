import { describe, expect, it } from 'vitest';
import { containSize, fitRect, portraitSlots } from './layout';

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
