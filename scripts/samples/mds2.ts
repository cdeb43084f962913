// Fictional HN 1-2019 MDS2 forms for samples/: a weak vendor (many gaps, unanswered questions, a
// dangling note reference, contradictions) and a strong one (good answers, every note resolved),
// laid out like NEMA's workbook. Every vendor, product and answer is invented; the question column
// carries short labels of our own, not the standard's wording.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import * as XLSX from '@e965/xlsx';
import { HN2019_QUESTION_IDS, questionInfo } from '../../server/src/documents/mds2/questions.js';

export interface SampleVendor {
  /** File name without extension. */
  slug: string;
  manufacturer: string;
  description: string;
  model: string;
  documentId: string;
  contact: string;
  intendedUse: string;
  releaseDate: string;
  /** Answers that differ from the defaults: raw answer text, and an optional note-column text. */
  answers: Record<string, string | [string, string]>;
  notes: string[];
  /** IDs printed differently from the canonical one, as NEMA's own SHAD-15. */
  printed?: Record<string, string>;
}

const SECTION_TITLES: Record<string, string> = {
  MPII: 'MANAGEMENT OF PERSONALLY IDENTIFIABLE INFORMATION',
  ALOF: 'AUTOMATIC LOGOFF (ALOF)',
  AUDT: 'AUDIT CONTROLS (AUDT)',
  AUTH: 'AUTHORIZATION (AUTH)',
  CSUP: 'CYBER SECURITY PRODUCT UPGRADES (CSUP)',
  DIDT: 'HEALTH DATA DE-IDENTIFICATION (DIDT)',
  DTBK: 'DATA BACKUP AND DISASTER RECOVERY (DTBK)',
  EMRG: 'EMERGENCY ACCESS (EMRG)',
  IGAU: 'HEALTH DATA INTEGRITY AND AUTHENTICITY (IGAU)',
  MLDP: 'MALWARE DETECTION/PROTECTION (MLDP)',
  NAUT: 'NODE AUTHENTICATION (NAUT)',
  CONN: 'CONNECTIVITY CAPABILITIES (CONN)',
  PAUT: 'PERSON AUTHENTICATION (PAUT)',
  PLOK: 'PHYSICAL LOCKS (PLOK)',
  RDMP: 'ROADMAP FOR THIRD PARTY COMPONENTS IN DEVICE LIFE CYCLE (RDMP)',
  SBOM: 'SOFTWARE BILL OF MATERIALS (SBoM)',
  SAHD: 'SYSTEM AND APPLICATION HARDENING (SAHD)',
  SGUD: 'SECURITY GUIDANCE (SGUD)',
  STCF: 'HEALTH DATA STORAGE CONFIDENTIALITY (STCF)',
  TXCF: 'TRANSMISSION CONFIDENTIALITY (TXCF)',
  TXIG: 'TRANSMISSION INTEGRITY (TXIG)',
  RMOT: 'REMOTE SERVICE (RMOT)',
};

const DOC_LABELS: Record<string, string> = {
  'DOC-1': 'Manufacturer Name',
  'DOC-2': 'Device Description',
  'DOC-3': 'Device Model',
  'DOC-4': 'Document ID',
  'DOC-5': 'Manufacturer Contact Information',
  'DOC-6': 'Intended use of device in network-connected environment',
  'DOC-7': 'Document Release Date',
  'DOC-8': 'Coordinated Vulnerability Disclosure program?',
  'DOC-9': 'ISAO membership?',
  'DOC-10': 'Network or data flow diagram available?',
  'DOC-11': 'SaMD (software only)?',
  'DOC-11.1': 'SaMD: contains an operating system?',
  'DOC-11.2': 'SaMD: relies on an owner/operator operating system?',
  'DOC-11.3': 'SaMD: hosted by the manufacturer?',
  'DOC-11.4': 'SaMD: hosted by the customer?',
};

