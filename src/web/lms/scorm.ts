/**
 * SCORM 1.2 and SCORM 2004 (4th edition): finding the platform's API object and reporting a
 * playthrough through it.
 *
 * Discovery is the standard search: this window, then up to 500 parent frames, then the
 * window that opened this one and its parents (SCORM 2004 RTE 3.3.6; SCORM 1.2 RTE 3.3).
 * The 2004 object is called `API_1484_11`, the 1.2 one `API`; a 2004 object wins when a frame
 * has both.
 */
import type { Playthrough, SaveData } from '../../engine';
import { type Interaction, interactionsSince, type Judgement, playReport } from '../../protocol/lms/report';
import { packSuspend, SUSPEND_LIMIT, unpackSuspend } from './suspend';

export type ScormVersion = '1.2' | '2004';

/** The calls a SCORM 1.2 platform provides. */
export interface Api12 {
  LMSInitialize(p: ''): string;
  LMSFinish(p: ''): string;
  LMSGetValue(el: string): string;
  LMSSetValue(el: string, v: string): string;
  LMSCommit(p: ''): string;
  LMSGetLastError(): string | number;
  LMSGetErrorString(code: string): string;
}

/** The calls a SCORM 2004 platform provides. */
export interface Api2004 {
  Initialize(p: ''): string;
  Terminate(p: ''): string;
  GetValue(el: string): string;
  SetValue(el: string, v: string): string;
  Commit(p: ''): string;
  GetLastError(): string | number;
  GetErrorString(code: string): string;
}

type Win = { parent: Win | null; opener?: Win | null } & Record<string, unknown>;

const MAX_PARENTS = 500;

function apiIn(win: Win): { version: ScormVersion; api: Api12 | Api2004 } | null {
  try {
    const a2004 = win.API_1484_11 as Api2004 | undefined;
    if (a2004 && typeof a2004.Initialize === 'function') return { version: '2004', api: a2004 };
    const a12 = win.API as Api12 | undefined;
    if (a12 && typeof a12.LMSInitialize === 'function') return { version: '1.2', api: a12 };
  } catch {
    // A frame from another origin cannot be read: the search goes on past it.
  }
  return null;
}

function searchUp(start: Win | null): { version: ScormVersion; api: Api12 | Api2004 } | null {
  let win = start;
  for (let i = 0; win && i <= MAX_PARENTS; i++) {
    const found = apiIn(win);
    if (found) return found;
    let parent: Win | null = null;
    try {
      parent = win.parent && win.parent !== win ? win.parent : null;
    } catch {
      parent = null;
    }
    win = parent;
  }
  return null;
}

/** Finds the platform's API from `win`: its own frames upwards, then its opener's. */
export function findScormApi(win: Win): { version: ScormVersion; api: Api12 | Api2004 } | null {
  const own = searchUp(win);
  if (own) return own;
  let top: Win = win;
  try {
    for (let i = 0; top.parent && top.parent !== top && i < MAX_PARENTS; i++) top = top.parent;
  } catch {
    // as above
  }
  let opener: Win | null = null;
  try {
    opener = top.opener ?? win.opener ?? null;
  } catch {
    opener = null;
  }
  return opener ? searchUp(opener) : null;
}

/** One interface over both versions' calls and element names. */
export class ScormConnection {
  constructor(
    readonly version: ScormVersion,
    private readonly api: Api12 | Api2004,
  ) {}

  private get v12(): Api12 {
    return this.api as Api12;
  }
  private get v2004(): Api2004 {
    return this.api as Api2004;
  }

  initialize(): boolean {
    return String(this.version === '1.2' ? this.v12.LMSInitialize('') : this.v2004.Initialize('')) === 'true';
  }
  terminate(): boolean {
    return String(this.version === '1.2' ? this.v12.LMSFinish('') : this.v2004.Terminate('')) === 'true';
  }
  get(el: string): string {
    return String((this.version === '1.2' ? this.v12.LMSGetValue(el) : this.v2004.GetValue(el)) ?? '');
  }
  /** Sets a value; returns the platform's error text when it refused, or null. */
  set(el: string, value: string): string | null {
    const ok = this.version === '1.2' ? this.v12.LMSSetValue(el, value) : this.v2004.SetValue(el, value);
    if (String(ok) === 'true') return null;
    const code = String(this.version === '1.2' ? this.v12.LMSGetLastError() : this.v2004.GetLastError());
    const text = this.version === '1.2' ? this.v12.LMSGetErrorString(code) : this.v2004.GetErrorString(code);
    return `${el}: error ${code} (${text})`;
  }
  commit(): boolean {
    return String(this.version === '1.2' ? this.v12.LMSCommit('') : this.v2004.Commit('')) === 'true';
  }
}

