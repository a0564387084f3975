/**
 * Generates all of Close Call's original vector art:
 *   assets/portraits/<id>/<expression>.svg  (10 people × 7 expressions, 400×480, transparent)
 *   assets/backdrops/<id>.svg               (10 places, 1280×720)
 *   assets/ui/*.svg                         (logo and small icons)
 * Every person is a parametric description (face, skin, hair, brows, eyes, mouth, accessories,
 * clothing); every expression is a set of offsets applied to that description.
 * Run: npx tsx tools/make-art.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { palette } from '../src/web/theme.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

import {
  circ,
  d,
  darken,
  EXPRESSIONS,
  ell,
  lighten,
  mixColor,
  op,
  type Person,
  path,
  portrait,
  r1,
  rect,
  rng,
  stroke,
} from '../src/game/art/portrait.ts';

function write(rel: string, content: string): void {
  const file = join(ROOT, rel);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, content);
}

// ---------------------------------------------------------------------------------------------
// portraits: the people of the library

const PEOPLE: Person[] = [
  {
    id: 'sam-okafor',
    skin: '#8a5a3c',
    face: { w: 78, jaw: 54, chin: 302 },
    hair: { style: 'short', color: '#1f1815' },
    brow: { color: '#1f1815', thick: 8, arch: 4 },
    iris: '#3a2419',
    lip: '#8f5443',
    mouthW: 20,
    nose: 'broad',
    age: 0,
    clothing: { kind: 'cardigan', main: '#6f7f5a', under: '#e9e1d2' },
  },
  {
    id: 'dana-whitlock',
    skin: '#ecc7a9',
    face: { w: 76, jaw: 50, chin: 298 },
    hair: { style: 'bob', color: '#b8b3ad' },
    brow: { color: '#8d8379', thick: 5, arch: 6 },
    iris: '#5b7386',
    lip: '#b5675f',
    mouthW: 18,
    nose: 'narrow',
    age: 3,
    earrings: '#c9a24a',
    lashes: true,
    clothing: { kind: 'shirt', main: '#7f9bb3', under: '#6c879e' },
  },
  {
    id: 'priya-raman',
    skin: '#b47b58',
    face: { w: 74, jaw: 48, chin: 298 },
    hair: { style: 'long', color: '#221a17' },
    brow: { color: '#221a17', thick: 6, arch: 7 },
    iris: '#2e1d14',
    lip: '#8c4a42',
    mouthW: 17,
    nose: 'narrow',
    age: 1,
    glasses: { color: '#4a2f2a', shape: 'rect' },
    lashes: true,
    clothing: { kind: 'blazer', main: '#3f4a66', under: '#e8dccb' },
  },
  {
    id: 'tom-beck',
    skin: '#e4b699',
    face: { w: 80, jaw: 58, chin: 302 },
    hair: { style: 'bald', color: '#8c7c6d' },
    brow: { color: '#7a6a5c', thick: 6, arch: 2 },
    iris: '#566a4f',
    lip: '#a7655a',
    mouthW: 18,
    nose: 'round',
    age: 2,
    glasses: { color: '#6e6a66', shape: 'half' },
    clothing: { kind: 'suit-tie', main: '#4c5259', under: '#dfe6ee', tie: '#7a2f35' },
  },
  {
    id: 'marco-silva',
    skin: '#c9956f',
    face: { w: 79, jaw: 56, chin: 302 },
    hair: { style: 'crop', color: '#2e211a' },
    brow: { color: '#2e211a', thick: 8, arch: 3 },
    iris: '#4a3020',
    lip: '#9a5a48',
    mouthW: 19,
    nose: 'round',
    age: 0,
    beard: '#2e211a',
    clothing: { kind: 'polo', main: '#2f6f8a', under: '#26596f', extra: '#e3a857' },
  },
  {
    id: 'helen-achterberg',
    skin: '#f0d0b6',
    face: { w: 74, jaw: 46, chin: 298 },
    hair: { style: 'pixie', color: '#b99a68' },
    brow: { color: '#8a6f4c', thick: 5, arch: 8 },
    iris: '#4f6f80',
    lip: '#a4524e',
    mouthW: 17,
    nose: 'narrow',
    age: 1,
    earrings: '#d8d3cc',
    lashes: true,
    clothing: { kind: 'suit', main: '#2c2f38', under: '#f1ece4' },
  },
  {
    id: 'raj-mehta',
    skin: '#a86d4b',
    face: { w: 80, jaw: 56, chin: 302 },
    hair: { style: 'swept', color: '#4e4845' },
    brow: { color: '#3a3431', thick: 8, arch: 3 },
    iris: '#2e1d14',
    lip: '#8c4f3f',
    mouthW: 19,
    nose: 'broad',
    age: 2,
    beard: '#58524e',
    moustache: '#4a4441',
    clothing: { kind: 'open-collar', main: '#d9d2c3', under: '#bfb6a4', extra: '#5a4f6d' },
  },
  {
    id: 'frank-doyle',
    skin: '#e2a88e',
    face: { w: 82, jaw: 60, chin: 304 },
    hair: { style: 'receding', color: '#d7d2cb' },
    brow: { color: '#b8b0a6', thick: 7, arch: 2 },
    iris: '#5b7386',
    lip: '#a45a50',
    mouthW: 19,
    nose: 'round',
    age: 3,
    moustache: '#c4bdb3',
    clothing: { kind: 'loose-tie', main: '#eef0ee', under: '#d5dad8', tie: '#2f4f7a', extra: '#7d6a55' },
  },
  {
    id: 'claire-dubois',
    skin: '#f2d5bf',
    face: { w: 72, jaw: 46, chin: 296 },
    hair: { style: 'bun', color: '#8e4427' },
    brow: { color: '#7a3c25', thick: 5, arch: 6 },
    iris: '#4f6a3e',
    lip: '#b0585a',
    mouthW: 16,
    nose: 'narrow',
    age: 0,
    earrings: '#e7e1d6',
    lashes: true,
    clothing: { kind: 'blouse', main: '#b7c4cf', under: '#f3efe8', extra: '#1b7f79' },
  },
  {
    id: 'ruth-adeyemi',
    skin: '#5c3826',
    face: { w: 76, jaw: 50, chin: 300 },
    hair: { style: 'cropped', color: '#2a2220' },
    brow: { color: '#1d1512', thick: 6, arch: 5 },
    iris: '#24150f',
    lip: '#84493a',
    mouthW: 18,
    nose: 'broad',
    age: 2,
    earrings: '#c9a24a',
    lashes: true,
    clothing: { kind: 'lab-coat', main: '#f4f3ef', under: '#dcdcd6', extra: '#4f8f8c' },
  },
];

// ---------------------------------------------------------------------------------------------
// backdrops (1280×720): details at the edges and top, the centre and lower third kept quiet

const W = 1280;
const H = 720;
const poly = (pts: number[], fill: string, extra = ''): string =>
  `<polygon points="${pts.map(r1).join(' ')}" fill="${fill}"${extra}/>`;
const line = (x1: number, y1: number, x2: number, y2: number, c: string, w: number, extra = ''): string =>
  `<line x1="${r1(x1)}" y1="${r1(y1)}" x2="${r1(x2)}" y2="${r1(y2)}" stroke="${c}" stroke-width="${r1(w)}"${extra}/>`;

function svgDoc(id: string, body: string, wash = 0.18): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}"><title>${id}</title>${body}${rect(0, 0, W, H, palette.paper, op(wash))}</svg>\n`;
}

/** A plant in a pot standing on y (foot of the pot). */
function plant(x: number, y: number, s: number, leaf: string): string {
  let out = '';
  const rand = rng(Math.round(x * 7 + y));
  for (let i = 0; i < 7; i++) {
    const a = -Math.PI / 2 + (rand() - 0.5) * 2.2;
    const len = (50 + rand() * 40) * s;
    const ex = x + Math.cos(a) * len;
    const ey = y - 40 * s + Math.sin(a) * len;
    out += path(
      d`M${x} ${y - 40 * s}Q${(x + ex) / 2 - 14 * s} ${(y - 40 * s + ey) / 2} ${ex} ${ey}Q${(x + ex) / 2 + 14 * s} ${(y - 40 * s + ey) / 2} ${x} ${y - 40 * s}Z`,
      i % 2 ? leaf : darken(leaf, 0.15),
    );
  }
  return (
    out + poly([x - 26 * s, y - 44 * s, x + 26 * s, y - 44 * s, x + 20 * s, y, x - 20 * s, y], '#a86f4c')
  );
}

