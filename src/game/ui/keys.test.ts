import { describe, expect, it } from 'vitest';
import { choiceIndexForKey, completesTyping, keyHintFor } from './keys';

describe('number keys', () => {
  it('maps 1 to the first choice', () => {
    expect(choiceIndexForKey('1', 3)).toBe(0);
    expect(choiceIndexForKey('3', 3)).toBe(2);
  });
  it('ignores keys beyond the choices on offer', () => {
    expect(choiceIndexForKey('4', 3)).toBeNull();
    expect(choiceIndexForKey('0', 3)).toBeNull();
    expect(choiceIndexForKey('a', 3)).toBeNull();
    expect(choiceIndexForKey('10', 12)).toBeNull();
  });
  it('gives hints only for the first nine', () => {
    expect(keyHintFor(0)).toBe('1');
    expect(keyHintFor(8)).toBe('9');
    expect(keyHintFor(9)).toBeNull();
  });
  it('completes typing on space, enter and digits', () => {
    expect(completesTyping(' ')).toBe(true);
    expect(completesTyping('Enter')).toBe(true);
    expect(completesTyping('2')).toBe(true);
    expect(completesTyping('Tab')).toBe(false);
  });
});
