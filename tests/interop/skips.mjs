// Reader limitations: (reader, column condition) pairs the suite does not check,
// each confirmed by a run that failed with the quoted error. They are the readers'
// gaps, not the writer's. `when(t, f)` is asked of every leaf of a column (a flat
// column is its own leaf) with the leaf's manifest type t and footer facts f: one
// matching leaf skips the whole column for that reader. `whenColumn(t, f, file)`
// is asked of the column itself (file.declaresListView: the file's ARROW:schema
// has a list view; file.types: every column's manifest type). Never a whole
// file unless the reader fails on the whole file (polars_list_view).

import { isDecimal } from './canonical.mjs';
import { columnPairs } from './parquet_meta.mjs';
import { unorderedMapPairs } from './nested.mjs';

const isInterval = (t, f) => t.kind.startsWith('interval_') || f.logical === 'INTERVAL';

export const SKIPS = [
  {
    id: 'duckdb_byte_stream_split_int',
    reader: 'duckdb',
    when: (t, f) => f.encodings.has('BYTE_STREAM_SPLIT') && f.physical !== 'FLOAT' && f.physical !== 'DOUBLE',
    reason: 'DuckDB decodes BYTE_STREAM_SPLIT only for FLOAT/DOUBLE (not INT32, INT64, FIXED_LEN_BYTE_ARRAY)',
    observed: 'Invalid Error: BYTE_STREAM_SPLIT encoding is only supported for FLOAT or DOUBLE data',
  },
  {
    id: 'duckdb_decimal_over_38',
    reader: 'duckdb',
    when: (t) => isDecimal(t.kind) && t.precision > 38,
    reason: 'DuckDB DECIMAL holds at most 38 digits: wider Parquet decimals are read as DOUBLE (lossy)',
    observed: 'DECIMAL(76,20) column read with type DOUBLE, value 1e+56',
  },
  {
    id: 'polars_flba_delta_byte_array',
    reader: 'polars',
    when: (t, f) => f.physical === 'FIXED_LEN_BYTE_ARRAY' && f.encodings.has('DELTA_BYTE_ARRAY'),
    reason: 'Polars cannot decode DELTA_BYTE_ARRAY pages of FIXED_LEN_BYTE_ARRAY columns (optional or required)',
    observed: 'parquet: Not yet supported: Decoding FixedLenByteArray(5) "DeltaByteArray"-encoded optional parquet pages not yet supported',
  },
  {
    id: 'polars_flba_byte_stream_split',
    reader: 'polars',
    when: (t, f) =>
      f.physical === 'FIXED_LEN_BYTE_ARRAY' && f.encodings.has('BYTE_STREAM_SPLIT') && f.logical !== 'FLOAT16',
    reason: 'Polars cannot decode BYTE_STREAM_SPLIT pages of FIXED_LEN_BYTE_ARRAY columns (optional or required; FLOAT16 excepted)',
    observed: 'parquet: Not yet supported: Decoding FixedLenByteArray(5) "ByteStreamSplit"-encoded optional parquet pages not yet supported',
  },
  {
    id: 'polars_decimal_over_38',
    reader: 'polars',
    when: (t) => isDecimal(t.kind) && t.precision > 38,
    reason: 'Polars decimals hold at most 38 digits',
    observed: 'precision must be between 1 and 38',
  },
  {
    id: 'polars_interval',
    reader: 'polars',
    when: isInterval,
    reason: 'Polars has no Arrow interval types',
    observed: 'Arrow datatype Interval(YearMonth) not supported by Polars (a Rust panic, caught)',
  },
  {
    id: 'polars_time32_s',
    reader: 'polars',
    when: (t) => t.kind === 'time32' && t.unit === 's',
    reason:
      'Polars applies the ARROW:schema type time32[s] to TIME(MILLIS) data without rescaling (1000 ms reads as 00:16:40); ' +
      'arrow-rs and DuckDB read the same column correctly',
    observed: 'TIME(MILLIS) value 1000 returned as Time 00:16:40, value 86399000 as null',
  },
  {
    id: 'polars_list_view',
    reader: 'polars',
    whenColumn: (t, f, file) => file.declaresListView,
    reason:
      'Polars cannot read a file whose ARROW:schema has a list_view or large_list_view field (any column of that file ' +
      'fails: keep list views in files of their own)',
    observed: 'not yet implemented (a Rust panic in polars-arrow-0.54.4/src/io/ipc/read/schema.rs:367, caught)',
  },
  {
    id: 'hyparquet_interval',
    reader: 'hyparquet',
    when: isInterval,
    reason: 'hyparquet does not decode the INTERVAL converted type',
    observed: 'parquet interval not supported',
  },
];

/**
 * Where a reader's type makes the comparison coarser: expected values are reduced
 * first, at every descriptor node `node(t)` accepts (non-null values, or all with
 * `nulls`). A reader names the reductions that apply in its result's `reduce`.
 */
export const REDUCTIONS = {
  duckdb_tstz_ns: {
    text: 'DuckDB reads TIMESTAMP(NANOS, isAdjustedToUTC=true) as TIMESTAMP WITH TIME ZONE in microseconds: compared at microsecond precision',
    node: (t) => t.kind === 'timestamp' && t.unit === 'ns' && t.tz !== null,
    // DuckDB truncates towards zero when it drops the nanoseconds (-1 ns reads as 0).
    expected: (v) => String((BigInt(v) / 1000n) * 1000n),
  },
  hyparquet_map_object: {
    text:
      'hyparquet returns a MAP as a JS object: integer-like keys come first in ascending order and a repeated key keeps ' +
      'its last value, so maps are compared as key-sorted sets (keys are parsed back from the property names; a ' +
      'float key -0 would read as 0)',
    node: (t) => t.kind === 'map',
    expected: (v) => unorderedMapPairs(v),
  },
  polars_map_null_converted: {
    text:
      'Polars reads a null MAP as an empty map in files whose MAP group has only the legacy converted type, no MAP ' +
      'logical type (DuckDB\'s maps; arrow-rs\'s, with the logical type, keep their nulls): null maps compared as empty',
    node: (t) => t.kind === 'map',
    nulls: true,
    expected: (v) => v ?? [],
  },
};

/** Notes counted per cell, independent of the reader. */
export const NOTES = {
  run_end_encoded:
    'run_end_encoded columns: Parquet stores their logical values and no reader returns run-end encoding, ' +
    'so every reader is checked against the value type',
};

/** The first skip matching this (reader, column), or null. file = { types: [every column's t], declaresListView }. */
export function skipFor(reader, t, f, file = { types: [t], declaresListView: false }) {
  for (const s of SKIPS) {
    if (s.reader !== reader) continue;
    if (s.whenColumn?.(t, f, file)) return s;
    if (s.when && columnPairs(t, f).some((p) => p.leaf && p.t && p.f && s.when(p.t, p.f))) return s;
  }
  return null;
}
