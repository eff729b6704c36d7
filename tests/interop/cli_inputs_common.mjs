// Small helpers shared by the cli_inputs*.mjs input writers: deterministic
// random values, and manifest pieces used by both the IPC and the text inputs.

import { floatCanonical, isFloat, isListLike } from './canonical.mjs';

// ---- deterministic values ------------------------------------------------

export function prng(seed) {
  let a = seed >>> 0;
  const u32 = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  return {
    u32,
    int: (lo, hi) => lo + Math.floor((u32() / 2 ** 32) * (hi - lo + 1)),
    big: (lo, hi) => {
      const span = hi - lo + 1n;
      let x = 0n;
      for (let bits = 0n; bits < BigInt(span.toString(2).length) + 32n; bits += 32n) x = (x << 32n) | BigInt(u32());
      return lo + (x % span);
    },
    chance: (p) => u32() / 2 ** 32 < p,
    pick: (list) => list[Math.floor((u32() / 2 ** 32) * list.length)],
    bytes: (n) => Uint8Array.from({ length: n }, () => u32() & 0xff),
  };
}

export const WORDS = ['', 'a', 'spillway', 'Ünïcödé', '中文字符', 'emoji 🦆🌊', 'tab\there', 'new\nline', 'quote"d',
  'back\\slash', 'comma, inside', 'a longer string that does not fit inline in a view', 'x'.repeat(40)];
export const edge = (k, list) => (k < list.length ? list[k] : undefined);
export const f64 = new Float64Array(1);
export const f64Bits = new BigUint64Array(f64.buffer);

// ---- manifest pieces ---------------------------------------------------------

// Floats at any depth in their manifest form ("NaN", "-0", ...).
export const CANONICAL_FLOATS = [{ node: (t) => isFloat(t.kind), expected: floatCanonical }];

/** The footer facts LogicalTypes.md fixes for a nested column's own group (LIST, MAP or a plain struct group). */
export const nestedGroup = (kind, nullable) => ({
  physical: null, repetition: nullable ? 'OPTIONAL' : 'REQUIRED', logical: isListLike(kind) ? 'LIST' : kind === 'map' ? 'MAP' : 'NONE',
});
