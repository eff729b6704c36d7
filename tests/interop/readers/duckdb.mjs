// DuckDB (@duckdb/node-api) as an interop reader: one instance and connection for
// the whole run, one query per file; values are taken from DuckDB's own value
// objects (exact integers, scaled decimals, epoch counts), never from JS Dates.

import { DuckDBInstance, DuckDBTypeId as Id } from '@duckdb/node-api';
import { formatDecimal, hex, isBinary, isDecimal, isListLike, isString, temporalCanonical } from '../canonical.mjs';

let instance = null;
let connection = null;

export const name = 'duckdb';

export async function open() {
  instance = await DuckDBInstance.create(':memory:', { threads: '2' });
  connection = await instance.connect();
  await connection.run("SET TimeZone = 'UTC'");
}

export function close() {
  connection?.closeSync();
  instance?.closeSync();
}

/** The DuckDB type spillway's Parquet mapping should produce for manifest type t. */
function expectedType(t) {
  const simple = {
    bool: 'BOOLEAN', int8: 'TINYINT', int16: 'SMALLINT', int32: 'INTEGER', int64: 'BIGINT',
    uint8: 'UTINYINT', uint16: 'USMALLINT', uint32: 'UINTEGER', uint64: 'UBIGINT',
    float16: 'FLOAT', float32: 'FLOAT', float64: 'DOUBLE', date32: 'DATE', date64: 'DATE',
    time32: 'TIME', duration: 'BIGINT', interval_year_month: 'INTERVAL', interval_day_time: 'INTERVAL',
  };
  if (t.kind in simple) return simple[t.kind];
  if (isString(t.kind)) return 'VARCHAR';
  if (isBinary(t.kind)) return 'BLOB';
  if (isDecimal(t.kind)) return `DECIMAL(${t.precision},${t.scale})`;
  if (t.kind === 'time64') return t.unit === 'ns' ? 'TIME_NS' : 'TIME';
  if (t.kind === 'timestamp') {
    if (t.tz !== null) return 'TIMESTAMP WITH TIME ZONE';
    return t.unit === 'ns' ? 'TIMESTAMP_NS' : 'TIMESTAMP';
  }
  return null; // null type: DuckDB picks the physical type; only the nulls matter
}

const UNKNOWN = { kind: 'unknown' }; // a child the manifest lacks: rendered, never matching

/**
 * Checks a DuckDB type against manifest type t, recursively: list-likes are LIST
 * (DuckDB reads every Parquet LIST so, fixed_size_list included), structs STRUCT
 * with the same field names, maps MAP. Returns { error?, reduce? }.
 */
function checkType(type, t, path = '') {
  const at = path ? ` at ${path}` : '';
  const sub = (label) => `${path}${path ? '.' : ''}${label}`;
  const fail = (want) => ({ error: `type${at}: expected ${want}, got ${type.toString()}` });
  if (isListLike(t.kind)) return type.typeId === Id.LIST ? checkType(type.valueType, t.item, sub('[]')) : fail('a LIST');
  if (t.kind === 'struct') {
    const names = t.fields.map((f) => f.name);
    if (type.typeId !== Id.STRUCT || type.entryNames.join('\u0000') !== names.join('\u0000')) return fail(`STRUCT(${names.join(', ')})`);
    return combine(t.fields.map((f, i) => checkType(type.entryTypes[i], f, sub(f.name))));
  }
  if (t.kind === 'map') {
    if (type.typeId !== Id.MAP) return fail('a MAP');
    return combine([checkType(type.keyType, t.key, sub('key')), checkType(type.valueType, t.value, sub('value'))]);
  }
  const got = type.toString();
  const want = expectedType(t);
  if (want !== null && got !== want) return fail(want);
  // DuckDB keeps timestamps with a zone in microseconds: nanoseconds are cut.
  if (t.kind === 'timestamp' && t.unit === 'ns' && got === 'TIMESTAMP WITH TIME ZONE') return { reduce: 'duckdb_tstz_ns' };
  return {};
}

const combine = (rs) => rs.find((r) => r.error) ?? rs.find((r) => r.reduce) ?? {};

