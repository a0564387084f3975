/**
 * The portrait generator: a person is a parametric description (face, skin, hair, brows, eyes,
 * mouth, accessories, clothing); every expression is a set of offsets applied to it. Pure: used by
 * tools/make-art.ts to write assets/portraits/ and by the game to draw portraits a scenario describes.
 */

import { createRandom, EXPRESSIONS, type ExpressionName } from '../../engine';

/** The expressions a portrait is drawn in: the scenario format's own list. */
export { EXPRESSIONS };
export type Expression = ExpressionName;

// ---------------------------------------------------------------------------------------------
// small helpers

export const r1 = (n: number): string => {
  const v = Math.round(n * 10) / 10;
  return Object.is(v, -0) ? '0' : String(v);
};
/** Template tag that rounds every interpolated number to one decimal. */
export function d(strings: TemplateStringsArray, ...vals: (number | string)[]): string {
  let out = strings[0] ?? '';
  vals.forEach((v, i) => {
    out += (typeof v === 'number' ? r1(v) : v) + (strings[i + 1] ?? '');
  });
  return out;
}
export const path = (pd: string, fill: string, extra = ''): string =>
  `<path d="${pd}" fill="${fill}"${extra}/>`;
export const stroke = (pd: string, color: string, w: number, extra = ''): string =>
  `<path d="${pd}" fill="none" stroke="${color}" stroke-width="${r1(w)}" stroke-linecap="round" stroke-linejoin="round"${extra}/>`;
export const ell = (cx: number, cy: number, rx: number, ry: number, fill: string, extra = ''): string =>
  `<ellipse cx="${r1(cx)}" cy="${r1(cy)}" rx="${r1(rx)}" ry="${r1(ry)}" fill="${fill}"${extra}/>`;
export const circ = (cx: number, cy: number, r: number, fill: string, extra = ''): string =>
  `<circle cx="${r1(cx)}" cy="${r1(cy)}" r="${r1(r)}" fill="${fill}"${extra}/>`;
export const rect = (x: number, y: number, w: number, h: number, fill: string, extra = ''): string =>
  `<rect x="${r1(x)}" y="${r1(y)}" width="${r1(w)}" height="${r1(h)}" fill="${fill}"${extra}/>`;
export const op = (o: number): string => ` opacity="${o}"`;

