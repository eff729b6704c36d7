// Reference files written by DuckDB's COPY, for the self-test (see make_reference.mjs).
// DuckDB writes no ARROW:schema, so each arrow_type is the one arrow-rs infers from
// the Parquet types. Expected values come from DuckDB evaluating the same
// expressions without Parquet, as canonical strings.

import path from 'node:path';
import { floatCanonical } from './canonical.mjs';

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

