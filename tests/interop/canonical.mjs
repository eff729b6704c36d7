// The canonical value form shared by the manifest and every reader's normaliser
// (see README.md for the format). Readers turn what they read into this form;
// compare() then decides equality exactly, value by value.

// Counts of each unit in one day; 'd' (days) lets dates share the rescaling code.
export const PER_DAY = { d: 1n, s: 86400n, ms: 86400000n, us: 86400000000n, ns: 86400000000000n };

const INT_KINDS = new Set(['int8', 'int16', 'int32', 'int64', 'uint8', 'uint16', 'uint32', 'uint64']);
const FLOAT_KINDS = new Set(['float16', 'float32', 'float64']);
const STRING_KINDS = new Set(['utf8', 'large_utf8', 'utf8_view']);
const BINARY_KINDS = new Set(['binary', 'large_binary', 'binary_view', 'fixed_size_binary']);
const DECIMAL_KINDS = { decimal32: 32, decimal64: 64, decimal128: 128, decimal256: 256 };

export const isInt = (k) => INT_KINDS.has(k);
export const isFloat = (k) => FLOAT_KINDS.has(k);
export const isString = (k) => STRING_KINDS.has(k);
export const isBinary = (k) => BINARY_KINDS.has(k);
export const isDecimal = (k) => k in DECIMAL_KINDS;
export const decimalBits = (k) => DECIMAL_KINDS[k];

const KNOWN = new Set([
  'null', 'bool', ...INT_KINDS, ...FLOAT_KINDS, ...STRING_KINDS, ...BINARY_KINDS,
  ...Object.keys(DECIMAL_KINDS), 'date32', 'date64', 'time32', 'time64', 'timestamp',
  'duration', 'interval_year_month', 'interval_day_time',
]);

// Nested kinds: list-likes hold `item`, a struct `fields`, a map `key` and `value`.
const LIST_KINDS = new Set(['list', 'large_list', 'fixed_size_list', 'list_view', 'large_list_view']);
export const isListLike = (k) => LIST_KINDS.has(k);
export const isNested = (k) => LIST_KINDS.has(k) || k === 'struct' || k === 'map';

/** The child descriptors of a nested type, each with the label used in value paths. */
export function childTypes(t) {
  if (isListLike(t.kind)) return [['[]', t.item]];
  if (t.kind === 'struct') return t.fields.map((f) => [f.name, f]);
  if (t.kind === 'map') return [['key', t.key], ['value', t.value]];
  return [];
}

/**
 * Validates a manifest column (or a child type descriptor, see README) and returns
 * its type descriptor; nested children are descriptors too.
 */
export function columnType(col, where = `manifest column '${col.name}'`, top = true) {
  // Unknown keys are errors: a key the suite ignored would pass unchecked.
  for (const k of Object.keys(col)) {
    if (!TYPE_KEYS.has(k) && !(top ? ['values', 'parquet', 'name'] : ['name']).includes(k))
      throw new Error(`${where}: unknown key '${k}'`);
  }
  const t = {
    kind: col.arrow_type,
    unit: col.unit ?? null,
    tz: col.tz ?? null,
    precision: col.precision ?? null,
    scale: col.scale ?? null,
    byteWidth: col.byte_width ?? null,
    dictionaryIndex: col.dictionary_index ?? null,
    runEndEncoded: col.run_end_encoded ?? null,
    nullable: col.nullable ?? null,
  };
  const bad = (why) => {
    throw new Error(`${where}: ${why}`);
  };
  if (isNested(t.kind)) return nestedType(col, t, where, bad);
  if (!KNOWN.has(t.kind)) bad(`unknown arrow_type '${t.kind}'`);
  if (isDecimal(t.kind) && (!Number.isInteger(t.precision) || !Number.isInteger(t.scale)))
    bad('decimal needs integer precision and scale');
  if (t.kind === 'fixed_size_binary' && !Number.isInteger(t.byteWidth)) bad('fixed_size_binary needs byte_width');
  const units = { time32: ['s', 'ms'], time64: ['us', 'ns'], timestamp: ['s', 'ms', 'us', 'ns'], duration: ['s', 'ms', 'us', 'ns'] };
  if (units[t.kind] && !units[t.kind].includes(t.unit)) bad(`${t.kind} needs unit in ${units[t.kind]}`);
  if (t.kind !== 'timestamp' && t.tz !== null) bad('only timestamp has tz');
  if (t.dictionaryIndex !== null && !isInt(t.dictionaryIndex)) bad('dictionary_index must be an integer type');
  if (t.runEndEncoded !== null && !['int16', 'int32', 'int64'].includes(t.runEndEncoded)) bad('run_end_encoded must be int16, int32 or int64');
  return t;
}

