// Writes the fictional documents in samples/ so the quick start has something real to review.
// Every vendor, product and answer in them is invented.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { writeMds2Samples } from './samples/mds2.js';
import { writeConformanceSamples } from './samples/conformance.js';
import { writeRfpSamples } from './samples/rfp.js';
import { writeSbomSamples } from './samples/sbom.js';

const out = path.resolve(process.argv[2] ?? 'samples');
mkdirSync(out, { recursive: true });
const written = [...(await writeMds2Samples(out)), ...(await writeConformanceSamples(out)), ...(await writeRfpSamples(out)), ...writeSbomSamples(out)];
for (const file of written) console.log(`wrote ${path.relative(process.cwd(), file)}`);