function windowPane(
  x: number,
  y: number,
  w: number,
  h: number,
  sky: string,
  frame: string,
  bars = 2,
): string {
  let out = rect(x - 8, y - 8, w + 16, h + 16, frame) + rect(x, y, w, h, sky);
  for (let i = 1; i < bars; i++) out += rect(x + (w / bars) * i - 3, y, 6, h, frame);
  out += rect(x, y + h / 2 - 3, w, 6, frame);
  return out;
}

function skyline(x: number, y: number, w: number, color: string, seed: number): string {
  const rand = rng(seed);
  let out = '';
  let cx = x;
  while (cx < x + w) {
    const bw = 40 + rand() * 70;
    const bh = 80 + rand() * 220;
    out += rect(cx, y - bh, bw - 6, bh, mixColor(color, '#ffffff', rand() * 0.25));
    for (let wy = y - bh + 14; wy < y - 10; wy += 22)
      out += rect(cx + 8, wy, bw - 22, 6, '#ffffff', op(0.25));
    cx += bw;
  }
  return out;
}

function ownerOffice(): string {
  const rand = rng(11);
  let b = rect(0, 0, W, H, '#d8c6a8') + rect(0, 470, W, 250, '#a78869') + rect(0, 462, W, 12, '#8e7153');
  // shelves with binders and boxes on the left
  b += rect(30, 60, 330, 410, '#8a6a4c') + rect(44, 74, 302, 392, '#6e5239');
  for (let sh = 0; sh < 4; sh++) {
    const y = 74 + sh * 98;
    b += rect(44, y + 90, 302, 8, '#8a6a4c');
    let x = 50;
    while (x < 330) {
      const bw = 16 + rand() * 22;
      const bh = 56 + rand() * 28;
      const col =
        ['#8a5a44', '#5f7a8c', '#b59a62', '#6b7f5a', '#9c6e5a', '#d8cdb6'][Math.floor(rand() * 6)] ??
        '#8a5a44';
      if (rand() < 0.12) {
        b += rect(x, y + 90 - 30, 50, 30, '#c9b48e');
        x += 56;
        continue;
      }
      b +=
        rect(x, y + 90 - bh, bw, bh, col) + rect(x + bw / 2 - 3, y + 90 - bh + 10, 6, 14, '#ffffff', op(0.5));
      x += bw + 2;
    }
  }
  // window with blinds on the right
  b += windowPane(940, 70, 280, 250, '#c9d7d9', '#efe6d6', 2);
  for (let y = 78; y < 190; y += 14) b += rect(940, y, 280, 8, '#e8dcc6', op(0.9));
  b += plant(1160, 470, 1, '#7d8f62');
  // framed photo and certificate
  b += rect(880, 120, 40, 2, '#8a6a4c');
  b +=
    rect(410, 110, 96, 76, '#6e5239') +
    rect(418, 118, 80, 60, '#e9dcc2') +
    circ(445, 150, 12, '#b48a6a') +
    circ(470, 146, 14, '#8a6a54') +
    rect(430, 160, 56, 18, '#7d8f9a');
  b +=
    rect(790, 100, 110, 84, '#c9a24a') +
    rect(798, 108, 94, 68, '#f3ecdd') +
    rect(812, 124, 66, 5, '#b9ad98') +
    rect(812, 138, 50, 4, '#cfc4b0') +
    circ(860, 162, 8, '#b5533f', op(0.7));
  // wall clock
  b +=
    circ(640, 90, 34, '#f3ecdd', ' stroke="#6e5239" stroke-width="6"') +
    line(640, 90, 640, 68, '#3a2f26', 4) +
    line(640, 90, 656, 98, '#3a2f26', 4);
  // filing cabinet and paper stacks
  b +=
    rect(960, 330, 150, 140, '#8c8a80') +
    rect(970, 342, 130, 56, '#9d9b91') +
    rect(970, 406, 130, 56, '#9d9b91') +
    rect(1020, 364, 30, 6, '#5f5d55') +
    rect(1020, 428, 30, 6, '#5f5d55');
  for (let i = 0; i < 5; i++) b += rect(975 + i * 3, 318 - i * 6, 70, 6, i % 2 ? '#f1ebdf' : '#e4dccb');
  b += rect(1060, 300, 40, 30, '#b59a62');
  // desk edge in the foreground
  b += rect(0, 640, W, 80, '#6e5239') + rect(0, 640, W, 10, '#86664a');
  b +=
    rect(60, 600, 150, 40, '#f1ebdf') +
    rect(66, 592, 140, 8, '#e4dccb') +
    rect(1080, 596, 40, 44, '#5a7a8c') +
    rect(1124, 610, 70, 30, '#e4dccb');
  return svgDoc('owner-office', b);
}

