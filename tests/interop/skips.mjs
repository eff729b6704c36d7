// Reader limitations: (reader, column condition) pairs the suite does not check,
// each confirmed by a run that failed with the quoted error. They are the readers'
// gaps, not the writer's. Conditions use the file's own footer facts (f) and the
// manifest's Arrow type (t). Never a whole file: only the matching columns.

import { isDecimal } from './canonical.mjs';

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
    id: 'hyparquet_interval',
    reader: 'hyparquet',
    when: isInterval,
    reason: 'hyparquet does not decode the INTERVAL converted type',
    observed: 'parquet interval not supported',
  },
];

/** Where a reader's type makes the comparison coarser: expected values are reduced first. */
export const REDUCTIONS = {
  duckdb_tstz_ns: {
    text: 'DuckDB reads TIMESTAMP(NANOS, isAdjustedToUTC=true) as TIMESTAMP WITH TIME ZONE in microseconds: compared at microsecond precision',
    // DuckDB truncates towards zero when it drops the nanoseconds (-1 ns reads as 0).
    expected: (v) => String((BigInt(v) / 1000n) * 1000n),
  },
};

export function skipFor(reader, t, f) {
  return SKIPS.find((s) => s.reader === reader && s.when(t, f)) ?? null;
}