/** Informational questions a typical networked imaging system answers Yes. */
const INFORMATIONAL_YES = new Set([
  'MPII-1', 'MPII-2', 'MPII-2.1', 'MPII-2.2', 'MPII-2.3', 'MPII-2.4', 'MPII-2.6', 'MPII-2.7', 'MPII-3', 'MPII-3.1',
  'MPII-3.3', 'MPII-3.5', 'AUDT-5.1', 'AUDT-8', 'AUTH-3', 'CSUP-1', 'CSUP-2', 'CSUP-2.3', 'CSUP-3', 'CSUP-3.3',
  'CSUP-4', 'CSUP-4.3', 'CSUP-5', 'CSUP-5.3', 'CSUP-10', 'DTBK-1', 'MLDP-1', 'MLDP-5.2', 'CONN-1', 'CONN-1.2',
  'CONN-1.2.1', 'CONN-1.2.2', 'CONN-3', 'CONN-5', 'PAUT-12', 'PAUT-14', 'SAHD-14', 'SAHD-16', 'STCF-3', 'RMOT-1',
  'RMOT-2', 'RMOT-3',
]);

const negative = (raw: string) => /^\s*(?:no|n|n\/a)\b/i.test(raw);

/** Every question's answer for a vendor: its own answers, N/A under a parent answered No or N/A, else a sound default. */
export function sampleAnswers(vendor: SampleVendor): Map<string, [string, string]> {
  const out = new Map<string, [string, string]>();
  for (const id of HN2019_QUESTION_IDS) {
    const info = questionInfo(id)!;
    const own = vendor.answers[id];
    let answer: [string, string];
    if (own !== undefined) answer = typeof own === 'string' ? [own, '__'] : own;
    else if (info.parent && negative(out.get(info.parent)?.[0] ?? '')) answer = ['N/A', '__'];
    else if (info.gapWhen === 'no') answer = ['Yes', '__'];
    else if (info.gapWhen === 'yes') answer = ['No', '__'];
    else answer = [INFORMATIONAL_YES.has(id) ? 'Yes' : 'No', '__'];
    out.set(id, answer);
  }
  return out;
}

function questionLabel(id: string): string {
  if (DOC_LABELS[id]) return DOC_LABELS[id]!;
  const section = questionInfo(id)!.section;
  const title = (SECTION_TITLES[section] ?? section).replace(/\s*\([^)]*\)$/, '').toLowerCase();
  return `${title.charAt(0).toUpperCase()}${title.slice(1)}, item ${id.slice(id.indexOf('-') + 1)}`;
}

/** The form as rows of cells, in NEMA's arrangement: title, header rows, DOC block, sections, notes. */
export function mds2SampleRows(vendor: SampleVendor): (string | null)[][] {
  const answers = sampleAnswers(vendor);
  const docValues: Record<string, string> = {
    'DOC-1': vendor.manufacturer,
    'DOC-2': vendor.description,
    'DOC-3': vendor.model,
    'DOC-4': vendor.documentId,
    'DOC-5': vendor.contact,
    'DOC-6': vendor.intendedUse,
    'DOC-7': vendor.releaseDate,
  };
  const rows: (string | null)[][] = [
    ['FICTIONAL SAMPLE written by dicomsec: vendor, product and answers are invented; question wording is abbreviated.'],
    ['Manufacturer Disclosure Statement for Medical Device Security -- MDS2'],
    [vendor.manufacturer, vendor.model, vendor.documentId, vendor.releaseDate],
    [],
    ['Question ID', 'Question', null, 'See note'],
  ];
  let section = 'DOC';
  for (const id of HN2019_QUESTION_IDS) {
    const info = questionInfo(id)!;
    if (info.section !== section) {
      section = info.section;
      if (section === 'MPII') rows.push([], [null, null, 'Yes, No, \nN/A, or \nSee Note', 'Note #']);
      else rows.push([], []);
      rows.push([null, SECTION_TITLES[section] ?? section]);
      if (section !== 'MPII') rows.push([null, `What the ${section} questions cover (fictional sample).`]);
    }
    const [raw, note] = answers.get(id)!;
    const printed = vendor.printed?.[id] ?? id;
    rows.push([printed, questionLabel(id), docValues[id] ?? raw, note]);
  }
  rows.push([], [], [null, 'OTHER SECURITY CONSIDERATIONS (OTHR)'], [' ', 'NONE'], [], [null, 'Notes:'], []);
  vendor.notes.forEach((text, i) => rows.push([`Note ${i + 1}`, text]));
  return rows;
}

