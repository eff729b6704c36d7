// Arrow JS (apache-arrow) vectors -> canonical values. Shared by the readers that
// hand back Arrow data: arrow-rs (parquet-wasm) and Polars (via its IPC export).
// Values are taken from the raw buffers, never through lossy getters.

import * as arrow from 'apache-arrow';
import { bigIntFromLEWords, float16FromBits, formatDecimal, hex, isBinary, isDecimal, isString, temporalCanonical, typeString } from '../canonical.mjs';

const UNIT = { [arrow.TimeUnit.SECOND]: 's', [arrow.TimeUnit.MILLISECOND]: 'ms', [arrow.TimeUnit.MICROSECOND]: 'us', [arrow.TimeUnit.NANOSECOND]: 'ns' };
const FLOAT = { [arrow.Precision.HALF]: 'float16', [arrow.Precision.SINGLE]: 'float32', [arrow.Precision.DOUBLE]: 'float64' };

/** An Arrow JS DataType in the manifest's type vocabulary (see canonical.columnType). */
export function describeArrowType(type) {
  const d = { kind: null, unit: null, tz: null, precision: null, scale: null, byteWidth: null, dictionaryIndex: null };
  const T = arrow.Type;
  switch (type.typeId) {
    case T.Dictionary: {
      const v = describeArrowType(type.dictionary);
      return { ...v, dictionaryIndex: describeArrowType(type.indices).kind };
    }
    case T.Null: return { ...d, kind: 'null' };
    case T.Bool: return { ...d, kind: 'bool' };
    case T.Int: return { ...d, kind: `${type.isSigned ? 'int' : 'uint'}${type.bitWidth}` };
    case T.Float: return { ...d, kind: FLOAT[type.precision] };
    case T.Utf8: return { ...d, kind: 'utf8' };
    case T.LargeUtf8: return { ...d, kind: 'large_utf8' };
    case T.Utf8View: return { ...d, kind: 'utf8_view' };
    case T.Binary: return { ...d, kind: 'binary' };
    case T.LargeBinary: return { ...d, kind: 'large_binary' };
    case T.BinaryView: return { ...d, kind: 'binary_view' };
    case T.FixedSizeBinary: return { ...d, kind: 'fixed_size_binary', byteWidth: type.byteWidth };
    case T.Decimal: return { ...d, kind: `decimal${type.bitWidth}`, precision: type.precision, scale: type.scale };
    case T.Date: return { ...d, kind: type.unit === arrow.DateUnit.DAY ? 'date32' : 'date64' };
    case T.Time: return { ...d, kind: `time${type.bitWidth}`, unit: UNIT[type.unit] };
    case T.Timestamp: return { ...d, kind: 'timestamp', unit: UNIT[type.unit], tz: type.timezone ?? null };
    case T.Duration: return { ...d, kind: 'duration', unit: UNIT[type.unit] };
    case T.Interval: {
      const k = { [arrow.IntervalUnit.YEAR_MONTH]: 'interval_year_month', [arrow.IntervalUnit.DAY_TIME]: 'interval_day_time', [arrow.IntervalUnit.MONTH_DAY_NANO]: 'interval_month_day_nano' };
      return { ...d, kind: k[type.unit] };
    }
  }
  return { ...d, kind: `unsupported:${String(type)}` };
}

const sameDesc = (a, b) =>
  a.kind === b.kind && a.unit === b.unit && a.tz === b.tz && a.precision === b.precision && a.scale === b.scale && a.byteWidth === b.byteWidth && a.dictionaryIndex === b.dictionaryIndex;

/**
 * Type check for a reader that must restore the exact Arrow type from ARROW:schema.
 * Returns { error } for a mismatch, { tolerated } for a documented reader deviation, or {}.
 */
export function checkExactType(got, t, deviations) {
  if (sameDesc(got, t)) return {};
  for (const dev of deviations) if (dev.when(t, got)) return { tolerated: dev.id };
  return { error: `type: expected ${typeString(t)}, got ${typeString(got)}` };
}

const FAMILY = (k) => {
  if (isString(k)) return 'string';
  if (isBinary(k)) return 'binary';
  if (isDecimal(k)) return 'decimal';
  if (k.startsWith('time')) return k === 'timestamp' ? 'timestamp' : 'time';
  return k;
};

