// The JSON reader under hostile input: every budget ends in an UnreadableError with its reason,
// prototype keys never reach a prototype, and lines are where the values are.
import { afterEach, describe, expect, it } from 'vitest';
import { UnreadableError } from '../../server/src/core/errors.js';
import { limits } from '../../server/src/core/limits.js';
import { parseJsonTree, type JsonObject } from '../../server/src/readers/json.js';
import { readSource } from '../../server/src/readers/read.js';
import { parseDocument } from '../../server/src/documents/parse.js';

const saved = { ...limits };
afterEach(() => Object.assign(limits, saved));

function refusal(text: string): UnreadableError {
  try {
    parseJsonTree(text);
  } catch (err) {
    if (err instanceof UnreadableError) return err;
    throw err;
  }
  throw new Error('parsed without complaint');
}

describe('JSON reader (readers/json.ts)', () => {
  it('reads values and the line of every member', () => {
    const tree = parseJsonTree('{\n  "a": 1,\n  "list": [\n    "x",\n    { "b": "\\u00e9\\n" }\n  ]\n}\n');
    const root = tree.value as JsonObject;
    const list = root['list'] as JsonObject[];
    expect(root['a']).toBe(1);
    expect((list[1] as JsonObject)['b']).toBe('é\n');
    expect(tree.lineOf(root, 'a')).toBe(2);
    expect(tree.lineOf(root, 'list')).toBe(3);
    expect(tree.lineOf(list, 1)).toBe(5);
    expect(tree.startOf(list[1]!)).toBe(5);
  });

  it('counts lines ended by CRLF and by a lone CR as splitLines does', () => {
    const tree = parseJsonTree('{\r\n"a": 1,\r"b": 2\n}');
    const root = tree.value as JsonObject;
    expect([tree.lineOf(root, 'a'), tree.lineOf(root, 'b')]).toEqual([2, 3]);
  });

  it('drops __proto__, constructor and prototype keys into objects without a prototype', () => {
    const tree = parseJsonTree('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}, "ok": {"prototype": 1, "x": 2}}');
    const root = tree.value as JsonObject;
    expect(Object.keys(root)).toEqual(['ok']);
    expect(Object.keys(root['ok'] as JsonObject)).toEqual(['x']);
    expect(Object.getPrototypeOf(root)).toBeNull();
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('refuses a key given twice in one object, naming the key and the object', () => {
    const err = refusal('{"components": [{"name": "a", "version": "1", "version": "2"}]}');
    expect(err.reason).toBe('corrupt');
    expect(err.message).toBe('not valid JSON: the key "version" appears twice in the object at /components/0 (line 1)');
  });

  it('refuses truncated JSON as corrupt, saying it ends early', () => {
    const err = refusal('{\n  "bomFormat": "CycloneDX",\n  "components": [\n    {"name": "zlib"');
    expect(err.reason).toBe('corrupt');
    expect(err.message).toMatch(/truncated\?\) \(line 4\)$/);
  });

  it('refuses nesting past maxNesting without overflowing the stack', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const err = refusal(deep);
    expect(err.reason).toBe('limit');
    expect(err.message).toContain(`nested more than ${limits.maxNesting} levels deep`);
    expect(() => parseJsonTree('['.repeat(limits.maxNesting) + ']'.repeat(limits.maxNesting))).not.toThrow();
  });

  it('refuses more values than maxJsonValues, and strings longer than maxLineLength', () => {
    limits.maxJsonValues = 1000;
    expect(refusal(`[${'0,'.repeat(1000)}0]`).message).toContain('more than 1000 values, over the maxJsonValues limit');
    limits.maxLineLength = 50;
    expect(refusal(`{"a": "${'x'.repeat(51)}"}`).message).toContain('a string longer than 50 characters');
    expect(refusal(`{"a": "${'\\u0041'.repeat(51)}"}`).reason).toBe('limit');
  });

  it('refuses what JSON.parse refuses: trailing commas, comments, bare words, text after the value', () => {
    for (const bad of ['{"a": 1,}', '[1,]', '{"a": 1} // c', '{a: 1}', "{'a': 1}", '{"a": 01}', '{"a": 1} {}', '{"a": "x\ty"}', '{"a": NaN}']) {
      expect(() => JSON.parse(bad), bad).toThrow();
      expect(refusal(bad).reason, bad).toBe('corrupt');
    }
  });

  it('reads UTF-16 with a byte-order mark and a UTF-8 BOM; refuses UTF-16 without one as binary', async () => {
    const text = '{"bomFormat": "CycloneDX", "specVersion": "1.5", "components": []}';
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const doc = await parseDocument('/v/bom.json', new Uint8Array(le));
    expect(doc.kind).toBe('sbom');
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]);
    expect((await parseDocument('/v/bom.json', new Uint8Array(bom))).kind).toBe('sbom');
    await expect(readSource('/v/bom.json', new Uint8Array(Buffer.from(text, 'utf16le')))).rejects.toMatchObject({ reason: 'unsupported' });
  });

  it('reads a JSON file under another name when its first keys are an SBOM\'s', async () => {
    const doc = await parseDocument('/v/bom.txt', new Uint8Array(Buffer.from('{"bomFormat": "CycloneDX", "specVersion": "1.4", "components": []}')));
    expect(doc.kind).toBe('sbom');
  });
});
