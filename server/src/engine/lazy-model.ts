// A document model that crosses threads and the cache as serialized bytes and is deserialized on
// this side only when something needs more than its top-level scalar fields (kind, manufacturer,
// product, model, version…: what pairing and report titles read). Cross-document rules read the
// whole model and get it, transparently. Saves the main thread deserializing hundreds of models
// (tens of KB each) that a batch of forms without statements never looks at.
import { deserialize, serialize } from 'node:v8';
import type { DocumentModel } from '../documents/document.js';

export interface PackedModel {
  /** The model's top-level string, number, boolean and null fields. */
  stub: Record<string, string | number | boolean | null>;
  /** v8.serialize of the whole model. */
  bytes: Uint8Array;
}

export function packModel(model: DocumentModel): PackedModel {
  const stub: PackedModel['stub'] = Object.create(null);
  for (const [k, v] of Object.entries(model)) {
    if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') stub[k] = v;
  }
  const buf = serialize(model);
  return { stub: { ...stub }, bytes: new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength) };
}

export function isPackedModel(value: DocumentModel | PackedModel): value is PackedModel {
  return 'bytes' in value && 'stub' in value && value.bytes instanceof Uint8Array;
}

const packedOfModel = new WeakMap<object, PackedModel>();

/** The packed form an unpacked model came from: what to hand a worker instead of the whole model. */
export function packedOf(model: DocumentModel): PackedModel | undefined {
  return packedOfModel.get(model);
}

/** The model, read from its stub where possible and deserialized once on first deeper use. */
export function unpackModel(packed: PackedModel): DocumentModel {
  const model = lazyModel(packed);
  packedOfModel.set(model, packed);
  return model;
}

function lazyModel(packed: PackedModel): DocumentModel {
  let full: object | undefined;
  const load = (): object => (full ??= deserialize(packed.bytes) as object);
  const stub = packed.stub;
  return new Proxy({ ...stub } as object, {
    get: (target, p) => (typeof p === 'string' && Object.hasOwn(target, p) ? (target as Record<string, unknown>)[p] : Reflect.get(load(), p)),
    has: (_t, p) => Reflect.has(load(), p),
    ownKeys: () => Reflect.ownKeys(load()),
    getOwnPropertyDescriptor: (_t, p) => {
      const d = Reflect.getOwnPropertyDescriptor(load(), p);
      return d ? { ...d, configurable: true } : undefined;
    },
    set: (target, p, v) => {
      if (typeof p === 'string' && Object.hasOwn(target, p)) (target as Record<string, unknown>)[p] = v;
      return Reflect.set(load(), p, v);
    },
    deleteProperty: (_t, p) => Reflect.deleteProperty(load(), p),
  }) as DocumentModel;
}
