/**
 * Close Call inside a learning platform: a packaged scenario (npm run package) played in
 * Chromium under a page that acts as the LMS with scorm-again, the SCORM runtime platforms use.
 * SCORM 1.2: a full play in a window the LMS opened (the API found through the opener), and the
 * values the runtime holds after it. SCORM 2004: the package in the LMS's frame (the API found
 * through the parent), left mid-way, then launched again: it resumes at the same node with the
 * same log, and finishing below the mastery score is a failed attempt. cmi5: the packaged AU
 * launched with cmi5 parameters fetches its token and launch data and sends valid statements
 * to a test LRS.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Playthrough } from '../../src/engine';
import { unpackSuspend } from '../../src/web/lms/suspend';
import { startTestLrs } from '../support/test-lrs';
import { buildAndServe, capture, launch, ROOT, watchErrors } from './harness';
import { playToDebrief } from './play';
import { loadScenario } from './saves';

const SCENARIO = loadScenario('01-final-say.json');
const TITLE = SCENARIO.meta.title;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ogg': 'audio/ogg',
  '.png': 'image/png',
  '.xml': 'application/xml',
};

/** The LMS's own page: scorm-again, an API made for each launch, and a frame or window for the package. */
const LMS_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Test LMS</title>
<script src="scorm12.min.js"></script><script src="scorm2004.min.js"></script><script src="lms.js"></script></head>
<body><h1>Test LMS</h1><iframe name="sco" title="Course" style="width:1280px;height:720px;border:0"></iframe></body></html>`;

const LMS_SCRIPT = `
window.startLms = function (version, data, launch, how) {
  var api = version === '1.2' ? new Scorm12API({ logLevel: 5 }) : new Scorm2004API({ logLevel: 5 });
  if (data) api.loadFromJSON(data);
  delete window.API; delete window.API_1484_11;
  if (version === '1.2') window.API = api; else window.API_1484_11 = api;
  window.lmsApi = api;
  if (how === 'frame') document.querySelector('iframe').src = launch; else window.open(launch, '_blank');
};
window.cmiJson = function () { return JSON.parse(JSON.stringify(window.lmsApi.cmi)); };
`;

let work: string;
let lms: Server;
let lmsUrl: string;
let game: Server;
let browser: Browser;
const launches: Record<'scorm12' | 'scorm2004' | 'cmi5', string> = { scorm12: '', scorm2004: '', cmi5: '' };

function serveStatic(dir: string): Promise<Server> {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = normalize(join(dir, path.endsWith('/') ? `${path}index.html` : path));
    if (!file.startsWith(dir)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = readFileSync(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

beforeAll(async () => {
  // The shared production build (global setup), packaged as a platform would receive it.
  ({ server: game } = await buildAndServe());
  work = mkdtempSync(join(tmpdir(), 'closecall-lms-'));
  for (const format of ['scorm12', 'scorm2004', 'cmi5'] as const) {
    const zip = join(work, `${format}.zip`);
    execFileSync(
      process.execPath,
      [
        '--import',
        'tsx',
        'tools/package.ts',
        '--format',
        format,
        '--scenario',
        SCENARIO.meta.id,
        '--mastery',
        '50',
        '--from-build',
        join(ROOT, 'dist'),
        '--out',
        zip,
      ],
      { cwd: ROOT, stdio: 'pipe', timeout: 120_000 },
    );
    const files = unzipSync(readFileSync(zip));
    for (const [name, bytes] of Object.entries(files)) {
      const to = join(work, 'site', format, name);
      mkdirSync(join(to, '..'), { recursive: true });
      writeFileSync(to, bytes);
    }
    const href =
      format === 'cmi5'
        ? /<url>([^<]+)<\/url>/.exec(strFromU8(files['cmi5.xml']!))![1]!
        : /adlcp:scorm[tT]ype="sco" href="([^"]+)"/.exec(strFromU8(files['imsmanifest.xml']!))![1]!;
    launches[format] = `${format}/${href.replace(/&amp;/g, '&')}&fast`;
  }
  for (const f of ['scorm12.min.js', 'scorm2004.min.js']) {
    writeFileSync(join(work, 'site', f), readFileSync(join(ROOT, 'node_modules/scorm-again/dist', f)));
  }
  writeFileSync(join(work, 'site', 'index.html'), LMS_PAGE);
  writeFileSync(join(work, 'site', 'lms.js'), LMS_SCRIPT);
  lms = await serveStatic(join(work, 'site'));
  lmsUrl = `http://127.0.0.1:${(lms.address() as AddressInfo).port}/`;
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  lms?.close();
  game?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

