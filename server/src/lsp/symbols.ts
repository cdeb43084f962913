// Outline: MDS2 sections and questions, statement headings — for review views and text documents.
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver';
import type { ViewSymbol } from '../presenters/review-view.js';
import { kindOf as kindEntryOf } from '../documents/kinds.js';
import type { ReviewEntry } from './reviews.js';

function kindOf(s: ViewSymbol): SymbolKind {
  switch (s.kind) {
    case 'section':
      return SymbolKind.Namespace;
    case 'question':
      return SymbolKind.Field;
    case 'page':
      return SymbolKind.Package;
    default:
      return SymbolKind.String;
  }
}

export function viewSymbols(symbols: ViewSymbol[]): DocumentSymbol[] {
  return symbols.map((s) => {
    const range = { start: { line: s.line, character: 0 }, end: { line: Math.max(s.line, s.endLine), character: 0 } };
    return {
      name: s.name,
      detail: s.detail,
      kind: kindOf(s),
      range,
      selectionRange: { start: range.start, end: range.start },
      children: viewSymbols(s.children),
    };
  });
}

/** Symbols of a text document from its review: headings, or MDS2 questions by line. */
export function textSymbols(entry: ReviewEntry, lineCount: number): DocumentSymbol[] {
  const r = entry.review;
  const model = r.model;
  const groups = model ? kindEntryOf(model).view.groups?.(model) : undefined;
  if (groups) {
    // Item-by-item kinds read from a text file (an MDS2 form as CSV or text): the items by their line.
    const top: ViewSymbol[] = [];
    for (const g of groups) {
      const items = g.items.filter((i) => i.question && i.location.line && !i.location.page);
      if (!items.length) continue;
      const lines = items.map((i) => i.location.line! - 1);
      const children = items.map((i, k) => ({ name: i.id, detail: i.detail, kind: 'question' as const, line: lines[k]!, endLine: lines[k]!, children: [] }));
      top.push({ name: g.name, detail: g.detail, kind: 'section', line: lines[0]!, endLine: Math.max(...lines), children });
    }
    return viewSymbols(top);
  }
  const source = r.source;
  if (source?.kind !== 'text') return [];
  const top: ViewSymbol[] = [];
  const stack: { sym: ViewSymbol; level: number }[] = [];
  for (const l of source.lines) {
    if (!l.heading) continue;
    const line = l.line - 1;
    while (stack.length && stack[stack.length - 1]!.level >= l.heading) stack.pop()!.sym.endLine = line - 1;
    const sym: ViewSymbol = { name: l.text.replace(/^#+\s*/, '').trim() || '(heading)', kind: 'heading', line, endLine: line, children: [] };
    (stack[stack.length - 1]?.sym.children ?? top).push(sym);
    stack.push({ sym, level: l.heading });
  }
  while (stack.length) stack.pop()!.sym.endLine = Math.max(0, lineCount - 1);
  return viewSymbols(top);
}
