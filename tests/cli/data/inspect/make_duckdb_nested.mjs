// Writes duckdb_nested.parquet, a small file of nested columns by another
// writer for inspect_nested_test.cc: a struct holding a list, a list of
// structs, a map, a list of lists; nulls and empty lists at every level;
// two row groups, several pages per chunk (v1 pages, levels RLE-encoded,
// Snappy).
// Run from anywhere: node tests/cli/data/inspect/make_duckdb_nested.mjs
// (uses @duckdb/node-api from tests/interop/node_modules).

import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(join(here, '../../../interop/package.json'));
const { DuckDBInstance } = await import(pathToFileURL(require.resolve('@duckdb/node-api')).href);

const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
const connection = await instance.connect();
const out = join(here, 'duckdb_nested.parquet').replaceAll("'", "''");
await connection.run(`
  COPY (
    SELECT i AS id,
           CASE WHEN i % 11 = 0 THEN NULL
                ELSE {'a': CASE WHEN i % 3 = 0 THEN NULL ELSE i END,
                      'b': CASE WHEN i % 7 = 0 THEN NULL
                                ELSE list_transform(range(i % 4), k -> CASE WHEN k = 2 THEN NULL
                                                                            ELSE 'v' || k END) END}
           END AS s,
           CASE WHEN i % 13 = 0 THEN NULL
                ELSE list_transform(range(i % 3), k -> CASE WHEN k = 1 AND i % 2 = 0 THEN NULL
                                                            ELSE {'x': k, 'y': 'y' || i} END) END
             AS l,
           CASE WHEN i % 5 = 0 THEN NULL
                ELSE map_from_entries(list_transform(range(i % 3),
                       k -> {'key': 'k' || k, 'value': CASE WHEN k = 1 THEN NULL ELSE i END})) END
             AS m,
           list_transform(range(i % 4), k -> range(k)) AS ll
    FROM range(0, 3000) t(i)
  ) TO '${out}' (FORMAT parquet, ROW_GROUP_SIZE 2048, COMPRESSION snappy)`);
connection.closeSync();
instance.closeSync();