type Cmi = Record<string, unknown> & { core?: Record<string, unknown> };

async function lmsPage(): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  context.setDefaultTimeout(120_000);
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(lmsUrl);
  return { page, errors };
}

/** Starts a launch in a window of its own and returns that window once the game shows `screen`. */
async function launchInWindow(
  page: Page,
  version: '1.2' | '2004',
  data: unknown,
  launchUrl: string,
  screen: string,
) {
  const popup = page.context().waitForEvent('page');
  await page.evaluate(
    ([v, d, l]) => (window as never as { startLms: (...a: unknown[]) => void }).startLms(v, d, l, 'window'),
    [version, data, launchUrl] as const,
  );
  const win = await popup;
  const errors = watchErrors(win);
  await win.waitForSelector(`main[aria-label="${screen}"]`, { timeout: 120_000 });
  return { win, errors };
}

const cmi = (page: Page) => page.evaluate(() => (window as never as { cmiJson: () => Cmi }).cmiJson());

describe('SCORM 1.2', () => {
  it('a full play in a window the LMS opened: passed, score, interactions, session time, normal exit', async () => {
    const { page, errors } = await lmsPage();
    const { win, errors: gameErrors } = await launchInWindow(
      page,
      '1.2',
      { student_data: { mastery_score: '10' } },
      launches.scorm12,
      'Briefing',
    );
    await capture(win, 'lms-launched-briefing');
    await playToDebrief(win, TITLE, 'keyboard', '-lms');
    const during = await cmi(page);
    expect(during.core?.lesson_status).toBe('passed');
    const raw = Number((during.core?.score as { raw: string } | undefined)?.raw);
    expect(raw).toBeGreaterThanOrEqual(10);
    expect(await win.locator('main').textContent()).toContain(String(raw));
    const rows = Object.values(during.interactions as Record<string, Record<string, string>>);
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(rows.filter((r) => r.type === 'performance')).toHaveLength(1);
    expect(rows.find((r) => r.type === 'performance')!.student_response).toMatch(
      /^form=[a-z-]+;delivery=[a-z]+;/,
    );
    expect(rows.every((r) => /^\d+-(choose|close|persist|let-go|negotiate)-/.test(r.id!))).toBe(true);
    await win.close({ runBeforeUnload: true });
    await expect
      .poll(async () => (await cmi(page)).core?.session_time, { timeout: 30_000 })
      .not.toBe('00:00:00');
    const after = await cmi(page);
    expect(after.core?.exit).toBe('');
    expect(after.suspend_data).toBe('');
    expect(gameErrors).toEqual([]);
    expect(errors).toEqual([]);
  });
});

