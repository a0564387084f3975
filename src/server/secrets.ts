/** Room codes, tokens and the trainer key: random from the OS, compared in constant time. */
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { LIMITS } from '../protocol/index';

export function newRoomCode(): string {
  let code = '';
  for (let i = 0; i < LIMITS.codeLength; i++)
    code += LIMITS.codeAlphabet[randomInt(LIMITS.codeAlphabet.length)];
  return code;
}

/** 32 random bytes, base64url: 43 characters. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function newSessionId(): string {
  return randomBytes(9).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}

/** A seed every team in a room shares (the engine takes a 32-bit unsigned integer). */
export function newSeed(): number {
  return randomInt(1, 2 ** 31);
}

/**
 * Why a chosen trainer key is too weak, or null. It guards every past session's records, and
 * anyone on the network can try it, so: at least MIN_KEY_LENGTH characters, at least 8 different
 * characters, and not built from a common password or this app's own words (a small list of the
 * most common passwords, checked after lower-casing and removing digits and symbols).
 */
export const MIN_KEY_LENGTH = 16;
const COMMON = [
  'password',
  'passw0rd',
  'qwerty',
  'qwertyuiop',
  'asdfgh',
  'asdfghjkl',
  'zxcvbn',
  'letmein',
  'welcome',
  'admin',
  'administrator',
  'trainer',
  'training',
  'closecall',
  'close',
  'call',
  'secret',
  'changeme',
  'default',
  'iloveyou',
  'monkey',
  'dragon',
  'football',
  'baseball',
  'sunshine',
  'princess',
  'master',
  'shadow',
  'superman',
  'abc',
  'abcdef',
  'abcdefgh',
  'test',
  'testing',
  'login',
  'root',
  'guest',
  'user',
  'interview',
  'key',
  'trainerkey',
];

export function weakKeyProblem(key: string): string | null {
  if (key.length < MIN_KEY_LENGTH) return `it has ${key.length} characters; use at least ${MIN_KEY_LENGTH}`;
  if (new Set(key).size < 8) return 'it uses fewer than 8 different characters';
  const letters = key.toLowerCase().replace(/[^a-z]/g, '');
  if (letters.length === 0) return 'it has no letters';
  let rest = letters;
  // Made only of common words (e.g. "Password123Password!"): nothing is left once they are removed.
  for (const word of [...COMMON].sort((a, b) => b.length - a.length)) rest = rest.split(word).join('');
  if (rest.length < 4) return 'it is made of a common password or of words anyone would try';
  if (/^(.)\1*$/.test(key) || (/0123|1234|2345|3456|4567|5678|6789|abcd|qwer/i.test(key) && rest.length < 8))
    return 'it is a run of keyboard or counting characters';
  return null;
}
