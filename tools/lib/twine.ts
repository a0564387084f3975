/**
 * Twine stories to Close Call scenario skeletons. Reads Twee 3 (`:: Passage [tags] {meta}`) and
 * Twine 2 published HTML (`<tw-storydata>` / `<tw-passagedata>`). A node per passage, a choice per
 * link, the passage text as narrator lines, the start passage as start, passages without links as
 * endings to fill in. SugarCube (`<<…>>`) and Harlowe (`(name: …)`) macros are kept as notes in the
 * node's discussion prompts, with a warning each. Pure: text in, scenario and warnings out.
 */
import type { ScenarioInput } from '../../src/engine';

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
}

export interface ImportResult {
  scenario: ScenarioInput;
  warnings: string[];
  /** What the author must add before the scenario teaches anything. */
  todo: string[];
}

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
  const titlePassage = passages.find((p) => p.name === 'StoryTitle');
  if (titlePassage?.text) title = titlePassage.text.split('\n')[0]!.trim();
  const data = passages.find((p) => p.name === 'StoryData');
  if (data) {
    try {
      const parsed = JSON.parse(data.text) as { start?: unknown };
      if (typeof parsed.start === 'string') start = parsed.start;
    } catch {
      warnings.push(
        `line ${data.line}: StoryData is not valid JSON; the first passage is used as the start.`,
      );
    }
  }
  return { title, start, passages: passages.filter((p) => !SPECIAL.has(p.name)), warnings };
}

function unescapeHtml(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#0?39;/g, "'")
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, '&');
}

function attr(tag: string, name: string): string | null {
  const m = new RegExp(`\\s${name}\\s*=\\s*("([^"]*)"|'([^']*)')`, 'i').exec(tag);
  return m ? unescapeHtml(m[2] ?? m[3] ?? '') : null;
}

/** Parses a Twine 2 published HTML file (or an archive of one story). */
export function parseTwineHtml(html: string): TwineStory & { warnings: string[] } {
  const warnings: string[] = [];
  const story = /<tw-storydata\b[^>]*>/i.exec(html);
  if (!story) throw new Error('no <tw-storydata> element: this is not a Twine 2 published story');
  const title = attr(story[0], 'name') ?? 'Imported story';
  const startPid = attr(story[0], 'startnode');
  const passages: Passage[] = [];
  let start: string | null = null;
  const re = /<tw-passagedata\b([^>]*)>([\s\S]*?)<\/tw-passagedata>/gi;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    const tag = `<x ${m[1]}>`;
    const name = attr(tag, 'name') ?? '';
    const pid = attr(tag, 'pid');
    const tags = (attr(tag, 'tags') ?? '').split(/\s+/).filter(Boolean);
    passages.push({ name, tags, text: unescapeHtml(m[2]!).trim(), line: 0 });
    if (pid !== null && pid === startPid) start = name;
  }
  if (passages.length === 0) warnings.push('the story has no passages');
  return { title, start, passages, warnings };
}

export interface Link {
  text: string;
  target: string;
}

/** The links of a passage: [[text->target]], [[target<-text]], [[text|target]], [[target]] (setters dropped). */
export function linksOf(text: string): Link[] {
  const out: Link[] = [];
  const re = /\[\[([\s\S]*?)\]\]/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    let inner = m[1]!;
    const setter = inner.indexOf('][');
    if (setter >= 0) inner = inner.slice(0, setter);
    let link: Link;
    const arrow = inner.lastIndexOf('->');
    const back = inner.indexOf('<-');
    const bar = inner.lastIndexOf('|');
    if (arrow >= 0) link = { text: inner.slice(0, arrow), target: inner.slice(arrow + 2) };
    else if (back >= 0) link = { text: inner.slice(back + 2), target: inner.slice(0, back) };
    else if (bar >= 0) link = { text: inner.slice(0, bar), target: inner.slice(bar + 1) };
    else link = { text: inner, target: inner };
    link = { text: link.text.trim(), target: link.target.trim() };
    if (link.target) out.push(link);
  }
  return out;
}