const TYPE_KEYS = new Set([
  'arrow_type', 'unit', 'tz', 'precision', 'scale', 'byte_width', 'dictionary_index', 'run_end_encoded', 'nullable',
  'item', 'list_size', 'fields', 'key', 'value', 'keys_sorted',
]);

function nestedType(col, t, where, bad) {
  const child = (d, label) => {
    if (d === null || typeof d !== 'object' || Array.isArray(d)) bad(`${label} must be a type descriptor object`);
    return columnType(d, `${where} ${label}`, false);
  };
  if (t.dictionaryIndex !== null || t.runEndEncoded !== null) bad('a nested type cannot be dictionary- or run-end-encoded here');
  if (isListLike(t.kind)) {
    t.item = child(col.item, 'item');
    t.listSize = col.list_size ?? null;
    if ((t.kind === 'fixed_size_list') !== Number.isInteger(t.listSize) || t.listSize < 0)
      bad('fixed_size_list needs a non-negative integer list_size (and only it has one)');
  } else if (t.kind === 'struct') {
    if (!Array.isArray(col.fields)) bad('struct needs a "fields" array');
    const names = new Set();
    t.fields = col.fields.map((f, i) => {
      if (typeof f?.name !== 'string') bad(`struct field ${i} needs a name`);
      if (names.has(f.name)) bad(`duplicate struct field '${f.name}'`);
      names.add(f.name);
      return { ...child(f, `field '${f.name}'`), name: f.name };
    });
  } else {
    t.key = child(col.key, 'key');
    t.value = child(col.value, 'value');
    t.keysSorted = col.keys_sorted ?? null;
    if (t.key.nullable === true) bad('map keys cannot be nullable');
  }
  return t;
}

/** The Arrow type as one readable string, e.g. "timestamp[us, tz=UTC]", "list<struct<a: int32>>". */
export function typeString(t) {
  if (isListLike(t.kind)) return `${t.kind}<${typeString(t.item)}>${t.listSize !== null && t.listSize !== undefined ? `[${t.listSize}]` : ''}`;
  if (t.kind === 'struct') return `struct<${t.fields.map((f) => `${f.name}: ${typeString(f)}`).join(', ')}>`;
  if (t.kind === 'map') return `map<${typeString(t.key)}, ${typeString(t.value)}>${t.keysSorted ? '[keys_sorted]' : ''}`;
  let s = t.kind;
  if (t.unit) s += `[${t.unit}${t.kind === 'timestamp' ? `, tz=${t.tz ?? 'none'}` : ''}]`;
  if (isDecimal(t.kind)) s += `(${t.precision}, ${t.scale})`;
  if (t.kind === 'fixed_size_binary') s += `(${t.byteWidth})`;
  if (t.dictionaryIndex) s = `dictionary<${t.dictionaryIndex}, ${s}>`;
  if (t.runEndEncoded) s = `run_end_encoded<${t.runEndEncoded}, ${s}>`;
  return s;
}

/** The Parquet unit a timestamp is stored in: seconds are written as milliseconds. */
export const timestampStorageUnit = (unit) => (unit === 's' ? 'ms' : unit);

/** The unit the canonical time value is given in: time32 is always milliseconds. */
export const timeCanonicalUnit = (t) => (t.kind === 'time32' ? 'ms' : t.unit);

// ---- float helpers -------------------------------------------------------

/** IEEE half-precision bits -> number (exact). */
export function float16FromBits(h) {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  if (exp === 0) return sign * frac * 2 ** -24;
  if (exp === 0x1f) return frac ? NaN : sign * Infinity;
  return sign * (1024 + frac) * 2 ** (exp - 25);
}

/** number -> IEEE half-precision bits, round to nearest even. */
export function float16Bits(x) {
  if (Number.isNaN(x)) return 0x7e00;
  const sign = x < 0 || Object.is(x, -0) ? 0x8000 : 0;
  let a = Math.abs(x);
  if (a === Infinity) return sign | 0x7c00;
  if (a >= 65520) return sign | 0x7c00; // rounds to infinity
  if (a < 2 ** -14) {
    // subnormal: units of 2^-24, round half to even
    const q = a / 2 ** -24;
    let r = Math.round(q);
    if (r - q === 0.5 && r % 2 === 1) r -= 1;
    return sign | r;
  }
  let e = Math.floor(Math.log2(a));
  if (2 ** e > a) e -= 1;
  if (2 ** (e + 1) <= a) e += 1;
  const q = (a / 2 ** e - 1) * 1024;
  let m = Math.round(q);
  if (m - q === 0.5 && m % 2 === 1) m -= 1;
  if (m === 1024) {
    m = 0;
    e += 1;
  }
  if (e > 15) return sign | 0x7c00;
  return sign | ((e + 15) << 10) | m;
}