/** Mix two '#rrggbb' colours; t=0 → a, t=1 → b. */
export function mixColor(a: string, b: string, t: number): string {
  const pa = [1, 3, 5].map((i) => Number.parseInt(a.slice(i, i + 2), 16));
  const pb = [1, 3, 5].map((i) => Number.parseInt(b.slice(i, i + 2), 16));
  return `#${pa
    .map((v, i) =>
      Math.round(v + ((pb[i] ?? 0) - v) * t)
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}
export const darken = (c: string, t: number): string => mixColor(c, '#1a0f08', t);
export const lighten = (c: string, t: number): string => mixColor(c, '#ffffff', t);

/** Deterministic pseudo-random numbers for clutter placement: the engine's seeded PRNG. */
export const rng = createRandom;

// ---------------------------------------------------------------------------------------------
// portraits: people

export type HairStyle =
  | 'short'
  | 'bob'
  | 'long'
  | 'bald'
  | 'crop'
  | 'pixie'
  | 'swept'
  | 'receding'
  | 'bun'
  | 'cropped';
export type Clothing =
  | 'cardigan'
  | 'shirt'
  | 'blazer'
  | 'suit-tie'
  | 'polo'
  | 'suit'
  | 'open-collar'
  | 'loose-tie'
  | 'blouse'
  | 'lab-coat';

export interface Person {
  id: string;
  skin: string;
  /** cheek half-width, jaw half-width, chin y */
  face: { w: number; jaw: number; chin: number };
  hair: { style: HairStyle; color: string };
  brow: { color: string; thick: number; arch: number };
  iris: string;
  lip: string;
  mouthW: number;
  nose: 'narrow' | 'round' | 'broad';
  /** 0 young … 3 oldest: adds lines */
  age: number;
  glasses?: { color: string; shape: 'round' | 'rect' | 'half' };
  beard?: string;
  moustache?: string;
  earrings?: string;
  clothing: {
    kind: Clothing;
    main: string;
    under: string;
    tie?: string;
    /** polo logo / lanyard strap / scrub top colour */
    extra?: string;
  };
  lashes?: boolean;
}

export interface ExprSpec {
  tilt: number;
  /** brow offsets: [inner dy, outer dy] for the viewer's left and right brow; furrow pulls inner ends in */
  browL: [number, number];
  browR: [number, number];
  furrow: number;
  eyeL: number;
  eyeR: number;
  gaze: [number, number];
  mouth: 'neutral' | 'slight' | 'smirk' | 'open' | 'pressed' | 'smile' | 'pursed';
  blush: number;
  smileEyes: boolean;
  hand: boolean;
}

export const EXPR: Record<Expression, ExprSpec> = {
  neutral: {
    tilt: 0,
    browL: [0, 0],
    browR: [0, 0],
    furrow: 0,
    eyeL: 1,
    eyeR: 1,
    gaze: [0, 0],
    mouth: 'neutral',
    blush: 0,
    smileEyes: false,
    hand: false,
  },
  interested: {
    tilt: 4,
    browL: [-7, -4],
    browR: [-7, -4],
    furrow: 0,
    eyeL: 1.2,
    eyeR: 1.2,
    gaze: [0, 0],
    mouth: 'slight',
    blush: 0,
    smileEyes: false,
    hand: false,
  },
  sceptical: {
    tilt: -5,
    browL: [-14, -10],
    browR: [5, 1],
    furrow: 2,
    eyeL: 1.05,
    eyeR: 0.6,
    gaze: [-3, 0],
    mouth: 'smirk',
    blush: 0,
    smileEyes: false,
    hand: false,
  },
  impressed: {
    tilt: -2,
    browL: [-14, -9],
    browR: [-14, -9],
    furrow: 0,
    eyeL: 1.3,
    eyeR: 1.3,
    gaze: [0, 0],
    mouth: 'open',
    blush: 0.12,
    smileEyes: false,
    hand: false,
  },
  irritated: {
    tilt: 1,
    browL: [9, -3],
    browR: [9, -3],
    furrow: 5,
    eyeL: 0.6,
    eyeR: 0.6,
    gaze: [0, 1],
    mouth: 'pressed',
    blush: 0,
    smileEyes: false,
    hand: false,
  },
  warm: {
    tilt: 5,
    browL: [-5, 0],
    browR: [-5, 0],
    furrow: 0,
    eyeL: 0.7,
    eyeR: 0.7,
    gaze: [0, 0],
    mouth: 'smile',
    blush: 0.2,
    smileEyes: true,
    hand: false,
  },
  thinking: {
    tilt: 6,
    browL: [-8, -6],
    browR: [3, 0],
    furrow: 1,
    eyeL: 0.95,
    eyeR: 0.95,
    gaze: [5, -4],
    mouth: 'pursed',
    blush: 0,
    smileEyes: false,
    hand: true,
  },
};

export const CX = 200;
export const EYE_Y = 207;
export const EYE_DX = 31;
export const BROW_Y = 184;
export const MOUTH_Y = 268;
export const TOP = 92;

export function headPath(p: Person): string {
  const { w, jaw, chin } = p.face;
  return d`M${CX} ${TOP}C${CX + w * 1.02} ${TOP} ${CX + w} ${150} ${CX + w} ${200}C${CX + w} ${252} ${CX + jaw + 6} ${chin - 12} ${CX} ${chin}C${CX - jaw - 6} ${chin - 12} ${CX - w} ${252} ${CX - w} ${200}C${CX - w} ${150} ${CX - w * 1.02} ${TOP} ${CX} ${TOP}Z`;
}

/** Hair as two layers: `back` is drawn behind the head (bob, long hair, bun), `front` over it. */
export function hair(p: Person): { back: string; front: string } {
  const c = p.hair.color;
  const sh = darken(c, 0.25);
  const hl = lighten(c, 0.18);
  const { w } = p.face;
  const L = CX - w;
  const R = CX + w;
  switch (p.hair.style) {
    case 'short': {
      const f = d`M${L + 2} ${190}C${L - 4} ${120} ${CX - 50} ${80} ${CX} ${80}C${CX + 50} ${80} ${R + 4} ${120} ${R - 2} ${190}L${R - 8} ${168}C${R - 16} ${140} ${CX + 40} ${126} ${CX} ${128}C${CX - 40} ${126} ${L + 16} ${140} ${L + 8} ${168}Z`;
      return {
        back: '',
        front: path(f, c) + stroke(d`M${CX - 40} ${100}Q${CX} ${88} ${CX + 44} ${102}`, hl, 3, op(0.5)),
      };
    }
    case 'crop': {
      const f = d`M${L + 1} ${195}C${L - 8} ${118} ${CX - 54} ${72} ${CX + 4} ${74}C${CX + 56} ${74} ${R + 8} ${116} ${R - 1} ${195}L${R - 7} ${172}C${R - 12} ${146} ${CX + 44} ${130} ${CX + 10} ${130}C${CX - 14} ${124} ${CX - 34} ${132} ${CX - 44} ${128}C${L + 16} ${136} ${L + 10} ${150} ${L + 7} ${172}Z`;
      return {
        back: '',
        front: path(f, c) + stroke(d`M${CX - 30} ${92}Q${CX + 10} ${80} ${CX + 46} ${96}`, hl, 3, op(0.45)),
      };
    }
    case 'bob': {
      const back = d`M${L - 22} ${286}C${L - 34} ${190} ${L - 24} ${74} ${CX} ${72}C${R + 24} ${74} ${R + 34} ${190} ${R + 22} ${286}C${R} ${296} ${L} ${296} ${L - 22} ${286}Z`;
      const front = d`M${L - 20} ${270}C${L - 26} ${160} ${L - 6} ${78} ${CX} ${78}C${R + 6} ${78} ${R + 26} ${160} ${R + 20} ${270}C${R + 6} ${220} ${R - 4} ${168} ${R - 10} ${150}C${CX + 30} ${140} ${CX - 20} ${118} ${CX - 36} ${112}C${CX - 54} ${140} ${L + 4} ${160} ${L - 2} ${230}Z`;
      return {
        back: path(back, sh),
        front:
          path(front, c) +
          stroke(d`M${CX - 36} ${112}C${CX - 10} ${96} ${CX + 50} ${92} ${R + 4} ${140}`, hl, 4, op(0.5)) +
          stroke(d`M${L - 8} ${150}C${L - 14} ${190} ${L - 12} ${230} ${L - 8} ${262}`, sh, 3, op(0.6)),
      };
    }
    case 'long': {
      const back = d`M${L - 18} ${400}C${L - 30} ${300} ${L - 34} ${150} ${L} ${110}C${L + 30} ${70} ${R - 30} ${70} ${R} ${110}C${R + 34} ${150} ${R + 30} ${300} ${R + 18} ${400}C${R - 20} ${412} ${L + 20} ${412} ${L - 18} ${400}Z`;
      const front = d`M${L - 10} ${300}C${L - 18} ${200} ${L - 10} ${84} ${CX - 6} ${82}C${R + 10} ${82} ${R + 18} ${200} ${R + 10} ${300}C${R} ${250} ${R - 2} ${180} ${R - 8} ${160}C${R - 20} ${130} ${CX + 30} ${112} ${CX - 10} ${108}C${CX - 40} ${124} ${L + 10} ${150} ${L + 6} ${200}C${L + 2} ${240} ${L + 2} ${270} ${L - 10} ${300}Z`;
      return {
        back: path(back, sh),
        front:
          path(front, c) +
          stroke(d`M${CX - 10} ${108}C${CX + 20} ${92} ${R} ${110} ${R + 6} ${170}`, hl, 3, op(0.45)),
      };
    }
    case 'bald': {
      const side = (s: number): string =>
        path(
          d`M${CX + s * (w - 4)} ${150}C${CX + s * (w + 8)} ${180} ${CX + s * (w + 8)} ${215} ${CX + s * (w - 2)} ${238}L${CX + s * (w - 8)} ${226}C${CX + s * (w - 2)} ${205} ${CX + s * (w - 2)} ${180} ${CX + s * (w - 10)} ${158}Z`,
          c,
        );
      return {
        back: '',
        front: side(-1) + side(1) + ell(CX - 22, 116, 30, 12, '#ffffff', op(0.18)),
      };
    }
    case 'pixie': {
      const f = d`M${L - 4} ${212}C${L - 14} ${120} ${CX - 50} ${74} ${CX + 10} ${76}C${CX + 66} ${78} ${R + 12} ${120} ${R + 4} ${200}L${R - 6} ${186}C${R - 8} ${160} ${R - 20} ${146} ${R - 30} ${140}C${CX + 20} ${160} ${CX - 20} ${150} ${CX - 40} ${132}C${L + 20} ${150} ${L + 8} ${170} ${L + 6} ${196}Z`;
      return {
        back: path(
          d`M${L - 6} ${150}C${L - 14} ${200} ${L - 8} ${240} ${L + 6} ${250}L${R - 6} ${250}C${R + 8} ${240} ${R + 14} ${200} ${R + 6} ${150}Z`,
          sh,
        ),
        front:
          path(f, c) +
          stroke(d`M${CX - 40} ${118}C${CX} ${96} ${CX + 50} ${104} ${R - 20} ${140}`, hl, 4, op(0.55)),
      };
    }
    case 'swept': {
      const f = d`M${L + 1} ${196}C${L - 12} ${112} ${CX - 50} ${66} ${CX + 10} ${70}C${CX + 64} ${72} ${R + 10} ${112} ${R - 1} ${196}L${R - 7} ${170}C${R - 14} ${138} ${CX + 50} ${122} ${CX + 20} ${120}C${CX - 10} ${118} ${CX - 40} ${126} ${L + 22} ${138}C${L + 12} ${150} ${L + 8} ${160} ${L + 7} ${172}Z`;
      return {
        back: '',
        front:
          path(f, c) +
          stroke(
            d`M${CX - 44} ${96}C${CX - 10} ${80} ${CX + 30} ${82} ${CX + 56} ${100}`,
            '#9a938c',
            4,
            op(0.7),
          ) +
          stroke(d`M${L + 4} ${180}C${L} ${160} ${L + 2} ${150} ${L + 8} ${140}`, '#a9a29b', 3, op(0.8)) +
          stroke(d`M${R - 4} ${180}C${R} ${160} ${R - 2} ${150} ${R - 8} ${140}`, '#a9a29b', 3, op(0.8)),
      };
    }
    case 'receding': {
      const side = (s: number): string =>
        path(
          d`M${CX + s * (w - 14)} ${126}C${CX + s * (w + 10)} ${150} ${CX + s * (w + 10)} ${210} ${CX + s * (w - 2)} ${236}L${CX + s * (w - 8)} ${222}C${CX + s * (w - 2)} ${196} ${CX + s * (w - 4)} ${168} ${CX + s * (w - 16)} ${140}Z`,
          c,
        );
      const top = d`M${CX - 56} ${112}C${CX - 30} ${90} ${CX + 30} ${88} ${CX + 58} ${112}C${CX + 30} ${102} ${CX - 20} ${104} ${CX - 56} ${112}Z`;
      return {
        back: '',
        front: side(-1) + side(1) + path(top, c, op(0.85)) + ell(CX, 124, 26, 10, '#ffffff', op(0.14)),
      };
    }
    case 'bun': {
      const back = circ(CX + 6, 80, 34, sh) + circ(CX + 6, 80, 26, c, op(0.5));
      const f = d`M${L + 1} ${200}C${L - 8} ${116} ${CX - 50} ${80} ${CX} ${80}C${CX + 50} ${80} ${R + 8} ${116} ${R - 1} ${200}L${R - 8} ${176}C${R - 14} ${140} ${CX + 40} ${120} ${CX + 12} ${118}C${CX - 20} ${118} ${L + 16} ${140} ${L + 8} ${176}Z`;
      return {
        back,
        front:
          path(f, c) +
          stroke(
            d`M${CX + 12} ${118}C${CX - 10} ${100} ${CX - 30} ${92} ${L + 20} ${110}`,
            sh,
            2.5,
            op(0.6),
          ) +
          stroke(
            d`M${CX + 12} ${118}C${CX + 34} ${100} ${CX + 44} ${94} ${R - 16} ${112}`,
            hl,
            2.5,
            op(0.6),
          ) +
          stroke(d`M${L + 6} ${176}C${L + 2} ${200} ${L + 4} ${220} ${L + 10} ${236}`, c, 3),
      };
    }
    case 'cropped': {
      const f = d`M${L + 2} ${180}C${L - 2} ${118} ${CX - 50} ${84} ${CX} ${84}C${CX + 50} ${84} ${R + 2} ${118} ${R - 2} ${180}L${R - 8} ${160}C${R - 14} ${134} ${CX + 40} ${120} ${CX} ${120}C${CX - 40} ${120} ${L + 14} ${134} ${L + 8} ${160}Z`;
      const rand = rng(7);
      let flecks = '';
      for (let i = 0; i < 14; i++) {
        const t = rand();
        const x = CX - 60 + t * 120;
        const y = 92 + rand() * 26 + Math.abs(x - CX) * 0.25;
        flecks += circ(x, y, 1.6, '#9c948e', op(0.8));
      }
      return { back: '', front: path(f, c) + flecks };
    }
  }
}

export function eyebrows(p: Person, e: ExprSpec): string {
  const out: string[] = [];
  for (const side of [-1, 1] as const) {
    const [di, dout] = side < 0 ? e.browL : e.browR;
    const ix = CX + side * (14 - e.furrow);
    const ox = CX + side * 52;
    const iy = BROW_Y + di + 2;
    const oy = BROW_Y + dout + 4;
    const mx = (ix + ox) / 2;
    const my = Math.min(iy, oy) - p.brow.arch - 2;
    out.push(stroke(d`M${ix} ${iy}Q${mx} ${my} ${ox} ${oy}`, p.brow.color, p.brow.thick));
  }
  if (e.furrow >= 4) {
    out.push(stroke(d`M${CX - 4} ${190}l2 11M${CX + 4} ${190}l-2 11`, darken(p.skin, 0.3), 2.2, op(0.7)));
  }
  return out.join('');
}

export function eyes(p: Person, e: ExprSpec, ids: string): string {
  const out: string[] = [];
  const defs: string[] = [];
  const lid = darken(p.skin, 0.55);
  for (const side of [-1, 1] as const) {
    const ex = CX + side * EYE_DX;
    const open = side < 0 ? e.eyeL : e.eyeR;
    const ry = 9 * open;
    const id = `${ids}${side < 0 ? 'l' : 'r'}`;
    defs.push(`<clipPath id="${id}">${ell(ex, EYE_Y, 14.5, ry, '#000')}</clipPath>`);
    out.push(ell(ex, EYE_Y, 14.5, ry, '#f6f1ea'));
    out.push(
      `<g clip-path="url(#${id})">${circ(ex + e.gaze[0], EYE_Y + e.gaze[1], 8.2, p.iris)}${circ(ex + e.gaze[0], EYE_Y + e.gaze[1], 3.8, '#120b08')}${circ(ex + e.gaze[0] + 2.6, EYE_Y + e.gaze[1] - 2.6, 1.8, '#ffffff')}</g>`,
    );
    // upper lid / lash line
    out.push(
      stroke(
        d`M${ex - 15.5} ${EYE_Y + 1}Q${ex} ${EYE_Y - ry * 2.1} ${ex + 15.5} ${EYE_Y + 1}`,
        lid,
        p.lashes ? 3.6 : 2.6,
      ),
    );
    if (p.lashes) out.push(stroke(d`M${ex + side * 13} ${EYE_Y}l${side * 4} ${-3}`, lid, 2.4));
    // crease above the eye
    out.push(
      stroke(
        d`M${ex - 11} ${EYE_Y - ry - 5}Q${ex} ${EYE_Y - ry - 10} ${ex + 11} ${EYE_Y - ry - 5}`,
        darken(p.skin, 0.25),
        1.8,
        op(0.6),
      ),
    );
    if (e.smileEyes) {
      out.push(
        stroke(
          d`M${ex - 12} ${EYE_Y + 8}Q${ex} ${EYE_Y + 2} ${ex + 12} ${EYE_Y + 8}`,
          darken(p.skin, 0.35),
          2.2,
          op(0.8),
        ),
      );
    }
    if (p.age >= 2 || e.smileEyes) {
      const n = e.smileEyes ? Math.max(2, p.age) : p.age - 1;
      for (let k = 0; k < n; k++) {
        out.push(
          stroke(
            d`M${ex + side * 18} ${EYE_Y - 2 + k * 5}l${side * 8} ${-3 + k * 3}`,
            darken(p.skin, 0.3),
            1.6,
            op(0.55),
          ),
        );
      }
    }
  }
  return `<defs>${defs.join('')}</defs>${out.join('')}`;
}

export function glasses(p: Person): string {
  if (!p.glasses) return '';
  const g = p.glasses;
  const out: string[] = [];
  const { w } = p.face;
  for (const side of [-1, 1] as const) {
    const ex = CX + side * EYE_DX;
    if (g.shape === 'round')
      out.push(circ(ex, EYE_Y, 19, '#ffffff', ` fill-opacity=".12" stroke="${g.color}" stroke-width="3"`));
    else if (g.shape === 'rect')
      out.push(
        rect(
          ex - 21,
          EYE_Y - 14,
          42,
          28,
          '#ffffff',
          ` rx="8" fill-opacity=".12" stroke="${g.color}" stroke-width="4"`,
        ),
      );
    else {
      out.push(
        rect(
          ex - 20,
          EYE_Y - 11,
          40,
          24,
          '#ffffff',
          ` rx="9" fill-opacity=".1" stroke="${g.color}" stroke-width="1.6"`,
        ),
      );
      out.push(stroke(d`M${ex - 20} ${EYE_Y - 5}Q${ex} ${EYE_Y - 13} ${ex + 20} ${EYE_Y - 5}`, g.color, 3.4));
    }
    out.push(stroke(d`M${ex + side * 20} ${EYE_Y - 4}L${CX + side * (w + 1)} ${EYE_Y - 8}`, g.color, 3));
  }
  out.push(stroke(d`M${CX - 11} ${EYE_Y - 3}Q${CX} ${EYE_Y - 9} ${CX + 11} ${EYE_Y - 3}`, g.color, 3));
  return out.join('');
}

export function nose(p: Person): string {
  const shade = darken(p.skin, 0.28);
  const wd = p.nose === 'broad' ? 15 : p.nose === 'round' ? 12 : 9;
  return (
    stroke(
      d`M${CX - 3} ${214}C${CX - 6} ${228} ${CX - wd} ${238} ${CX - wd + 2} ${246}`,
      shade,
      2.2,
      op(0.55),
    ) +
    path(
      d`M${CX - wd} ${246}C${CX - wd + 4} ${254} ${CX + wd - 4} ${254} ${CX + wd} ${246}C${CX + wd - 6} ${250} ${CX - wd + 6} ${250} ${CX - wd} ${246}Z`,
      shade,
      op(0.7),
    ) +
    ell(CX, 243, wd - 4, 4, lighten(p.skin, 0.25), op(0.35))
  );
}

export function mouth(p: Person, e: ExprSpec): string {
  const m = p.mouthW + 2;
  const y = MOUTH_Y;
  const lc = darken(p.lip, 0.25);
  const lipFill = p.lip;
  switch (e.mouth) {
    case 'neutral':
      return (
        path(
          d`M${CX - m} ${y}Q${CX} ${y + 3} ${CX + m} ${y}Q${CX} ${y + 11} ${CX - m} ${y}Z`,
          lipFill,
          op(0.8),
        ) + stroke(d`M${CX - m} ${y}Q${CX} ${y + 3} ${CX + m} ${y}`, lc, 2.6)
      );
    case 'slight':
      return (
        path(
          d`M${CX - m - 2} ${y - 2}Q${CX} ${y + 6} ${CX + m + 2} ${y - 2}Q${CX} ${y + 14} ${CX - m - 2} ${y - 2}Z`,
          lipFill,
          op(0.8),
        ) + stroke(d`M${CX - m - 2} ${y - 2}Q${CX} ${y + 6} ${CX + m + 2} ${y - 2}`, lc, 2.8)
      );
    case 'smirk':
      return (
        path(
          d`M${CX - m + 2} ${y + 3}Q${CX + 2} ${y + 3} ${CX + m + 4} ${y - 6}Q${CX + 4} ${y + 12} ${CX - m + 2} ${y + 3}Z`,
          lipFill,
          op(0.75),
        ) +
        stroke(d`M${CX - m + 2} ${y + 3}Q${CX + 2} ${y + 3} ${CX + m + 4} ${y - 6}`, lc, 3) +
        stroke(d`M${CX + m + 4} ${y - 6}l3 -2`, lc, 2)
      );
    case 'open':
      return (
        path(
          d`M${CX - m - 4} ${y - 4}Q${CX} ${y} ${CX + m + 4} ${y - 4}Q${CX + m} ${y + 24} ${CX} ${y + 25}Q${CX - m} ${y + 24} ${CX - m - 4} ${y - 4}Z`,
          '#4a1f1b',
        ) +
        path(
          d`M${CX - m - 1} ${y - 2}Q${CX} ${y + 2} ${CX + m + 1} ${y - 2}L${CX + m - 2} ${y + 4}Q${CX} ${y + 7} ${CX - m + 2} ${y + 4}Z`,
          '#f4efe8',
        ) +
        ell(CX, y + 18, 9, 4, '#b45a55', op(0.8)) +
        stroke(
          d`M${CX - m - 4} ${y - 4}Q${CX} ${y} ${CX + m + 4} ${y - 4}Q${CX + m} ${y + 24} ${CX} ${y + 25}Q${CX - m} ${y + 24} ${CX - m - 4} ${y - 4}Z`,
          lc,
          2.4,
        )
      );
    case 'pressed':
      return (
        stroke(d`M${CX - m + 2} ${y + 4}Q${CX} ${y - 1} ${CX + m - 2} ${y + 4}`, lc, 4) +
        stroke(d`M${CX - m + 1} ${y + 4}l-3 3M${CX + m - 1} ${y + 4}l3 3`, lc, 2)
      );
    case 'smile':
      return (
        path(
          d`M${CX - m - 5} ${y - 5}Q${CX} ${y + 4} ${CX + m + 5} ${y - 5}Q${CX} ${y + 22} ${CX - m - 5} ${y - 5}Z`,
          '#5a2420',
        ) +
        path(
          d`M${CX - m - 2} ${y - 3}Q${CX} ${y + 5} ${CX + m + 2} ${y - 3}L${CX + m - 2} ${y + 1}Q${CX} ${y + 8} ${CX - m + 2} ${y + 1}Z`,
          '#f4efe8',
        ) +
        stroke(d`M${CX - m - 5} ${y - 5}Q${CX} ${y + 22} ${CX + m + 5} ${y - 5}`, lc, 2.6) +
        stroke(
          d`M${CX - m - 6} ${y - 6}Q${CX - m - 9} ${y - 2} ${CX - m - 7} ${y + 2}M${CX + m + 6} ${y - 6}Q${CX + m + 9} ${y - 2} ${CX + m + 7} ${y + 2}`,
          darken(p.skin, 0.3),
          2,
          op(0.6),
        )
      );
    case 'pursed':
      return (
        ell(CX + 8, y + 1, m * 0.45, 5, lipFill, op(0.85)) +
        stroke(d`M${CX - 2} ${y + 1}Q${CX + 8} ${y - 2} ${CX + 18} ${y}`, lc, 2.6)
      );
  }
}

export function facialHair(p: Person): string {
  const { w, jaw, chin } = p.face;
  let out = '';
  if (p.beard) {
    const full = p.id === 'raj-mehta';
    const b = full
      ? d`M${CX - w} ${200}C${CX - w} ${262} ${CX - jaw - 8} ${chin + 4} ${CX} ${chin + 12}C${CX + jaw + 8} ${chin + 4} ${CX + w} ${262} ${CX + w} ${200}L${CX + w - 7} ${206}C${CX + w - 12} ${240} ${CX + 40} ${252} ${CX + 28} ${258}C${CX + 26} ${286} ${CX - 26} ${286} ${CX - 28} ${258}C${CX - 40} ${252} ${CX - w + 12} ${240} ${CX - w + 7} ${206}Z`
      : d`M${CX - w + 2} ${210}C${CX - w + 4} ${262} ${CX - jaw - 6} ${chin - 4} ${CX} ${chin + 3}C${CX + jaw + 6} ${chin - 4} ${CX + w - 4} ${262} ${CX + w - 2} ${210}L${CX + w - 8} ${222}C${CX + w - 12} ${250} ${CX + 36} ${262} ${CX + 26} ${274}C${CX + 20} ${288} ${CX - 20} ${288} ${CX - 26} ${274}C${CX - 36} ${262} ${CX - w + 12} ${250} ${CX - w + 8} ${222}Z`;
    out += path(b, p.beard, full ? '' : op(0.55));
  }
  if (p.moustache) {
    const big = p.id === 'frank-doyle';
    const h = big ? 16 : 8;
    const y = MOUTH_Y - (big ? 4 : 7);
    const x = p.mouthW + (big ? 16 : 6);
    out += path(
      d`M${CX - x} ${y + 2}C${CX - 16} ${y - 8 - h} ${CX - 4} ${y - 12} ${CX} ${y - 9}C${CX + 4} ${y - 12} ${CX + 16} ${y - 8 - h} ${CX + x} ${y + 2}C${CX + 12} ${y - 5} ${CX - 12} ${y - 5} ${CX - x} ${y + 2}Z`,
      p.moustache,
    );
  }
  return out;
}

export function ageLines(p: Person): string {
  if (p.age < 2) return '';
  const c = darken(p.skin, 0.3);
  let out = stroke(
    d`M${CX - 22} ${238}Q${CX - 30} ${256} ${CX - 26} ${272}M${CX + 22} ${238}Q${CX + 30} ${256} ${CX + 26} ${272}`,
    c,
    2,
    op(0.45),
  );
  if (p.age >= 3)
    out += stroke(
      d`M${CX - 28} ${150}Q${CX} ${144} ${CX + 28} ${150}M${CX - 22} ${160}Q${CX} ${155} ${CX + 22} ${160}`,
      c,
      1.8,
      op(0.4),
    );
  return out;
}

export function body(p: Person): string {
  const c = p.clothing;
  const skin = p.skin;
  const skinShade = darken(skin, 0.2);
  const main = c.main;
  const mainShade = darken(main, 0.18);
  const out: string[] = [];
  // neck
  out.push(
    path(
      d`M${CX - 31} ${262}L${CX - 33} ${362}C${CX - 16} ${382} ${CX + 16} ${382} ${CX + 33} ${362}L${CX + 31} ${262}Z`,
      skin,
    ),
  );
  out.push(
    path(
      d`M${CX - 32} ${286}C${CX - 10} ${322} ${CX + 10} ${322} ${CX + 32} ${286}L${CX + 32} ${306}C${CX + 10} ${340} ${CX - 10} ${340} ${CX - 32} ${306}Z`,
      skinShade,
      op(0.8),
    ),
  );
  const torso = d`M${18} ${480}C${22} ${414} ${70} ${378} ${CX - 44} ${360}L${CX + 44} ${360}C${330} ${378} ${378} ${414} ${382} ${480}Z`;
  const shadeR = d`M${300} ${380}C${350} ${400} ${378} ${430} ${382} ${480}L${330} ${480}C${330} ${440} ${320} ${410} ${300} ${380}Z`;
  const vneck = (depth: number, half: number): string =>
    path(d`M${CX - half} ${358}L${CX} ${358 + depth}L${CX + half} ${358}Z`, skin);
  const collar = (col: string, spread = 1): string =>
    path(d`M${CX} ${400}L${CX - 32 * spread} ${354}L${CX - 50 * spread} ${372}L${CX - 14} ${414}Z`, col) +
    path(d`M${CX} ${400}L${CX + 32 * spread} ${354}L${CX + 50 * spread} ${372}L${CX + 14} ${414}Z`, col) +
    stroke(
      d`M${CX} ${400}L${CX - 32 * spread} ${354}M${CX} ${400}L${CX + 32 * spread} ${354}`,
      darken(col, 0.2),
      1.5,
    );
  const jacket = (col: string, lapel: string, gap: number): string =>
    path(
      d`M${18} ${480}C${22} ${414} ${70} ${378} ${CX - 44} ${360}L${CX - 30} ${362}L${CX - gap} ${480}Z`,
      col,
    ) +
    path(
      d`M${382} ${480}C${378} ${414} ${330} ${378} ${CX + 44} ${360}L${CX + 30} ${362}L${CX + gap} ${480}Z`,
      col,
    ) +
    path(
      d`M${CX - 30} ${362}L${CX - 58} ${394}L${CX - 42} ${408}L${CX - 50} ${418}L${CX - gap + 2} ${478}L${CX - gap} ${480}L${CX - 30} ${362}Z`,
      lapel,
    ) +
    path(
      d`M${CX + 30} ${362}L${CX + 58} ${394}L${CX + 42} ${408}L${CX + 50} ${418}L${CX + gap - 2} ${478}L${CX + gap} ${480}L${CX + 30} ${362}Z`,
      lapel,
    ) +
    path(shadeR, darken(col, 0.25), op(0.6));
  const tie = (col: string, knotY: number, loose: boolean): string =>
    path(
      d`M${CX - 9} ${knotY}L${CX + 9} ${knotY}L${CX + 7} ${knotY + 16}L${CX - 7} ${knotY + 16}Z`,
      darken(col, 0.1),
    ) +
    path(
      d`M${CX - 7} ${knotY + 15}L${CX + 7} ${knotY + 15}L${CX + (loose ? 18 : 15)} ${480}L${CX - (loose ? 10 : 15)} ${480}Z`,
      col,
    ) +
    stroke(
      d`M${CX - 4} ${knotY + 30}L${CX + 8} ${knotY + 22}M${CX - 6} ${knotY + 60}L${CX + 12} ${knotY + 48}`,
      lighten(col, 0.25),
      3,
      op(0.5),
    );
  switch (c.kind) {
    case 'cardigan': {
      out.push(path(torso, c.under));
      out.push(collar(lighten(c.under, 0.3)));
      out.push(
        path(
          d`M${18} ${480}C${22} ${414} ${70} ${378} ${CX - 44} ${360}L${CX - 34} ${364}L${CX - 6} ${480}Z`,
          main,
        ) +
          path(
            d`M${382} ${480}C${378} ${414} ${330} ${378} ${CX + 44} ${360}L${CX + 34} ${364}L${CX + 6} ${480}Z`,
            main,
          ) +
          stroke(
            d`M${CX - 34} ${366}L${CX - 8} ${480}M${CX + 34} ${366}L${CX + 8} ${480}`,
            darken(main, 0.2),
            6,
          ) +
          circ(CX + 16, 430, 4, lighten(main, 0.35)) +
          circ(CX + 10, 462, 4, lighten(main, 0.35)) +
          path(shadeR, mainShade, op(0.7)),
      );
      break;
    }
    case 'shirt': {
      out.push(path(torso, main));
      out.push(vneck(50, 26));
      out.push(collar(lighten(main, 0.15), 1.1));
      out.push(stroke(d`M${CX} ${410}L${CX} ${480}`, darken(main, 0.2), 2));
      out.push(circ(CX + 5, 430, 2.5, '#efe9df') + circ(CX + 5, 462, 2.5, '#efe9df'));
      out.push(path(shadeR, mainShade, op(0.7)));
      // rolled sleeves on the upper arms
      out.push(
        path(
          d`M${22} ${452}C${34} ${446} ${52} ${446} ${62} ${452}L${60} ${470}C${50} ${464} ${34} ${464} ${20} ${470}Z`,
          c.under,
        ),
      );
      out.push(
        path(
          d`M${378} ${452}C${366} ${446} ${348} ${446} ${338} ${452}L${340} ${470}C${350} ${464} ${366} ${464} ${380} ${470}Z`,
          c.under,
        ),
      );
      out.push(stroke(d`M${CX - 26} ${366}Q${CX} ${392} ${CX + 26} ${366}`, '#c9a24a', 2.2));
      break;
    }
    case 'blazer':
    case 'suit': {
      out.push(path(torso, c.under));
      if (c.kind === 'blazer') out.push(vneck(26, 24));
      else out.push(path(d`M${CX - 30} ${360}Q${CX} ${378} ${CX + 30} ${360}`, skin));
      out.push(jacket(main, lighten(main, c.kind === 'suit' ? 0.08 : 0.12), c.kind === 'suit' ? 8 : 14));
      if (c.kind === 'suit') out.push(circ(CX + 4, 458, 4, '#11131a'));
      break;
    }
    case 'suit-tie': {
      out.push(path(torso, c.under));
      out.push(collar('#f3f6f9', 0.8));
      out.push(tie(c.tie ?? '#7a2f35', 370, false));
      out.push(collar('#f3f6f9', 0.8).replace(/<path[^>]*\/>$/, ''));
      out.push(jacket(main, lighten(main, 0.1), 30));
      break;
    }
    case 'loose-tie': {
      out.push(path(torso, main));
      out.push(vneck(34, 22));
      out.push(tie(c.tie ?? '#2f4f7a', 392, true));
      out.push(collar('#f7f8f6', 1.15));
      out.push(path(shadeR, mainShade, op(0.7)));
      // braces
      out.push(
        stroke(
          d`M${CX - 78} ${372}L${CX - 62} ${480}M${CX + 78} ${372}L${CX + 62} ${480}`,
          c.extra ?? '#7d6a55',
          9,
        ),
      );
      break;
    }
    case 'polo': {
      out.push(path(torso, main));
      out.push(vneck(30, 16));
      out.push(path(d`M${CX - 6} ${386}L${CX + 6} ${386}L${CX + 6} ${430}L${CX - 6} ${430}Z`, c.under));
      out.push(circ(CX, 400, 2.4, '#e9e4dc') + circ(CX, 418, 2.4, '#e9e4dc'));
      out.push(
        path(d`M${CX} ${388}L${CX - 34} ${354}L${CX - 56} ${368}L${CX - 20} ${398}Z`, c.under) +
          path(d`M${CX} ${388}L${CX + 34} ${354}L${CX + 56} ${368}L${CX + 20} ${398}Z`, c.under),
      );
      out.push(path(shadeR, mainShade, op(0.7)));
      // logo on the chest
      out.push(
        circ(CX + 70, 420, 10, c.extra ?? '#e3a857') +
          path(d`M${CX + 64} ${420}L${CX + 70} ${414}L${CX + 76} ${420}L${CX + 70} ${426}Z`, main),
      );
      // headset resting round the neck
      out.push(stroke(d`M${CX - 46} ${352}Q${CX} ${392} ${CX + 46} ${352}`, '#2a2d31', 6));
      out.push(ell(CX - 48, 352, 14, 18, '#33373c', ' transform="rotate(-25 152 352)"'));
      out.push(ell(CX + 48, 352, 14, 18, '#33373c', ' transform="rotate(25 248 352)"'));
      out.push(ell(CX - 48, 352, 8, 11, '#4c5157', ' transform="rotate(-25 152 352)"'));
      out.push(stroke(d`M${CX - 40} ${364}Q${CX - 30} ${384} ${CX - 10} ${386}`, '#2a2d31', 3.5));
      break;
    }
    case 'open-collar': {
      out.push(path(torso, c.extra ?? '#5a4f6d'));
      out.push(path(d`M${CX - 44} ${360}L${CX + 44} ${360}L${CX + 30} ${480}L${CX - 30} ${480}Z`, main));
      out.push(vneck(44, 22));
      out.push(collar(lighten(main, 0.2), 1.1));
      out.push(jacket(c.extra ?? '#5a4f6d', lighten(c.extra ?? '#5a4f6d', 0.1), 30));
      break;
    }
    case 'blouse': {
      out.push(path(torso, main));
      out.push(path(d`M${CX - 34} ${360}Q${CX} ${392} ${CX + 34} ${360}`, skin));
      out.push(stroke(d`M${CX - 34} ${360}Q${CX} ${392} ${CX + 34} ${360}`, lighten(main, 0.3), 5));
      out.push(path(shadeR, mainShade, op(0.7)));
      // lanyard and badge
      const lan = c.extra ?? '#1b7f79';
      out.push(stroke(d`M${CX - 30} ${366}L${CX - 6} ${440}M${CX + 30} ${366}L${CX + 6} ${440}`, lan, 7));
      out.push(rect(CX - 22, 436, 44, 46, '#fbfaf7', ' rx="4" stroke="#c9c4bb" stroke-width="1.5"'));
      out.push(rect(CX - 22, 436, 44, 12, lan, ' rx="3"'));
      out.push(
        circ(CX - 9, 462, 6, '#c9d2d8') +
          rect(CX + 1, 457, 15, 3, '#8d9aa3') +
          rect(CX + 1, 464, 11, 3, '#b7c0c6'),
      );
      break;
    }
    case 'lab-coat': {
      out.push(path(torso, c.extra ?? '#4f8f8c'));
      out.push(path(d`M${CX - 30} ${358}L${CX} ${400}L${CX + 30} ${358}Z`, skin));
      out.push(jacket(main, '#e6e5df', 36));
      out.push(
        stroke(d`M${CX - 30} ${362}L${CX} ${402}L${CX + 30} ${362}`, darken(c.extra ?? '#4f8f8c', 0.1), 3),
      );
      // pocket with pens, badge
      out.push(rect(CX + 64, 424, 42, 50, '#ecebe6', ' rx="3" stroke="#cfcdc5" stroke-width="1.5"'));
      out.push(
        rect(CX + 72, 410, 5, 22, '#2f5d8a', ' rx="2"') + rect(CX + 82, 414, 5, 18, '#a9483a', ' rx="2"'),
      );
      out.push(
        rect(CX - 100, 426, 34, 40, '#fbfaf7', ' rx="3" stroke="#c9c4bb" stroke-width="1.5"') +
          rect(CX - 100, 426, 34, 9, '#4f8f8c', ' rx="2"'),
      );
      break;
    }
  }
  return out.join('');
}

export function hand(p: Person, e: ExprSpec): string {
  if (!e.hand) return '';
  // the sleeve is the outer garment: the jacket for the open-collar look, else the main colour
  const sleeve = p.clothing.kind === 'open-collar' ? (p.clothing.extra ?? p.clothing.main) : p.clothing.main;
  const skin = p.skin;
  const sh = darken(skin, 0.22);
  return [
    // forearm rising from the lower right
    path(d`M${262} ${480}L${224} ${340}L${266} ${332}L${330} ${480}Z`, sleeve),
    path(d`M${300} ${480}L${254} ${336}L${266} ${332}L${330} ${480}Z`, darken(sleeve, 0.18), op(0.7)),
    path(d`M${222} ${344}L${268} ${336}L${270} ${350}L${224} ${358}Z`, darken(sleeve, 0.1)),
    // loose fist under the chin with the index finger along the jaw
    path(
      d`M${196} ${306}C${200} ${292} ${238} ${288} ${256} ${298}C${270} ${306} ${272} ${334} ${262} ${342}L${228} ${346}C${212} ${340} ${194} ${322} ${196} ${306}Z`,
      skin,
      ` stroke="${sh}" stroke-width="2.5"`,
    ),
    path(
      d`M${236} ${300}C${244} ${280} ${252} ${256} ${262} ${232}C${266} ${226} ${276} ${230} ${274} ${238}C${268} ${262} ${262} ${284} ${256} ${302}Z`,
      skin,
      ` stroke="${sh}" stroke-width="2.5"`,
    ),
    stroke(
      d`M${204} ${318}C${216} ${316} ${230} ${318} ${240} ${324}M${206} ${330}C${218} ${328} ${232} ${330} ${244} ${336}`,
      sh,
      2.2,
      op(0.8),
    ),
    stroke(d`M${256} ${302}C${262} ${284} ${268} ${262} ${274} ${238}`, sh, 2, op(0.7)),
    stroke(d`M${198} ${306}C${212} ${300} ${226} ${302} ${236} ${306}`, sh, 2.2, op(0.8)),
  ].join('');
}

export function portrait(p: Person, exprName: Expression): string {
  const e = EXPR[exprName];
  const h = hair(p);
  const skinShade = darken(p.skin, 0.16);
  const { w } = p.face;
  const tilt = `rotate(${e.tilt} ${CX} 300)`;
  const ears =
    ell(CX - w + 2, 214, 12, 22, p.skin) +
    ell(CX + w - 2, 214, 12, 22, p.skin) +
    ell(CX - w + 1, 214, 6, 13, skinShade) +
    ell(CX + w - 1, 214, 6, 13, skinShade) +
    (p.earrings ? circ(CX - w + 1, 240, 4.5, p.earrings) + circ(CX + w - 1, 240, 4.5, p.earrings) : '');
  const faceShade = path(
    d`M${CX + w * 0.45} ${TOP + 8}C${CX + w + 2} ${120} ${CX + w} ${170} ${CX + w} ${200}C${CX + w} ${252} ${CX + p.face.jaw + 6} ${p.face.chin - 12} ${CX} ${p.face.chin}C${CX + p.face.jaw} ${p.face.chin - 24} ${CX + w - 12} ${240} ${CX + w - 10} ${200}C${CX + w - 10} ${160} ${CX + w - 20} ${120} ${CX + w * 0.45} ${TOP + 8}Z`,
    skinShade,
    op(0.75),
  );
  const blush = e.blush
    ? ell(CX - 46, 240, 16, 9, '#d9534f', op(e.blush)) + ell(CX + 46, 240, 16, 9, '#d9534f', op(e.blush))
    : '';
  const ids = `${p.id.slice(0, 2)}${exprName.slice(0, 3)}`;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 480" width="400" height="480">`,
    `<title>${p.id} — ${exprName}</title>`,
    '<g transform="matrix(1.08 0 0 1.08 -16 -38.4)">',
    h.back ? `<g transform="${tilt}">${h.back}</g>` : '',
    body(p),
    `<g transform="${tilt}">`,
    ears,
    path(headPath(p), p.skin),
    faceShade,
    ageLines(p),
    blush,
    facialHair(p),
    nose(p),
    mouth(p, e),
    eyes(p, e, ids),
    eyebrows(p, e),
    h.front,
    glasses(p),
    '</g>',
    hand(p, e),
    '</g>',
    '</svg>',
  ];
  return `${parts.join('')}\n`;
}
