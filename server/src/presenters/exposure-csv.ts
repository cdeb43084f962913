// `dicomsec exposure --format csv`: the draft allow-list as one row per flow, for a firewall team's
// spreadsheet. Every cell is quoted, and a vendor string that a spreadsheet would run as a formula
// is prefixed with an apostrophe (csvCell).
import type { ExposurePlan } from '../engine/exposure-model.js';
import { serviceLabel } from '../engine/exposure-model.js';
import type { ExposurePresentOptions } from './exposure.js';
import { evidenceText, unknownCell } from './exposure-rows.js';
import { csvCell } from './safe-text.js';

const HEADER = ['product', 'manufacturer', 'direction', 'service', 'vendor_label', 'port', 'transport', 'tls', 'ae_titles', 'peer', 'disabled_by_default', 'unknown', 'conflicts', 'notes', 'evidence'];

export function exposureCsv(plan: ExposurePlan, { cwd }: ExposurePresentOptions): string {
  const lines = [HEADER.map(csvCell).join(',')];
  for (const p of plan.products) {
    for (const f of p.flows) {
      lines.push(
        [
          p.product,
          p.manufacturer,
          f.direction ?? 'unknown',
          serviceLabel(f.service),
          f.name ?? '',
          f.port ?? 'unknown',
          f.transport ?? 'unknown',
          f.tls === null ? 'unknown' : f.tls ? 'yes' : 'no',
          f.aeTitles.join(' '),
          f.peer ?? '',
          f.disabledByDefault ? 'yes' : 'no',
          unknownCell(f),
          f.conflicts.map((c) => c.message).join(' | '),
          f.notes.join(' | '),
          f.evidence.map((e) => evidenceText(e, cwd)).join(' | '),
        ]
          .map(csvCell)
          .join(','),
      );
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}
