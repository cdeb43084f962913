// The PDF decompression budget (readers/pdf-streams.ts): every filter pdf.js would decode for
// text extraction is decoded first under a cap, and the file refused past limits.maxPdfStreamBytes;
// healthy streams under the same filters still read. Whole-corpus runs with peak memory are in
// test/hostile/hostile.test.ts; these are the decoders and the scan, quick and exact.
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { UnreadableError } from '../../server/src/core/errors.js';
import { limits } from '../../server/src/core/limits.js';
import { readPdf } from '../../server/src/readers/pdf.js';
import { checkPdfStreams, lzwDecode } from '../../server/src/readers/pdf-streams.js';
import { lzwBomb, lzwEncode, pdfWithFilteredContent, rawPdf, rng } from '../../scripts/hostile/generate.js';
import { layoutDocument, writePdf } from '../../scripts/samples/pdf-writer.js';

const MB = 1024 * 1024;
const PAGE = 'BT /F1 11 Tf 56 780 Td (DICOM Conformance Statement for the Hostile Viewer 1.0 by Hostile Test Co) Tj ET\n';

async function refusal(bytes: Uint8Array): Promise<UnreadableError> {
  try {
    await checkPdfStreams(bytes);
  } catch (err) {
    if (err instanceof UnreadableError) return err;
    throw err;
  }
  throw new Error('the PDF was not refused');
}

describe('LZW decoder', () => {
  it('decodes what a PDF LZW encoder writes, past the point where the table is full', () => {
    const rand = rng(7);
    const text = Buffer.from('DICOM Conformance Statement '.repeat(400));
    const noise = Buffer.from(Array.from({ length: 30_000 }, () => Math.floor(rand() * 256)));
    for (const data of [text, noise, Buffer.from('a'), Buffer.alloc(100_000, 0x20)]) {
      const out = lzwDecode(lzwEncode(data), 10 * MB);
      expect(out).toBeInstanceOf(Uint8Array);
      expect(Buffer.from(out as Uint8Array).equals(data)).toBe(true);
    }
  });

  it('stops at its cap on a bomb instead of decoding it', () => {
    const bomb = lzwBomb(300 * MB);
    expect(bomb.length).toBeLessThan(130_000);
    expect(lzwDecode(bomb, 1 * MB)).toBe('over');
  });
});

