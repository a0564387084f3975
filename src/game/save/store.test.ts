import { describe, expect, it, vi } from 'vitest';
import { CORRUPT_PREFIX, emptySave, SAVE_KEY, validateSave } from './schema';
import { type KeyValueStorage, loadSave, SaveStore } from './store';

class MemoryStorage implements KeyValueStorage {
  map = new Map<string, string>();
  getItem(k: string) {
    return this.map.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.map.set(k, v);
  }
  removeItem(k: string) {
    this.map.delete(k);
  }
}

describe('validateSave', () => {
  it('accepts a fresh save', () => {
    expect(validateSave(JSON.stringify(emptySave())).ok).toBe(true);
  });
  it('rejects broken JSON, other versions and wrong shapes', () => {
    expect(validateSave('{oops')).toMatchObject({ ok: false, reason: 'it is not valid JSON' });
    expect(validateSave(JSON.stringify({ ...emptySave(), v: 0 }))).toMatchObject({ ok: false });
    const bad = {
      ...emptySave(),
      settings: { ...emptySave().settings, volumes: { ui: 7, voices: 0, ambience: 0 } },
    };
    const r = validateSave(JSON.stringify(bad));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain('settings.volumes.ui');
  });
  it('accepts a resumable playthrough', () => {
    const save = {
      ...emptySave(),
      resume: {
        v: 1,
        scenario: 'x',
        seed: 1,
        mode: 'expected',
        actions: [
          { type: 'choose', choice: 'a' },
          {
            type: 'close',
            close: { form: 'tentative', delivery: 'firm', points: [], leverage: null, commit: false },
          },
        ],
      },
    };
    expect(validateSave(JSON.stringify(save)).ok).toBe(true);
  });
});

describe('loadSave', () => {
  it('starts fresh without a save', () => {
    const r = loadSave(new MemoryStorage(), 5);
    expect(r.notice).toBeNull();
    expect(r.save.settings.mode).toBe('expected');
  });
  it('moves a corrupted save aside and explains', () => {
    const s = new MemoryStorage();
    s.setItem(SAVE_KEY, 'not json at all');
    const r = loadSave(s, 1234);
    expect(r.movedTo).toBe(`${CORRUPT_PREFIX}1234`);
    expect(s.getItem(`${CORRUPT_PREFIX}1234`)).toBe('not json at all');
    expect(s.getItem(SAVE_KEY)).toBeNull();
    expect(r.notice).toContain('could not be read');
  });
  it('survives a storage that throws', () => {
    const throwing: KeyValueStorage = {
      getItem() {
        throw new Error('blocked');
      },
      setItem() {
        throw new Error('blocked');
      },
      removeItem() {},
    };
    expect(loadSave(throwing, 1).save.v).toBe(1);
    const info = vi.spyOn(console, 'info').mockImplementation(() => {});
    new SaveStore(throwing, emptySave()).updateSettings({ muted: true });
    expect(info).toHaveBeenCalled();
    info.mockRestore();
  });
});

describe('SaveStore', () => {
  it('keeps the best score and endings seen', () => {
    const s = new MemoryStorage();
    const store = new SaveStore(s, emptySave());
    store.recordResult('tut', 40, 'a');
    store.recordResult('tut', 70, 'b');
    const p = store.recordResult('tut', 55, 'a');
    expect(p).toEqual({ best: 70, completed: true, endings: ['a', 'b'], plays: 3 });
    expect(loadSave(s, 1).save.progress.tut?.best).toBe(70);
  });
  it('writes settings through', () => {
    const s = new MemoryStorage();
    new SaveStore(s, emptySave()).updateSettings({ textSize: 'large' });
    expect(loadSave(s, 1).save.settings.textSize).toBe('large');
  });
});