/** SugarCube `<<…>>` and Harlowe `(name: …)` / `(name:)` macros in a passage. */
export function macrosOf(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/<<[\s\S]*?>>/g)) out.push(m[0]);
  for (const m of text.matchAll(/\((?:[a-z][\w-]*):[^()]*(?:\([^()]*\)[^()]*)*\)/gi)) out.push(m[0]);
  return out;
}

/** An id from any name: lower-case ASCII letters, digits and hyphens (accents folded, other scripts hashed). */
export function slug(name: string): string {
  const ascii = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48);
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

const note = (text: string) => `(Author: ${text})`;

/** Turns a parsed story into a scenario skeleton that validates with warnings only. */
export function storyToScenario(story: TwineStory, id: string): ImportResult {
  const warnings: string[] = [];
  const where = (p: Passage) => (p.line > 0 ? `line ${p.line}: ` : '');
  // Passage names to node ids; duplicates keep the first for links.
  const nodeIds = new Set<string>();
  const byName = new Map<string, string>();
  const passages = story.passages.map((p) => {
    const nodeId = unique(slug(p.name), nodeIds);
    if (byName.has(p.name)) {
      warnings.push(
        `${where(p)}passage "${p.name}" is named twice; the second became node "${nodeId}" and links go to the first.`,
      );
    } else byName.set(p.name, nodeId);
    return { p, nodeId, links: linksOf(p.text) };
  });
  if (passages.length === 0) throw new Error('the story has no passages to import');
  let startName = story.start;
  if (!startName || !byName.has(startName)) {
    if (startName)
      warnings.push(`the start passage "${startName}" does not exist; the first passage is the start.`);
    startName = passages[0]!.p.name;
  }
  const startId = byName.get(startName)!;
  const lineIds = new Set<string>();
  const endingIds = new Set<string>();
  const nodes: ScenarioInput['nodes'] = [];
  const endings: ScenarioInput['endings'] = [];
  const missing = new Map<string, string>();
  for (const { p, nodeId, links } of passages) {
    const macros = macrosOf(p.text);
    for (const m of macros)
      warnings.push(
        `${where(p)}passage "${p.name}": macro ${m.length > 60 ? `${m.slice(0, 57)}…` : m} kept as a note; rework it as effects or conditions.`,
      );
    const prose = p.text
      .replace(/\[\[[\s\S]*?\]\]/g, '')
      .replace(/<<[\s\S]*?>>/g, '')
      .replace(/\((?:[a-z][\w-]*):[^()]*(?:\([^()]*\)[^()]*)*\)/gi, '')
      .replace(/<[^>]+>/g, '');
    const paragraphs = prose
      .split(/\n\s*\n|\n/)
      .map((t) => t.replace(/\s+/g, ' ').trim())
      .filter(Boolean);
    const lines = (
      paragraphs.length ? paragraphs : [note(`passage "${p.name}" had no text; write what is said`)]
    ).map((text) => ({ id: unique(`${nodeId}-line`, lineIds), speaker: 'narrator', text }));
    const choiceIds = new Set<string>();
    const choices = links.map((l) => {
      let target = byName.get(l.target);
      if (!target) {
        target = missing.get(l.target);
        if (!target) {
          target = unique(slug(l.target), nodeIds);
          missing.set(l.target, target);
        }
        warnings.push(
          `${where(p)}passage "${p.name}" links to "${l.target}", which does not exist; node "${target}" was added for you to write.`,
        );
      }
      return { id: unique(slug(l.text || l.target), choiceIds), text: l.text || l.target, next: target };
    });
    const node: ScenarioInput['nodes'][number] = {
      id: nodeId,
      moment: nodeId === startId ? 'opening' : 'middle',
      lines,
      ...(macros.length ? { discussion: macros.map((m) => `Twine macro to rework: ${m}`) } : {}),
      ...(choices.length ? { choices } : {}),
    };
    if (choices.length === 0) {
      const endingId = unique(nodeId, endingIds);
      node.ending = endingId;
      endings.push({
        id: endingId,
        outcome: 'no-decision',
        title: p.name.slice(0, 80) || endingId,
        debrief: note(
          `passage "${p.name}" has no links, so it is an ending: choose its outcome and write the debrief`,
        ),
      });
    }
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
  const dm = 'decision-maker';
  const say = (lineId: string, text: string) => [{ id: lineId, speaker: dm, text }];
  const decisionEndings: ScenarioInput['endings'] = (
    [
      {
        id: 'offer',
        outcome: 'offer-now',
        title: 'An offer',
        debrief: note('what winning the job here means'),
      },
      {
        id: 'offer-later',
        outcome: 'offer-later',
        title: 'An offer later',
        debrief: note('the offer after the interview'),
      },
      { id: 'next-stage', outcome: 'next-stage', title: 'The next stage', debrief: note('being asked back') },
      {
        id: 'no-decision',
        outcome: 'no-decision',
        title: 'No decision',
        debrief: note('being left waiting'),
      },
      { id: 'rejection', outcome: 'rejection', title: 'Not this time', debrief: note('being turned down') },
    ] as ScenarioInput['endings']
  ).filter((e) => !endingIds.has(e.id));
  const scenario: ScenarioInput = {
    $schema: './scenario.schema.json',
    formatVersion: 1,
    meta: {
      id,
      title: story.title.slice(0, 80) || id,
      summary: note(
        `imported from the Twine story "${story.title}"; write one or two sentences for the card`,
      ),
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
    decisionMakers: [
      {
        id: dm,
        name: 'Decision-maker',
        role: note('their job'),
        kind: 'hiring-manager',
        description: note('who decides, as the candidate knows them'),
        salary: { currency: 'GBP', min: 27000, max: 33000 },
        portrait: {
          id: 'dana-whitlock',
          expressions: ['neutral', 'interested', 'sceptical', 'impressed', 'irritated', 'warm', 'thinking'],
        },
        voice: { babble: 'voice-mid' },
      },
    ],
    start: startId,
    nodes,
    closing: {
      decisionMaker: dm,
      allowed: 'closing-moments',
      forms: [{ form: 'outright-ask', text: 'Will you offer me the job?' }],
      deliveries: [{ delivery: 'firm', text: 'looking them in the eye' }],
      commitText: 'I can start whenever you need me.',
      responses: {
        'offer-now': say('close-offer', note('their answer when they offer the job on the spot')),
        'next-stage': say('close-next', note('their answer when they ask the candidate back')),
        'no-decision': say('close-open', note('their answer when they will not decide yet')),
        rejection: say('close-no', note('their answer when they turn the candidate down')),
      },
      afterInterview: {
        'offer-later': say('after-offer', note('the offer that comes after the interview')),
        'next-stage': say('after-next', note('the invitation to the next stage')),
        'no-decision': say('after-open', note('the silence after the interview')),
        rejection: say('after-no', note('the rejection after the interview')),
      },
    },
    endings: [...endings, ...decisionEndings],
  };
  const todo = [
    'decisionMakers[0]: name, role, kind (sets the default traits), description, salary, portrait',
    'meta: summary, lesson (optionally { "text", "form", "moment" }), role, authors, backdrop',
    'situation and candidate: the hiring situation the model reads',
    'nodes: set "moment" (opening, middle, closing) and give choices "effects" on the hidden state',
    "closing: the close forms, deliveries, supporting points and the decision-maker's responses",
    `endings: choose each outcome and write the debriefs (${endings.length} from passages without links, all "no-decision" for now)`,
    'lines: every line is "narrator"; give the decision-maker\'s lines their id as speaker',
  ];
  return { scenario, warnings, todo };
}