export function buildMds2Workbook(vendor: SampleVendor, sheetName = 'mds2-form'): XLSX.WorkBook {
  const wb = XLSX.utils.book_new();
  const ws = XLSX.utils.aoa_to_sheet(mds2SampleRows(vendor));
  ws['!cols'] = [{ wch: 18 }, { wch: 44 }, { wch: 30 }, { wch: 43 }];
  ws['!merges'] = [{ s: { r: 0, c: 0 }, e: { r: 0, c: 3 } }];
  XLSX.utils.book_append_sheet(wb, ws, sheetName);
  wb.Props = { Title: `MDS2 ${vendor.manufacturer} ${vendor.model}`, Author: 'dicomsec samples (fictional)' };
  return wb;
}

/** A vendor with many gaps: no TLS, fixed service password, unanswered rows, a note that does not exist, contradictions. */
export const NORTHWIND: SampleVendor = {
  slug: 'northwind-imaging-nw-scope-200-mds2',
  manufacturer: 'Northwind Imaging Ltd. (fictional)',
  description: 'NW-Scope 200 ultrasound review workstation',
  model: 'NW-Scope 200, software 4.2',
  documentId: 'NWI-MDS2-0042',
  contact: 'service@northwind-imaging.example',
  intendedUse: 'Sends studies to PACS over DICOM; receives worklists; remote vendor service over the Internet',
  releaseDate: '2021-02-15',
  printed: { 'SAHD-15': 'SHAD-15' },
  notes: [
    'The service account uses a factory password that is the same on every unit and cannot be changed on site.',
    'A list of network ports is available from Northwind service on request.',
    'Remote service is started by Northwind staff through a permanent outbound tunnel.',
  ],
  answers: {
    'DOC-8': 'No',
    'DOC-9': 'No',
    'DOC-10': 'N',
    'MPII-3.6': 'Yes',
    'MPII-3.7': 'Yes',
    'ALOF-1': 'No',
    'ALOF-2': 'N/A',
    'AUDT-1.2': 'Yes',
    'AUDT-2.2': 'No',
    'AUDT-4': '',
    'AUDT-5.2': 'No',
    'AUDT-5.4': 'No',
    'AUDT-7': 'No,',
    'AUTH-1': 'Y',
    'AUTH-1.1': 'No',
    'AUTH-1.2': 'No',
    'AUTH-2': 'No',
    'AUTH-4': '____',
    'CSUP-2.1': 'No',
    'CSUP-2.2': 'Yes',
    'CSUP-4': 'No',
    'CSUP-9': 'No',
    'CSUP-11': 'No',
    'MLDP-2': 'No',
    'MLDP-3': 'No',
    'MLDP-4': 'No',
    'MLDP-5': 'No',
    'NAUT-1': 'No',
    'NAUT-3': 'No',
    'CONN-1.1': 'Yes',
    'CONN-1.1.1': 'Yes',
    'CONN-1.1.2': 'No',
    'CONN-1.1.3': 'No',
    'CONN-1.1.4': 'No',
    'CONN-2': ['See Note', 'See Note 2'],
    'CONN-4': 'Yes',
    'CONN-6': 'Yes',
    'CONN-7': 'No',
    'PAUT-1': 'No',
    'PAUT-3': 'No',
    'PAUT-4': 'No',
    'PAUT-5': ['No', 'See Note 1'],
    'PAUT-6': 'No',
    'PAUT-7': 'No',
    'PAUT-8': '',
    'PAUT-9': 'No',
    'PAUT-13': 'Yes',
    'PAUT-14.1': 'No',
    'SBOM-1': 'No',
    'SBOM-2': 'Yes',
    'SBOM-2.1': 'Yes',
    'SBOM-3': 'No',
    'SBOM-4': 'N/A',
    'SAHD-1': ['Yes', 'See Note 7'],
    'SAHD-3.2': 'No',
    'SAHD-8': 'No',
    'SAHD-9': 'No',
    'SAHD-11': '____',
    'SAHD-12': 'Yes',
    'SAHD-15': 'No',
    'SAHD-16': 'No',
    'SGUD-3': 'No',
    'SGUD-3.1': 'No',
    'SGUD-4': 'No',
    'STCF-1': 'No',
    'STCF-2': 'N/A',
    'TXCF-2': 'No',
    'TXCF-2.1': 'No',
    'TXCF-4': 'No',
    'TXCF-5': 'No',
    'TXIG-1': 'No',
    'IGAU-1': 'No',
    'DTBK-6': 'No',
    'RDMP-3': 'No',
    'RDMP-4': 'No',
    'RMOT-1': ['Yes', 'See Note 3'],
    'RMOT-1.1': 'No',
    'RMOT-1.2': 'No',
    'RMOT-1.3': 'Yes',
  },
};