function glassMeetingRoom(): string {
  let b = rect(0, 0, W, H, '#cfdbe0');
  b += skyline(0, 470, W, '#9fb1bb', 21);
  b += rect(0, 470, W, 250, '#b9c3c4');
  // glass panels and mullions
  for (let x = 0; x <= W; x += 213) b += rect(x - 5, 0, 10, 470, '#6f7b80');
  b += rect(0, 0, W, 26, '#6f7b80');
  b += rect(0, 300, W, 46, '#eef3f4', op(0.55));
  for (let x = 20; x < W; x += 40) b += rect(x, 312, 22, 22, '#ffffff', op(0.25));
  // reflections
  b +=
    poly([80, 26, 140, 26, 40, 470, 0, 470, 0, 420], '#ffffff', op(0.12)) +
    poly([1000, 26, 1040, 26, 930, 470, 890, 470], '#ffffff', op(0.1));
  // long table in perspective with chairs
  b +=
    poly([330, 560, 950, 560, 1180, 720, 100, 720], '#e7e2d8') +
    poly([330, 560, 950, 560, 960, 572, 320, 572], '#cfc9bd');
  for (const [x, y, sc] of [
    [200, 560, 1],
    [1080, 560, 1],
    [120, 610, 1.2],
    [1160, 610, 1.2],
  ] as const) {
    b +=
      rect(x - 40 * sc, y - 90 * sc, 80 * sc, 100 * sc, '#3f4a52', ' rx="14"') +
      rect(x - 36 * sc, y + 10 * sc, 72 * sc, 14 * sc, '#2f383f');
  }
  b += rect(560, 566, 160, 8, '#9aa5ab', op(0.4));
  b += plant(1220, 470, 1.1, '#6f8a62');
  return svgDoc('glass-meeting-room', b);
}

function salesFloor(): string {
  const rand = rng(31);
  let b = rect(0, 0, W, H, '#dcd3c4') + rect(0, 0, W, 40, '#c9c0b1');
  for (let x = 80; x < W; x += 220)
    b += rect(x, 40, 120, 10, '#fff9ea') + rect(x + 10, 50, 100, 30, '#fff9ea', op(0.25));
  // target board on the back wall, top left
  b += rect(60, 90, 330, 190, '#f7f3ea', ' stroke="#8a8275" stroke-width="6"');
  b += rect(84, 112, 140, 12, '#5e544b') + rect(84, 132, 90, 8, '#a79e90');
  const bars = [0.55, 0.8, 0.65, 0.95, 0.4];
  bars.forEach((v, i) => {
    b += rect(90 + i * 58, 262 - v * 110, 36, v * 110, i === 3 ? palette.accent : '#8fa3b3');
  });
  b += line(80, 262 - 0.85 * 110, 380, 262 - 0.85 * 110, '#b5533f', 3, ' stroke-dasharray="10 6"');
  // clock / screen at the right
  b += rect(920, 90, 300, 170, '#3d4349') + rect(934, 104, 272, 142, '#5b6f7d');
  b += path(
    d`M950 220L1000 190L1040 200L1090 150L1140 160L1190 120`,
    'none',
    ' stroke="#d9c27a" stroke-width="6" stroke-linecap="round"',
  );
  // rows of desks with monitors and people, far to near
  for (let row = 0; row < 3; row++) {
    const y = 360 + row * 56;
    const sc = 0.7 + row * 0.18;
    b += rect(0, y, W, 18 * sc, '#b8ab96');
    for (let x = 20 + row * 40; x < W; x += 150 * sc) {
      if (x > 380 && x < 880) continue;
      b +=
        rect(x, y - 46 * sc, 64 * sc, 40 * sc, '#40464c') +
        rect(x + 4 * sc, y - 42 * sc, 56 * sc, 32 * sc, rand() < 0.5 ? '#7f9bb0' : '#a7b8a0');
      b += rect(x + 28 * sc, y - 8 * sc, 8 * sc, 8 * sc, '#40464c');
      if (rand() < 0.6) {
        const skin =
          ['#8a5a3c', '#e4b699', '#c9956f', '#5c3826', '#f0d0b6'][Math.floor(rand() * 5)] ?? '#c9956f';
        const shirt =
          ['#6f7f5a', '#7f9bb3', '#b07a5a', '#5a4f6d', '#c9b48e'][Math.floor(rand() * 5)] ?? '#7f9bb3';
        b += path(
          d`M${x + 70 * sc} ${y}C${x + 70 * sc} ${y - 40 * sc} ${x + 120 * sc} ${y - 40 * sc} ${x + 120 * sc} ${y}Z`,
          shirt,
        );
        b +=
          circ(x + 95 * sc, y - 50 * sc, 15 * sc, skin) +
          path(
            d`M${x + 80 * sc} ${y - 52 * sc}C${x + 80 * sc} ${y - 72 * sc} ${x + 110 * sc} ${y - 72 * sc} ${x + 110 * sc} ${y - 52 * sc}Z`,
            '#3a2c24',
          );
      }
    }
  }
  b += rect(0, 500, W, 220, '#b3a690');
  b += plant(440, 500, 0.9, '#7d8f62') + plant(860, 500, 0.9, '#7d8f62');
  return svgDoc('sales-floor', b, 0.26);
}

