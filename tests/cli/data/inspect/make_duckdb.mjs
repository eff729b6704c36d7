// Writes duckdb.parquet, a small file by another writer for inspect_test.cc:
// two row groups, dictionary and plain columns, nulls, a nested list, a
// decimal, a timestamp, and DuckDB's bloom filters.
// Run from anywhere: node tests/cli/data/inspect/make_duckdb.mjs
// (uses @duckdb/node-api from tests/interop/node_modules).

import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(join(here, '../../../interop/package.json'));
const { DuckDBInstance } = await import(pathToFileURL(require.resolve('@duckdb/node-api')).href);

const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
const connection = await instance.connect();
const out = join(here, 'duckdb.parquet').replaceAll("'", "''");
await connection.run(`
  COPY (
    SELECT i AS id,
           CASE WHEN i % 7 = 0 THEN NULL ELSE 'city_' || (i % 5) END AS city,
           (i * 0.25)::DOUBLE AS score,
           (i * 1.5)::DECIMAL(9, 2) AS amount,
           TIMESTAMP '2024-01-01 00:00:00' + INTERVAL (i) MINUTE AS ts,
           [i, i + 1] AS pair
    FROM range(0, 3000) t(i)
  ) TO '${out}' (FORMAT parquet, ROW_GROUP_SIZE 2048, COMPRESSION zstd)`);
connection.closeSync();
instance.closeSync();
