// Peer writers for the write benchmark (flat or nested table): loads <out-dir>/table.parquet
// (written by write_bench) into DuckDB and Polars, so each holds the same data
// in its own memory, then times only their Parquet writes of it.
//
//   node bench/peers.mjs --out-dir DIR [--repeat N] [--bench-json FILE | --arrow-bytes N]
//
// MB/s uses the Arrow input size that write_bench measured (from its JSON
// lines, or --arrow-bytes), so every writer is divided by the same number.
// Prints one JSON line per result on stdout, a human table on stderr.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {performance} from 'node:perf_hooks';
import {fileURLToPath} from 'node:url';

import {DuckDBInstance} from '@duckdb/node-api';
import pl from 'nodejs-polars';

const here = path.dirname(fileURLToPath(import.meta.url));
const polarsVersion =
    JSON.parse(fs.readFileSync(path.join(here, 'node_modules/nodejs-polars/package.json'))).version;

function parseArgs(argv) {
  const args = {outDir: null, repeat: 3, benchJson: null, arrowBytes: null};
  for (let i = 0; i < argv.length; ++i) {
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${argv[i]} needs a value`);
      return argv[++i];
    };
    switch (argv[i]) {
      case '--out-dir': args.outDir = value(); break;
      case '--repeat': args.repeat = Number(value()); break;
      case '--bench-json': args.benchJson = value(); break;
      case '--arrow-bytes': args.arrowBytes = Number(value()); break;
      default: throw new Error(`unknown argument ${argv[i]} (see the header of bench/peers.mjs)`);
    }
  }
  if (!args.outDir) throw new Error('--out-dir DIR is required (the folder holding table.parquet)');
  if (!Number.isInteger(args.repeat) || args.repeat < 1) {
    throw new Error(`--repeat must be a positive integer, got ${args.repeat}`);
  }
  return args;
}

// The Arrow input size and row count write_bench measured, from its JSON lines.
function readBenchInput(file) {
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!line.startsWith('{')) continue;
    const r = JSON.parse(line);
    if (r.arrow_input_bytes) return {arrowBytes: r.arrow_input_bytes, rows: r.rows};
  }
  throw new Error(`${file} has no JSON line with arrow_input_bytes; run write_bench first`);
}

// Best-of-N wall time of `write`, which writes `file`; the file is removed
// before each try so no writer pays for truncating an earlier output.
async function bestOf(repeat, file, write) {
  let best = Infinity;
  for (let i = 0; i < repeat; ++i) {
    fs.rmSync(file, {force: true});
    const start = performance.now();
    await write();
    best = Math.min(best, (performance.now() - start) / 1000);
  }
  return {seconds: best, outputBytes: fs.statSync(file).size};
}

// The peers must write the table write_bench measured, not some other file.
function checkRows(who, rows, expected) {
  if (expected != null && rows !== expected) {
    throw new Error(`${who} loaded ${rows} rows from table.parquet, write_bench wrote ${expected}`);
  }
}

async function benchDuckDB(args, table, emit) {
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  const defaultThreads = Number(
      (await conn.runAndReadAll("SELECT current_setting('threads')")).getRows()[0][0]);
  const version = (await conn.runAndReadAll('SELECT version()')).getRows()[0][0];
  const quoted = table.replaceAll("'", "''");
  await conn.run(`CREATE TABLE t AS SELECT * FROM read_parquet('${quoted}')`);
  const rows = Number((await conn.runAndReadAll('SELECT count(*) FROM t')).getRows()[0][0]);
  checkRows('DuckDB', rows, args.expectedRows);
  for (const threads of new Set([1, defaultThreads])) {
    await conn.run(`SET threads = ${threads}`);
    for (const compression of ['uncompressed', 'zstd']) {
      const file = path.join(args.outDir, `duckdb_${compression}_t${threads}.parquet`);
      const q = file.replaceAll("'", "''");
      const r = await bestOf(args.repeat, file, () => conn.run(
          `COPY t TO '${q}' (FORMAT parquet, COMPRESSION ${compression})`));
      emit({writer: `duckdb ${version}`, compression, threads: String(threads), ...r});
      fs.rmSync(file, {force: true});
    }
  }
  conn.closeSync();
  instance.closeSync();
}

async function benchPolars(args, table, emit) {
  const df = pl.readParquet(table);
  checkRows('Polars', df.height, args.expectedRows);
  // Polars writes with its own thread pool (POLARS_MAX_THREADS, default: all cores).
  const pool = process.env.POLARS_MAX_THREADS || String(os.availableParallelism());
  for (const compression of ['uncompressed', 'zstd']) {
    const file = path.join(args.outDir, `polars_${compression}.parquet`);
    // writeParquet is synchronous; awaiting its undefined result costs nothing.
    const r = await bestOf(args.repeat, file, () => df.writeParquet(file, {compression}));
    const writer = `polars ${polarsVersion} (nodejs-polars)`;
    emit({writer, compression, threads: `pool (${pool})`, ...r});
    fs.rmSync(file, {force: true});
  }
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const table = path.resolve(args.outDir, 'table.parquet');
  if (!fs.existsSync(table)) throw new Error(`${table} not found; run write_bench first`);
  let input = {arrowBytes: args.arrowBytes, rows: null};
  if (args.benchJson) input = readBenchInput(args.benchJson);
  if (!input.arrowBytes) throw new Error('give --bench-json FILE or --arrow-bytes N');
  args.expectedRows = input.rows;

  const results = [];
  const emit = (r) => {
    const line = {
      writer: r.writer,
      compression: r.compression,
      threads: r.threads,
      rows: input.rows,
      arrow_input_bytes: input.arrowBytes,
      seconds: Number(r.seconds.toFixed(4)),
      mb_per_s: Number((input.arrowBytes / 1e6 / r.seconds).toFixed(1)),
      output_bytes: r.outputBytes,
    };
    results.push(line);
    console.log(JSON.stringify(line));
  };
  await benchDuckDB(args, table, emit);
  await benchPolars(args, table, emit);

  console.error('writer                      compression   threads     MB/s  seconds  output MB');
  for (const r of results) {
    console.error(`${r.writer.padEnd(27)} ${r.compression.padEnd(13)} ${r.threads.padEnd(9)} ` +
                  `${r.mb_per_s.toFixed(1).padStart(7)} ${r.seconds.toFixed(3).padStart(8)} ` +
                  `${(r.output_bytes / 1e6).toFixed(1).padStart(10)}`);
  }
}

main().catch((e) => {
  console.error(`peers.mjs: ${e.message}`);
  process.exit(1);
});