/** A home office behind the caller: bookcase, framed print, lamp. */
function homeRoom(x0: number, y0: number, w: number, h: number): string {
  let room = rect(x0, y0, w, h, '#d9cdb8') + rect(x0, y0 + h - 150, w, 150, '#b49a7c');
  // bookcase left
  room += rect(x0 + 40, y0 + 60, 240, 400, '#9a7b5c') + rect(x0 + 52, y0 + 72, 216, 376, '#7a5d42');
  const rand = rng(41);
  for (let sh = 0; sh < 4; sh++) {
    const y = y0 + 72 + sh * 94;
    room += rect(x0 + 52, y + 86, 216, 8, '#9a7b5c');
    let x = x0 + 58;
    while (x < x0 + 252) {
      const bw = 12 + rand() * 14;
      const bh = 50 + rand() * 30;
      room += rect(
        x,
        y + 86 - bh,
        bw,
        bh,
        ['#8a5a44', '#5f7a8c', '#c9b48e', '#6b7f5a', '#b07a5a'][Math.floor(rand() * 5)] ?? '#8a5a44',
      );
      x += bw + 2;
    }
  }
  // framed art and lamp right
  room += rect(x0 + w - 320, y0 + 80, 200, 140, '#f3ecdd', ' stroke="#6e5239" stroke-width="8"');
  room += path(
    d`M${x0 + w - 310} ${y0 + 200}L${x0 + w - 250} ${y0 + 130}L${x0 + w - 210} ${y0 + 170}L${x0 + w - 170} ${y0 + 120}L${x0 + w - 130} ${y0 + 200}Z`,
    '#9fb1a0',
  );
  room += circ(x0 + w - 170, y0 + 110, 14, '#e3a857');
  room += plant(x0 + w - 90, y0 + h - 150, 1.2, '#7d8f62');
  room +=
    poly(
      [x0 + w - 240, y0 + 300, x0 + w - 180, y0 + 300, x0 + w - 196, y0 + 260, x0 + w - 224, y0 + 260],
      '#efe1c2',
    ) + rect(x0 + w - 214, y0 + 300, 8, 160, '#5e544b');
  return room;
}

/** A bank's recruitment office behind the caller: brand wall, glass and the city, a shelf of binders. */
function bankRoom(x0: number, y0: number, w: number, h: number): string {
  const brand = '#1f4e79';
  let room = rect(x0, y0, w, h, '#e4e8eb') + rect(x0, y0 + h - 130, w, 130, '#9aa3a8');
  // brand wall at the left: a panel with the mark (an arch over three bars) and a stripe
  room += rect(x0 + 30, y0 + 50, 300, 420, brand);
  room += path(
    d`M${x0 + 120} ${y0 + 200}C${x0 + 120} ${y0 + 130} ${x0 + 240} ${y0 + 130} ${x0 + 240} ${y0 + 200}Z`,
    '#f2c14e',
  );
  for (let i = 0; i < 3; i++) room += rect(x0 + 128 + i * 40, y0 + 206, 24, 70, '#ffffff', op(0.9));
  room += rect(x0 + 110, y0 + 284, 140, 12, '#ffffff', op(0.9));
  room += rect(x0 + 30, y0 + 330, 300, 18, '#f2c14e');
  for (let i = 0; i < 4; i++) room += rect(x0 + 70, y0 + 372 + i * 22, 220 - i * 40, 8, '#ffffff', op(0.35));
  // window to the city at the right, with blinds half down
  const wx = x0 + w - 380;
  room += rect(wx, y0 + 40, 340, 330, '#b9d0de');
  room += skyline(wx, y0 + 370, 340, '#8aa4b5', 57);
  room += rect(wx + 340, y0 + 40, 40, 330, '#e4e8eb'); // the wall beside the window hides any overhang
  for (let y = y0 + 40; y < y0 + 170; y += 14) room += rect(wx, y, 340, 8, '#eef2f4', op(0.85));
  room += rect(wx - 8, y0 + 32, 356, 10, '#6c777d') + rect(wx - 8, y0 + 370, 356, 12, '#6c777d');
  room += rect(wx + 166, y0 + 40, 8, 330, '#6c777d');
  // low shelf with binders under the window, and a plant
  room += rect(wx - 10, y0 + h - 210, 360, 80, '#c9ced1') + rect(wx - 10, y0 + h - 214, 360, 8, '#7d868b');
  const rand = rng(73);
  for (let x = wx; x < wx + 330; x += 30) {
    const colour = [brand, '#f2c14e', '#5d7d8f', '#d8dde0'][Math.floor(rand() * 4)] ?? brand;
    room += rect(x, y0 + h - 200, 24, 60, colour);
  }
  room += plant(x0 + w - 70, y0 + h - 130, 1.1, '#6f8a62');
  // a pendant light over the desk
  room += rect(x0 + w / 2 - 2, y0, 4, 60, '#6c777d') + ell(x0 + w / 2, y0 + 72, 46, 16, '#f6f1e4');
  return room;
}