/**
 * Type check for a reader with its own type system (Polars): same family, same
 * integer width and signedness, same decimal scale, timestamps agree on having a
 * time zone. Dictionary encoding and string/binary offset widths may differ.
 */
export function checkFamilyType(got, t, extra = []) {
  for (const dev of extra) if (dev.when(t, got)) return { tolerated: dev.id };
  const fail = { error: `type: expected ${typeString(t)}, got ${typeString(got)}` };
  const fe = FAMILY(t.kind);
  const fg = FAMILY(got.kind);
  if (fe !== fg) return fail;
  if (isDecimal(t.kind) && got.scale !== t.scale) return fail;
  if (t.kind === 'timestamp' && (t.tz === null) !== (got.tz === null)) return fail;
  return {};
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Canonical values of one Arrow JS Data chunk, interpreted for manifest type t. */
function dataValues(data, t, out) {
  const type = data.type;
  const n = data.length;
  const T = arrow.Type;
  const valid = (i) => data.nullCount === 0 || data.getValid(i);
  const push = (f) => {
    for (let i = 0; i < n; i++) out.push(valid(i) ? f(i) : null);
  };
  switch (type.typeId) {
    case T.Dictionary: {
      const dict = [];
      for (const d of data.dictionary.data) dataValues(d, t, dict);
      const idx = data.values;
      return push((i) => dict[Number(idx[i])]);
    }
    case T.Null:
      for (let i = 0; i < n; i++) out.push(null);
      return;
    case T.Bool: {
      const bits = data.values;
      return push((i) => ((bits[(data.offset + i) >> 3] >> ((data.offset + i) & 7)) & 1) === 1);
    }
    case T.Int: {
      // A plain integer where another type was expected is caught by the type check.
      const v = data.values;
      return push((i) => String(v[i]));
    }
    case T.Float: {
      const v = data.values;
      if (type.precision === arrow.Precision.HALF) return push((i) => float16FromBits(v[i]));
      return push((i) => v[i]);
    }
    case T.Utf8: case T.LargeUtf8: case T.Utf8View: {
      const vec = arrow.makeVector(data);
      return push((i) => vec.get(i));
    }
    case T.Binary: case T.LargeBinary: case T.BinaryView: case T.FixedSizeBinary: {
      const vec = arrow.makeVector(data);
      if (isString(t.kind)) return push((i) => decoder.decode(vec.get(i)));
      return push((i) => hex(vec.get(i)));
    }
    case T.Decimal: {
      const w = type.bitWidth / 32;
      const v = data.values;
      return push((i) => formatDecimal(bigIntFromLEWords(v, i * w, w), type.scale));
    }
    case T.Date: {
      const v = data.values;
      const unit = type.unit === arrow.DateUnit.DAY ? 'd' : 'ms';
      return push((i) => temporalCanonical(t, BigInt(v[i]), unit));
    }
    case T.Time: case T.Timestamp: case T.Duration: {
      const v = data.values;
      const unit = UNIT[type.unit];
      return push((i) => temporalCanonical(t, BigInt(v[i]), unit));
    }
    case T.Interval: {
      const v = data.values;
      if (type.unit === arrow.IntervalUnit.YEAR_MONTH) return push((i) => ({ months: v[i], days: 0, millis: 0 }));
      if (type.unit === arrow.IntervalUnit.DAY_TIME) return push((i) => ({ months: 0, days: v[2 * i], millis: v[2 * i + 1] }));
      // MONTH_DAY_NANO: months, days (int32) then nanoseconds (int64) per value.
      const dv = new DataView(v.buffer, v.byteOffset, v.byteLength);
      return push((i) => {
        const nanos = dv.getBigInt64(16 * i + 8, true);
        const millis = nanos % 1000000n === 0n ? Number(nanos / 1000000n) : `${nanos}ns`;
        return { months: dv.getInt32(16 * i, true), days: dv.getInt32(16 * i + 4, true), millis };
      });
    }
  }
  return push(() => `unsupported Arrow type ${String(type)}`);
}

/** Canonical values of a whole Arrow JS Vector (all its chunks). */
export function vectorValues(vector, t) {
  const out = [];
  for (const data of vector.data) dataValues(data, t, out);
  return out;
}
