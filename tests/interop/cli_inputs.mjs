// Inputs for `spillway convert`, written by independent tools, converted by the
// spillway binary; the manifest it writes lets check.mjs read every Parquet
// output back with DuckDB, Polars, arrow-rs and hyparquet (see README.md).
//
//   node cli_inputs.mjs <spillway binary> <dir>  [--inputs-only]
//
// (--inputs-only writes the inputs and the manifest without running spillway.)
// Expected values come from the tools, never from spillway: Arrow IPC inputs as
// apache-arrow itself reads them back (LZ4_FRAME and ZSTD bodies decoded by the
// codecs cli_inputs_arrow.mjs registers), CSV / TSV / NDJSON as DuckDB's
// read_csv / read_json read the same files. The manifest's arrow_type is the
// input's own type (IPC) or the type spillway infers (text formats; see
// TEXT_TYPES, and spillwayTextType for nested NDJSON keys, in
// cli_inputs_text.mjs). Nested columns: lists, structs and maps at any depth
// (apache-arrow), as Polars writes them, and NDJSON objects and arrays.
//
// Modules: cli_inputs_arrow.mjs (apache-arrow and Polars IPC inputs, flat and
// nested), cli_inputs_lz4.mjs (the LZ4 frame codec for IPC bodies),
// cli_inputs_text.mjs (CSV / TSV / NDJSON inputs and DuckDB's expectations),
// cli_inputs_common.mjs (deterministic values, shared manifest pieces). This
// file: the conversions, running spillway, and the manifest.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { writeArrowJs, writeArrowJsNested, writePolars, writePolarsNested } from './cli_inputs_arrow.mjs';
import { duckdbColumns, writeCsvs, writeNdjson } from './cli_inputs_text.mjs';

// ---- conversions and manifest -------------------------------------------------

// Each conversion: inputs (one schema; several append into one file), output,
// writer options. Options vary across outputs; tiny budgets make the budgeted
// store spill.
const TINY = ['--page-store', 'budget', '--memory-budget', '4KiB', '--page-size', '4KiB'];
const CONVERSIONS = [
  ['arrowjs_stream.parquet', ['arrowjs.arrows'], []],
  ['arrowjs_stream_plain_spill.parquet', ['arrowjs.arrows'], ['--dictionary', 'off', '--compression', 'uncompressed', '--page-store', 'spill']],
  ['arrowjs_file_v2_snappy.parquet', ['arrowjs.arrow'], ['--compression', 'snappy', '--writer-version', '2']],
  ['arrowjs_file_budget_gzip.parquet', ['arrowjs.arrow'], ['--compression', 'gzip', '--row-group-rows', '700', ...TINY]],
  ['arrowjs_lz4_stream.parquet', ['arrowjs_lz4.arrows'], ['--compression', 'lz4_raw', '--row-group-rows', '1000']],
  ['arrowjs_lz4_file_v2_plain.parquet', ['arrowjs_lz4.arrow'], ['--writer-version', '2', '--dictionary', 'off', '--statistics', 'none']],
  ['arrowjs_nested_stream.parquet', ['arrowjs_nested.arrows'], []],
  ['arrowjs_nested_file_v2_plain.parquet', ['arrowjs_nested.arrow'], ['--writer-version', '2', '--dictionary', 'off', '--compression', 'zstd']],
  ['arrowjs_nested_budget.parquet', ['arrowjs_nested.arrows'], ['--row-group-rows', '900', '--dictionary', 'off', ...TINY.slice(0, 4), '--page-size', '1KiB']],
  ['arrowjs_nested_appended.parquet', ['arrowjs_nested.arrow', 'arrowjs_nested.arrows'], ['--compression', 'snappy', '--page-store', 'spill']],
  ['polars_lz4.parquet', ['polars_lz4.arrow'], ['--compression', 'lz4_raw']],
  ['polars_zstd_v2_plain.parquet', ['polars_zstd.arrow'], ['--writer-version', '2', '--dictionary', 'off']],
  ['polars_plain_brotli_memory.parquet', ['polars_plain.arrow'], ['--compression', 'brotli', '--page-store', 'memory']],
  ['polars_stream_zstd_budget.parquet', ['polars_zstd.arrows'], TINY],
  ['polars_stream_lz4.parquet', ['polars_lz4.arrows'], ['--statistics', 'chunk']],
  ['polars_stream_plain.parquet', ['polars_plain.arrows'], ['--writer-version', '2', '--page-store', 'spill']],
  ['polars_nested.parquet', ['polars_nested.arrow'], ['--compression', 'zstd']],
  ['polars_nested_stream_v2_budget.parquet', ['polars_nested.arrows'], ['--writer-version', '2', '--dictionary', 'off', ...TINY]],
  ['polars_appended.parquet', ['polars_lz4.arrow', 'polars_plain.arrow', 'polars_lz4.arrow'], []],
  ['csv_main.parquet', ['main.csv'], []],
  ['csv_main_v2_budget.parquet', ['main.csv'], ['--writer-version', '2', '--dictionary', 'off', ...TINY]],
  ['csv_crlf_snappy.parquet', ['crlf.csv'], ['--compression', 'snappy']],
  ['tsv.parquet', ['data.tsv'], ['--page-store', 'spill']],
  ['ndjson.parquet', ['data.ndjson'], []],
  ['ndjson_v2_budget.parquet', ['data.ndjson'], ['--writer-version', '2', '--compression', 'gzip', ...TINY]],
  ['jsonl.parquet', ['data2.jsonl'], ['--dictionary', 'off']],
  ['ndjson_nested.parquet', ['nested.ndjson'], []],
  ['ndjson_nested_v2_plain_budget.parquet', ['nested.ndjson'], ['--writer-version', '2', '--dictionary', 'off', '--compression', 'zstd', ...TINY]],
];