function videoCall(id = 'video-call', room: typeof homeRoom = homeRoom): string {
  // the caller's room seen through a video call window
  let b = rect(0, 0, W, H, '#2e3136');
  const x0 = 40;
  const y0 = 30;
  const w = W - 80;
  const h = H - 110;
  b += rect(x0, y0, w, h, '#000000') + room(x0, y0, w, h);
  // self-view tile top right, toolbar at the bottom
  b += rect(
    x0 + w - 230,
    y0 + 16,
    200,
    120,
    '#4a4f57',
    ' rx="10" stroke="#ffffff" stroke-opacity=".5" stroke-width="2"',
  );
  b +=
    circ(x0 + w - 130, y0 + 70, 22, '#b9a58f') +
    path(
      d`M${x0 + w - 170} ${y0 + 136}C${x0 + w - 170} ${y0 + 96} ${x0 + w - 90} ${y0 + 96} ${x0 + w - 90} ${y0 + 136}Z`,
      '#6f7f8f',
    );
  b +=
    rect(x0 + 16, y0 + 16, 150, 30, '#000000', ' rx="8" fill-opacity=".35"') +
    circ(x0 + 36, y0 + 31, 6, '#6fbf73');
  b += rect(x0 + 48, y0 + 26, 100, 10, '#ffffff', op(0.7));
  const ty = y0 + h + 40;
  b += rect(W / 2 - 150, ty - 26, 300, 52, '#3d4148', ' rx="26"');
  b += circ(W / 2 - 90, ty, 18, '#5b6068') + rect(W / 2 - 95, ty - 10, 10, 16, '#e8e8e8', ' rx="5"');
  b +=
    circ(W / 2 - 30, ty, 18, '#5b6068') +
    rect(W / 2 - 40, ty - 7, 16, 14, '#e8e8e8', ' rx="3"') +
    poly([W / 2 - 24, ty, W / 2 - 18, ty - 6, W / 2 - 18, ty + 6], '#e8e8e8');
  b += circ(W / 2 + 30, ty, 18, '#5b6068') + rect(W / 2 + 22, ty - 8, 16, 12, '#e8e8e8', ' rx="3"');
  b += rect(W / 2 + 70, ty - 16, 60, 32, '#b5533f', ' rx="16"');
  return svgDoc(id, b, 0.1);
}

function cafe(): string {
  let b = rect(0, 0, W, H, '#c9a98a') + rect(0, 0, W, 300, '#b88f6e') + rect(0, 470, W, 250, '#8a6a52');
  // tiled counter front left, espresso machine
  b += rect(0, 330, 380, 150, '#e9e0d0');
  for (let x = 0; x < 380; x += 38)
    for (let y = 330; y < 480; y += 25) b += rect(x + 1, y + 1, 36, 23, '#f2ebdf');
  b += rect(0, 318, 400, 14, '#5e4634');
  b +=
    rect(60, 226, 150, 92, '#b7bcbf') +
    rect(70, 236, 130, 30, '#8d9396') +
    rect(90, 290, 20, 20, '#5e5a56') +
    rect(150, 290, 20, 20, '#5e5a56');
  b += rect(250, 270, 40, 48, '#e9e0d0') + rect(300, 280, 36, 38, '#f2ebdf');
  // chalkboard menu
  b += rect(40, 40, 300, 160, '#3c3f3a', ' stroke="#7a5b40" stroke-width="8"');
  for (let i = 0; i < 5; i++)
    b +=
      rect(64, 64 + i * 26, 120 + ((i * 37) % 80), 5, '#e8e4da', op(0.75)) +
      rect(270, 64 + i * 26, 40, 5, '#e8e4da', op(0.75));
  // pendant lamps
  for (const x of [470, 640, 810])
    b +=
      line(x, 0, x, 80, '#3a2f26', 3) +
      path(d`M${x - 34} ${110}Q${x} ${64} ${x + 34} ${110}Z`, '#3d5a57') +
      ell(x, 112, 30, 6, '#f8e2a8', op(0.9));
  // window onto the street right
  b += windowPane(920, 70, 320, 330, '#cfdbd8', '#5e4634', 2);
  b +=
    rect(920, 300, 320, 100, '#b9c0bb') +
    rect(950, 200, 90, 100, '#d6c3a5') +
    rect(1060, 160, 120, 140, '#c0b1a0');
  b += rect(920, 70, 320, 30, '#b5533f', op(0.8));
  for (let x = 920; x < 1240; x += 40) b += poly([x, 100, x + 40, 100, x + 20, 116], '#b5533f', op(0.8));
  // a small round table and cups in the foreground right
  b += ell(1090, 600, 150, 30, '#e9e0d0') + rect(1082, 610, 16, 110, '#4a3a2e');
  b +=
    rect(1040, 566, 34, 30, '#f7f3ea', ' rx="5"') +
    ell(1057, 566, 17, 5, '#6a4a36') +
    ell(1130, 590, 28, 7, '#f7f3ea');
  b += plant(420, 470, 0.9, '#7d8f62');
  return svgDoc('cafe', b);
}

function hubOffice(): string {
  let b = rect(0, 0, W, H, '#d2d4cf') + rect(0, 470, W, 250, '#9ea3a2');
  // big interior window onto the warehouse, with racking
  const wx = 40;
  const wy = 60;
  const ww = 760;
  const wh = 330;
  let wh2 = rect(wx, wy, ww, wh, '#e6e2d6') + rect(wx, wy + wh - 40, ww, 40, '#bdb9ae');
  const rand = rng(61);
  for (let rack = 0; rack < 4; rack++) {
    const rx = wx + 20 + rack * 190;
    wh2 += rect(rx, wy + 40, 8, wh - 80, '#d9822b') + rect(rx + 150, wy + 40, 8, wh - 80, '#d9822b');
    for (let lvl = 0; lvl < 3; lvl++) {
      const ly = wy + 120 + lvl * 80;
      wh2 += rect(rx, ly, 158, 8, '#3f6f9a');
      let px = rx + 12;
      while (px < rx + 140) {
        const pw = 30 + rand() * 20;
        const ph = 30 + rand() * 30;
        wh2 +=
          rect(px, ly - ph, pw, ph, rand() < 0.5 ? '#c9a878' : '#b8946a') +
          rect(px, ly - 6, pw, 6, '#9a7b5c');
        px += pw + 6;
      }
    }
  }
  // a forklift
  wh2 +=
    rect(wx + 560, wy + 250, 70, 40, '#e3a857') +
    rect(wx + 600, wy + 220, 8, 70, '#3a3a3a') +
    rect(wx + 630, wy + 200, 6, 90, '#3a3a3a') +
    circ(wx + 575, wy + 292, 10, '#333') +
    circ(wx + 615, wy + 292, 10, '#333');
  b +=
    rect(wx - 10, wy - 10, ww + 20, wh + 20, '#6f7472') + wh2 + rect(wx + ww / 2 - 4, wy, 8, wh, '#6f7472');
  b += poly([wx + 60, wy, wx + 120, wy, wx + 20, wy + wh, wx, wy + wh, wx, wy + 110], '#ffffff', op(0.15));
  // whiteboard shift plan and safety sign on the right
  b += rect(880, 70, 340, 200, '#f7f7f2', ' stroke="#8d918f" stroke-width="6"');
  for (let r = 0; r < 5; r++)
    for (let c = 0; c < 5; c++)
      b += rect(
        900 + c * 62,
        96 + r * 32,
        52,
        22,
        ['#8fb3c9', '#e3c07a', '#a7c49a', '#ffffff'][(r * 3 + c * 2) % 4] ?? '#ffffff',
        ' stroke="#c9ccc9"',
      );
  b +=
    rect(1020, 300, 90, 90, '#f4d03f') +
    poly([1065, 318, 1095, 372, 1035, 372], '#2b2622') +
    rect(1062, 336, 6, 18, '#f4d03f') +
    rect(1062, 358, 6, 6, '#f4d03f');
  b += rect(880, 300, 100, 150, '#6f7f8a') + rect(888, 310, 84, 60, '#7f8f9a');
  // hi-vis vest on a hook
  b +=
    circ(1180, 310, 5, '#5e544b') +
    poly([1150, 320, 1210, 320, 1220, 420, 1140, 420], '#e6c534') +
    rect(1140, 380, 80, 10, '#d8d8d0');
  b += rect(0, 640, W, 80, '#6f7472') + rect(0, 640, W, 8, '#868b89');
  return svgDoc('hub-office', b);
}

