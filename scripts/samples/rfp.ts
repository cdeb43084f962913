// A fictional hospital's RFP draft for an imaging archive, as Markdown and Word, for samples/: a
// partial draft that states some security requirements well (MDS2, TLS, accounts, MFA, backups,
// ports, encryption at rest, anti-malware), denies or weakens others ("an SBOM is not required",
// remote support without customer control, audit logs kept on the device) and is silent on the
// rest, so the rfp-requirements pack has something to find. The hospital and product are invented.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { writeDocx, type DocxBlock } from '../../server/src/presenters/docx-writer.js';

type Block = DocxBlock | { kind: 'bullet'; text: string };

export const RFP_SLUG = 'fabrikam-regional-hospital-imaging-archive-rfp';

export const RFP_DRAFT: Block[] = [
  { kind: 'title', text: 'Request for Proposal FRH-2027-014: Enterprise Imaging Archive' },
  { kind: 'paragraph', lead: 'Issued by:', text: 'Fabrikam Regional Hospital, Procurement Office (fictional)' },
  { kind: 'paragraph', text: 'Status: draft for review by the security office, version 0.3.' },
  { kind: 'heading', level: 1, text: '1 Introduction' },
  { kind: 'paragraph', text: 'Fabrikam Regional Hospital invites proposals for a vendor-neutral archive and diagnostic viewer for its three imaging departments. This request for proposal (RFP) describes the scope of work, the requirements and how proposals will be evaluated.' },
  { kind: 'heading', level: 1, text: '2 Schedule' },
  { kind: 'paragraph', text: 'Proposals are due on 15 March 2027 at 12:00 local time. Questions may be sent to the procurement office until 1 March 2027.' },
  { kind: 'heading', level: 1, text: '3 Scope of work' },
  { kind: 'paragraph', text: 'The scope of work covers supply, installation, data migration from the current archive (about 400 TB), training for 40 radiologists and 12 administrators, and five years of maintenance.' },
  { kind: 'heading', level: 1, text: '4 Functional requirements' },
  { kind: 'paragraph', text: 'The archive shall store and retrieve DICOM images from CT, MR, ultrasound and digital radiography modalities, and the Offeror shall provide a DICOM Conformance Statement for the offered release.' },
  { kind: 'paragraph', text: 'The viewer shall display prior studies alongside the current study within three seconds on the hospital network.' },
  { kind: 'heading', level: 1, text: '5 Security requirements' },
  { kind: 'paragraph', text: 'With its proposal the Offeror shall provide:' },
  { kind: 'bullet', text: 'a completed MDS2 form (HN 1-2019) for the offered release, warranted accurate;' },
  { kind: 'bullet', text: 'a list of every network port and protocol the archive and viewer use.' },
  { kind: 'paragraph', text: 'All DICOM associations shall use DICOM TLS according to PS3.15, and web access shall use TLS 1.2 or later.' },
  { kind: 'paragraph', text: 'The archive shall encrypt stored images and its database at rest.' },
  { kind: 'paragraph', text: 'Every user shall have a unique user account, and administrative access shall require multi-factor authentication.' },
  { kind: 'paragraph', text: 'The archive shall support anti-malware software validated by the Offeror.' },
  { kind: 'paragraph', text: 'The Offeror shall back up the archive configuration daily.' },
  { kind: 'paragraph', text: 'The Offeror shall provide security patches for the archive and viewer.' },
  { kind: 'paragraph', text: 'The Offeror shall provide remote support around the clock.' },
  { kind: 'paragraph', text: 'The archive shall keep audit logs on its local disk for 90 days.' },
  { kind: 'paragraph', text: 'A software bill of materials (SBOM) is not required for this procurement.' },
  { kind: 'heading', level: 1, text: '6 Evaluation criteria' },
  { kind: 'paragraph', text: 'Proposals will be evaluated on functionality (40%), security (25%), total cost of ownership (25%) and references (10%).' },
  { kind: 'heading', level: 1, text: '7 Submission instructions' },
  { kind: 'paragraph', text: 'Offerors shall submit one electronic copy of their proposal to the procurement office.' },
];

const md = (s: string) => s.replace(/[\\`*_[\]#|<>]/g, '\\$&');

export function rfpMarkdown(blocks: readonly Block[]): string {
  const out: string[] = [];
  for (const b of blocks) {
    if (b.kind === 'title') out.push(`# ${md(b.text)}`, '');
    else if (b.kind === 'heading') out.push(`${'#'.repeat(b.level + 1)} ${md(b.text)}`, '');
    else if (b.kind === 'bullet') out.push(`- ${md(b.text)}`);
    else {
      if (out.length && out[out.length - 1]!.startsWith('- ')) out.push('');
      out.push(`${b.lead ? `**${md(b.lead)}** ` : ''}${md(b.text)}`, '');
    }
  }
  return out.join('\n');
}

export function rfpDocx(blocks: readonly Block[]): Uint8Array {
  return writeDocx(blocks.map((b) => (b.kind === 'bullet' ? { kind: 'paragraph', text: `• ${b.text}` } : b)));
}

export async function writeRfpSamples(dir: string): Promise<string[]> {
  const files = [path.join(dir, `${RFP_SLUG}.md`), path.join(dir, `${RFP_SLUG}.docx`)];
  writeFileSync(files[0]!, rfpMarkdown(RFP_DRAFT));
  writeFileSync(files[1]!, rfpDocx(RFP_DRAFT));
  return files;
}
