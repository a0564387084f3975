/** Player names: cleaned, length-limited and filtered; a friendly one when left empty. */
import { randomInt } from 'node:crypto';
import { LIMITS } from '../protocol/index';

const ADJECTIVES = [
  'Brisk',
  'Calm',
  'Bold',
  'Keen',
  'Swift',
  'Sunny',
  'Quiet',
  'Clever',
  'Steady',
  'Lucky',
  'Bright',
  'Merry',
  'Nimble',
  'Gentle',
  'Plucky',
  'Witty',
  'Eager',
  'Jolly',
  'Sharp',
  'Frank',
];
const ANIMALS = [
  'Otter',
  'Heron',
  'Badger',
  'Falcon',
  'Lynx',
  'Panda',
  'Robin',
  'Marten',
  'Koala',
  'Puffin',
  'Hare',
  'Wren',
  'Beaver',
  'Fox',
  'Owl',
  'Seal',
  'Yak',
  'Ibis',
  'Lemur',
  'Finch',
];

export function friendlyName(taken: ReadonlySet<string>): string {
  for (let i = 0; i < 50; i++) {
    const name = `${ADJECTIVES[randomInt(ADJECTIVES.length)]} ${ANIMALS[randomInt(ANIMALS.length)]}`;
    if (!taken.has(name.toLowerCase())) return name;
  }
  return `Player ${randomInt(100, 1000)}`;
}

// Words refused in names shown on a projector. A short list of common English slurs and
// obscenities, matched as whole words after folding; not exhaustive, the host can kick or ban.
const REFUSED = [
  'fuck',
  'fucker',
  'fucking',
  'shit',
  'cunt',
  'bitch',
  'bastard',
  'dick',
  'cock',
  'pussy',
  'whore',
  'slut',
  'wank',
  'wanker',
  'twat',
  'nigger',
  'nigga',
  'faggot',
  'fag',
  'retard',
  'rape',
  'nazi',
  'hitler',
  'porn',
  'penis',
  'vagina',
  'asshole',
  'arsehole',
];
const REFUSED_SET = new Set(REFUSED);

// Control characters, zero-width and bidirectional overrides, and other invisible format characters.
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Co}\p{Cn}\u2028\u2029]/gu;

export type NameResult = { ok: true; name: string } | { ok: false; message: string };

/** Cleans a typed name; an empty result means "make one up". */
export function cleanName(raw: string | undefined): NameResult {
  const name = (raw ?? '').normalize('NFC').replace(INVISIBLE, '').replace(/\s+/gu, ' ').trim();
  if (name.length === 0) return { ok: true, name: '' };
  if ([...name].length > LIMITS.nameMax) {
    return { ok: false, message: `A name may have at most ${LIMITS.nameMax} characters.` };
  }
  const folded = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[0@]/g, 'o')
    .replace(/[1!|]/g, 'i')
    .replace(/3/g, 'e')
    .replace(/4/g, 'a')
    .replace(/[5$]/g, 's');
  const words = folded.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const squashed = words.join('');
  if (words.some((w) => REFUSED_SET.has(w)) || REFUSED.some((w) => w.length >= 5 && squashed.includes(w))) {
    return { ok: false, message: 'That name is not allowed here; choose another.' };
  }
  return { ok: true, name };
}