function labOffice(): string {
  let b = rect(0, 0, W, H, '#dfe6e2') + rect(0, 470, W, 250, '#b9c4c0');
  // window into the lab (left)
  let lab = rect(50, 60, 440, 320, '#eef3f1') + rect(50, 290, 440, 90, '#c9d3d0');
  lab += rect(70, 250, 400, 40, '#f7faf9') + rect(70, 290, 400, 12, '#9aa6a3');
  lab += rect(100, 200, 60, 50, '#d7dfdc') + circ(130, 225, 16, '#9fb3b8'); // centrifuge
  lab +=
    rect(210, 160, 16, 90, '#4f5b61') +
    rect(196, 236, 50, 14, '#4f5b61') +
    rect(218, 150, 30, 14, '#4f5b61') +
    circ(238, 200, 10, '#4f5b61'); // microscope
  for (let i = 0; i < 6; i++)
    lab += rect(300 + i * 20, 214, 10, 36, ['#b5533f', '#e3a857', '#5f8f9a'][i % 3] ?? '#b5533f', ' rx="4"');
  lab += rect(300, 244, 130, 8, '#9aa6a3');
  lab += rect(100, 90, 340, 50, '#f7faf9') + rect(110, 100, 320, 30, '#dfe6e2');
  b += rect(40, 50, 460, 340, '#9aa6a3') + lab + rect(266, 60, 8, 320, '#9aa6a3');
  b += poly([70, 60, 120, 60, 60, 380, 50, 380, 50, 160], '#ffffff', op(0.2));
  // shelf with binders and a sample fridge (right)
  b += rect(880, 100, 340, 12, '#9aa6a3');
  const rand = rng(71);
  let x = 890;
  while (x < 1200) {
    const bw = 22 + rand() * 10;
    b += rect(
      x,
      40,
      bw,
      60,
      ['#5f8f9a', '#e6e2d6', '#8fa3b3', '#c9b48e'][Math.floor(rand() * 4)] ?? '#5f8f9a',
    );
    x += bw + 3;
  }
  b +=
    rect(1000, 180, 200, 290, '#f4f6f5', ' stroke="#b9c4c0" stroke-width="4"') +
    rect(1010, 190, 180, 150, '#cfe0e3') +
    rect(1180, 260, 6, 60, '#9aa6a3');
  for (let s2 = 0; s2 < 3; s2++)
    b += rect(1014, 230 + s2 * 40, 172, 4, '#ffffff') + rect(1024, 210 + s2 * 40, 40, 20, '#b5533f', op(0.6));
  // a poster and a hand-wash sign
  b +=
    rect(880, 180, 90, 120, '#f7faf9', ' stroke="#9aa6a3" stroke-width="3"') +
    circ(925, 225, 24, '#c97f80', op(0.5)) +
    circ(925, 225, 10, '#8a4a5a', op(0.6)) +
    rect(895, 264, 60, 6, '#9aa6a3') +
    rect(895, 278, 44, 6, '#c0c9c6');
  b += rect(0, 640, W, 80, '#e9eeec') + rect(0, 640, W, 8, '#c9d3d0');
  b += rect(90, 596, 120, 44, '#f7faf9') + rect(1060, 590, 40, 50, '#5f8f9a', op(0.7));
  return svgDoc('lab-office', b);
}