/** SCORM 1.2 CMITimespan: HHHH:MM:SS.SS. */
export function timespan12(ms: number): string {
  const cs = Math.max(0, Math.round(ms / 10));
  const h = Math.min(9999, Math.floor(cs / 360000));
  const m = Math.floor((cs % 360000) / 6000);
  const s = (cs % 6000) / 100;
  return `${String(h).padStart(4, '0')}:${String(m).padStart(2, '0')}:${s.toFixed(2).padStart(5, '0')}`;
}

/** SCORM 2004 / ISO 8601 duration: PT#H#M#S. */
export function duration2004(ms: number): string {
  const cs = Math.max(0, Math.round(ms / 10));
  const h = Math.floor(cs / 360000);
  const m = Math.floor((cs % 360000) / 6000);
  const s = (cs % 6000) / 100;
  return `PT${h ? `${h}H` : ''}${m ? `${m}M` : ''}${Number(s.toFixed(2))}S`;
}

/** SCORM 1.2 CMITime of day: HH:MM:SS. */
function time12(at: Date): string {
  return at.toTimeString().slice(0, 8);
}

/** SCORM 2004 time(second,10,0) in UTC: hundredths of a second at most, then Z. */
function time2004(at: Date): string {
  return `${at.toISOString().slice(0, 22)}Z`;
}

function result(version: ScormVersion, j: Judgement): string {
  if (j === 'incorrect') return version === '1.2' ? 'wrong' : 'incorrect';
  return j;
}

export interface ScormOptions {
  /** The scenario this launch is for (the package's launch URL names it); plays of others are not reported. */
  scenario: string | null;
  /** Pass mark 0–100 from the package, used when the platform does not give one. */
  mastery: number | null;
  /** Told once when the place in the interview cannot be kept. */
  notice: (message: string) => void;
  now?: () => number;
  /** The most suspend data the platform keeps; SCORM's guaranteed minimum for the version when not given. */
  suspendLimit?: number;
}

/**
 * Reports playthroughs to a SCORM platform: an interaction per decision and per close as they
 * happen, suspend data after each action, and completion, success and score when an ending is
 * reached. The learner's best finished play within the attempt is what the score shows.
 */
export class ScormReporter {
  readonly resume: SaveData | null;
  /** The pass mark in use, 0–100, or null when neither the platform nor the package gives one. */
  readonly mastery: number | null;
  private readonly startedAt: number;
  private readonly now: () => number;
  private play: Playthrough | null = null;
  private sent = 0;
  private lastActionAt: number;
  private best: number | null;
  private passed = false;
  private inProgress = false;
  private finished = false;
  private toldNoRoom = false;
  /** Every refusal from the platform, kept for tests and the console. */
  readonly errors: string[] = [];

  constructor(
    private readonly lms: ScormConnection,
    private readonly options: ScormOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.startedAt = this.now();
    this.lastActionAt = this.startedAt;
    if (!lms.initialize()) this.errors.push('The platform refused to initialise the session.');
    const v12 = lms.version === '1.2';
    const entry = lms.get(v12 ? 'cmi.core.entry' : 'cmi.entry');
    const stored = lms.get('cmi.suspend_data');
    let resume: SaveData | null = null;
    if (stored && entry !== 'ab-initio') {
      const un = unpackSuspend(stored);
      if (un.ok && (options.scenario === null || un.save.scenario === options.scenario)) resume = un.save;
      else if (!un.ok)
        options.notice(`Your place in the interview could not be restored because ${un.reason}.`);
    }
    this.resume = resume;
    this.inProgress = resume !== null;
    this.mastery = this.readMastery();
    const raw = Number.parseFloat(lms.get(v12 ? 'cmi.core.score.raw' : 'cmi.score.raw'));
    this.best = Number.isFinite(raw) ? raw : null;
    const status = v12 ? lms.get('cmi.core.lesson_status') : lms.get('cmi.success_status');
    this.passed = status === 'passed';
    if (v12) {
      if (status === '' || status === 'not attempted') this.set('cmi.core.lesson_status', 'incomplete');
    } else {
      const c = lms.get('cmi.completion_status');
      if (c === '' || c === 'not attempted' || c === 'unknown')
        this.set('cmi.completion_status', 'incomplete');
    }
    this.lms.commit();
  }

  private readMastery(): number | null {
    if (this.lms.version === '1.2') {
      const m = Number.parseFloat(this.lms.get('cmi.student_data.mastery_score'));
      if (Number.isFinite(m) && m >= 0 && m <= 100) return m;
    } else {
      const s = Number.parseFloat(this.lms.get('cmi.scaled_passing_score'));
      if (Number.isFinite(s) && s >= -1 && s <= 1) return Math.max(0, s * 100);
    }
    return this.options.mastery;
  }