describe('stream budget', () => {
  it.each([
    ['LZW', '/Filter /LZWDecode', () => lzwBomb(300 * MB)],
    ['Flate then LZW', '/Filter [/FlateDecode /LZWDecode]', () => deflateSync(lzwBomb(300 * MB))],
    ['three Flates', '/Filter [/Fl /Fl /Fl]', () => deflateSync(deflateSync(deflateSync(Buffer.alloc(200 * MB, 0x20))))],
    ['ASCII85 zeros', '/Filter [/FlateDecode /A85]', () => deflateSync(Buffer.from(`${'z'.repeat(30_000_000)}~>`))],
    ['RunLength', '/Filter [/FlateDecode /RL]', () => deflateSync(Buffer.alloc(2_000_000 * 2, Buffer.from([0x81, 0x41])))],
    ['Flate inside a nested dictionary', '/DecodeParms << /Predictor 1 >> /Filter /FlateDecode /Z << /Q [(>>) <3e>] >>', () => deflateSync(Buffer.alloc(200 * MB, 0x20))],
    ['Flate with a wrong checksum', '/Filter /FlateDecode', () => { const z = deflateSync(Buffer.alloc(200 * MB, 0x20)); z.writeUInt32BE(0, z.length - 4); return z; }],
    ['Flate truncated', '/Filter /FlateDecode', () => deflateSync(Buffer.alloc(200 * MB, 0x20)).subarray(0, 150_000)],
  ])('refuses %s past the budget, naming the limit', async (_, filter, data) => {
    const err = await refusal(pdfWithFilteredContent(filter, data()));
    expect(err.reason).toBe('limit');
    expect(err.message).toContain(`maxPdfStreamBytes limit (${limits.maxPdfStreamBytes} bytes`);
  }, 60_000);

  it.each([
    ['/Columns 2^30', '/Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 1073741824 >>'],
    ['huge /Colors and /BitsPerComponent', '/Filter /FlateDecode /DecodeParms << /Predictor 2 /Colors 64 /BitsPerComponent 16 /Columns 1048576 >>'],
    ['a predictor in a parameter array', '/Filter [/AHx /Fl] /DecodeParms [null << /Predictor 11 /Columns 536870912 >>]'],
    ['/DP and /F abbreviations', '/F /Fl /DP << /Predictor 13 /Columns 900000000 >>'],
  ])('refuses a predictor with %s before anything is decoded', async (_, filter) => {
    const data = filter.includes('AHx') ? Buffer.from(`${deflateSync(Buffer.from(`\x00${PAGE}`)).toString('hex')}>`) : deflateSync(Buffer.from(`\x00${PAGE}`));
    const err = await refusal(pdfWithFilteredContent(filter, data));
    expect(err.reason).toBe('limit');
    expect(err.message).toMatch(/predictor asks for rows of \d+ bytes .*past the maxPdfStreamBytes limit/);
  });

  it('finds a stream after junk that opens a string and never closes it', async () => {
    const bomb = deflateSync(Buffer.alloc(200 * MB, 0x20));
    const pdf = Buffer.from(pdfWithFilteredContent('/Filter /FlateDecode', bomb));
    const at = pdf.indexOf('1 0 obj');
    const junk = Buffer.concat([pdf.subarray(0, at), Buffer.from('% junk\n(unbalanced string 4 0 R\n'), pdf.subarray(at)]);
    expect((await refusal(new Uint8Array(junk))).reason).toBe('limit');
  }, 60_000);

  it('follows a /Filter given by reference', async () => {
    const err = await refusal(pdfWithFilteredContent('/Filter 6 0 R', deflateSync(Buffer.alloc(200 * MB, 0x20)), ['[/FlateDecode]']));
    expect(err.reason).toBe('limit');
  }, 60_000);

  it('sums streams: several under the budget alone are refused together', async () => {
    const part = deflateSync(Buffer.alloc(40 * MB, 0x20));
    const stream = Buffer.concat([Buffer.from(`<< /Filter /FlateDecode /Length ${part.length} >>\nstream\n`), part, Buffer.from('\nendstream')]);
    const pdf = rawPdf([`<< /Type /Catalog /Pages 2 0 R >>`, `<< /Type /Pages /Kids [] /Count 0 >>`, stream, stream, stream]);
    expect((await refusal(pdf)).reason).toBe('limit');
  }, 60_000);

  it('ends cleanly on every truncation and on bit flips of PDFs built with every filter', async () => {
    const rand = rng(11);
    const pdfs = [
      pdfWithFilteredContent('/Filter [/FlateDecode /LZWDecode] /DecodeParms [null << /Predictor 12 /Columns 4 >>]', deflateSync(lzwEncode(Buffer.from(PAGE)))),
      pdfWithFilteredContent('/Filter /A85', Buffer.from('87cURD]i,"Ebo80~>')),
      pdfWithFilteredContent('/Filter /RL /X << /Y [1 2 (str\\)ing) <4142>] >>', Buffer.from([3, 65, 66, 67, 68, 128])),
    ];
    for (const pdf of pdfs) {
      for (let cut = 1; cut < pdf.length; cut += 7) {
        const err = await checkPdfStreams(pdf.subarray(0, cut)).catch((e: unknown) => e);
        if (err !== undefined) expect(err).toBeInstanceOf(UnreadableError);
      }
      for (let k = 0; k < 200; k++) {
        const copy = pdf.slice();
        for (let f = 0; f < 4; f++) copy[Math.floor(rand() * copy.length)] ^= 1 << Math.floor(rand() * 8);
        const err = await checkPdfStreams(copy).catch((e: unknown) => e);
        if (err !== undefined) expect(err).toBeInstanceOf(UnreadableError);
      }
    }
  });

  it('costs no stack on 200,000 nested arrays in a stream dictionary', async () => {
    const pdf = pdfWithFilteredContent(`/Deep ${'['.repeat(200_000)}${']'.repeat(200_000)} /Filter /FlateDecode`, deflateSync(Buffer.from(PAGE)));
    await expect(checkPdfStreams(pdf)).resolves.toBeUndefined();
  });

  it('leaves images to pdf.js, which is told never to decode them', async () => {
    const pdf = rawPdf([`<< /Type /Catalog /Pages 2 0 R >>`, `<< /Type /Pages /Kids [] /Count 0 >>`, Buffer.concat([Buffer.from('<< /Type /XObject /Subtype /Image /Width 9000 /Height 9000 /BitsPerComponent 8 /ColorSpace /DeviceRGB /Filter /LZWDecode >>\nstream\n'), Buffer.from(lzwBomb(300 * MB)), Buffer.from('\nendstream')])]);
    await expect(checkPdfStreams(pdf)).resolves.toBeUndefined();
  });
});

describe('healthy streams under every filter still read', () => {
  it.each([
    ['LZW', '/Filter /LZWDecode', () => lzwEncode(Buffer.from(PAGE))],
    ['LZW with EarlyChange 1 and a PNG predictor', `/Filter /LZWDecode /DecodeParms << /Predictor 12 /Columns ${PAGE.length} /EarlyChange 1 >>`, () => lzwEncode(Buffer.concat([Buffer.from([0]), Buffer.from(PAGE)]))],
    ['ASCIIHex of Flate', '/Filter [/ASCIIHexDecode /FlateDecode]', () => Buffer.from(`${deflateSync(Buffer.from(PAGE)).toString('hex')}>`)],
    ['Flate of RunLength', '/Filter [/FlateDecode /RunLengthDecode]', () => deflateSync(Buffer.concat([Buffer.from([PAGE.length - 1]), Buffer.from(PAGE), Buffer.from([128])]))],
  ])('%s', async (_, filter, data) => {
    const pdf = pdfWithFilteredContent(filter, data());
    await expect(checkPdfStreams(pdf)).resolves.toBeUndefined();
    // pdf.js decodes the same chain to the same text.
    const source = await readPdf(pdf);
    expect(source.lines.map((l) => l.text).join(' ')).toContain('DICOM Conformance Statement for the Hostile Viewer 1.0');
  });

  it('a sample statement (Flate streams, xref) passes the check and reads', async () => {
    const pdf = writePdf(layoutDocument([{ kind: 'heading', level: 1, text: 'DICOM Conformance Statement' }, { kind: 'paragraph', text: 'This statement describes the Hostile Viewer 1.0 by Hostile Test Co. '.repeat(20) }]));
    await expect(checkPdfStreams(pdf)).resolves.toBeUndefined();
    const source = await readPdf(pdf);
    expect(source.lines.some((l) => l.text.includes('DICOM Conformance Statement'))).toBe(true);
  });
});
