// The MDS2 form as a document kind: what rules, the review view and reports need of it.
import type { Evidence } from '../../core/findings.js';
import type { DocumentKindEntry, ViewGroup } from '../kinds.js';
import type { Mds2Answer, Mds2Form } from './model.js';
import { parseMds2 } from './parse.js';
import { mds2NetworkExposure } from './exposure.js';
import { HN2019_QUESTION_IDS } from './questions.js';
import { releaseIn } from '../release.js';

/** Section codes of ANSI/NEMA HN 1-2019, for headers and the outline. */
export const MDS2_SECTIONS: Record<string, string> = {
  DOC: 'Document / device description',
  MPII: 'Management of personally identifiable information',
  ALOF: 'Automatic logoff',
  AUDT: 'Audit controls',
  AUTH: 'Authorization',
  CSUP: 'Cyber security product upgrades',
  DIDT: 'Health data de-identification',
  DTBK: 'Data backup and disaster recovery',
  EMRG: 'Emergency access',
  IGAU: 'Health data integrity and authenticity',
  MLDP: 'Malware detection/protection',
  NAUT: 'Node authentication',
  CONN: 'Connectivity capabilities',
  PAUT: 'Person authentication',
  PLOK: 'Physical locks',
  RDMP: 'Roadmap for third party components in device life cycle',
  SBOM: 'Software bill of materials',
  SAHD: 'System and application hardening',
  SGUD: 'Security guidance',
  STCF: 'Health data storage confidentiality',
  TXCF: 'Transmission confidentiality',
  TXIG: 'Transmission integrity',
  RMOT: 'Remote service',
  OTHR: 'Other security considerations',
};

const MAX_QUESTION_TEXT = 120;

const quoteRaw = (raw: string) => JSON.stringify(raw.length > 200 ? raw.slice(0, 200) + '…' : raw);

/** An answer as one line: ID, normalised value, the text as written, its note and the question. */
export function answerLine(a: Mds2Answer): string {
  const id = a.id.padEnd(12);
  const value = a.value.padEnd(10);
  let line = `${id}${value}${quoteRaw(a.raw)}`;
  if (a.note !== undefined || a.noteRef !== undefined) {
    const note = a.note ? a.note.replace(/\s+/g, ' ').trim() : 'unresolved';
    line += `  (${a.noteRef ? a.noteRef + ': ' : 'note: '}${note.length > 160 ? note.slice(0, 160) + '…' : note})`;
  }
  if (a.question) {
    const q = a.question.replace(/\s+/g, ' ').trim();
    line += `  — ${q.length > MAX_QUESTION_TEXT ? q.slice(0, MAX_QUESTION_TEXT) + '…' : q}`;
  }
  return line;
}

/** The evidence of one answer: question ID, normalised answer, where it is and what it says. */
export function answerEvidence(form: Mds2Form, id: string, path?: string): Evidence {
  const a: Mds2Answer | undefined = form.answers[id];
  if (!a) return { path, questionId: id, answer: 'unanswered', section: id.split('-')[0] };
  const e: Evidence = { path, questionId: id, answer: a.value, section: a.section, ...a.location };
  const quote = a.raw.trim();
  if (quote) e.quote = a.note ? `${quote} — ${a.note}` : quote;
  return e;
}

function variables(form: Mds2Form): Record<string, unknown> {
  const answer: Record<string, string> = {};
  const raw: Record<string, string> = {};
  const note: Record<string, string> = {};
  // Every HN 1-2019 ID is present so conditions never fail on a missing key: absent = unanswered.
  for (const id of HN2019_QUESTION_IDS) {
    answer[id] = 'unanswered';
    raw[id] = '';
    note[id] = '';
  }
  for (const [id, a] of Object.entries(form.answers)) {
    answer[id] = a.value;
    raw[id] = a.raw;
    note[id] = a.note ?? '';
  }
  const { answers: _a, notes: _n, order: _o, ...header } = form;
  // mds2.exposure: whether the form says the device is networked (exposure.ts).
  const e = mds2NetworkExposure(form);
  const exposure = { networked: e.networkedBy.length > 0, networkedBy: e.networkedBy.map((a) => a.id), phiOverNetwork: e.phiOverNetwork, notNetworked: e.notNetworked !== null };
  return { answer, raw, note, mds2: { ...header, exposure } };
}

function groups(form: Mds2Form): ViewGroup[] {
  const out: ViewGroup[] = [];
  const order = form.order.length ? form.order : Object.keys(form.answers);
  for (const id of order) {
    const a = form.answers[id];
    if (!a) continue;
    const section = a.section || id.replace(/-.*$/, '');
    let group = out[out.length - 1];
    if (!group || group.name !== section) out.push((group = { name: section, detail: MDS2_SECTIONS[section], items: [] }));
    group.items.push({ id: a.id, text: answerLine(a), detail: `${a.value} ${quoteRaw(a.raw)}`, question: true, location: a.location });
  }
  const notes = Object.values(form.notes);
  if (notes.length) {
    out.push({ name: 'Notes', items: notes.map((n) => ({ id: n.id, text: `${n.id.padEnd(12)}${n.text.replace(/\s+/g, ' ').trim()}`, question: false, location: n.location })) });
  }
  return out;
}

export const mds2Kind: DocumentKindEntry<Mds2Form> = {
  id: 'mds2',
  recognise: parseMds2,
  celVariables: ['answer', 'raw', 'note', 'mds2'],
  variables,
  citation: 'question',
  cite: (form, id, path) => [answerEvidence(form, id, path)],
  fallbackEvidence: (form, path) => ({ path, section: 'DOC', quote: form.model ?? form.manufacturer }),
  startEvidence(form, path) {
    // The first sheet's A1 for a workbook, line 1 for a form read from text or PDF.
    const sheet = form.answers[form.order[0] ?? '']?.location.sheet;
    return sheet ? { path, section: 'document start', sheet, cell: 'A1' } : { path, section: 'document start', line: 1 };
  },
  identity: (form) => ({ label: 'form', manufacturer: form.manufacturer ?? null, names: [form.model ?? form.deviceDescription ?? ''].filter(Boolean), context: form.deviceDescription ?? null, version: form.softwareRevision ?? releaseIn(form.model), productFields: 'DOC-2/DOC-3' }),
  title: (form) => [form.manufacturer, form.model].filter((s): s is string => !!s),
  questionOrder: (form) => form.order,
  inspect(form) {
    const answers: Record<string, unknown> = {};
    for (const id of form.order) {
      const a = form.answers[id];
      if (!a) continue;
      answers[id] = { value: a.value, raw: a.raw, ...(a.note ? { note: a.note } : {}), ...(a.noteRef ? { noteRef: a.noteRef } : {}), location: a.location };
    }
    return {
      kind: 'mds2',
      edition: form.edition,
      manufacturer: form.manufacturer ?? null,
      deviceDescription: form.deviceDescription ?? null,
      model: form.model ?? null,
      documentId: form.documentId ?? null,
      releaseDate: form.releaseDate ?? null,
      answers,
      notes: Object.fromEntries(Object.entries(form.notes).map(([id, n]) => [id, { text: n.text, location: n.location }])),
    };
  },
  view: {
    title: (form) => `MDS2 ${form.edition}`,
    facts: (form) => [
      ['Manufacturer', form.manufacturer],
      ['Device', form.deviceDescription],
      ['Model', form.model],
      ['Document ID', form.documentId],
      ['Release date', form.releaseDate],
    ],
    groups,
  },
};