function showroom(): string {
  let b = rect(0, 0, W, H, '#e4e0d8') + rect(0, 440, W, 280, '#cfcac0');
  // tall glass front at the back with the forecourt outside
  b += rect(0, 40, W, 370, '#c9d6d9');
  b += rect(0, 300, W, 110, '#b8bdb8');
  for (let x = 0; x <= W; x += 160) b += rect(x - 5, 40, 10, 370, '#7c8186');
  b += rect(0, 34, W, 12, '#7c8186') + rect(0, 406, W, 10, '#7c8186');
  b += rect(0, 0, W, 34, '#ece8e0');
  for (let x = 100; x < W; x += 260) b += rect(x, 8, 120, 14, '#fffbef');
  // bunting
  b += path(d`M0 60Q320 110 640 60Q960 110 1280 60`, 'none', ' stroke="#8a8275" stroke-width="2"');
  for (let i = 0; i < 16; i++) {
    const x = 20 + i * 80;
    const t = (x % 640) / 640;
    const y = 60 + Math.sin(t * Math.PI) * 36;
    b += poly(
      [x - 12, y, x + 12, y, x, y + 22],
      ['#b5533f', '#e3a857', '#5f8f9a', palette.accent][i % 4] ?? '#b5533f',
      op(0.85),
    );
  }
  // a car on a low turntable at the left
  const car = (cx: number, cy: number, body: string): string =>
    ell(cx, cy + 36, 250, 26, '#b7b1a6') +
    path(
      d`M${cx - 220} ${cy + 20}C${cx - 220} ${cy - 20} ${cx - 190} ${cy - 34} ${cx - 130} ${cy - 40}C${cx - 90} ${cy - 90} ${cx + 30} ${cy - 100} ${cx + 90} ${cy - 44}C${cx + 170} ${cy - 40} ${cx + 220} ${cy - 20} ${cx + 222} ${cy + 20}Z`,
      body,
    ) +
    path(
      d`M${cx - 110} ${cy - 42}C${cx - 76} ${cy - 80} ${cx + 20} ${cy - 86} ${cx + 70} ${cy - 44}Z`,
      '#c9d6d9',
    ) +
    rect(cx - 18, cy - 84, 8, 42, body) +
    circ(cx - 130, cy + 20, 38, '#2e3136') +
    circ(cx - 130, cy + 20, 18, '#b7bcbf') +
    circ(cx + 140, cy + 20, 38, '#2e3136') +
    circ(cx + 140, cy + 20, 18, '#b7bcbf') +
    rect(cx + 196, cy - 20, 20, 10, '#f3e7b5') +
    path(
      d`M${cx - 200} ${cy - 14}L${cx + 200} ${cy - 18}`,
      'none',
      ` stroke="${lighten(body, 0.3)}" stroke-width="4"`,
    );
  b += car(230, 480, '#8a3f3a');
  b += car(1090, 470, '#46627a');
  // price stand and a desk with a monitor at the right
  b +=
    rect(430, 410, 8, 80, '#5e544b') +
    rect(400, 380, 68, 40, '#f7f3ea', ' stroke="#8a8275" stroke-width="2"') +
    rect(410, 392, 48, 6, '#8a8275');
  b += rect(0, 640, W, 80, '#bdb7ab');
  b += ell(640, 600, 300, 12, '#ffffff', op(0.3));
  return svgDoc('showroom', b);
}

/** Frank's office: a glass box at the back of the showroom, the cars seen through it. */
function dealerOffice(): string {
  const rand = rng(31);
  // panelled lower wall and the glass partition above it, the showroom floor beyond
  let b = rect(0, 0, W, H, '#d9d2c4');
  b += rect(0, 40, W, 360, '#e6e2d9');
  b += rect(0, 300, W, 100, '#cfcac0');
  // a car on the showroom floor, seen through the glass (faded)
  b +=
    ell(820, 352, 210, 16, '#b7b1a6', op(0.6)) +
    path(
      d`M630 340C630 310 656 300 700 296C730 262 830 256 880 292C940 296 990 310 992 340Z`,
      '#5f7a8c',
      op(0.55),
    ) +
    circ(700, 340, 26, '#2e3136', op(0.55)) +
    circ(930, 340, 26, '#2e3136', op(0.55));
  // bunting beyond the glass
  for (let i = 0; i < 12; i++) {
    const x = 60 + i * 104;
    b += poly(
      [x - 10, 70, x + 10, 70, x, 88],
      ['#b5533f', '#e3a857', '#5f8f9a'][i % 3] ?? '#b5533f',
      op(0.45),
    );
  }
  b += line(0, 70, W, 70, '#8a8275', 2, op(0.5));
  // glazing bars and the reflection on the glass
  for (let x = 0; x <= W; x += 256) b += rect(x - 6, 36, 12, 368, '#6d6257');
  b += rect(0, 30, W, 12, '#6d6257') + rect(0, 396, W, 12, '#6d6257');
  for (let i = 0; i < 5; i++)
    b += poly(
      [120 + i * 256, 44, 170 + i * 256, 44, 90 + i * 256, 396, 40 + i * 256, 396],
      '#ffffff',
      op(0.12),
    );
  b += rect(0, 0, W, 30, '#efe9de');
  // wood-panelled lower wall
  b += rect(0, 408, W, 232, '#8e6b4e');
  for (let x = 0; x < W; x += 80) b += rect(x, 408, 4, 232, '#7a5a41');
  b += rect(0, 408, W, 10, '#a27e5f');
  // key cabinet on the left: rows of hooks with coloured fobs
  b += rect(60, 150, 230, 200, '#7a5a41') + rect(72, 162, 206, 176, '#efe6d3');
  for (let row = 0; row < 5; row++) {
    for (let k = 0; k < 8; k++) {
      const x = 86 + k * 24;
      const y = 176 + row * 32;
      b += circ(x, y, 3, '#5e544b');
      if (rand() < 0.7) {
        b +=
          line(x, y, x, y + 10, '#9a9388', 2) +
          rect(
            x - 5,
            y + 10,
            10,
            12,
            ['#b5533f', '#e3a857', '#5f8f9a', '#6b7f5a'][Math.floor(rand() * 4)] ?? '#b5533f',
          );
      }
    }
  }
  // the 1983 award plaque and a wall calendar
  b +=
    rect(380, 120, 120, 150, '#3a2f26') +
    rect(392, 132, 96, 126, '#c9a24a') +
    circ(440, 176, 24, '#e7cf86') +
    rect(408, 214, 64, 6, '#7a5f2a') +
    rect(416, 228, 48, 5, '#7a5f2a');
  b +=
    rect(1010, 110, 150, 190, '#f7f3ea', ' stroke="#8a8275" stroke-width="2"') +
    rect(1010, 110, 150, 70, '#46627a');
  for (let r = 0; r < 4; r++)
    for (let c = 0; c < 6; c++)
      b += rect(1022 + c * 22, 192 + r * 24, 16, 16, r === 2 && c === 3 ? '#b5533f' : '#e4ddcf');
  // filing cabinet with a kettle and mugs on it
  b +=
    rect(1040, 470, 160, 170, '#8c8a80') +
    rect(1052, 484, 136, 70, '#9d9b91') +
    rect(1052, 562, 136, 70, '#9d9b91') +
    rect(1104, 512, 32, 6, '#5f5d55') +
    rect(1104, 590, 32, 6, '#5f5d55');
  b +=
    path(d`M1066 470L1070 424H1114L1118 470Z`, '#f1ebdf') +
    rect(1084, 414, 16, 10, '#5e544b') +
    rect(1134, 446, 26, 24, '#b5533f') +
    rect(1166, 450, 24, 20, '#5f8f9a');
  // desk in the foreground: a monitor, a tray of paperwork, a desk phone
  b += rect(0, 640, W, 80, '#5e4634') + rect(0, 640, W, 10, '#7a5a41');
  b +=
    rect(120, 540, 170, 100, '#2e3136') +
    rect(130, 550, 150, 78, '#9fb1bb') +
    rect(196, 628, 20, 12, '#2e3136');
  b += rect(520, 606, 150, 34, '#c9b48e');
  for (let i = 0; i < 4; i++) b += rect(528, 598 - i * 5, 134, 5, i % 2 ? '#f1ebdf' : '#e4dccb');
  b += rect(880, 612, 90, 28, '#3a3d42') + rect(890, 600, 70, 14, '#3a3d42', ' rx="6"');
  return svgDoc('dealer-office', b);
}