function convert(spillway, dir, out, inputs, args) {
  const argv = ['convert', ...inputs.map((i) => path.join(dir, 'inputs', i)), path.join(dir, out), '--progress', 'off', ...args];
  try {
    const stdout = execFileSync(spillway, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return /bytes spilled\s+(.*)/.exec(stdout)?.[1] ?? '?';
  } catch (e) {
    console.error(`cli_inputs: ${spillway} ${argv.join(' ')} failed (exit ${e.status}):\n${e.stderr || e.message}`);
    process.exit(1);
  }
}

async function main() {
  const args = process.argv.slice(2);
  const inputsOnly = args.includes('--inputs-only');
  const [spillway, dir] = args.filter((a) => a !== '--inputs-only');
  if (!spillway || !dir) {
    console.error('usage: node cli_inputs.mjs <spillway binary> <dir> [--inputs-only]');
    process.exit(2);
  }
  const inDir = path.join(dir, 'inputs');
  fs.mkdirSync(inDir, { recursive: true });
  const inputs = new Map();
  for (const i of [...writeArrowJs(inDir), ...writeArrowJsNested(inDir), ...writePolars(inDir), ...writePolarsNested(inDir)]) inputs.set(i.name, i);

  const inst = await DuckDBInstance.create(':memory:', { threads: '1' });
  const con = await inst.connect();
  await con.run("SET TimeZone = 'UTC'");
  const disagreements = [];
  for (const t of [...writeCsvs(inDir), ...writeNdjson(inDir)]) {
    const columns = await duckdbColumns(con, t.name, t.sql, t.kinds, disagreements);
    inputs.set(t.name, { ...t, columns, num_rows: columns[0].values.length, facts: `${t.source}, ${columns.length} columns` });
  }
  con.closeSync();
  inst.closeSync();

  for (const i of inputs.values()) console.log(`  input ${i.name.padEnd(20)} ${String(i.num_rows).padStart(5)} rows, ${i.columns.length} columns (${i.source}: ${i.facts})`);
  for (const d of disagreements) console.log(`  type differs (values compared): ${d}`);

  const files = [];
  for (const [out, names, opts] of CONVERSIONS) {
    const parts = names.map((n) => inputs.get(n));
    const columns = parts[0].columns.map((c, j) => {
      const { values, ...rest } = c;
      return { ...rest, values: parts.flatMap((p) => p.columns[j].values) };
    });
    const num_rows = parts.reduce((a, p) => a + p.num_rows, 0);
    const spilled = inputsOnly ? 'not run' : convert(spillway, dir, out, names, opts);
    files.push({ path: out, num_rows, props: { writer: 'spillway convert', inputs: names, options: opts.join(' '), source: parts[0].source, bytes_spilled: spilled }, columns });
    console.log(`  ${out.padEnd(40)} <- ${names.join(' + ')} ${opts.join(' ')}${/budget|spill/.test(opts.join(' ')) ? ` (spilled ${spilled})` : ''}`);
  }
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ format: 'spillway-interop', version: 1, files }));
  const by = (s) => [...inputs.values()].filter((i) => i.source === s).length;
  console.log(`cli_inputs: ${inputs.size} inputs (apache-arrow ${by('apache-arrow')}, Polars ${by('polars')}, CSV/TSV ${by('csv')}, NDJSON ${by('ndjson')}); ` +
    `${files.length} Parquet files ${inputsOnly ? 'listed (not converted)' : 'converted'} into ${dir}`);
}

await main();
