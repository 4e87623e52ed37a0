// Finds an instance's `__dict__` storage: tp_dictoffset (3.10), or the managed dict of 3.11+
// (dict pointer / values pointer before the object, 3.12's tagged word, 3.13's inline values).
import type { Address } from '../model.ts';
import { readPointer } from '../proc/process-memory.ts';
import { isObjectAddress, tryRead } from './py-objects.ts';
import type { PyObjectReader } from './py-objects.ts';
import { readDictStorage } from './py-dict.ts';
import type { DictStorage } from './py-dict.ts';
import { TPFLAGS } from './py-layout.ts';
import { readCachedKeys, readType } from './py-type.ts';
import type { PyTypeInfo } from './py-type.ts';

function readWord(r: PyObjectReader, address: Address): number | null {
  const buf = tryRead(r, address, 8);
  return buf ? readPointer(buf, 0) : null;
}

function sharedValues(r: PyObjectReader, type: PyTypeInfo, values: Address, inline: boolean): DictStorage | null {
  const keys = readCachedKeys(r, type);
  return keys === null || !isObjectAddress(values) ? null : { keys, values, inline };
}

/** Bytes of the object itself read with its header (≥ ob_type + 8 on every layout). */
const HEAD_PREFETCH = 64;

/** An object's first bytes plus the managed-dict words before it, read together when possible. */
interface ObjectHead {
  type: PyTypeInfo | null;
  /** Reads the word at `offset` from the object (negative: before it). */
  word(offset: number): number | null;
}

function readObjectHead(r: PyObjectReader, object: Address): ObjectHead | null {
  const L = r.layout;
  const before = L.managedDict === 'none' ? 0 : -L.managedDictOffset + (L.managedDict === 'v311' ? 8 : 0);
  // Also read what follows ob_type (e.g. a tp_dictoffset slot), falling back to the bare header.
  const length = L.obType + 8;
  const buf = tryRead(r, object - before, before + HEAD_PREFETCH) ?? tryRead(r, object, length);
  if (!buf) return null;
  const base = buf.length === length ? 0 : before;
  return {
    type: readType(r, readPointer(buf, base + L.obType)),
    word: (offset) => {
      const at = base + offset;
      return at >= 0 && at + 8 <= buf.length ? readPointer(buf, at) : readWord(r, object + offset);
    },
  };
}

function managedDict(r: PyObjectReader, object: Address, type: PyTypeInfo, head: ObjectHead): DictStorage | null {
  const L = r.layout;
  switch (L.managedDict) {
    case 'v311': {
      // values pointer at obj-32, dict pointer at obj-24.
      const dict = head.word(L.managedDictOffset);
      if (dict === null) return null;
      if (dict !== 0) return readDictStorage(r, dict);
      const values = head.word(L.managedDictOffset - 8);
      return values === null || values === 0 ? null : sharedValues(r, type, values, false);
    }
    case 'v312': {
      // A tagged word: odd means values (word + 1), else a dict pointer.
      const word = head.word(L.managedDictOffset);
      if (word === null || word === 0) return null;
      return word % 2 === 1 ? sharedValues(r, type, word + 1, false) : readDictStorage(r, word);
    }
    case 'v313': {
      const dict = head.word(L.managedDictOffset);
      if (dict === null) return null;
      if (dict !== 0) return readDictStorage(r, dict);
      if ((type.flags & TPFLAGS.inlineValues) === 0) return null;
      return sharedValues(r, type, object + type.basicsize, true);
    }
    case 'none':
      return null;
  }
}

/** Where the instance dict (`obj.__dict__`) of the object at `object` lives, or null if none/unreadable. */
export function readInstanceDict(r: PyObjectReader, object: Address): DictStorage | null {
  if (!isObjectAddress(object)) return null;
  const head = readObjectHead(r, object);
  const type = head?.type;
  if (!head || !type) return null;
  if (r.layout.managedDict !== 'none' && (type.flags & TPFLAGS.managedDict) !== 0) {
    return managedDict(r, object, type, head);
  }
  if (type.dictoffset > 0 && type.dictoffset + 8 <= type.basicsize) {
    const dict = head.word(type.dictoffset);
    return dict ? readDictStorage(r, dict) : null;
  }
  return null;
}
