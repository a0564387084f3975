/**
 * Twine stories to playable Close Call scenarios. Reads Twee 3 (`:: Passage [tags] {meta}`) and
 * Twine 2 published HTML (`<tw-storydata>` / `<tw-passagedata>`, entities decoded by the
 * `entities` library). A node per passage, a choice per link, the start passage as start:
 *
 * - passage tags `opening`, `middle`, `closing` set the moment; untagged passages just before an
 *   ending are closing, the start is opening;
 * - `Name: words` lines become the named person's lines; the person who speaks most (or the one
 *   the prose names with a title, "Ms Okoro") is the decision-maker, the others sit in with her;
 *   `You:` / `Me:` lines are the candidate's;
 * - Harlowe `(if:)[…]` / `(else-if:)` / `(else:)` / `(unless:)` and SugarCube `<<if>>` /
 *   `<<elseif>>` / `<<else>>` become line and choice conditions where the format can say them;
 *   `(set:)`, `(put:)` and `<<set>>` become the effects of the choices that lead into the passage
 *   (and of a link's setter); other macros and markup are stripped, each with a warning;
 * - a link whose words ask for the job ("Ask for the job", "Will you offer me the role?") becomes
 *   the close, on offer at that node, and its target's words become the answer to it;
 * - passages without links are endings, their outcome read from their tags or words ("offer",
 *   "rejected", "second interview") where clear, with a warning otherwise.
 *
 * Pure: text in, scenario and warnings out.
 */
import { decodeHTML, decodeHTMLAttribute } from 'entities';
import type { Condition, ScenarioInput } from '../../src/engine';
import { type Assignment, toAssignments, toCondition, type Value, type VarKinds } from './twine-expr';

export interface Passage {
  name: string;
  tags: string[];
  text: string;
  /** 1-based line of the passage header in the source (0 for HTML). */
  line: number;
}

export interface TwineStory {
  title: string;
  start: string | null;
  passages: Passage[];
  /** The story format named by the file (Harlowe, SugarCube…), when it says. */
  format?: string;
}

export interface ImportResult {
  scenario: ScenarioInput;
  warnings: string[];
  /** What the author must add before the scenario teaches anything. */
  todo: string[];
}

type NodeInput = ScenarioInput['nodes'][number];
type ChoiceInput = NonNullable<NodeInput['choices']>[number];
type LineInput = NodeInput['lines'][number];
type EndingInput = ScenarioInput['endings'][number];
type Effects = NonNullable<ChoiceInput['effects']>;
type Outcome = EndingInput['outcome'];

const SPECIAL = new Set(['StoryTitle', 'StoryData', 'StoryInit', 'StoryCaption', 'StoryMenu', 'StoryBanner']);

function unescapeTwee(s: string): string {
  return s.replace(/\\(.)/g, '$1');
}

/** Parses Twee 3 source. */
export function parseTwee(source: string): TwineStory & { warnings: string[] } {
  const warnings: string[] = [];
  const lines = source.replace(/^\uFEFF/, '').split(/\r?\n/);
  const passages: Passage[] = [];
  let current: Passage | null = null;
  const body: string[] = [];
  const flush = () => {
    if (current) {
      current.text = body.join('\n').trim();
      passages.push(current);
    }
    body.length = 0;
  };
  lines.forEach((line, i) => {
    const m = /^::\s*(.*)$/.exec(line);
    if (!m) {
      if (current) body.push(line);
      return;
    }
    flush();
    let header = m[1]!.trim();
    // Optional metadata {…} at the end, then optional tags […]; both may be escaped in the name.
    const meta = /\s*(\{[^{}]*\})\s*$/.exec(header);
    if (meta && !header.slice(0, meta.index).endsWith('\\')) header = header.slice(0, meta.index);
    let tags: string[] = [];
    const tagMatch = /\s*\[([^\]]*)\]\s*$/.exec(header);
    if (tagMatch && !header.slice(0, tagMatch.index).endsWith('\\')) {
      tags = tagMatch[1]!.split(/\s+/).filter(Boolean);
      header = header.slice(0, tagMatch.index);
    }
    current = { name: unescapeTwee(header.trim()), tags, text: '', line: i + 1 };
  });
  flush();
  let title = 'Imported story';
  let start: string | null = null;
  let format: string | undefined;
  const titlePassage = passages.find((p) => p.name === 'StoryTitle');
  if (titlePassage?.text) title = titlePassage.text.split('\n')[0]!.trim();
  const data = passages.find((p) => p.name === 'StoryData');
  if (data) {
    try {
      const parsed = JSON.parse(data.text) as { start?: unknown; format?: unknown };
      if (typeof parsed.start === 'string') start = parsed.start;
      if (typeof parsed.format === 'string') format = parsed.format;
    } catch {
      warnings.push(
        `line ${data.line}: StoryData is not valid JSON; the first passage is used as the start.`,
      );
    }
  }
  return {
    title,
    start,
    ...(format ? { format } : {}),
    passages: passages.filter((p) => !SPECIAL.has(p.name)),
    warnings,
  };
}

function attr(tag: string, name: string): string | null {
  const m = new RegExp(`\\s${name}\\s*=\\s*("([^"]*)"|'([^']*)')`, 'i').exec(tag);
  return m ? decodeHTMLAttribute(m[2] ?? m[3] ?? '') : null;
}

/** Parses a Twine 2 published HTML file (or an archive of one story). */
export function parseTwineHtml(html: string): TwineStory & { warnings: string[] } {
  const warnings: string[] = [];
  const story = /<tw-storydata\b[^>]*>/i.exec(html);
  if (!story) throw new Error('no <tw-storydata> element: this is not a Twine 2 published story');
  const title = attr(story[0], 'name') ?? 'Imported story';
  const startPid = attr(story[0], 'startnode');
  const format = attr(story[0], 'format') ?? undefined;
  const passages: Passage[] = [];
  let start: string | null = null;
  const re = /<tw-passagedata\b([^>]*)>([\s\S]*?)<\/tw-passagedata>/gi;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    const tag = `<x ${m[1]}>`;
    const name = attr(tag, 'name') ?? '';
    const pid = attr(tag, 'pid');
    const tags = (attr(tag, 'tags') ?? '').split(/\s+/).filter(Boolean);
    passages.push({ name, tags, text: decodeHTML(m[2]!).trim(), line: 0 });
    if (pid !== null && pid === startPid) start = name;
  }
  if (passages.length === 0) warnings.push('the story has no passages');
  return { title, start, ...(format ? { format } : {}), passages, warnings };
}

