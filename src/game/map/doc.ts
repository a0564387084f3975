/**
 * The scenario being edited on the map: its file text, changed field by field with jsonc-parser's
 * modify/applyEdits so the file keeps its formatting and key order wherever nothing changed; an
 * undo and a redo stack of texts; validation after each change; saving through the dev server
 * (`npm run dev`) or as a download. One session per file lives across scene restarts (the map is
 * redrawn, and hot reload restarts it after a save), so undo history and the chosen node survive.
 */
import { applyEdits, type JSONPath, modify, parse } from 'jsonc-parser';
import type { Problem, Scenario } from '../../engine';
import { validateEntry } from '../catalog';

/** What a change does: set a value (undefined removes it) or insert into an array. */
export interface Change {
  path: JSONPath;
  value: unknown;
  insert?: boolean;
}

const FORMAT = { formattingOptions: { insertSpaces: true, tabSize: 2, eol: '\n' } };

/** A JSON path as the validator writes it: $.nodes[3].lines[0].text */
export function pathText(path: JSONPath): string {
  return `$${path.map((p) => (typeof p === 'number' ? `[${p}]` : /^[A-Za-z_$][\w$]*$/.test(p) ? `.${p}` : `["${p}"]`)).join('')}`;
}

export class ScenarioDoc {
  text: string;
  private readonly undoStack: string[] = [];
  private readonly redoStack: string[] = [];
  private lastKey: string | null = null;
  private lastAt = 0;
  /** The text last saved (or loaded), to tell whether there is anything to save. */
  savedText: string;
  /** The last text that validated, and its scenario: the map draws it while the file has errors. */
  lastGood: Scenario;
  problems: Problem[] = [];
  /** The node chosen in the editor, kept across redraws. */
  selected: string | null = null;
  /** The field focused before a redraw (its data-path or data-action), to focus again after it. */
  focusPath: string | null = null;
  /** The editor panel open before a redraw (endings, persona, situation, close), if not a node's. */
  panel: 'endings' | 'persona' | 'situation' | 'close' | null = null;
  /** The map's zoom and pan before a redraw. */
  view: { zoom: number; panX: number; panY: number } | null = null;

  constructor(
    readonly file: string,
    readonly source: 'library' | 'local',
    text: string,
    scenario: Scenario,
  ) {
    this.text = text;
    this.savedText = text;
    this.lastGood = scenario;
    this.check();
  }

  /** The file as a plain value (whatever its errors), for the editor's fields. */
  value(): Record<string, unknown> {
    const v = parse(this.text, [], { allowTrailingComma: true });
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : {};
  }

  /**
   * What the map draws: the valid scenario, or while the file has errors the last valid one with
   * the file's nodes and endings as they are now (so a node being written is on the map).
   */
  draft(): Scenario {
    if (this.errors.length === 0) return this.lastGood;
    const v = this.value();
    const list = (x: unknown) => (Array.isArray(x) ? (x as Record<string, unknown>[]) : []);
    const nodes = list(v.nodes)
      .filter((n) => n && typeof n.id === 'string')
      .map((n) => ({
        ...n,
        moment: ['opening', 'middle', 'closing'].includes(n.moment as string) ? n.moment : 'middle',
        lines: list(n.lines).filter((l) => l && typeof l === 'object'),
        choices: list(n.choices).filter((c) => c && typeof c === 'object'),
        discussion: [],
      }));
    const endings = list(v.endings).filter((e) => e && typeof e.id === 'string');
    const ids = new Set(nodes.map((n) => (n as { id?: unknown }).id as string));
    return {
      ...this.lastGood,
      nodes: nodes.length ? (nodes as unknown as Scenario['nodes']) : this.lastGood.nodes,
      endings: endings.length ? (endings as unknown as Scenario['endings']) : this.lastGood.endings,
      start: typeof v.start === 'string' && ids.has(v.start) ? v.start : this.lastGood.start,
    };
  }

  /** The value at a path, or undefined. */
  at(path: JSONPath): unknown {
    let v: unknown = this.value();
    for (const p of path) {
      if (v === null || typeof v !== 'object') return undefined;
      v = (v as Record<string | number, unknown>)[p];
    }
    return v;
  }

