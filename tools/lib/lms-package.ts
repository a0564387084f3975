/**
 * The manifests of a learning-platform package: SCORM 1.2 and SCORM 2004 (4th edition)
 * `imsmanifest.xml`, and cmi5's `cmi5.xml`. Each scenario is its own activity (a SCO, or a cmi5
 * AU) launched at `index.html?…&scenario=<id>`, titled and described from the scenario's meta;
 * one package holds every chosen scenario. Pure: the files go in from the caller.
 */

export type PackageFormat = 'scorm12' | 'scorm2004' | 'cmi5';

export interface PackagedScenario {
  id: string;
  title: string;
  summary: string;
  /** Minutes a play takes, from meta. */
  minutes?: number;
}

export interface ManifestInput {
  format: PackageFormat;
  scenarios: PackagedScenario[];
  /** Pass mark 0–100, or null for none (an ending then completes the activity without pass or fail). */
  mastery: number | null;
  /** Every file of the package but the manifest, relative, with forward slashes. */
  files: string[];
  /** Title of the whole package. */
  title: string;
  /** A stable identifier for the package (the same scenarios give the same one). */
  identifier: string;
}

/** Close Call's IRIs (docs/lms.md). */
export const IRI_BASE = 'https://w3id.org/close-call/xapi';

export function escapeXml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** The launch address of one scenario (relative to the package root), per format. */
export function launchUrl(format: PackageFormat, id: string, mastery: number | null): string {
  if (format === 'cmi5') return `index.html?scenario=${id}`;
  return `index.html?lms=scorm&scenario=${id}${mastery === null ? '' : `&mastery=${mastery}`}`;
}

export function manifestName(format: PackageFormat): string {
  return format === 'cmi5' ? 'cmi5.xml' : 'imsmanifest.xml';
}

export function manifest(input: ManifestInput): string {
  if (input.format === 'scorm12') return scormManifest(input, SCORM12);
  if (input.format === 'scorm2004') return scormManifest(input, SCORM2004);
  return cmi5(input);
}

const fileList = (files: string[], indent: string) =>
  files.map((f) => `${indent}<file href="${escapeXml(f)}"/>`).join('\n');

/** What differs between the SCORM 1.2 and 2004 manifests; the skeleton around it is shared. */
interface ScormEdition {
  format: 'scorm12' | 'scorm2004';
  /** The manifest element's namespace and schema-location attributes. */
  namespaces: string;
  schemaVersion: string;
  /** The attribute naming a resource's SCORM type (its case differs between editions). */
  typeAttribute: string;
  /** What an item holds after its title (mastery or sequencing). */
  itemBody: (s: ManifestInput['scenarios'][number], mastery: number | null) => string;
  /** A resource's metadata: the scenario's title and summary in the edition's LOM. */
  lom: (title: string, summary: string) => string;
}

const SCORM12: ScormEdition = {
  format: 'scorm12',
  namespaces: `xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"
  xmlns:imsmd="http://www.imsglobal.org/xsd/imsmd_rootv1p2p1"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd"`,
  schemaVersion: '1.2',
  typeAttribute: 'adlcp:scormtype',
  itemBody: (_s, mastery) =>
    mastery === null ? '' : `\n        <adlcp:masteryscore>${mastery}</adlcp:masteryscore>`,
  lom: (title, summary) => `<imsmd:lom>
          <imsmd:general>
            <imsmd:title><imsmd:langstring xml:lang="en">${escapeXml(title)}</imsmd:langstring></imsmd:title>
            <imsmd:description><imsmd:langstring xml:lang="en">${escapeXml(summary)}</imsmd:langstring></imsmd:description>
          </imsmd:general>
        </imsmd:lom>`,
};