export interface Link {
  text: string;
  target: string;
  /** A Harlowe/SugarCube setter after the link (`[[a|b][$x to 1]]`), when there is one. */
  setter?: string;
}

/** One link's inner text (`text->target`, `target<-text`, `text|target`, `target`). */
function linkOf(inner: string): Link | null {
  let setter: string | undefined;
  const s = inner.indexOf('][');
  if (s >= 0) {
    setter = inner.slice(s + 2);
    inner = inner.slice(0, s);
  }
  let link: Link;
  const arrow = inner.lastIndexOf('->');
  const back = inner.indexOf('<-');
  const bar = inner.lastIndexOf('|');
  if (arrow >= 0) link = { text: inner.slice(0, arrow), target: inner.slice(arrow + 2) };
  else if (back >= 0) link = { text: inner.slice(back + 2), target: inner.slice(0, back) };
  else if (bar >= 0) link = { text: inner.slice(0, bar), target: inner.slice(bar + 1) };
  else link = { text: inner, target: inner };
  link = { text: link.text.trim(), target: link.target.trim() };
  if (setter?.trim()) link.setter = setter.trim();
  return link.target ? link : null;
}

/** The links of a passage: [[text->target]], [[target<-text]], [[text|target]], [[target]]. */
export function linksOf(text: string): Link[] {
  const out: Link[] = [];
  const re = /\[\[([\s\S]*?)\]\]/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const link = linkOf(m[1]!);
    if (link) out.push({ text: link.text, target: link.target });
  }
  return out;
}

// ---------------------------------------------------------------------------
// Reading a passage body: text, links and assignments, each under a condition
// ---------------------------------------------------------------------------

type Item =
  | { kind: 'text'; text: string; cond: Condition | null }
  | { kind: 'link'; link: Link; cond: Condition | null }
  | { kind: 'set'; assignments: Assignment[]; cond: Condition | null; source: string };

interface Body {
  items: Item[];
  /** What could not be kept, for warnings. */
  dropped: string[];
  /** Macros whose condition could not be expressed, for warnings. */
  unexpressed: string[];
  /** Markup stripped (bold, italic, styles). */
  markup: boolean;
}

const both = (a: Condition | null, b: Condition | null): Condition | null =>
  a && b ? { all: [a, b] } : (a ?? b);
const not = (c: Condition): Condition => ('not' in c ? c.not : { not: c });
const noneOf = (cs: Condition[]): Condition | null =>
  cs.length === 0 ? null : not(cs.length === 1 ? cs[0]! : { any: cs });