  /** Applies changes as one step of undo. Returns false when nothing changed. */
  apply(...changes: Change[]): boolean {
    return this.applyAs(null, ...changes);
  }

  /**
   * Applies changes; successive changes with the same key (typing in one field) within two
   * seconds make one step of undo.
   */
  applyAs(key: string | null, ...changes: Change[]): boolean {
    let text = this.text;
    for (const c of changes) {
      text = applyEdits(
        text,
        modify(text, c.path, c.value, { ...FORMAT, isArrayInsertion: c.insert === true }),
      );
    }
    if (text === this.text) return false;
    const now = Date.now();
    const same =
      key !== null && key === this.lastKey && now - this.lastAt < 2000 && this.undoStack.length > 0;
    this.lastKey = key;
    this.lastAt = now;
    if (same) {
      this.redoStack.length = 0;
      this.text = text;
      this.check();
      return true;
    }
    this.undoStack.push(this.text);
    if (this.undoStack.length > 200) this.undoStack.shift();
    this.redoStack.length = 0;
    this.text = text;
    this.check();
    return true;
  }

  get canUndo(): boolean {
    return this.undoStack.length > 0;
  }

  get canRedo(): boolean {
    return this.redoStack.length > 0;
  }

  undo(): boolean {
    this.lastKey = null;
    const prev = this.undoStack.pop();
    if (prev === undefined) return false;
    this.redoStack.push(this.text);
    this.text = prev;
    this.check();
    return true;
  }

  redo(): boolean {
    this.lastKey = null;
    const next = this.redoStack.pop();
    if (next === undefined) return false;
    this.undoStack.push(this.text);
    this.text = next;
    this.check();
    return true;
  }

  /** The file changed on disk (and nothing here was unsaved): take its text, as a step of undo. */
  reloaded(text: string, scenario: Scenario): void {
    this.undoStack.push(this.text);
    this.redoStack.length = 0;
    this.lastKey = null;
    this.text = text;
    this.savedText = text;
    this.lastGood = scenario;
    this.check();
  }

  get dirty(): boolean {
    return this.text !== this.savedText;
  }

  /** Validates the text; a valid one becomes what the map draws. */
  private check(): void {
    const entry = validateEntry(this.text, this.file, this.source);
    this.problems = entry.problems;
    if (entry.ok) this.lastGood = entry.scenario;
  }

  /** Problems whose JSON path is at or under `path` (for marking a field or a node). */
  problemsAt(path: JSONPath): Problem[] {
    const p = pathText(path);
    return this.problems.filter(
      (x) => x.path === p || x.path.startsWith(`${p}.`) || x.path.startsWith(`${p}[`),
    );
  }

  get errors(): Problem[] {
    return this.problems.filter((p) => p.severity === 'error');
  }
}

const sessions = new Map<string, ScenarioDoc>();

/** The editing session of a file, if one is open. */
export function sessionOf(file: string): ScenarioDoc | null {
  return sessions.get(file) ?? null;
}

export function openSession(doc: ScenarioDoc): ScenarioDoc {
  sessions.set(doc.file, doc);
  return doc;
}

export function closeSession(file: string): void {
  sessions.delete(file);
}

/** Where saving writes: the dev server's scenarios folder, or a download. */
export function canSaveToDisk(doc: ScenarioDoc): boolean {
  return import.meta.env.DEV && doc.source === 'library' && /^scenarios\/[^/\\]+\.json$/.test(doc.file);
}

/**
 * Saves the text: through the dev server (it writes the file, and hot reload follows) or as a
 * download. Returns a sentence saying what happened.
 */
export async function saveDoc(doc: ScenarioDoc): Promise<string> {
  const name = doc.file.replace(/^.*\//, '');
  if (canSaveToDisk(doc)) {
    const res = await fetch(`./__closecall/save?name=${encodeURIComponent(name)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: doc.text,
    });
    const said = await res.text();
    if (!res.ok) throw new Error(said || `the dev server answered ${res.status}`);
    doc.savedText = doc.text;
    return `Saved ${doc.file}.`;
  }
  const url = URL.createObjectURL(new Blob([doc.text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
  doc.savedText = doc.text;
  return `Downloaded ${name}: ${doc.source === 'local' ? 'the loaded copy is updated too' : 'put it in your scenarios folder'}.`;
}
