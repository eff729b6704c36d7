// Reference files written by DuckDB's COPY, for the self-test (see make_reference.mjs).
// DuckDB writes no ARROW:schema, so each arrow_type is the one arrow-rs infers from
// the Parquet types. Expected values come from DuckDB evaluating the same
// expressions without Parquet, as canonical strings.

import path from 'node:path';
import { floatCanonical } from './canonical.mjs';
import { reduceExpected } from './nested.mjs';

export async function writeDuckDB(outDir, name, nRows, options) {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const inst = await DuckDBInstance.create(':memory:');
  const con = await inst.connect();
  const file = path.join(outDir, name);
  const sql = `COPY (SELECT
      CASE WHEN i % 7 = 3 THEN NULL ELSE (i % 256 - 128)::TINYINT END AS d_int8,
      (i * 7919 % 65536)::USMALLINT AS d_uint16,
      CASE WHEN i % 5 = 0 THEN NULL ELSE (i * 104729 - 5000000)::BIGINT END AS d_int64,
      -- below 2^31: DuckDB's DELTA_BINARY_PACKED uses 33-bit widths above, which arrow-rs rejects
      (i * 2654435761 % 2147483648)::UINTEGER AS d_uint32,
      (i::DOUBLE / 8 - 3)::FLOAT AS d_float32,
      CASE WHEN i % 11 = 0 THEN NULL ELSE i::DOUBLE * 1.25e10 - 7 END AS d_float64,
      'row ' || i || repeat('é', i % 4) AS d_utf8,
      unhex(lpad(to_hex(i * 31 % 4096), 4, '0')) AS d_blob,
      (i * 1.37 - 500)::DECIMAL(9, 2) AS d_dec9,
      (i::HUGEINT * 1234567891011 - 99999)::DECIMAL(38, 6) AS d_dec38,
      DATE '1969-12-01' + (i * 37)::INT AS d_date,
      make_time(i % 24, i % 60, (i % 60)::DOUBLE + 0.123456) AS d_time,
      make_timestamp(1900 + i % 300, 1 + i % 12, 1 + i % 28, i % 24, i % 60, (i % 60)::DOUBLE + 0.654321) AS d_ts,
      make_timestamp(2000 + i % 50, 1 + i % 12, 1 + i % 28, 1, 2, 3.5)::TIMESTAMPTZ AS d_tstz,
      make_timestamp_ns(978307200000000000 + i * 1000000123 - 5000000000000) AS d_ts_ns,
      (i % 3 = 0) AS d_bool
    FROM range(${nRows}) t(i)) TO '${file}' (FORMAT parquet, ${options})`;
  await con.run("SET TimeZone = 'UTC'");
  await con.run(sql);
  // Expected values: computed by DuckDB from the same SELECT as canonical strings (no Parquet involved).
  const q = await con.runAndReadAll(`SELECT
      (i % 256 - 128), i * 7919 % 65536, i * 104729 - 5000000, i * 2654435761 % 2147483648,
      (i::DOUBLE / 8 - 3)::FLOAT, i::DOUBLE * 1.25e10 - 7, 'row ' || i || repeat('é', i % 4),
      lower(lpad(to_hex(i * 31 % 4096), 4, '0')), (i * 1.37 - 500)::DECIMAL(9, 2)::VARCHAR,
      (i::HUGEINT * 1234567891011 - 99999)::DECIMAL(38, 6)::VARCHAR,
      (DATE '1969-12-01' + (i * 37)::INT) - DATE '1970-01-01',
      epoch_us(make_time(i % 24, i % 60, (i % 60)::DOUBLE + 0.123456)::TIME),
      epoch_us(make_timestamp(1900 + i % 300, 1 + i % 12, 1 + i % 28, i % 24, i % 60, (i % 60)::DOUBLE + 0.654321)),
      epoch_us(make_timestamp(2000 + i % 50, 1 + i % 12, 1 + i % 28, 1, 2, 3.5)),
      978307200000000000 + i * 1000000123 - 5000000000000,
      (i % 3 = 0)
    FROM range(${nRows}) t(i) ORDER BY i`);
  const rows = q.getRowsJS();
  const nul = (i, mod, rem) => i % mod === rem;
  const col = (name, arrow_type, extra, f) => ({ name, arrow_type, ...extra, values: rows.map((r, i) => f(r, i)) });
  const columns = [
    col('d_int8', 'int8', {}, (r, i) => (nul(i, 7, 3) ? null : String(r[0]))),
    col('d_uint16', 'uint16', {}, (r) => String(r[1])),
    col('d_int64', 'int64', {}, (r, i) => (nul(i, 5, 0) ? null : String(r[2]))),
    col('d_uint32', 'uint32', {}, (r) => String(r[3])),
    col('d_float32', 'float32', {}, (r) => floatCanonical(r[4])),
    col('d_float64', 'float64', {}, (r, i) => (nul(i, 11, 0) ? null : floatCanonical(r[5]))),
    col('d_utf8', 'utf8', {}, (r) => r[6]),
    col('d_blob', 'binary', {}, (r) => r[7]),
    col('d_dec9', 'decimal128', { precision: 9, scale: 2 }, (r) => r[8]),
    col('d_dec38', 'decimal128', { precision: 38, scale: 6 }, (r) => r[9]),
    col('d_date', 'date32', {}, (r) => Number(r[10])),
    col('d_time', 'time64', { unit: 'us' }, (r) => String(r[11])),
    col('d_ts', 'timestamp', { unit: 'us', tz: null }, (r) => String(r[12])),
    col('d_tstz', 'timestamp', { unit: 'us', tz: 'UTC' }, (r) => String(r[13])),
    col('d_ts_ns', 'timestamp', { unit: 'ns', tz: null }, (r) => String(r[14])),
    col('d_bool', 'bool', {}, (r) => r[15]),
  ];
  con.closeSync();
  inst.closeSync();
  return { path: name, num_rows: nRows, props: { writer: 'duckdb', options }, columns };
}