export const roundFloat16 = (x) => float16FromBits(float16Bits(x));

/** number -> manifest float value (the inverse of parseFloatValue). */
export function floatCanonical(x) {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  if (Object.is(x, -0)) return '-0';
  return x;
}

/** Manifest float value -> number. */
export function parseFloatValue(v) {
  if (typeof v === 'number') return v;
  switch (v) {
    case 'NaN':
      return NaN;
    case 'Infinity':
      return Infinity;
    case '-Infinity':
      return -Infinity;
    case '-0':
      return -0;
  }
  throw new Error(`not a float value: ${JSON.stringify(v)}`);
}

// ---- formatting helpers --------------------------------------------------

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export function hex(bytes) {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += HEX[bytes[i]];
  return s;
}

/** Unscaled integer + scale -> decimal string with exactly `scale` fractional digits. */
export function formatDecimal(unscaled, scale) {
  const neg = unscaled < 0n;
  let digits = (neg ? -unscaled : unscaled).toString();
  if (scale > 0) {
    digits = digits.padStart(scale + 1, '0');
    digits = `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  }
  return neg ? `-${digits}` : digits;
}

/** Big-endian two's complement bytes -> bigint. */
export function bigIntFromBE(bytes) {
  let v = 0n;
  for (let i = 0; i < bytes.length; i++) v = (v << 8n) | BigInt(bytes[i]);
  if (bytes.length && bytes[0] & 0x80) v -= 1n << BigInt(bytes.length * 8);
  return v;
}

/** Little-endian 32-bit words (Arrow decimal storage) -> signed bigint. */
export function bigIntFromLEWords(words, offset, count) {
  let v = 0n;
  for (let i = count - 1; i >= 0; i--) v = (v << 32n) | BigInt(words[offset + i] >>> 0);
  const bits = BigInt(count * 32);
  if (v >> (bits - 1n)) v -= 1n << bits;
  return v;
}

/**
 * An integer count in unit `from` -> the canonical decimal string in unit `to`.
 * A conversion that would lose precision yields a visibly different string
 * (e.g. "12.5ms->s") so the comparison fails instead of silently rounding.
 */
export function rescale(value, from, to) {
  const v = BigInt(value);
  const f = PER_DAY[from];
  const t = PER_DAY[to];
  if (f === t) return v.toString();
  if (t > f) return (v * (t / f)).toString();
  const d = f / t;
  if (v % d === 0n) return (v / d).toString();
  return `${v}${from}->${to} (not a whole ${to})`;
}

/**
 * A temporal count `v` in `unit` (d, s, ms, us or ns), as a reader delivered it,
 * -> the canonical value for t. Non-temporal t yields a string that cannot match.
 */
export function temporalCanonical(t, v, unit) {
  switch (t.kind) {
    case 'date32':
    case 'date64': {
      const days = rescale(v, unit, 'd');
      return /^-?\d+$/.test(days) ? Number(days) : days;
    }
    case 'time32':
    case 'time64':
      return rescale(v, unit, timeCanonicalUnit(t));
    case 'timestamp':
      return rescale(v, unit, timestampStorageUnit(t.unit));
    case 'duration':
      return rescale(v, unit, t.unit);
  }
  return `${v}${unit} (temporal value for a ${t.kind} column)`;
}

// ---- comparison ----------------------------------------------------------

const isPlainObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Manifest value -> the form compare() takes as "expected" (nested values recursively). */
export function expectedValue(t, v) {
  if (v === null || t.kind === 'null') return null;
  if (isListLike(t.kind)) {
    if (!Array.isArray(v)) throw new Error(`${t.kind} value must be an array or null: ${show(v)}`);
    if (t.kind === 'fixed_size_list' && v.length !== t.listSize)
      throw new Error(`fixed_size_list value has ${v.length} items, list_size is ${t.listSize}`);
    return v.map((x) => expectedValue(t.item, x));
  }
  if (t.kind === 'struct') {
    if (!isPlainObject(v)) throw new Error(`struct value must be an object or null: ${show(v)}`);
    const keys = Object.keys(v);
    if (keys.length !== t.fields.length || t.fields.some((f) => !Object.hasOwn(v, f.name)))
      throw new Error(`struct value must have exactly the fields ${t.fields.map((f) => f.name)}: ${show(v)}`);
    return Object.fromEntries(t.fields.map((f) => [f.name, expectedValue(f, v[f.name])]));
  }
  if (t.kind === 'map') {
    if (!Array.isArray(v) || v.some((p) => !Array.isArray(p) || p.length !== 2 || p[0] === null))
      throw new Error(`map value must be an array of [key, value] pairs with non-null keys, or null: ${show(v)}`);
    return v.map(([k, x]) => [expectedValue(t.key, k), expectedValue(t.value, x)]);
  }
  if (isFloat(t.kind)) {
    const x = parseFloatValue(v);
    const r = t.kind === 'float16' ? roundFloat16(x) : t.kind === 'float32' ? Math.fround(x) : x;
    if (!Object.is(r, x) && !Number.isNaN(x)) throw new Error(`${v} is not exactly representable as ${t.kind}`);
    return x;
  }
  if (t.kind === 'date32' || t.kind === 'date64') {
    if (!Number.isInteger(v)) throw new Error(`date value must be an integer number of days: ${JSON.stringify(v)}`);
    return v;
  }
  if (t.kind.startsWith('interval_')) return { months: v.months ?? 0, days: v.days ?? 0, millis: v.millis ?? 0 };
  return v;
}

function sameLeaf(t, exp, got) {
  if (exp === null || got === null) return exp === got;
  if (isFloat(t.kind)) return Object.is(exp, got);
  if (t.kind.startsWith('interval_'))
    return isPlainObject(got) && exp.months === got.months && exp.days === got.days && exp.millis === got.millis;
  return exp === got;
}

/**
 * Where a read value differs from the expected one: null when equal, else
 * { path, exp, got } for the first difference (path like "[2].a.value").
 * Exact: lengths, null vs empty list, null struct vs struct of nulls all count.
 */
export function firstDifference(t, exp, got, path = '') {
  const here = (e = exp, g = got) => ({ path: path || '(value)', exp: e, got: g });
  if (got === undefined) return here();
  if (exp === null || got === null) return exp === got ? null : here();
  if (isListLike(t.kind) || t.kind === 'map') {
    if (!Array.isArray(got)) return here();
    if (exp.length !== got.length) return here(`${exp.length} items: ${show(exp)}`, `${got.length} items: ${show(got)}`);
    for (let i = 0; i < exp.length; i++) {
      let d;
      if (t.kind === 'map') {
        if (!Array.isArray(got[i]) || got[i].length !== 2) return here();
        d = firstDifference(t.key, exp[i][0], got[i][0], `${path}[${i}].key`) ?? firstDifference(t.value, exp[i][1], got[i][1], `${path}[${i}].value`);
      } else d = firstDifference(t.item, exp[i], got[i], `${path}[${i}]`);
      if (d) return d;
    }
    return null;
  }
  if (t.kind === 'struct') {
    if (!isPlainObject(got)) return here();
    const extra = Object.keys(got).filter((k) => !t.fields.some((f) => f.name === k));
    if (extra.length) return here(`fields ${t.fields.map((f) => f.name)}`, `extra fields ${extra}`);
    for (const f of t.fields) {
      const d = firstDifference(f, exp[f.name], got[f.name], `${path}.${f.name}`);
      if (d) return d;
    }
    return null;
  }
  return sameLeaf(t, exp, got) ? null : here();
}

export const sameValue = (t, exp, got) => firstDifference(t, exp, got) === null;

/** A value shown in a failure message (nested values as JSON with exact floats). */
export function show(v) {
  if (v === undefined) return 'undefined';
  if (typeof v === 'number') return Object.is(v, -0) ? '-0' : String(v);
  if (typeof v === 'bigint') return `${v}n`;
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  return JSON.stringify(v, function (k, x) {
    const raw = this[k]; // JSON.stringify has already turned -0 into 0 when the replacer sees it
    if (typeof raw === 'number' && (!Number.isFinite(raw) || Object.is(raw, -0))) return `<${show(raw)}>`;
    if (typeof raw === 'bigint') return `${raw}n`;
    if (raw === undefined) return '<undefined>';
    return x;
  });
}
