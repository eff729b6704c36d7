// The peers writing the data of the command's 2 GB memory test as one row
// group, for the peak-RSS comparison (bench/convert_rss.sh runs this under
// /usr/bin/time -v, one writer per process).
//
//   node bench/convert_peers.mjs polars IN.arrows OUT.parquet
//   node bench/convert_peers.mjs duckdb IN.parquet OUT.parquet
// Polars reads the Arrow IPC stream; DuckDB cannot read Arrow IPC here (no
// extension downloads), so it reads the same rows from spillway's Parquet
// output and writes them again.
import fs from 'node:fs';

const [writer, input, output] = process.argv.slice(2);
const t0 = Date.now();
if (writer === 'polars') {
  const pl = (await import('nodejs-polars')).default;
  const df = pl.readIPCStream(fs.readFileSync(input));
  df.writeParquet(output, { compression: 'zstd', rowGroupSize: df.height });
} else if (writer === 'duckdb') {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const db = await DuckDBInstance.create(':memory:', { threads: '2' });
  const c = await db.connect();
  await c.run(`COPY (SELECT * FROM read_parquet('${input}')) TO '${output}' ` +
              `(FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 100000000)`);
  c.closeSync();
  db.closeSync();
} else {
  throw new Error(`unknown writer ${writer}`);
}
console.log(`${writer}: ${((Date.now() - t0) / 1000).toFixed(2)} s`);
