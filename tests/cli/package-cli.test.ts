/**
 * `npm run package`: a round trip through each format (unzip; the manifest names files that are
 * all in the zip, and every file of the zip; only the chosen scenarios, with their catalogue; the
 * group session's pages left out), each manifest checked against the SCORM and cmi5 XML schemas
 * vendored in tests/fixtures/xsd with xmllint, and clear errors for wrong input. The build is a
 * small stand-in (--from-build); the browser test loads a real package's launch file.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tsxArgs } from './tsx';

const run = promisify(execFile);
const XSD = join(import.meta.dirname, '../fixtures/xsd');
const SCHEMA = {
  scorm12: join(XSD, 'scorm12/package.xsd'),
  scorm2004: join(XSD, 'scorm2004/package.xsd'),
  cmi5: join(XSD, 'cmi5/CourseStructure.xsd'),
} as const;

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, tsxArgs('tools/package.ts', ...args), {
      timeout: 120_000,
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

/** xmllint's verdict on a manifest against a schema (Debian package libxml2-utils). */
function xmllint(xml: string, schema: string, dir: string): { ok: boolean; output: string } {
  const file = join(dir, `check-${Math.random().toString(36).slice(2)}.xml`);
  writeFileSync(file, xml);
  try {
    const output = execFileSync('xmllint', ['--noout', '--schema', schema, file], {
      encoding: 'utf8',
      stdio: 'pipe',
    });
    return { ok: true, output };
  } catch (err) {
    const e = err as { code?: string; stderr?: string };
    if (e.code === 'ENOENT') throw new Error('xmllint is not installed: apt-get install libxml2-utils');
    return { ok: false, output: String(e.stderr ?? '') };
  }
}

let work: string;
let build: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'closecall-package-test-'));
  build = join(work, 'dist');
  mkdirSync(join(build, 'assets'), { recursive: true });
  mkdirSync(join(build, 'scenarios'), { recursive: true });
  writeFileSync(
    join(build, 'index.html'),
    '<!doctype html><script type="module" src="./assets/index-x.js"></script>',
  );
  writeFileSync(join(build, 'assets/index-x.js'), 'console.log("game")');
  writeFileSync(join(build, 'assets/a b&c.svg'), '<svg/>');
  writeFileSync(join(build, 'host.html'), '<!doctype html>host');
  writeFileSync(join(build, 'join.html'), '<!doctype html>join');
  writeFileSync(join(build, 'scenarios/old.json'), '{}');
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe.each(['scorm12', 'scorm2004', 'cmi5'] as const)('%s', (format) => {
  it('round trip: manifest valid against the schema, its files all in the zip, only the chosen scenarios', async () => {
    const out = join(work, `${format}.zip`);
    const r = await cli([
      '--format',
      format,
      '--scenario',
      'open-doors',
      '--scenario',
      'final-say',
      '--mastery',
      '80',
      '--from-build',
      build,
      '--out',
      out,
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`${format}, 2 scenarios: open-doors, final-say`));
    const zip = unzipSync(readFileSync(out));
    const names = Object.keys(zip).sort();
    const manifestFile = format === 'cmi5' ? 'cmi5.xml' : 'imsmanifest.xml';
    expect(names).toContain(manifestFile);
    expect(names).not.toContain('host.html');
    expect(names).not.toContain('scenarios/old.json');
    expect(names.filter((n) => n.startsWith('scenarios/')).sort()).toEqual([
      'scenarios/01-final-say.json',
      'scenarios/03-open-doors.json',
      'scenarios/index.json',
    ]);
    const catalog = JSON.parse(strFromU8(zip['scenarios/index.json']!)) as { files: { name: string }[] };
    expect(catalog.files.map((f) => f.name)).toEqual(['01-final-say.json', '03-open-doors.json']);
    const xml = strFromU8(zip[manifestFile]!);
    const verdict = xmllint(xml, SCHEMA[format], work);
    expect(verdict.output).toBe('');
    expect(verdict.ok).toBe(true);
    const fromXml = (s: string) =>
      s
        .replace(/&amp;/g, '&')
        .replace(/&quot;/g, '"')
        .replace(/&lt;/g, '<');
    if (format === 'cmi5') {
      const urls = [...xml.matchAll(/<url>([^<]+)<\/url>/g)].map((m) => fromXml(m[1]!));
      expect(urls).toEqual(['index.html?scenario=open-doors', 'index.html?scenario=final-say']);
      expect(xml).toContain('masteryScore="0.80"');
      expect(xml).toContain('moveOn="CompletedAndPassed"');
      expect(xml).toContain('<description><langstring lang="en-GB">A new logistics hub');
    } else {
      const files = [...xml.matchAll(/<file href="([^"]+)"\/>/g)].map((m) => fromXml(m[1]!));
      for (const f of files) expect(names, f).toContain(f);
      for (const n of names.filter((x) => x !== manifestFile)) expect(files, n).toContain(n);
      const launches = [...xml.matchAll(/scormtype="sco" href="([^"]+)"/gi)].map((m) => fromXml(m[1]!));
      expect(launches).toEqual([
        'index.html?lms=scorm&scenario=open-doors&mastery=80',
        'index.html?lms=scorm&scenario=final-say&mastery=80',
      ]);
      expect(xml).toContain('<title>Open Doors: Marco at Magna Park</title>');
      expect(xml).toMatch(/A new logistics hub goes live/);
      if (format === 'scorm12') expect(xml).toContain('<adlcp:masteryscore>80</adlcp:masteryscore>');
      else expect(xml).toContain('<imsss:minNormalizedMeasure>0.80</imsss:minNormalizedMeasure>');
    }
  });

  it('the schema check is real: a manifest with a wrong value fails it', () => {
    const xml = strFromU8(
      unzipSync(readFileSync(join(work, `${format}.zip`)))[
        format === 'cmi5' ? 'cmi5.xml' : 'imsmanifest.xml'
      ]!,
    );
    const broken =
      format === 'cmi5'
        ? xml.replace('moveOn="CompletedAndPassed"', 'moveOn="Sometimes"')
        : xml.replace(/<title>[^<]*<\/title>/, '<heading>x</heading>');
    expect(xmllint(broken, SCHEMA[format], work).ok).toBe(false);
  });
});

describe('wrong input', () => {
  it('--help says what each platform needs', async () => {
    const r = await cli(['--help']);
    expect(r.code).toBe(0);
    for (const s of [
      '--format scorm12',
      '--format scorm2004',
      '--format cmi5',
      'suspend_data',
      'CORS',
      '--mastery',
    ]) {
      expect(r.stdout).toContain(s);
    }
  });

  it('an unknown scenario is named, with the ones there are, and exits 1', async () => {
    const r = await cli([
      '--format',
      'cmi5',
      '--scenario',
      'nope',
      '--from-build',
      build,
      '--out',
      join(work, 'x.zip'),
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^package: no scenario has the id "nope"; there are: .*open-doors/);
  });

  it('a bad format, mastery or missing --out is a usage error (exit 2)', async () => {
    expect((await cli(['--format', 'aicc', '--out', 'x.zip'])).stderr).toContain(
      '--format must be scorm12, scorm2004 or cmi5',
    );
    expect((await cli(['--format', 'cmi5', '--mastery', '120', '--out', 'x.zip'])).code).toBe(2);
    const r = await cli(['--format', 'scorm12']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--out is required');
  });
});