/** The index just past the bracket that closes the one at `open` (quotes respected), or -1. */
function closeOf(s: string, open: number, o: string, c: string): number {
  let depth = 0;
  let quote = '';
  for (let i = open; i < s.length; i++) {
    const ch = s[i]!;
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = '';
      continue;
    }
    if (o === '(' && (ch === '"' || ch === "'")) quote = ch;
    else if (ch === o) depth++;
    else if (ch === c) {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}

const HARLOWE_IF = new Set(['if', 'unless', 'else-if', 'elseif', 'else']);
const short = (s: string) => {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > 60 ? `${t.slice(0, 57)}…` : t;
};

/** Reads a passage body into items; `kinds` tells variables' value kinds for truthiness tests. */
export function readBody(text: string, kinds: VarKinds): Body {
  const body: Body = { items: [], dropped: [], unexpressed: [], markup: false };
  scan(text, null, body, kinds);
  return body;
}

function scan(s: string, cond: Condition | null, body: Body, kinds: VarKinds): void {
  let text = '';
  const flush = () => {
    if (text) body.items.push({ kind: 'text', text, cond });
    text = '';
  };
  // The conditions of the if/else-if branches seen so far in the current Harlowe chain.
  let chain: Condition[] | null = null;
  let chainBroken = false;
  let i = 0;
  while (i < s.length) {
    const rest = s.slice(i, i + 2);
    if (rest === '[[') {
      const end = s.indexOf(']]', i + 2);
      if (end < 0) {
        text += s.slice(i);
        break;
      }
      let close = end + 2;
      // A setter link `[[a|b][$x to 1]]` closes at the second `]]`.
      const inner0 = s.slice(i + 2, end);
      if (s[end + 2] === '[' || inner0.includes('][')) {
        const e2 = s.indexOf(']]', end + 2);
        if (s[end + 2] === '[' && e2 >= 0) close = e2 + 2;
      }
      const inner = s.slice(i + 2, close - 2).replace(/\]\[/, '][');
      const link = linkOf(inner.includes('][') ? inner : s.slice(i + 2, end));
      flush();
      if (link) body.items.push({ kind: 'link', link, cond });
      i = close;
      chain = null;
      continue;
    }
    // SugarCube macros
    if (rest === '<<') {
      const end = s.indexOf('>>', i + 2);
      if (end < 0) {
        text += s.slice(i);
        break;
      }
      const macro = s.slice(i + 2, end).trim();
      const name = /^\/?[\w-]+/.exec(macro)?.[0] ?? '';
      if (name === 'if') {
        flush();
        i = sugarIf(s, i, cond, body, kinds);
        continue;
      }
      if (name === 'set' || name === 'run') {
        flush();
        const as = name === 'set' ? toAssignments(macro.slice(3), 'set') : null;
        if (as) body.items.push({ kind: 'set', assignments: as, cond, source: `<<${macro}>>` });
        else body.dropped.push(`<<${macro}>>`);
        i = end + 2;
        continue;
      }
      if (name === 'link' || name === 'button') {
        // <<link "text" "Passage">>…<</link>> or <<link [[text|Passage]]>>
        const args = macro.slice(name.length).trim();
        const q = /^(?:"([^"]*)"|'([^']*)')\s*(?:"([^"]*)"|'([^']*)')?/.exec(args);
        const bracket = /^\[\[([\s\S]*?)\]\]/.exec(args);
        const closeTag = s.indexOf(`<</${name}>>`, end);
        const after = closeTag >= 0 ? closeTag + name.length + 5 : end + 2;
        flush();
        if (bracket) {
          const link = linkOf(bracket[1]!);
          if (link) body.items.push({ kind: 'link', link, cond });
        } else if (q && (q[3] ?? q[4])) {
          body.items.push({
            kind: 'link',
            link: { text: q[1] ?? q[2] ?? '', target: q[3] ?? q[4] ?? '' },
            cond,
          });
        } else body.dropped.push(`<<${macro}>>`);
        i = after;
        continue;
      }
      if (/^(nobr|silently)$/.test(name)) {
        i = end + 2;
        continue;
      }
      if (/^\/(nobr|silently|link|button)$/.test(name)) {
        i = end + 2;
        continue;
      }
      body.dropped.push(`<<${macro}>>`);
      i = end + 2;
      continue;
    }
    // Harlowe macros
    const hm = /^\(([a-z][\w-]*):/i.exec(s.slice(i, i + 40));
    if (s[i] === '(' && hm) {
      const end = closeOf(s, i, '(', ')');
      if (end < 0) {
        text += s.slice(i);
        break;
      }
      const name = hm[1]!.toLowerCase();
      const args = s.slice(i + hm[0].length, end - 1).trim();
      const macro = s.slice(i, end);
      // A hook may follow, after spaces.
      let j = end;
      while (s[j] === ' ' || s[j] === '\t') j++;
      // A hook follows; `(if: $x)[[[link]]]` is a hook holding a link, but after other macros
      // `[[` starts a link.
      const hookEnd =
        s[j] === '[' && (s[j + 1] !== '[' || HARLOWE_IF.has(name.toLowerCase()))
          ? closeOf(s, j, '[', ']')
          : -1;
      const hook = hookEnd > 0 ? s.slice(j + 1, hookEnd - 1) : null;
      if (HARLOWE_IF.has(name)) {
        flush();
        let branch: Condition | null = null;
        let expressible = true;
        if (name === 'if' || name === 'unless') {
          chain = [];
          chainBroken = false;
          const c = toCondition(args, kinds);
          if (!c) expressible = false;
          else branch = name === 'unless' ? not(c) : c;
          if (c) chain.push(name === 'unless' ? not(c) : c);
          else chainBroken = true;
        } else if (chain === null || chainBroken) {
          expressible = false;
        } else if (name === 'else') {
          branch = noneOf(chain);
        } else {
          const c = toCondition(args, kinds);
          if (!c) {
            expressible = false;
            chainBroken = true;
          } else {
            branch = both(noneOf(chain), c);
            chain.push(c);
          }
        }
        if (hook !== null) {
          if (expressible) scan(hook, both(cond, branch), body, kinds);
          else if (name === 'if' || name === 'unless') {
            // Kept for every player: better a line too many than a story with a hole.
            body.unexpressed.push(macro);
            scan(hook, cond, body, kinds);
          } else body.unexpressed.push(`${macro}[${short(hook)}]`);
        }
        i = hookEnd > 0 ? hookEnd : end;
        continue;
      }
      chain = null;
      if (name === 'set' || name === 'put') {
        flush();
        const as = toAssignments(args, name);
        if (as) body.items.push({ kind: 'set', assignments: as, cond, source: macro });
        else body.dropped.push(macro);
        i = end;
        continue;
      }
      if ((name === 'link-goto' || name === 'goto' || name === 'link-reveal-goto') && hook === null) {
        const parts = [...args.matchAll(/"([^"]*)"|'([^']*)'/g)].map((m) => m[1] ?? m[2] ?? '');
        if (name !== 'goto' && parts.length >= 1) {
          flush();
          body.items.push({ kind: 'link', link: { text: parts[0]!, target: parts[1] ?? parts[0]! }, cond });
        } else body.dropped.push(macro);
        i = end;
        continue;
      }
      // Changers and other hooks: keep the hook's words, drop the macro.
      body.dropped.push(macro);
      if (hook !== null) {
        flush();
        scan(hook, cond, body, kinds);
        i = hookEnd;
      } else i = end;
      continue;
    }
    if (s[i] === '\n') chain = null;
    else if (!/\s/.test(s[i]!)) chain = chain && s[i] === '[' ? chain : null;
    text += s[i];
    i++;
  }
  flush();
}

/** A SugarCube `<<if>>…<<elseif>>…<<else>>…<</if>>` block starting at `at`; returns the index past it. */
function sugarIf(s: string, at: number, cond: Condition | null, body: Body, kinds: VarKinds): number {
  const tagRe = /<<\s*(\/?)(if|elseif|else\s*if|else)\b([\s\S]*?)>>/g;
  tagRe.lastIndex = at;
  const branches: { expr: string | null; start: number; end: number; tag: string }[] = [];
  let depth = 0;
  let end = s.length;
  for (let m = tagRe.exec(s); m; m = tagRe.exec(s)) {
    const closing = m[1] === '/';
    const name = m[2]!.replace(/\s+/g, '');
    if (name === 'if' && !closing) {
      depth++;
      if (depth === 1) branches.push({ expr: m[3]!.trim(), start: tagRe.lastIndex, end: 0, tag: m[0] });
      continue;
    }
    if (name === 'if' && closing) {
      depth--;
      if (depth === 0) {
        branches[branches.length - 1]!.end = m.index;
        end = tagRe.lastIndex;
        break;
      }
      continue;
    }
    if (depth === 1 && !closing) {
      branches[branches.length - 1]!.end = m.index;
      branches.push({
        expr: name === 'else' ? null : m[3]!.trim(),
        start: tagRe.lastIndex,
        end: 0,
        tag: m[0],
      });
    }
  }
  const last = branches[branches.length - 1];
  if (last && last.end === 0) last.end = s.length;
  const seen: Condition[] = [];
  let broken = false;
  branches.forEach((b, k) => {
    const inner = s.slice(b.start, b.end);
    if (broken) {
      body.unexpressed.push(`${b.tag}${short(inner)}`);
      return;
    }
    if (b.expr === null) {
      scan(inner, both(cond, noneOf(seen)), body, kinds);
      return;
    }
    const c = toCondition(b.expr, kinds);
    if (!c) {
      body.unexpressed.push(b.tag);
      broken = true;
      if (k === 0) scan(inner, cond, body, kinds);
      return;
    }
    scan(inner, both(cond, both(noneOf(seen), c)), body, kinds);
    seen.push(c);
  });
  return end;
}

/** Strips Harlowe and SugarCube markup; says whether there was any. */
export function stripMarkup(s: string): { text: string; stripped: boolean } {
  const before = s;
  const text = s
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/?[a-z][^>]*>/gi, '')
    .replace(/@@[^;@]*;([\s\S]*?)@@/g, '$1')
    .replace(/@@([\s\S]*?)@@/g, '$1')
    .replace(/''([\s\S]*?)''/g, '$1')
    .replace(/\*\*([\s\S]*?)\*\*/g, '$1')
    .replace(/(^|[^:])\/\/([\s\S]*?)\/\//g, '$1$2')
    .replace(/~~([\s\S]*?)~~/g, '$1')
    .replace(/\^\^([\s\S]*?)\^\^/g, '$1')
    .replace(/(^|\s)__([^_]+)__/g, '$1$2')
    .replace(/(^|[\s(])\*([^*\n]+)\*/g, '$1$2')
    .replace(/\$[a-zA-Z_][\w.]*/g, '')
    .replace(/[{}]/g, '');
  return { text, stripped: text !== before };
}

// ---------------------------------------------------------------------------
// People
// ---------------------------------------------------------------------------

const CANDIDATE_NAMES = new Set(['you', 'me', 'i', 'candidate', 'player', 'myself']);
const NOT_NAMES = new Set([
  'note',
  'notes',
  'tip',
  'hint',
  'ps',
  'p.s',
  'warning',
  'question',
  'answer',
  'nb',
  'update',
  'result',
  'score',
  'choice',
  'option',
  'day',
  'time',
  'location',
  'place',
  'scene',
]);

/** `Name: words` at the start of a line: the speaker's name and the words, or null. */
export function speakerOf(line: string): { name: string; words: string } | null {
  const m = /^([\p{Lu}][\p{L}'’.-]*(?: [\p{Lu}][\p{L}'’.-]*){0,3})\s*:\s+(\S[\s\S]*)$/u.exec(line.trim());
  if (!m) return null;
  const name = m[1]!.replace(/\.$/, '');
  if (NOT_NAMES.has(name.toLowerCase())) return null;
  return { name, words: m[2]! };
}

const unquote = (s: string) => {
  const t = s.trim();
  const m = /^["“”'‘]([\s\S]*)["“”'’]$/.exec(t);
  return m && !/["“”]/.test(m[1]!) ? m[1]!.trim() : t;
};

const TITLED = /\b(Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Professor)\.? ([\p{Lu}][\p{L}'’-]+)/gu;

// ---------------------------------------------------------------------------
// Words that ask for the job, and words that say how it ended
// ---------------------------------------------------------------------------

/** True when a link's words ask for the job (the close), e.g. "Ask for the job", "Will you hire me?". */
export function asksForJob(text: string): boolean {
  const t = text.toLowerCase();
  return (
    /\bask(?:ing)?\b[^.?!]{0,25}\b(?:for|about)\b[^.?!]{0,12}\b(?:job|role|position|offer|post)\b/.test(t) ||
    /\b(?:will|would|could|can) you\b[^.?!]{0,20}\b(?:offer|hire|give)\b[^.?!]{0,20}\b(?:me|job|role|position)\b/.test(
      t,
    ) ||
    /\b(?:hire me|offer me the|i want (?:this|the) (?:job|role|position)|close the (?:deal|interview)|make (?:my|the|a) close|ask for the sale)\b/.test(
      t,
    )
  );
}

const OUTCOME_WORDS: [Outcome, RegExp][] = [
  [
    'withdrawn',
    /\b(withdr[ae]w\w*|walk(?:ed)? away|turn(?:ed)? (?:it|them|the offer) down|decline[ds]? the)\b/i,
  ],
  [
    'rejection',
    /\b(reject\w*|turned down|unsuccessful|not (?:be )?(?:moving|taking) (?:you )?forward|not the (?:right|one)|someone else|regret to|won'?t be offering|no job|didn'?t get)\b/i,
  ],
  [
    'next-stage',
    /\b(next (?:stage|round|step)|second (?:interview|round)|come back (?:in|on|next)|call ?back|final round|meet the (?:board|team))\b/i,
  ],
  ['shortlisted', /\b(shortlist\w*)\b/i],
  [
    'offer-now',
    /\b(offer\w*|hired|the job(?:'s| is) yours|you(?:'ve| have) got the (?:job|role)|welcome (?:aboard|to the team)|you start|when can you start)\b/i,
  ],
  [
    'no-decision',
    /\b(be in touch|let you know|no decision|hear (?:back|from us)|think (?:it|about it) over|waiting)\b/i,
  ],
];

/** The outcome an ending's tags or words name, when exactly one is clear. */
export function outcomeOf(tags: readonly string[], words: string): Outcome | null {
  for (const t of tags) {
    const k = t.toLowerCase();
    const o = (
      {
        offer: 'offer-now',
        'offer-now': 'offer-now',
        'offer-later': 'offer-later',
        'next-stage': 'next-stage',
        shortlisted: 'shortlisted',
        shortlist: 'shortlisted',
        'no-decision': 'no-decision',
        rejection: 'rejection',
        rejected: 'rejection',
        withdrawn: 'withdrawn',
      } as Record<string, Outcome>
    )[k];
    if (o) return o;
  }
  const found = OUTCOME_WORDS.filter(([, re]) => re.test(words)).map(([o]) => o);
  // Rejection words usually sit beside the offer they deny ("no offer", "offered it to someone else").
  if (found.includes('rejection')) return 'rejection';
  if (found.includes('withdrawn')) return 'withdrawn';
  if (found.length === 1) return found[0]!;
  if (found.includes('offer-now') && found.includes('no-decision')) return null;
  return found.length === 2 && found.includes('next-stage') && found.includes('offer-now')
    ? 'next-stage'
    : null;
}

// ---------------------------------------------------------------------------
// Helpers for ids and notes
// ---------------------------------------------------------------------------

/** An id from any name: lower-case ASCII letters, digits and hyphens (accents folded, other scripts hashed). */
export function slug(name: string): string {
  const ascii = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/, '');
  if (ascii) return /^[a-z0-9]/.test(ascii) ? ascii : `p-${ascii}`;
  let h = 0;
  for (const ch of name) h = (Math.imul(h, 31) + (ch.codePointAt(0) ?? 0)) >>> 0;
  return `passage-${h.toString(36)}`;
}

function unique(base: string, used: Set<string>): string {
  let id = base;
  for (let n = 2; used.has(id); n++) id = `${base.slice(0, 60)}-${n}`;
  used.add(id);
  return id;
}

function hash(s: string): number {
  let h = 2166136261;
  for (const ch of s) h = Math.imul(h ^ (ch.codePointAt(0) ?? 0), 16777619) >>> 0;
  return h;
}

const note = (text: string) => `(Author: ${text})`;

/**
 * A hidden-state key a story variable stands for, by its name. Authored assumption: one point of
 * such a story variable moves the state by 0.1, capped at ±0.3 a choice ("clear" to "large" on the
 * scale docs/authoring.md gives).
 */
const STATE_VARS: Record<string, 'keenness' | 'doubt' | 'irritation' | 'rapport' | 'believesOptions'> = {
  keenness: 'keenness',
  interest: 'keenness',
  impressed: 'keenness',
  impression: 'keenness',
  doubt: 'doubt',
  doubts: 'doubt',
  irritation: 'irritation',
  annoyance: 'irritation',
  annoyed: 'irritation',
  rapport: 'rapport',
  trust: 'rapport',
  warmth: 'rapport',
};
const STATE_STEP = 0.1;

function addEffects(effects: Effects, as: readonly Assignment[], notes: string[]): Effects {
  const out: Effects = { ...effects };
  for (const a of as) {
    const key = STATE_VARS[a.name.toLowerCase()];
    if (key && 'add' in a) {
      const delta = Math.max(-0.3, Math.min(0.3, Math.round(a.add * STATE_STEP * 100) / 100));
      out[key] = Math.max(-1, Math.min(1, Math.round(((out[key] ?? 0) + delta) * 100) / 100));
      notes.push(`$${a.name} ${a.add >= 0 ? '+' : ''}${a.add} → ${key} ${delta >= 0 ? '+' : ''}${delta}`);
    }
    if ('add' in a) out.add = { ...(out.add ?? {}), [a.name]: (out.add?.[a.name] ?? 0) + a.add };
    else out.set = { ...(out.set ?? {}), [a.name]: a.set };
  }
  return out;
}

// ---------------------------------------------------------------------------
// The story to a scenario
// ---------------------------------------------------------------------------

interface Read {
  p: Passage;
  nodeId: string;
  body: Body;
  links: { link: Link; cond: Condition | null }[];
  sets: { assignments: Assignment[]; source: string; conditional: boolean }[];
  /** Lines before speaker mapping: text with its condition and any named speaker. */
  lines: { text: string; cond: Condition | null; speaker: string | null }[];
  moment: 'opening' | 'middle' | 'closing' | null;
}

const MOMENTS = new Set(['opening', 'middle', 'closing']);

/** Turns a parsed story into a playable scenario (warnings only from the validator). */
export function storyToScenario(story: TwineStory, id: string): ImportResult {
  const warnings: string[] = [];
  const where = (p: Passage) => `${p.line > 0 ? `line ${p.line}: ` : ''}passage "${p.name}"`;
  if (story.passages.length === 0) throw new Error('the story has no passages to import');

  // Value kinds of variables, from every assignment in the story, for truthiness tests.
  const kinds = new Map<string, 'number' | 'boolean' | 'string'>();
  const kindOf = (v: Value) =>
    typeof v === 'number' ? 'number' : typeof v === 'boolean' ? 'boolean' : 'string';
  for (const p of story.passages) {
    for (const item of readBody(p.text, kinds).items) {
      if (item.kind !== 'set') continue;
      for (const a of item.assignments) kinds.set(a.name, 'add' in a ? 'number' : kindOf(a.set));
    }
  }

  // Passage names to node ids; duplicates keep the first for links.
  const nodeIds = new Set<string>();
  const byName = new Map<string, string>();
  let markupWarned = 0;
  const reads: Read[] = story.passages.map((p) => {
    const nodeId = unique(slug(p.name), nodeIds);
    if (byName.has(p.name)) {
      warnings.push(
        `${where(p)} is named twice; the second became node "${nodeId}" and links go to the first.`,
      );
    } else byName.set(p.name, nodeId);
    const body = readBody(p.text, kinds);
    for (const m of body.dropped)
      warnings.push(`${where(p)}: macro ${short(m)} has no counterpart in a scenario; it was left out.`);
    for (const m of body.unexpressed)
      warnings.push(
        `${where(p)}: the condition ${short(m)} cannot be said in the scenario format; its first branch is shown to every player and the others are left out.`,
      );
    const links: Read['links'] = [];
    const sets: Read['sets'] = [];
    // Text runs to lines: a line mixing one conditional run with plain text becomes two lines,
    // the whole sentence when the condition holds and the rest when it does not.
    const lines: Read['lines'] = [];
    let runs: { text: string; cond: Condition | null }[] = [];
    const endLine = () => {
      const conds = runs.filter((r) => r.cond);
      const plain = (rs: typeof runs) => rs.map((r) => r.text).join('');
      const push = (text: string, cond: Condition | null) => {
        const s = stripMarkup(text);
        if (s.stripped && s.text.trim() !== text.trim()) body.markup = true;
        for (const piece of s.text.split('\n')) {
          const t = piece.replace(/\s+/g, ' ').trim();
          if (!t) continue;
          const sp = speakerOf(t);
          lines.push(
            sp ? { text: unquote(sp.words), cond, speaker: sp.name } : { text: t, cond, speaker: null },
          );
        }
      };
      const distinct = new Set(conds.map((r) => JSON.stringify(r.cond)));
      if (conds.length === 0) push(plain(runs), null);
      else if (distinct.size === 1 && conds.length === runs.length) push(plain(runs), conds[0]!.cond);
      else if (distinct.size === 1) {
        const c = conds[0]!.cond!;
        push(plain(runs), c);
        push(plain(runs.filter((r) => !r.cond)), not(c));
      } else for (const r of runs) push(r.text, r.cond);
      runs = [];
    };
    for (const item of body.items) {
      if (item.kind === 'link') links.push({ link: item.link, cond: item.cond });
      else if (item.kind === 'set')
        sets.push({ assignments: item.assignments, source: item.source, conditional: item.cond !== null });
      else {
        const parts = item.text.split(/\n/);
        parts.forEach((part, k) => {
          if (k > 0) endLine();
          if (part) runs.push({ text: part, cond: item.cond });
        });
      }
    }
    endLine();
    if (body.markup && markupWarned++ < 20)
      warnings.push(
        `${where(p)}: text styling (bold, italic, colours) was stripped; the game shows plain words.`,
      );
    const tagged = p.tags.map((t) => t.toLowerCase()).find((t) => MOMENTS.has(t)) as
      | Read['moment']
      | undefined;
    return { p, nodeId, body, links, sets, lines, moment: tagged ?? null };
  });

  let startName = story.start;
  if (!startName || !byName.has(startName)) {
    if (startName)
      warnings.push(`the start passage "${startName}" does not exist; the first passage is the start.`);
    startName = reads[0]!.p.name;
  }
  const startId = byName.get(startName)!;
  const readById = new Map(reads.map((r) => [r.nodeId, r]));

  // --- People -------------------------------------------------------------
  const spoken = new Map<string, number>();
  for (const r of reads)
    for (const l of r.lines)
      if (l.speaker && !CANDIDATE_NAMES.has(l.speaker.toLowerCase()))
        spoken.set(l.speaker, (spoken.get(l.speaker) ?? 0) + 1);
  let leadName: string | null = null;
  for (const [name, n] of spoken) if (!leadName || n > spoken.get(leadName)!) leadName = name;
  if (!leadName) {
    const titled = new Map<string, number>();
    for (const r of reads)
      for (const m of r.p.text.matchAll(TITLED)) {
        const n = `${m[1]!.replace(/^Prof$/, 'Professor')} ${m[2]}`;
        titled.set(n, (titled.get(n) ?? 0) + 1);
      }
    for (const [name, n] of titled) if (!leadName || n > titled.get(leadName)!) leadName = name;
  }
  const dmIds = new Set<string>(['candidate', 'narrator']);
  const people = new Map<string, string>(); // name → id
  const personId = (name: string) => {
    let pid = people.get(name);
    if (!pid) {
      pid = unique(slug(name), dmIds);
      people.set(name, pid);
    }
    return pid;
  };
  const leadId = personId(leadName ?? 'Interviewer');
  for (const name of spoken.keys()) personId(name);
  // Whole quoted paragraphs with no named speaker are the interviewer's, once someone is named.
  const speakerFor = (l: Read['lines'][number]): { speaker: string; text: string } => {
    if (l.speaker) {
      if (CANDIDATE_NAMES.has(l.speaker.toLowerCase())) return { speaker: 'candidate', text: l.text };
      return { speaker: personId(l.speaker), text: l.text };
    }
    const q = /^["“]([^"“”]+)["”]$/.exec(l.text);
    if (q && leadName) return { speaker: leadId, text: q[1]!.trim() };
    return { speaker: 'narrator', text: l.text };
  };

  // --- Links: targets, the close, endings -------------------------------------
  const missing = new Map<string, string>();
  const targetOf = (r: Read, l: Link): string => {
    let target = byName.get(l.target);
    if (target) return target;
    target = missing.get(l.target);
    if (!target) {
      target = unique(slug(l.target), nodeIds);
      missing.set(l.target, target);
    }
    warnings.push(
      `${where(r.p)} links to "${l.target}", which does not exist; node "${target}" was added for you to write.`,
    );
    return target;
  };
  const isEnding = (r: Read) => r.links.length === 0;
  const closeTargets = new Map<string, string[]>(); // target node → nodes closing into it
  const plainTargets = new Set<string>();
  const closeNodes = new Set<string>();
  const closeWords: string[] = [];
  const resolved = new Map<Read, { link: Link; cond: Condition | null; target: string; close: boolean }[]>();
  for (const r of reads) {
    const out = r.links.map(({ link, cond }) => {
      const target = targetOf(r, link);
      const close = asksForJob(link.text);
      if (close) {
        closeNodes.add(r.nodeId);
        closeWords.push(link.text);
        closeTargets.set(target, [...(closeTargets.get(target) ?? []), r.nodeId]);
        if (cond)
          warnings.push(
            `${where(r.p)}: the close "${link.text}" had a condition; the close is on offer here whatever it says.`,
          );
      } else plainTargets.add(target);
      return { link, cond, target, close };
    });
    resolved.set(r, out);
  }

  // --- Moments --------------------------------------------------------------
  const anyTagged = reads.some((r) => r.moment);
  const anyClosingTag = reads.some((r) => r.moment === 'closing');
  for (const r of reads) {
    if (r.moment) continue;
    if (r.nodeId === startId) r.moment = 'opening';
    else if (isEnding(r)) r.moment = 'closing';
    else if (
      !anyClosingTag &&
      (closeNodes.has(r.nodeId) ||
        resolved.get(r)!.some((l) => {
          const t = readById.get(l.target);
          return !l.close && (t ? isEnding(t) : missing.has(l.link.target));
        }))
    )
      r.moment = 'closing';
    else r.moment = 'middle';
  }
  if (!anyTagged)
    warnings.push(
      'no passage is tagged opening, middle or closing: the start is the opening, passages that lead to an ending are the closing, the rest the middle. Tag passages to say otherwise.',
    );

  // --- Endings -----------------------------------------------------------------
  const endingIds = new Set<string>();
  const endings: EndingInput[] = [];
  const endingOf = new Map<string, string>(); // node → ending id
  const outcomeFor = new Map<string, Outcome>();
  const viaClose = (r: Read) => closeTargets.has(r.nodeId);
  for (const r of reads) {
    if (!isEnding(r)) continue;
    const words = `${r.p.name}\n${r.lines.map((l) => l.text).join('\n')}`;
    let outcome = outcomeOf(r.p.tags, words);
    if (!outcome) {
      warnings.push(
        `${where(r.p)} ends the story, but its words do not say clearly how (offer, next stage, rejection…); its outcome is "no-decision". Tag it with the outcome (e.g. [offer] or [rejection]) to say.`,
      );
      outcome = 'no-decision';
    }
    // An offer reached by a plain link is the decision-maker deciding without being asked.
    if (outcome === 'offer-now' && !viaClose(r) && !r.p.tags.some((t) => /^offer(-now)?$/i.test(t)))
      outcome = 'offer-later';
    const endingId = unique(r.nodeId, endingIds);
    endingOf.set(r.nodeId, endingId);
    outcomeFor.set(r.nodeId, outcome);
    endings.push({
      id: endingId,
      outcome,
      title: r.p.name.slice(0, 80) || endingId,
      debrief: note(
        `passage "${r.p.name}" ends the story (${outcome}): write what the player should learn from ending here`,
      ),
    });
  }

  // --- Nodes -------------------------------------------------------------------
  const lineIds = new Set<string>();
  const lineOf = (nodeId: string, l: Read['lines'][number]): LineInput => {
    const { speaker, text } = speakerFor(l);
    return {
      id: unique(`${nodeId}-line`, lineIds),
      speaker,
      text,
      ...(l.cond ? { condition: l.cond } : {}),
    };
  };
  // Effects of entering each passage, for the choices that lead into it.
  const entryEffects = new Map<string, { assignments: Assignment[]; sources: string[] }>();
  for (const r of reads) {
    const as: Assignment[] = [];
    const sources: string[] = [];
    for (const s of r.sets) {
      if (s.conditional) {
        warnings.push(
          `${where(r.p)}: ${short(s.source)} sets a variable only under a condition, which a scenario cannot say; it was left out.`,
        );
        continue;
      }
      as.push(...s.assignments);
      sources.push(s.source);
    }
    if (as.length === 0) continue;
    // Setting false or 0 at the start changes nothing: variables start unset.
    const startsUnset = as.every((a) => ('set' in a ? a.set === false || a.set === 0 : a.add === 0));
    if (r.nodeId === startId && !startsUnset)
      warnings.push(
        `${where(r.p)}: ${sources.map(short).join(', ')} in the start passage has no choice to carry it; variables start unset (false or 0).`,
      );
    else if (r.nodeId !== startId) entryEffects.set(r.nodeId, { assignments: as, sources });
  }
  const stateNotes: string[] = [];
  const nodes: NodeInput[] = [];
  // A node reached only through the close is said by the close's answer, not played as a node.
  const closeOnly = (nodeId: string) =>
    closeTargets.has(nodeId) && !plainTargets.has(nodeId) && nodeId !== startId;
  for (const r of reads) {
    if (closeOnly(r.nodeId) && isEnding(r)) continue;
    const lines = r.lines.map((l) => lineOf(r.nodeId, l));
    if (lines.length === 0)
      lines.push({
        id: unique(`${r.nodeId}-line`, lineIds),
        speaker: 'narrator',
        text: note(`passage "${r.p.name}" had no text; write what is said`),
      });
    const choiceIds = new Set<string>();
    const choices: ChoiceInput[] = [];
    for (const l of resolved.get(r)!) {
      if (l.close) continue;
      let effects: Effects = {};
      const entry = entryEffects.get(l.target);
      if (entry) effects = addEffects(effects, entry.assignments, stateNotes);
      if (l.link.setter) {
        const as = toAssignments(l.link.setter, 'set');
        if (as) effects = addEffects(effects, as, stateNotes);
        else
          warnings.push(
            `${where(r.p)}: the link setter [${short(l.link.setter)}] cannot be said as effects; it was left out.`,
          );
      }
      const text =
        stripMarkup(l.link.text || l.link.target)
          .text.replace(/\s+/g, ' ')
          .trim() || l.link.target;
      choices.push({
        id: unique(slug(text), choiceIds),
        text,
        // Link words in quotes are what the candidate says; others describe what they do.
        ...(/^["“]/.test(text) ? {} : { kind: 'action' as const }),
        next: l.target,
        ...(l.cond ? { condition: l.cond } : {}),
        ...(Object.keys(effects).length ? { effects } : {}),
      });
    }
    const node: NodeInput = {
      id: r.nodeId,
      moment: r.moment ?? 'middle',
      lines,
      ...(choices.length ? { choices } : {}),
      ...(closeNodes.has(r.nodeId) ? { closeAllowed: true } : {}),
    };
    if (isEnding(r)) node.ending = endingOf.get(r.nodeId)!;
    else if (choices.length === 0) node.endsInterview = true;
    nodes.push(node);
  }
  for (const [name, nodeId] of missing) {
    nodes.push({
      id: nodeId,
      moment: 'closing',
      lines: [
        {
          id: unique(`${nodeId}-line`, lineIds),
          speaker: 'narrator',
          text: note(`write the passage "${name}"`),
        },
      ],
      endsInterview: true,
    });
  }
  if (stateNotes.length)
    warnings.push(
      `story variables named after the decision-maker's hidden state move it (one point = ${STATE_STEP}, an authored assumption; check the sizes): ${[...new Set(stateNotes)].slice(0, 6).join('; ')}.`,
    );

  // --- The close -------------------------------------------------------------------
  const leadDisplay = leadName ?? 'the interviewer';
  const say = (lineId: string, text: string, speaker = leadId): LineInput[] => [
    { id: unique(lineId, lineIds), speaker, text },
  ];
  const responses: Record<'offer-now' | 'next-stage' | 'no-decision' | 'rejection', LineInput[]> = {
    'offer-now': say('close-offer', 'Yes. I would like to offer you the job.'),
    'next-stage': say('close-next', 'I would like you to come back and meet the rest of the team.'),
    'no-decision': say('close-open', 'Thank you. I am not deciding today; we will be in touch.'),
    rejection: say('close-no', 'I am sorry. I do not think you are the right person for this role.'),
  };
  for (const target of closeTargets.keys()) {
    const r = readById.get(target);
    if (!r || !isEnding(r)) {
      if (!r) continue;
      warnings.push(
        `${where(r.p)} follows a close ("${closeWords[0]}") but goes on; the close ends the interview, so its words are not the answer to it.`,
      );
      continue;
    }
    const o = outcomeFor.get(target);
    const key =
      o === 'offer-now' || o === 'offer-later'
        ? 'offer-now'
        : o === 'next-stage' || o === 'shortlisted'
          ? 'next-stage'
          : o === 'rejection'
            ? 'rejection'
            : 'no-decision';
    const lines = r.lines.filter((l) => !l.cond).map((l) => lineOf(`close-${key}`, l));
    if (lines.length) responses[key] = lines;
  }
  const closeText = closeWords.map((w) => stripMarkup(w).text.trim()).find((w) => /^["“]/.test(w));
  const forms: NonNullable<ScenarioInput['closing']>['forms'] = [
    {
      form: 'statement-of-intent',
      text: `I want this job. If you offer it to me, I will accept.`,
    },
    {
      form: 'outright-ask',
      text: closeText ? unquote(closeText) : 'I would like this job. Will you offer it to me?',
    },
    { form: 'next-stage', text: 'I would like to take this further. What is the next step?' },
    { form: 'tentative', text: 'So, um, do you know when you might decide?' },
  ];
  if (closeNodes.size === 0)
    warnings.push(
      'no link asks for the job ("Ask for the job", "Will you offer me the role?"), so the close is on offer at every node but no passage is its answer.',
    );

  // Endings for outcomes no passage covers.
  const covered = new Set(endings.map((e) => e.outcome));
  const defaults: EndingInput[] = [
    {
      id: 'offer',
      outcome: 'offer-now',
      title: 'An offer',
      debrief: note('what winning the job on the spot means here'),
    },
    {
      id: 'offer-later',
      outcome: 'offer-later',
      title: 'An offer later',
      debrief: note('the offer after the interview'),
    },
    { id: 'next-stage', outcome: 'next-stage', title: 'The next stage', debrief: note('being asked back') },
    { id: 'no-decision', outcome: 'no-decision', title: 'No decision', debrief: note('being left waiting') },
    { id: 'rejection', outcome: 'rejection', title: 'Not this time', debrief: note('being turned down') },
  ];
  for (const d of defaults) if (!covered.has(d.outcome)) endings.push({ ...d, id: unique(d.id, endingIds) });

  // --- Decision-makers ----------------------------------------------------------------
  const SKIN = ['light', 'medium', 'olive', 'brown', 'dark', 'very-light'] as const;
  const HAIR = ['short', 'bob', 'long', 'crop', 'swept', 'bun', 'pixie', 'receding'] as const;
  const HAIR_COLOUR = ['black', 'dark-brown', 'brown', 'auburn', 'blonde', 'grey'] as const;
  const CLOTHES = ['blazer', 'shirt', 'suit', 'cardigan', 'open-collar', 'blouse'] as const;
  const COLOURS = ['#3b4a50', '#5a3b50', '#2f4a3a', '#4a3b2f', '#2f3b5a'] as const;
  const decisionMakers: ScenarioInput['decisionMakers'] = [...people].map(([name, pid]) => {
    const h = hash(name);
    const lead = pid === leadId;
    return {
      id: pid,
      name: name.slice(0, 60),
      role: lead ? 'Hiring manager' : 'Sits in on the interview',
      kind: 'hiring-manager',
      description: lead
        ? `${leadDisplay} runs the interview and decides who gets the job.`
        : `${name} sits in on the interview; the decision is ${leadDisplay}'s.`,
      ...(lead ? {} : { traits: { authority: 0.2 } }),
      salary: { currency: 'GBP', min: 27000, max: 33000 },
      portrait: {
        id: `${pid}-drawn`,
        expressions: ['neutral', 'interested', 'sceptical', 'impressed', 'irritated', 'warm', 'thinking'],
        describe: {
          skin: SKIN[h % SKIN.length]!,
          hair: HAIR[(h >>> 3) % HAIR.length]!,
          hairColour: HAIR_COLOUR[(h >>> 6) % HAIR_COLOUR.length]!,
          clothing: CLOTHES[(h >>> 9) % CLOTHES.length]!,
          clothingColour: COLOURS[(h >>> 12) % COLOURS.length]!,
          age: (['middle', 'older', 'young'] as const)[(h >>> 15) % 3]!,
        },
      },
      voice: { babble: (['voice-mid', 'voice-low', 'voice-high'] as const)[(h >>> 18) % 3]! },
    };
  });
  if (!leadName)
    warnings.push(
      'no one in the story is named as speaking ("Ms Okoro: …") or by title in the prose, so the decision-maker is "Interviewer"; give them a name.',
    );

  const scenario: ScenarioInput = {
    $schema: './scenario.schema.json',
    formatVersion: 1,
    meta: {
      id,
      title: story.title.slice(0, 80) || id,
      summary: `An interview imported from the Twine story "${story.title.slice(0, 120)}".`,
      lesson: note('the one lesson this scenario teaches, in a sentence'),
      role: {
        title: note('the job'),
        company: note('the employer'),
        sector: note('the sector'),
        commercial: 0.5,
      },
      difficulty: 'easy',
      minutes: Math.max(1, Math.min(60, Math.round(nodes.length / 2))),
      tags: ['imported-from-twine'],
      authors: [note('your name')],
      backdrop: 'owner-office',
    },
    situation: {
      stage: 'final',
      nextStage: 'offer',
      candidatesSeen: 1,
      candidatesRemaining: 0,
      vacancies: 1,
      description: note('the hiring situation the player reads at the briefing'),
    },
    candidate: {
      name: 'Candidate',
      background: note('who the player is'),
      targetSalary: 30000,
      canAcceptOnSpot: true,
    },
    decisionMakers,
    start: startId,
    nodes,
    closing: {
      decisionMaker: leadId,
      allowed: 'anywhere',
      forms,
      deliveries: [
        { delivery: 'firm', text: 'looks them in the eye and speaks calmly' },
        { delivery: 'tentative', text: 'glances down and half-smiles' },
      ],
      commitText: 'If you offer it to me now, my answer is yes.',
      responses,
      afterInterview: {
        'offer-later': say('after-offer', 'We would like to offer you the job. When can you start?'),
        'next-stage': say('after-next', 'We would like to invite you to the next stage.'),
        'no-decision': say('after-open', 'A week passes without a word from them.', 'narrator'),
        rejection: say('after-no', 'An email arrives: they have chosen someone else.', 'narrator'),
      },
    },
    endings,
  };
  const passageEndings = endings.filter((e) => e.debrief.includes('ends the story')).length;
  const todo = [
    `decisionMakers: ${[...people.keys()].join(', ') || 'Interviewer'}: role, kind (sets the default traits), description, salary, initial hidden state`,
    'meta: lesson (optionally { "text", "form", "moment" }), role, authors, backdrop',
    'situation and candidate: the hiring situation the model reads',
    'nodes: check each moment (opening, middle, closing) and give choices "effects" on the hidden state',
    "closing: the close's words, deliveries, supporting points and the decision-maker's other responses",
    `endings: check each outcome and write the debriefs (${passageEndings} from passages without links)`,
  ];
  return { scenario, warnings, todo };
}