  private set(el: string, value: string): void {
    const err = this.lms.set(el, value);
    if (err) {
      this.errors.push(err);
      console.info('Close Call: the learning platform refused a value', err);
    }
  }

  /** Called after every action of the playthrough under way (and when one starts or is resumed). */
  update(play: Playthrough): void {
    if (this.finished || play.from) return;
    if (this.options.scenario !== null && play.scenario.meta.id !== this.options.scenario) return;
    if (play !== this.play) {
      // A new or resumed playthrough: actions it already holds were reported when they were taken.
      this.play = play;
      this.sent = play.step;
    }
    const now = this.now();
    for (const i of interactionsSince(play, this.sent)) this.writeInteraction(i, now);
    if (play.step > this.sent) this.lastActionAt = now;
    this.sent = play.step;

    const report = playReport(play);
    const v12 = this.lms.version === '1.2';
    if (report.ended && report.score !== null) {
      this.inProgress = false;
      this.set('cmi.suspend_data', '');
      const score = report.score;
      const passedNow = this.mastery === null ? null : score >= this.mastery;
      if (passedNow) this.passed = true;
      if (this.best === null || score >= this.best) {
        this.best = score;
        this.set(v12 ? 'cmi.core.score.min' : 'cmi.score.min', '0');
        this.set(v12 ? 'cmi.core.score.max' : 'cmi.score.max', '100');
        this.set(v12 ? 'cmi.core.score.raw' : 'cmi.score.raw', String(score));
        if (!v12) this.set('cmi.score.scaled', String(score / 100));
      }
      const success = this.mastery === null ? null : this.passed ? 'passed' : 'failed';
      if (v12) this.set('cmi.core.lesson_status', success ?? 'completed');
      else {
        this.set('cmi.completion_status', 'completed');
        this.set('cmi.success_status', success ?? 'unknown');
        this.set('cmi.progress_measure', '1');
      }
    } else {
      this.inProgress = play.step > 0;
      const packed = packSuspend(play.save(), this.options.suspendLimit ?? SUSPEND_LIMIT[this.lms.version]);
      if (packed === null) {
        this.set('cmi.suspend_data', '');
        if (!this.toldNoRoom) {
          this.toldNoRoom = true;
          this.options.notice(
            'This learning platform cannot keep your place in so long an interview: if you leave before the end, it starts again next time.',
          );
        }
      } else this.set('cmi.suspend_data', packed);
    }
    this.lms.commit();
  }

  private writeInteraction(x: Interaction, now: number): void {
    const v12 = this.lms.version === '1.2';
    const n = Number.parseInt(this.lms.get('cmi.interactions._count'), 10) || 0;
    const p = `cmi.interactions.${n}.`;
    const scenario = this.play?.scenario.meta.id ?? 'scenario';
    const latency = Math.max(0, now - this.lastActionAt);
    if (v12) {
      this.set(`${p}id`, `${x.index}-${x.kind}-${x.at}`.slice(0, 255));
      this.set(`${p}type`, x.kind === 'close' ? 'performance' : 'choice');
      this.set(`${p}time`, time12(new Date(now)));
      this.set(`${p}student_response`, x.response.slice(0, 255));
      if (x.judged) this.set(`${p}result`, result('1.2', x.judged));
      this.set(`${p}latency`, timespan12(latency));
    } else {
      this.set(`${p}id`, `urn:closecall:${scenario}:${x.index}:${x.kind}:${x.at}`);
      this.set(`${p}type`, x.kind === 'close' ? 'other' : 'choice');
      this.set(`${p}timestamp`, time2004(new Date(now)));
      this.set(`${p}description`, x.description.slice(0, 250));
      this.set(`${p}learner_response`, x.response);
      if (x.judged) this.set(`${p}result`, result('2004', x.judged));
      this.set(`${p}latency`, duration2004(latency));
    }
  }

  /** Ends the session: session time, exit (suspend while an interview is under way) and terminate. Once. */
  leave(): void {
    if (this.finished) return;
    this.finished = true;
    const v12 = this.lms.version === '1.2';
    const spent = this.now() - this.startedAt;
    this.set(
      v12 ? 'cmi.core.session_time' : 'cmi.session_time',
      v12 ? timespan12(spent) : duration2004(spent),
    );
    this.set(v12 ? 'cmi.core.exit' : 'cmi.exit', this.inProgress ? 'suspend' : v12 ? '' : 'normal');
    this.lms.commit();
    if (!this.lms.terminate()) this.errors.push('The platform refused to end the session.');
  }
}
