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