// ---- nested columns ------------------------------------------------------
// Values are generated in JS as canonical values (make_reference's generator),
// written as typed SQL literals, and are themselves the expected values. The
// arrow_types are those arrow-rs infers from DuckDB's Parquet schema.

const c = (name, arrow_type, extra = {}) => ({ name, arrow_type, nullable: true, ...extra });
const t = (arrow_type, extra = {}) => ({ arrow_type, ...extra });
const list = (item) => t('list', { item });
const field = (name, d) => ({ name, ...d });

function duckNestedColumns() {
  return [
    c('d_id', 'int32'),
    c('d_list_i32', 'list', { item: t('int32') }),
    c('d_list_utf8', 'list', { item: t('utf8') }),
    c('d_struct', 'struct', { fields: [field('a', t('int64')), field('b', t('utf8')), field('c', t('decimal128', { precision: 9, scale: 2 }))] }),
    c('d_map', 'map', { key: t('utf8'), value: t('int32') }),
    c('d_map_struct', 'map', { key: t('int64'), value: t('struct', { fields: [field('x', t('float64')), field('y', list(t('bool')))] }) }),
    c('d_list_struct', 'list', { item: t('struct', { fields: [field('p', t('int16')), field('q', list(t('date32')))] }) }),
    c('d_struct_list', 'struct', { fields: [field('l', list(t('binary'))), field('s', t('struct', { fields: [field('z', t('uint8'))] }))] }),
    c('d_list_map', 'list', { item: t('map', { key: t('utf8'), value: t('utf8') }) }),
    c('d_list_list', 'list', { item: list(t('int32')) }),
    c('d_list_ts', 'list', { item: t('timestamp', { unit: 'us', tz: null }) }),
    c('d_struct_tstz', 'struct', { fields: [field('t', t('timestamp', { unit: 'us', tz: 'UTC' }))] }),
  ];
}