const SCORM2004: ScormEdition = {
  format: 'scorm2004',
  namespaces: `xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"
  xmlns:adlseq="http://www.adlnet.org/xsd/adlseq_v1p3"
  xmlns:adlnav="http://www.adlnet.org/xsd/adlnav_v1p3"
  xmlns:imsss="http://www.imsglobal.org/xsd/imsss"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.imsglobal.org/xsd/imscp_v1p1 imscp_v1p1.xsd http://www.adlnet.org/xsd/adlcp_v1p3 adlcp_v1p3.xsd http://www.adlnet.org/xsd/adlseq_v1p3 adlseq_v1p3.xsd http://www.adlnet.org/xsd/adlnav_v1p3 adlnav_v1p3.xsd http://www.imsglobal.org/xsd/imsss imsss_v1p0.xsd"`,
  schemaVersion: '2004 4th Edition',
  typeAttribute: 'adlcp:scormType',
  itemBody: (s, mastery) => `
        <imsss:sequencing>
          <imsss:objectives>
            <imsss:primaryObjective objectiveID="${s.id}-mastered" satisfiedByMeasure="${mastery !== null}">${
              mastery === null
                ? ''
                : `\n              <imsss:minNormalizedMeasure>${(mastery / 100).toFixed(2)}</imsss:minNormalizedMeasure>\n            `
            }</imsss:primaryObjective>
          </imsss:objectives>
          <imsss:deliveryControls completionSetByContent="true" objectiveSetByContent="true"/>
        </imsss:sequencing>`,
  lom: (title, summary) => `<lom xmlns="http://ltsc.ieee.org/xsd/LOM">
          <general>
            <title><string language="en">${escapeXml(title)}</string></title>
            <description><string language="en">${escapeXml(summary)}</string></description>
          </general>
        </lom>`,
};

/** A SCORM manifest: one item and one SCO per scenario, and the game's files as one shared asset. */
function scormManifest(m: ManifestInput, e: ScormEdition): string {
  const items = m.scenarios
    .map(
      (s) => `      <item identifier="item-${s.id}" identifierref="res-${s.id}">
        <title>${escapeXml(s.title)}</title>${e.itemBody(s, m.mastery)}
      </item>`,
    )
    .join('\n');
  const resources = m.scenarios
    .map(
      (
        s,
      ) => `    <resource identifier="res-${s.id}" type="webcontent" ${e.typeAttribute}="sco" href="${escapeXml(
        launchUrl(e.format, s.id, m.mastery),
      )}">
      <metadata>
        ${e.lom(s.title, s.summary)}
      </metadata>
      <file href="index.html"/>
      <dependency identifierref="game-files"/>
    </resource>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="${escapeXml(m.identifier)}" version="1.0"
  ${e.namespaces}>
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>${e.schemaVersion}</schemaversion>
  </metadata>
  <organizations default="close-call">
    <organization identifier="close-call">
      <title>${escapeXml(m.title)}</title>
${items}
    </organization>
  </organizations>
  <resources>
${resources}
    <resource identifier="game-files" type="webcontent" ${e.typeAttribute}="asset">
${fileList(m.files, '      ')}
    </resource>
  </resources>
</manifest>
`;
}

function cmi5(m: ManifestInput): string {
  const aus = m.scenarios
    .map(
      (
        s,
      ) => `  <au id="${IRI_BASE}/scenario/${s.id}" moveOn="${m.mastery === null ? 'Completed' : 'CompletedAndPassed'}"${
        m.mastery === null ? '' : ` masteryScore="${(m.mastery / 100).toFixed(2)}"`
      } launchMethod="AnyWindow">
    <title><langstring lang="en-GB">${escapeXml(s.title)}</langstring></title>
    <description><langstring lang="en-GB">${escapeXml(s.summary)}</langstring></description>
    <url>${escapeXml(launchUrl('cmi5', s.id, m.mastery))}</url>
  </au>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<courseStructure xmlns="https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd">
  <course id="${IRI_BASE}/package/${escapeXml(m.identifier)}">
    <title><langstring lang="en-GB">${escapeXml(m.title)}</langstring></title>
    <description><langstring lang="en-GB">${escapeXml(
      `Close Call interview practice: ${m.scenarios.map((s) => s.title).join('; ')}.`,
    )}</langstring></description>
  </course>
${aus}
</courseStructure>
`;
}
