// The rfp-requirements rules judge the hospital's own drafts: no vendor product is scored on them
// (compare's milestone rows, the report's scorecard), though they map to NSA MNP milestones.
import { describe, expect, it } from 'vitest';
import { milestones } from '../../server/src/engine/milestone-scores.js';
import { fullCatalog } from '../../server/src/rules/catalog.js';

describe('vendor scores and RFP rules', () => {
  it('the milestones a product is scored on hold every vendor rule and no rfp rule', () => {
    const catalog = fullCatalog();
    const scored = new Set(milestones(catalog).flatMap((m) => m.rules.map((r) => r.id)));
    const rfp = catalog.rules.filter((r) => r.appliesTo === 'rfp');
    expect(rfp.length).toBe(20);
    expect(rfp.filter((r) => scored.has(r.id)).map((r) => r.id)).toEqual([]);
    const vendorMapped = catalog.rules.filter((r) => r.appliesTo !== 'rfp' && r.appliesTo !== 'questionnaire' && (r.frameworks['nsa-mnp'] ?? []).length > 0);
    expect(vendorMapped.filter((r) => !scored.has(r.id)).map((r) => r.id)).toEqual([]);
  });
});