describe('SCORM 2004', () => {
  it('left mid-way in the LMS frame, then resumed at the same node and log; a finish below mastery fails', async () => {
    const { page, errors } = await lmsPage();
    await page.evaluate(
      ([l]) =>
        (window as never as { startLms: (...a: unknown[]) => void }).startLms(
          '2004',
          { scaled_passing_score: '0.99' },
          l,
          'frame',
        ),
      [launches.scorm2004] as const,
    );
    const frame = page.frame({ name: 'sco' })!;
    await frame.waitForSelector('main[aria-label="Briefing"]', { timeout: 120_000 });
    await frame.getByRole('button', { name: 'Begin the interview' }).click();
    await frame.waitForSelector('main[aria-label="Interview"]');
    // Through the opening lines to the first choice, as a player would.
    for (let i = 0; i < 40 && (await frame.locator('.choices .choice').count()) === 0; i++) {
      const next = frame.getByRole('button', { name: 'Next line', exact: true });
      if (await next.count()) await next.click().catch(() => undefined);
      else await page.waitForTimeout(150);
    }
    await frame.locator('.choices .choice').first().click();
    await expect.poll(async () => String((await cmi(page)).suspend_data ?? '')).toMatch(/^cc1\./);
    // The learner leaves: the LMS takes its frame away.
    await page.evaluate(() => {
      (document.querySelector('iframe') as HTMLIFrameElement).src = 'about:blank';
    });
    await expect.poll(async () => (await cmi(page)).exit, { timeout: 30_000 }).toBe('suspend');
    const stored = await cmi(page);
    expect(stored.completion_status).toBe('incomplete');
    const kept = unpackSuspend(String(stored.suspend_data));
    expect(kept.ok).toBe(true);
    const log = (kept as { save: { actions: unknown[] } }).save;
    const expected = Playthrough.restore(SCENARIO, log as never).view();

    // Coming back: the platform launches it again with what it kept, entry "resume".
    const { win, errors: gameErrors } = await launchInWindow(
      page,
      '2004',
      { ...stored, entry: 'resume', exit: '' },
      launches.scorm2004,
      expected.phase === 'interview' && !expected.response ? 'Interview' : 'Response',
    );
    if (expected.choices.length) {
      const shown = (await win.locator('.choices .choice').allTextContents()).join('\n');
      for (const c of expected.choices) expect(shown).toContain(c.text);
    }
    await capture(win, 'lms-resumed');
    await playToDebrief(win, TITLE, 'keyboard', '-lms');
    const done = await cmi(page);
    expect(done.completion_status).toBe('completed');
    expect(done.success_status).toBe('failed');
    expect(Number(done.score && (done.score as { scaled: string }).scaled)).toBeLessThan(0.99);
    await win.close({ runBeforeUnload: true });
    await expect.poll(async () => (await cmi(page)).exit, { timeout: 30_000 }).toBe('normal');
    expect(gameErrors).toEqual([]);
    expect(errors).toEqual([]);
  });
});

describe('cmi5', () => {
  it('launched with cmi5 parameters: token, launch data, then valid statements to the LRS for a full play', async () => {
    const lrs = await startTestLrs({
      launchData: {
        contextTemplate: {
          extensions: { 'https://w3id.org/xapi/cmi5/context/extensions/sessionid': 'e2e-1' },
        },
        launchMode: 'Normal',
        masteryScore: 0.1,
        moveOn: 'CompletedAndPassed',
      },
    });
    try {
      const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
      context.setDefaultTimeout(120_000);
      const page = await context.newPage();
      const errors = watchErrors(page);
      const q = new URLSearchParams({
        endpoint: lrs.endpoint,
        fetch: lrs.fetchUrl,
        actor: JSON.stringify({
          objectType: 'Agent',
          account: { homePage: 'https://lms.example.org', name: 'e2e' },
        }),
        registration: '0f8e3c3a-6c4e-4a57-9a3b-2b7f7d1e0a42',
        activityId: `https://w3id.org/close-call/xapi/scenario/${SCENARIO.meta.id}`,
      });
      await page.goto(`${lmsUrl}${launches.cmi5}&${q}`);
      await page.waitForSelector('main[aria-label="Briefing"]', { timeout: 120_000 });
      await playToDebrief(page, TITLE, 'mouse', '-lms');
      await expect
        .poll(() => lrs.statements.map((s) => s.verb.id.split('/').pop()).slice(-1)[0], { timeout: 30_000 })
        .toBe('completed');
      const verbs = lrs.statements.map((s) => s.verb.id.split('/').pop());
      expect(verbs[0]).toBe('initialized');
      expect(verbs.filter((v) => v === 'answered').length).toBeGreaterThanOrEqual(2);
      expect(verbs.slice(-2)).toEqual(['passed', 'completed']);
      expect(lrs.refused).toEqual([]);
      expect(errors).toEqual([]);
      await context.close();
    } finally {
      await lrs.close();
    }
  });
});
