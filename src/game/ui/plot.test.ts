import { describe, expect, it } from 'vitest';
import { plotX, plotY, seriesPoints, spreadLabels, toPolyline } from './plot';

const box = { x: 10, y: 20, width: 100, height: 50 };

describe('plot scaling', () => {
  it('puts the first and last point at the edges', () => {
    expect(plotX(0, 5, box)).toBe(10);
    expect(plotX(4, 5, box)).toBe(110);
    expect(plotX(0, 1, box)).toBe(60);
  });
  it('maps 1 to the top and 0 to the bottom, clamping', () => {
    expect(plotY(1, box)).toBe(20);
    expect(plotY(0, box)).toBe(70);
    expect(plotY(2, box)).toBe(20);
    expect(plotY(Number.NaN, box)).toBe(70);
  });
  it('builds polyline points', () => {
    expect(toPolyline(seriesPoints([0, 1], box))).toBe('10,70 110,20');
  });
  it('spreads labels that would overlap', () => {
    const ys = spreadLabels([30, 31, 60], 10, box);
    expect(ys[0]).toBe(30);
    expect(ys[1]).toBe(40);
    expect(ys[2]).toBe(60);
  });
  it('keeps spread labels inside the box', () => {
    const ys = spreadLabels([68, 69, 70], 10, box);
    expect(Math.max(...ys)).toBeLessThanOrEqual(70);
  });
});
