// The typed model of an MDS2 form. Every value remembers where it came from.

export type Mds2Edition = 'HN 1-2019' | 'HN 1-2013' | 'unknown';
export type AnswerValue = 'yes' | 'no' | 'n/a' | 'see-note' | 'unanswered' | 'text';

export interface Mds2Location {
  sheet?: string;
  cell?: string;
  /** For forms read from text or PDF. */
  page?: number;
  line?: number;
}

export interface Mds2Answer {
  id: string;
  value: AnswerValue;
  /** The answer cell exactly as the vendor wrote it ('' when blank). */
  raw: string;
  /** The question text as printed in the form, when present. */
  question?: string;
  /** Section code, e.g. 'AUTH'. */
  section: string;
  /** Resolved note text when the answer or note column refers to a note. */
  note?: string;
  /** The note reference as written ('Note 1', '#3'), resolved or not. */
  noteRef?: string;
  /** Canonical ids of referenced notes that the form does not contain ('Note 7'). */
  missingNotes?: string[];
  /** What follows the leading Yes/No/N/A token in the answer cell ('AES-256' in 'Yes, AES-256'). */
  comment?: string;
  /** The ID as printed when it differs from the canonical one (SHAD-15 for SAHD-15). */
  printedId?: string;
  location: Mds2Location;
}

export interface Mds2Note {
  id: string;
  text: string;
  location: Mds2Location;
}

/** A port the form discloses (CONN-2 / CONN-3 answers and notes). */
export interface Mds2Port {
  port: number;
  /** dicom | dicom-tls | dicomweb | http | https | hl7 | ldap | syslog | ntp | smb | ssh | other */
  protocol: string;
  transport?: 'tcp' | 'udp';
  /** Whether the device listens on it or opens it, when the clause around the number says (network-direction.ts). */
  direction?: 'listens' | 'initiates';
  /** The question whose answer or note names it. */
  questionId: string;
}

export interface Mds2Form {
  kind: 'mds2';
  edition: Mds2Edition;
  manufacturer?: string;
  deviceDescription?: string;
  model?: string;
  documentId?: string;
  /** ISO yyyy-mm-dd when the form's date could be read unambiguously; otherwise the text as written. */
  releaseDate?: string;
  /** HN 1-2013 only: the header's software revision (the 2019 form has no such field). */
  softwareRevision?: string;
  /** Keyed by canonical question ID (SHAD-15 is stored as SAHD-15). */
  answers: Record<string, Mds2Answer>;
  /** Question IDs in document order. */
  order: string[];
  notes: Record<string, Mds2Note>;
  /** Ports named in CONN-2 / CONN-3 answers and notes (empty when none is given as a number). */
  ports?: Mds2Port[];
}