/** A vendor with sound answers and every note resolved. */
export const CONTOSO: SampleVendor = {
  slug: 'contoso-medical-clarity-pacs-mds2',
  manufacturer: 'Contoso Medical Systems (fictional)',
  description: 'Clarity PACS image archive and diagnostic viewer',
  model: 'Clarity PACS 8.1',
  documentId: 'CMS-MDS2-CP8-R3',
  contact: 'psirt@contoso-medical.example',
  intendedUse: 'Stores and distributes DICOM images inside the hospital network; DICOM TLS and HTTPS only',
  releaseDate: '2025-06-30',
  notes: [
    'Patient data at rest is encrypted with AES-256 (database and image store); keys are sealed in the server TPM.',
    'DICOM and HL7 traffic uses TLS 1.2 or 1.3 (BCP 195 profile); the web viewer is HTTPS only.',
    'A CycloneDX SBOM ships with every release and is updated with each patch on the customer portal.',
    'Third-party vulnerabilities are triaged within 30 days; validated patches are published monthly.',
    'Multi-factor authentication with TOTP or the hospital SAML identity provider.',
    'Vulnerability reports: psirt@contoso-medical.example, handled per ISO/IEC 29147 and 30111.',
    'Remote service runs over a customer-initiated, logged VPN session that the customer approves each time.',
    'Server OS hardened to the CIS Level 1 benchmark; unused services removed.',
  ],
  answers: {
    'DOC-8': 'Yes (see note 6)',
    'DOC-11': 'No',
    'MLDP-2.2': 'No',
    'MLDP-2.6': 'No',
    'MLDP-3': 'N/A',
    'CONN-1.1': 'No',
    'CONN-1.2.3': 'No',
    'CONN-1.2.4': 'No',
    'CONN-4': 'No',
    'CONN-6': 'No',
    'CONN-8': 'No',
    'CSUP-6': 'No',
    'CSUP-8': 'No',
    'CSUP-11': ['Yes', 'See Note 4'],
    'PAUT-8': ['Yes', 'Note 5'],
    'PAUT-11': 'No',
    'PAUT-13': 'No',
    'PLOK-1': 'No',
    'SBOM-1': ['Yes', 'See Note 3'],
    'SAHD-16': ['See Notes', 'See Note 8'],
    'STCF-1': 'Yes, AES-256 (see note 1)',
    'STCF-4': 'No',
    'TXCF-1': 'No',
    'TXCF-2': ['Yes', 'See Note 2'],
    'TXIG-2': 'No',
    'RMOT-1': ['Yes', 'See Note 7'],
    'RMOT-1.3': 'No',
  },
};

export const SAMPLE_VENDORS = [NORTHWIND, CONTOSO];

/** Writes the sample workbooks and a CSV export of the weak one; returns the paths written. */
export async function writeMds2Samples(dir: string): Promise<string[]> {
  const written: string[] = [];
  for (const vendor of SAMPLE_VENDORS) {
    const file = path.join(dir, `${vendor.slug}.xlsx`);
    writeFileSync(file, XLSX.write(buildMds2Workbook(vendor), { type: 'buffer', bookType: 'xlsx', compression: true }));
    written.push(file);
  }
  const csv = path.join(dir, `${NORTHWIND.slug}.csv`);
  const wb = buildMds2Workbook(NORTHWIND);
  writeFileSync(csv, XLSX.utils.sheet_to_csv(wb.Sheets[wb.SheetNames[0]!]!, { blankrows: true }));
  written.push(csv);
  return written;
}