const SQL_TYPES = {
  int8: 'TINYINT', int16: 'SMALLINT', int32: 'INTEGER', int64: 'BIGINT', uint8: 'UTINYINT', uint16: 'USMALLINT',
  uint32: 'UINTEGER', uint64: 'UBIGINT', float32: 'FLOAT', float64: 'DOUBLE', utf8: 'VARCHAR', binary: 'BLOB',
  bool: 'BOOLEAN', date32: 'DATE',
};

function sqlType(d) {
  if (d.kind === 'list') return `${sqlType(d.item)}[]`;
  if (d.kind === 'struct') return `STRUCT(${d.fields.map((f) => `"${f.name}" ${sqlType(f)}`).join(', ')})`;
  if (d.kind === 'map') return `MAP(${sqlType(d.key)}, ${sqlType(d.value)})`;
  if (d.kind === 'decimal128') return `DECIMAL(${d.precision}, ${d.scale})`;
  if (d.kind === 'timestamp') return d.tz === null ? 'TIMESTAMP' : 'TIMESTAMPTZ';
  if (!SQL_TYPES[d.kind]) throw new Error(`no SQL type for ${d.kind}`);
  return SQL_TYPES[d.kind];
}

const sqlString = (s) => `'${s.replaceAll("'", "''")}'`;

/** A canonical value as a SQL expression of exactly sqlType(d) (every level cast). */
function sqlLiteral(d, v) {
  const cast = (e) => `CAST(${e} AS ${sqlType(d)})`;
  if (v === null) return cast('NULL');
  switch (d.kind) {
    case 'list': return cast(`[${v.map((x) => sqlLiteral(d.item, x)).join(', ')}]`);
    case 'struct': return cast(`{${d.fields.map((f) => `${sqlString(f.name)}: ${sqlLiteral(f, v[f.name])}`).join(', ')}}`);
    case 'map': return cast(`MAP {${v.map(([k, x]) => `${sqlLiteral(d.key, k)}: ${sqlLiteral(d.value, x)}`).join(', ')}}`);
    case 'utf8': return sqlString(v);
    case 'binary': return `unhex(${sqlString(v)})`;
    case 'bool': return v ? 'TRUE' : 'FALSE';
    case 'float32': case 'float64': {
      const s = { NaN: 'nan', Infinity: 'inf', '-Infinity': '-inf', '-0': '-0.0' }[v] ?? String(v);
      return cast(sqlString(s));
    }
    case 'date32': return `(DATE '1970-01-01' + ${v}::INTEGER)`;
    case 'timestamp': return cast(`make_timestamp(${v}::BIGINT)`);
  }
  return cast(sqlString(String(v))); // integers, decimals
}

export async function writeDuckDBNested(outDir, name, nRows, options, seed, genColumn) {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const { columnType } = await import('./canonical.mjs');
  const columns = duckNestedColumns();
  const types = columns.map((col) => columnType(col));
  // INT32 values within ±2^29: DuckDB's DELTA_BINARY_PACKED (v2) stores wider
  // int32 deltas with a min_delta arrow-rs rejects ("'min_delta' too large").
  const narrow = [{ node: (d) => d.kind === 'int32', expected: (v) => String(BigInt(v) / 4n) }];
  columns.forEach((col, i) => (col.values = genColumn(col, nRows, seed * 1000 + i, 0.2).map((v) => reduceExpected(types[i], v, narrow))));
  const rows = Array.from({ length: nRows }, (_, r) => `(${columns.map((col, i) => sqlLiteral(types[i], col.values[r])).join(', ')})`);
  const select = nRows
    ? `SELECT * FROM (VALUES ${rows.join(',\n')}) v(${columns.map((col) => col.name).join(', ')})`
    : `SELECT ${columns.map((col, i) => `${sqlLiteral(types[i], null)} AS ${col.name}`).join(', ')} LIMIT 0`;
  const inst = await DuckDBInstance.create(':memory:');
  const con = await inst.connect();
  await con.run("SET TimeZone = 'UTC'");
  await con.run(`COPY (${select}) TO '${path.join(outDir, name)}' (FORMAT parquet, ${options})`);
  con.closeSync();
  inst.closeSync();
  return { path: name, num_rows: nRows, props: { writer: 'duckdb', options }, columns };
}
