/**
 * Faces described in a scenario (`decisionMakers[].portrait.describe`), drawn by the portrait
 * generator with every expression. Pure: description in, SVG text out.
 */
import type { PortraitDescription } from '../../engine';
import { darken, type Expression, lighten, mixColor, type Person, portrait } from './portrait';

const SKIN: Record<string, string> = {
  'very-light': '#f4d9c6',
  light: '#ecc7a9',
  medium: '#d6a27e',
  olive: '#c39a6b',
  brown: '#8a5a3c',
  dark: '#5c3a26',
};
const HAIR: Record<string, string> = {
  black: '#1f1815',
  'dark-brown': '#3b2a20',
  brown: '#6b4a2f',
  auburn: '#8e4427',
  red: '#b5532c',
  blonde: '#d8b676',
  grey: '#b8b3ad',
  white: '#e8e4de',
};
const AGE = { young: 0, middle: 1, older: 2, senior: 3 } as const;

/** The generator's parametric person for a description (the same description always draws the same face). */
export function personFor(id: string, d: PortraitDescription): Person {
  const skin = SKIN[d.skin] ?? d.skin;
  const hair = HAIR[d.hairColour] ?? d.hairColour;
  const age = AGE[d.age];
  const brow = d.hair === 'bald' ? darken(skin, 0.45) : mixColor(hair, '#1a0f08', 0.2);
  return {
    id,
    skin,
    face: { w: 77, jaw: 52, chin: 300 },
    hair: { style: d.hair, color: hair },
    brow: { color: brow, thick: 6, arch: 4 },
    iris: '#3f3128',
    lip: mixColor(darken(skin, 0.25), '#b0585a', 0.35),
    mouthW: 19,
    nose: 'round',
    age,
    ...(d.glasses !== 'none' ? { glasses: { color: '#2b2622', shape: d.glasses } } : {}),
    ...(d.beard ? { beard: hair } : {}),
    clothing: {
      kind: d.clothing,
      main: d.clothingColour,
      under: lighten(d.clothingColour, 0.75),
      tie: darken(d.clothingColour, 0.35),
      extra: darken(d.clothingColour, 0.2),
    },
  };
}

/** One expression of a described face as an SVG document. */
export function describedSvg(id: string, d: PortraitDescription, expression: Expression): string {
  return portrait(personFor(id, d), expression);
}

/** A data URL Phaser can load, for one expression of a described face. */
export function describedUrl(id: string, d: PortraitDescription, expression: Expression): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(describedSvg(id, d, expression))}`;
}
