// A vendor questionnaire read back (the workbook `--format questionnaire-xlsx` writes, filled in
// by the vendor and the reviewer): every value remembers its sheet and cell.

export interface CellRef {
  sheet: string;
  cell: string;
}

/** A filled-in cell: its text as written and where it is. */
export interface CellText extends CellRef {
  text: string;
}

/** One row of the Questions sheet: the question as written out, and what the vendor and the reviewer put in. */
export interface QuestionnaireRow {
  /** 1-based row on the Questions sheet. */
  row: number;
  product: string;
  /** File names of the documents the question is about. */
  documents: string[];
  /** Question ID, '§ section', or '' for the document as a whole. */
  place: string;
  ruleId: string;
  severity: string;
  question: string;
  /** What the vendor was quoted as saying when the questionnaire was written. */
  vendorSaid: string;
  answer?: CellText;
  decision?: CellText;
  justification?: CellText;
  expires?: CellText;
  /** The row's Rule cell: where a finding about the row itself points. */
  location: CellRef;
}

/** A document the questionnaire was written from: file name and the SHA-256 of the revision reviewed. */
export interface QuestionnaireDocument {
  name: string;
  /** Lower-case hex; '' when the document could not be read. */
  sha256: string;
  kind: string;
  product: string;
  location: CellRef;
}

export interface QuestionnairePack {
  id: string;
  title: string;
  fingerprint: string;
}

export interface Questionnaire {
  kind: 'questionnaire';
  layout: string;
  tool: string;
  toolVersion: string;
  /** ISO time the questionnaire was written. */
  generated: string;
  packs: QuestionnairePack[];
  documents: QuestionnaireDocument[];
  rows: QuestionnaireRow[];
  /** The sheets the header block and the questions were read from. */
  aboutSheet: string;
  questionsSheet: string;
  /** 1-based row of the Questions sheet's header. */
  headerRow: number;
}