/** Canonical value of one non-null DuckDB value of DuckDB type `type` for manifest type t (nested recursively). */
export function converter(type, t) {
  const nul = (c) => (v) => (v === null || v === undefined ? null : c(v));
  switch (type.typeId) {
    case Id.LIST: case Id.ARRAY: {
      const item = nul(converter(type.valueType, t.item ?? UNKNOWN));
      return (v) => v.items.map(item);
    }
    case Id.STRUCT: {
      const conv = type.entryNames.map((name, i) => nul(converter(type.entryTypes[i], t.fields?.find((f) => f.name === name) ?? UNKNOWN)));
      return (v) => Object.fromEntries(type.entryNames.map((name, i) => [name, conv[i](v.entries[name])]));
    }
    case Id.MAP: {
      const key = nul(converter(type.keyType, t.key ?? UNKNOWN));
      const value = nul(converter(type.valueType, t.value ?? UNKNOWN));
      return (v) => v.entries.map((e) => [key(e.key), value(e.value)]);
    }
  }
  return leafConverter(type.typeId, t);
}

/** Canonical value of one DuckDB leaf value of type id `id` for manifest type t. */
function leafConverter(id, t) {
  switch (id) {
    case Id.BOOLEAN: case Id.FLOAT: case Id.DOUBLE: case Id.VARCHAR:
      return (v) => v;
    case Id.TINYINT: case Id.SMALLINT: case Id.INTEGER: case Id.BIGINT: case Id.HUGEINT:
    case Id.UTINYINT: case Id.USMALLINT: case Id.UINTEGER: case Id.UBIGINT: case Id.UHUGEINT:
      return (v) => String(v);
    case Id.BLOB:
      return (v) => hex(v.bytes);
    case Id.DECIMAL:
      return (v) => formatDecimal(v.value, v.scale);
    case Id.DATE:
      return (v) => temporalCanonical(t, BigInt(v.days), 'd');
    case Id.TIME:
      return (v) => temporalCanonical(t, v.micros, 'us');
    case Id.TIME_NS:
      return (v) => temporalCanonical(t, v.nanos, 'ns');
    case Id.TIMESTAMP: case Id.TIMESTAMP_TZ:
      return (v) => temporalCanonical(t, v.micros, 'us');
    case Id.TIMESTAMP_S:
      return (v) => temporalCanonical(t, v.seconds, 's');
    case Id.TIMESTAMP_MS:
      return (v) => temporalCanonical(t, v.millis, 'ms');
    case Id.TIMESTAMP_NS:
      return (v) => temporalCanonical(t, v.nanos, 'ns');
    case Id.INTERVAL:
      return (v) => ({ months: v.months, days: v.days, millis: v.micros % 1000n === 0n ? Number(v.micros / 1000n) : `${v.micros}us` });
  }
  return (v) => `unsupported DuckDB value ${String(v)}`;
}

const quoteIdent = (s) => `"${s.replaceAll('"', '""')}"`;
const quoteString = (s) => `'${s.replaceAll("'", "''")}'`;

async function query(path, cols) {
  const sql = `SELECT ${cols.map((c) => quoteIdent(c.name)).join(', ')} FROM read_parquet(${quoteString(path)})`;
  const reader = await connection.runAndReadAll(sql);
  const types = reader.columnTypes();
  const columns = reader.getColumns();
  const out = new Map();
  cols.forEach((c, i) => {
    const type = types[i];
    const res = { type: type.toString(), ...checkType(type, c.t) };
    const conv = converter(type, c.t);
    res.values = (columns[i] ?? []).map((v) => (v === null || v === undefined ? null : conv(v)));
    out.set(c.name, res);
  });
  return out;
}

export async function read(file, cols) {
  if (cols.length === 0) return new Map();
  try {
    return await query(file.path, cols);
  } catch (e) {
    // Find which columns fail: each one is then reported with its own error.
    const out = new Map();
    for (const c of cols) {
      try {
        out.set(c.name, (await query(file.path, [c])).get(c.name));
      } catch (e2) {
        out.set(c.name, { error: `read failed: ${e2.message.split('\n')[0]}` });
      }
    }
    return out;
  }
}
