/** Friendly names for a phone whose player leaves "Your name" empty: an adjective and a bird. */
const ADJECTIVES = [
  'Calm',
  'Bright',
  'Steady',
  'Bold',
  'Quiet',
  'Quick',
  'Kind',
  'Clever',
  'Brave',
  'Sunny',
  'Keen',
  'Gentle',
  'Lucky',
  'Merry',
  'Swift',
  'Wise',
  'Witty',
  'Cheerful',
  'Patient',
  'Eager',
];
const BIRDS = [
  'Heron',
  'Robin',
  'Wren',
  'Finch',
  'Swift',
  'Owl',
  'Kestrel',
  'Puffin',
  'Lark',
  'Plover',
  'Curlew',
  'Magpie',
  'Starling',
  'Osprey',
  'Dunlin',
  'Avocet',
  'Linnet',
  'Merlin',
  'Egret',
  'Tern',
];

export function friendlyName(random: () => number = Math.random): string {
  const a = ADJECTIVES[Math.floor(random() * ADJECTIVES.length)] ?? 'Calm';
  let b = BIRDS[Math.floor(random() * BIRDS.length)] ?? 'Heron';
  if (b === a) b = 'Heron';
  return `${a} ${b}`;
}

/** A name as typed: trimmed, inner runs of space collapsed, control characters dropped, at most `max` characters. */
export function cleanName(raw: string, max = 24): string {
  let out = '';
  for (const ch of raw.normalize('NFC')) {
    const code = ch.codePointAt(0) ?? 0;
    if (code < 32 || (code >= 127 && code < 160) || (code >= 0x200b && code <= 0x200f) || code === 0xfeff)
      continue;
    out += ch;
  }
  return Array.from(out.replace(/\s+/g, ' ').trim()).slice(0, max).join('').trim();
}
