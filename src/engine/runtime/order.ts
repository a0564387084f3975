/**
 * Display order of a node's choices. Authors write the best answer first more often than not,
 * so showing choices in authored order would telegraph it: the engine shuffles them instead,
 * seeded by the playthrough's seed and the node, so one playthrough always shows a node the
 * same way (a rewind or a restored save looks as it did) while another playthrough differs.
 * The close composer's forms and deliveries are ordered the same way (the strongest close is not
 * always listed first). A node with `keepOrder: true` keeps the authored order where the fiction
 * needs it.
 */
import { createRandom } from '../random';

/** FNV-1a of a string, mixed with a seed: a stable 32-bit number per (seed, text). */
function hashWith(seed: number, text: string): number {
  let h = (0x811c9dc5 ^ (seed >>> 0)) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/**
 * The order in which a node's available choices are shown: a seeded Fisher–Yates shuffle of
 * the authored order, or the authored order itself when the node keeps it.
 */
export function displayOrder<T>(choices: readonly T[], seed: number, nodeId: string, keepOrder = false): T[] {
  const out = choices.slice();
  if (keepOrder || out.length < 2) return out;
  const random = createRandom(hashWith(seed, nodeId));
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