const BACKDROPS: Record<string, () => string> = {
  'owner-office': ownerOffice,
  'glass-meeting-room': glassMeetingRoom,
  'sales-floor': salesFloor,
  'video-call': () => videoCall(),
  'video-call-bank': () => videoCall('video-call-bank', bankRoom),
  cafe,
  'hub-office': hubOffice,
  'lab-office': labOffice,
  showroom,
  'dealer-office': dealerOffice,
};

// ---------------------------------------------------------------------------------------------
// UI: logo (wordmark drawn as monoline paths, so it needs no font) and small icons

/** Monoline letters on baseline 140 (x-height 50, cap height 88); returns [path data, advance]. */
function glyph(ch: string, x: number): [string, number] {
  switch (ch) {
    case 'C':
      return [d`M${x + 72} ${62}A44 44 0 1 0 ${x + 72} ${130}`, 88];
    case 'l':
      return [d`M${x + 6} ${50}V${140}`, 30];
    case 'o':
      return [d`M${x + 52} ${115}A25 25 0 1 0 ${x + 2} ${115}A25 25 0 1 0 ${x + 52} ${115}Z`, 66];
    case 's':
      return [
        d`M${x + 36} ${98}C${x + 30} ${87} ${x + 2} ${86} ${x + 2} ${102}C${x + 2} ${117} ${x + 36} ${112} ${x + 36} ${127}C${x + 36} ${143} ${x + 6} ${142} ${x} ${132}`,
        50,
      ];
    case 'e':
      return [d`M${x + 2} ${115}H${x + 52}A25 25 0 1 0 ${x + 45} ${133}`, 64];
    case 'a':
      return [
        d`M${x + 50} ${115}A24 24 0 1 0 ${x + 2} ${115}A24 24 0 1 0 ${x + 50} ${115}M${x + 50} ${91}V${140}`,
        66,
      ];
    default:
      return ['', 30];
  }
}

function wordmark(text: string, x: number, color: string): [string, number] {
  let pd = '';
  let cx = x;
  for (const ch of text) {
    const [g, adv] = glyph(ch, cx);
    pd += g;
    cx += adv;
  }
  return [stroke(pd, color, 13), cx];
}

/** Speech bubble with a check: the game's mark (also the close-action icon). */
function mark(x: number, y: number, s: number, fill: string): string {
  return (
    path(
      d`M${x + 20 * s} ${y}H${x + 110 * s}Q${x + 130 * s} ${y} ${x + 130 * s} ${y + 20 * s}V${y + 76 * s}Q${x + 130 * s} ${y + 96 * s} ${x + 110 * s} ${y + 96 * s}H${x + 52 * s}L${x + 24 * s} ${y + 122 * s}L${x + 28 * s} ${y + 96 * s}H${x + 20 * s}Q${x} ${y + 96 * s} ${x} ${y + 76 * s}V${y + 20 * s}Q${x} ${y} ${x + 20 * s} ${y}Z`,
      fill,
    ) +
    stroke(
      d`M${x + 38 * s} ${y + 50 * s}L${x + 58 * s} ${y + 70 * s}L${x + 94 * s} ${y + 30 * s}`,
      '#ffffff',
      13 * s,
    )
  );
}

function logo(): string {
  const [close, x1] = wordmark('Close', 186, palette.ink);
  const [call, x2] = wordmark('Call', x1 + 26, palette.accent);
  const w = Math.ceil(x2 + 20);
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${w} 180" width="${w}" height="180"><title>Close Call</title>${mark(14, 30, 1.05, palette.accent)}${close}${call}</svg>\n`;
}

function icon(title: string, body: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 48 48" width="48" height="48"><title>${title}</title>${body}</svg>\n`;
}
const speaker = path('M8 18H16L27 9V39L16 30H8Z', palette.ink, ' stroke-linejoin="round"');
const UI: Record<string, string> = {
  logo: logo(),
  'icon-close': icon('Close: ask for the job', mark(3, 5, 0.32, palette.accent)),
  'icon-sound-on': icon(
    'Sound on',
    speaker + stroke('M32 18Q36 24 32 30M36 13Q44 24 36 35', palette.ink, 3.5),
  ),
  'icon-sound-off': icon('Sound off', speaker + stroke('M33 18L43 30M43 18L33 30', palette.ink, 3.5)),
};

// ---------------------------------------------------------------------------------------------
// main

function main(): void {
  let count = 0;
  let largest = 0;
  for (const p of PEOPLE) {
    for (const ex of EXPRESSIONS) {
      const svg = portrait(p, ex);
      largest = Math.max(largest, svg.length);
      write(`assets/portraits/${p.id}/${ex}.svg`, svg);
      count++;
    }
  }
  console.log(`make-art: ${count} portraits (largest ${(largest / 1024).toFixed(1)} KB)`);
  for (const [id, make] of Object.entries(BACKDROPS)) write(`assets/backdrops/${id}.svg`, make());
  console.log(`make-art: ${Object.keys(BACKDROPS).length} backdrops`);
  for (const [id, svg] of Object.entries(UI)) write(`assets/ui/${id}.svg`, svg);
  console.log(`make-art: ${Object.keys(UI).length} ui files`);
}

main();
