import { describe, expect, it, vi } from 'vitest';
import { loadSave } from './load';
import { CORRUPT_PREFIX, emptySave, readSave, SAVE_KEY, validateSave } from './schema';
import { CANNOT_SAVE, type KeyValueStorage, SaveStore } from './store';

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

describe('a save read entry by entry', () => {
  const good = () => {
    const save = emptySave();
    save.settings.textSize = 'larger';
    save.settings.highContrast = true;
    save.progress = {
      'final-say': { best: 80, completed: true, endings: ['hired'], plays: 2 },
      'two-offers': { best: 55, completed: true, endings: ['x'], plays: 1 },
    };
    return save;
  };

  it('keeps settings and every other best score when one best score is 101', () => {
    const save = good() as unknown as { progress: Record<string, { best: number }> };
    save.progress['two-offers']!.best = 101;
    const s = new MemoryStorage();
    s.setItem(SAVE_KEY, JSON.stringify(save));
    const r = loadSave(s, 77);
    expect(r.save.settings.textSize).toBe('larger');
    expect(r.save.settings.highContrast).toBe(true);
    expect(r.save.progress['final-say']?.best).toBe(80);
    expect(r.save.progress['two-offers']).toBeUndefined();
    expect(r.notice).toContain('the best score for "two-offers"');
    expect(r.notice).toContain(`set aside (as ${CORRUPT_PREFIX}77)`);
    expect(r.notice).toContain('Everything else was kept');
    const kept = JSON.parse(s.getItem(`${CORRUPT_PREFIX}77`)!);
    expect(kept.entries['progress.two-offers'].best).toBe(101);
    // The clean save is written back, so the next load has nothing to report.
    expect(loadSave(s, 78).notice).toBeNull();
  });

  it('keeps settings and best scores when the resume is malformed', () => {
    const save = { ...good(), resume: { v: 1, scenario: 'x', seed: 'nope', actions: 3 } };
    const s = new MemoryStorage();
    s.setItem(SAVE_KEY, JSON.stringify(save));
    const r = loadSave(s, 5);
    expect(r.save.resume).toBeNull();
    expect(r.save.settings.textSize).toBe('larger');
    expect(r.save.progress['final-say']?.best).toBe(80);
    expect(r.notice).toContain('the interview you left');
  });

  it('keeps the good settings when one setting is bad', () => {
    const save = good() as unknown as { settings: Record<string, unknown> };
    save.settings.mode = 'chaos';
    const r = readSave(JSON.stringify(save));
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.save.settings.textSize).toBe('larger');
      expect(r.save.settings.mode).toBe('expected');
      expect(r.setAside.map((e) => e.path)).toEqual(['settings.mode']);
    }
  });

  it('says truthfully when the copy could not be kept', () => {
    const save = good() as unknown as { progress: Record<string, { best: number }> };
    save.progress['final-say']!.best = -4;
    const full: KeyValueStorage = {
      value: JSON.stringify(save),
      getItem(k: string) {
        return k === SAVE_KEY ? (this as unknown as { value: string }).value : null;
      },
      setItem() {
        throw new DOMException('full', 'QuotaExceededError');
      },
      removeItem() {},
    } as KeyValueStorage & { value: string };
    const r = loadSave(full, 9);
    expect(r.movedTo).toBeNull();
    expect(r.notice).toContain('could not be kept');
    expect(r.notice).not.toContain('set aside (as');
    expect(r.save.progress['two-offers']?.best).toBe(55);
  });

  it('treats scenario ids named like built-in properties as plain ids', () => {
    const raw = `{"v":1,"settings":${JSON.stringify(emptySave().settings)},"progress":{"__proto__":{"best":50,"completed":true,"endings":[],"plays":1}},"resume":null}`;
    const r = readSave(raw);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(Object.getPrototypeOf(r.save.progress)).toBe(Object.prototype);
      expect(Object.hasOwn(r.save.progress, '__proto__')).toBe(true);
    }
    const store = new SaveStore(null, emptySave());
    expect(store.progress('constructor')).toEqual({ best: null, completed: false, endings: [], plays: 0 });
    expect(store.progress('toString').best).toBeNull();
  });

  it('tells the player once when progress cannot be saved', () => {
    const info = vi.spyOn(console, 'info').mockImplementation(() => {});
    const told: string[] = [];
    const blocked: KeyValueStorage = {
      getItem: () => null,
      setItem() {
        throw new DOMException('full', 'QuotaExceededError');
      },
      removeItem() {},
    };
    const store = new SaveStore(blocked, emptySave(), (m) => told.push(m));
    store.updateSettings({ muted: true });
    store.recordResult('x', 50, 'e');
    expect(told).toEqual([CANNOT_SAVE]);
    expect(store.writeFailed).toBe(true);
    expect(loadSave(null, 1).notice).toBe(CANNOT_SAVE);
    info.mockRestore();
  });
});
