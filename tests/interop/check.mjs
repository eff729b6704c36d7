// Reads every Parquet file a manifest lists with four independent readers (DuckDB,
// Polars, arrow-rs via parquet-wasm, hyparquet) and compares every value with the
// manifest's canonical values. See README.md for the manifest format.
//
//   node check.mjs <dir>                 reads <dir>/manifest.json
//   node check.mjs --self-test [--keep]  writes reference files (make_reference.mjs) and checks them
//   options: --readers duckdb,polars,arrow_rs,hyparquet   --max-failures N (default 40)

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parquetMetadata } from 'hyparquet';
import { columnType, expectedValue, firstDifference, show, typeString } from './canonical.mjs';
import { reduceExpected, someType } from './nested.mjs';
import { checkParquetExpectations, columnFacts, declaresListView } from './parquet_meta.mjs';
import { NOTES, REDUCTIONS, SKIPS, skipFor } from './skips.mjs';
import * as duckdb from './readers/duckdb.mjs';
import * as polars from './readers/polars.mjs';
import * as arrowRs from './readers/arrow_rs.mjs';
import * as hyparquet from './readers/hyparquet.mjs';

const ALL_READERS = [duckdb, polars, arrowRs, hyparquet];
const MISMATCHES_PER_CELL = 3;

function parseArgs(argv) {
  const o = { dir: null, selfTest: false, keep: false, readers: null, maxFailures: 40 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--self-test') o.selfTest = true;
    else if (a === '--keep') o.keep = true;
    else if (a === '--readers') o.readers = argv[++i].split(',');
    else if (a === '--max-failures') o.maxFailures = Number(argv[++i]);
    else if (a.startsWith('--')) throw new Error(`unknown option ${a}`);
    else o.dir = a;
  }
  if (!o.selfTest && !o.dir) throw Object.assign(new Error('usage: node check.mjs <dir> | --self-test [--keep]  [--readers a,b] [--max-failures N]'), { usage: true });
  return o;
}

/** Loads and validates the manifest; expected values are prepared lazily per column. */
function loadManifest(dir) {
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  if (!Array.isArray(manifest.files)) throw new Error('manifest.json: "files" must be an array');
  for (const file of manifest.files) {
    for (const col of file.columns) {
      col.t = columnType(col);
      if (!Array.isArray(col.values) || col.values.length !== file.num_rows)
        throw new Error(`manifest ${file.path} column '${col.name}': ${col.values?.length} values for num_rows ${file.num_rows}`);
      Object.defineProperty(col, 'expected', {
        get: () => (col.cache ??= col.values.map((v, i) => {
          try {
            return expectedValue(col.t, v);
          } catch (e) {
            throw new Error(`manifest ${file.path} column '${col.name}' row ${i}: ${e.message}`);
          }
        })),
      });
    }
  }
  return manifest;
}

class Tally {
  constructor(readers) {
    this.files = 0;
    this.nested = { files: 0, pairs: 0, passed: 0 }; // files with at least one nested column
    this.perReader = Object.fromEntries(readers.map((r) => [r.name, { pairs: 0, passed: 0, failed: 0, skippedPairs: 0, cells: 0, skipped: 0, ms: 0 }]));
    this.skips = new Map(); // skip id -> count
    this.notes = new Map(); // tolerated deviation / reduction id -> count
    this.failures = []; // detailed failure lines
    this.failedCells = 0;
  }
  count(map, id) {
    map.set(id, (map.get(id) ?? 0) + 1);
  }
}

const clip = (s, n = 300) => (s.length > n ? `${s.slice(0, n)}...` : s);

/** Compares one (file, column, reader) cell; returns failure lines (empty = pass). */
function compareCell(file, col, reader, res) {
  const where = `${file.path} :: ${col.name} [${typeString(col.t)}] :: ${reader}`;
  if (!res) return [`${where}: no result`];
  const out = [];
  if (res.error) out.push(`${where}: ${res.error}`);
  if (!res.values) return out;
  if (res.values.length !== file.num_rows) {
    out.push(`${where}: ${res.values.length} rows read, ${file.num_rows} expected`);
    return out;
  }
  const reductions = [res.reduce ?? []].flat().map((id) => REDUCTIONS[id]);
  const expected = col.expected;
  let bad = 0;
  for (let i = 0; i < expected.length; i++) {
    const exp = reduceExpected(col.t, expected[i], reductions);
    const got = res.values[i];
    const d = firstDifference(col.t, exp, got);
    if (d) {
      if (bad < MISMATCHES_PER_CELL) {
        const at = d.path === '(value)' ? '' : ` at ${d.path}: expected ${clip(show(d.exp))}, got ${clip(show(d.got))}; whole value`;
        out.push(`${where}: row ${i}:${at} expected ${clip(show(exp))}, got ${clip(show(got))} (reader type ${res.type ?? '?'})`);
      }
      bad++;
    }
  }
  if (bad > MISMATCHES_PER_CELL) out.push(`${where}: ... ${bad} mismatching rows in all`);
  return out;
}

const NESTED_KINDS = new Set(['list', 'large_list', 'fixed_size_list', 'list_view', 'large_list_view', 'struct', 'map']);

async function checkFile(dir, file, readers, tally) {
  const full = path.join(dir, file.path);
  tally.files++;
  const nested = file.columns.some((c) => NESTED_KINDS.has(c.arrow_type));
  if (nested) tally.nested.files++;
  let buf;
  try {
    buf = fs.readFileSync(full);
  } catch (e) {
    for (const reader of readers) {
      tally.perReader[reader.name].pairs++;
      tally.perReader[reader.name].failed++;
    }
    tally.failures.push(`${file.path}: cannot read the file: ${e.message}`);
    return;
  }
  const arrayBuffer = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
  const ctx = { path: full, bytes: new Uint8Array(arrayBuffer), arrayBuffer, metadata: null, facts: null };
  const fileErrors = [];
  try {
    ctx.metadata = parquetMetadata(arrayBuffer);
  } catch (e) {
    fileErrors.push(`${file.path}: footer unreadable: ${e.message}`);
  }
  const facts = ctx.metadata ? columnFacts(ctx.metadata) : new Map();
  ctx.facts = facts;
  const fileInfo = { types: file.columns.map((c) => c.t), declaresListView: [...facts.values()].some(declaresListView) };
  if (ctx.metadata && Number(ctx.metadata.num_rows) !== file.num_rows)
    fileErrors.push(`${file.path}: footer num_rows ${ctx.metadata.num_rows}, manifest ${file.num_rows}`);
  const listed = new Set(file.columns.map((c) => c.name));
  // Top-level names: a nested column's leaves all sit under its name.
  for (const name of facts.keys()) if (!listed.has(name)) fileErrors.push(`${file.path}: column '${name}' is in the file but not in the manifest`);
  for (const col of file.columns) {
    const f = facts.get(col.name);
    for (const e of checkParquetExpectations(col, f)) fileErrors.push(`${file.path} :: ${col.name}: ${e}`);
    if (f && col.nullable !== undefined && (f.repetition === 'OPTIONAL') !== col.nullable)
      fileErrors.push(`${file.path} :: ${col.name}: nullable ${col.nullable} but repetition ${f.repetition}`);
  }
  // Footer problems are charged to hyparquet, whose parser read the footer.
  const footerReader = readers.includes(hyparquet) ? hyparquet : readers[0];
  for (const reader of readers) {
    const r = tally.perReader[reader.name];
    const todo = [];
    for (const col of file.columns) {
      const f = facts.get(col.name);
      const skip = f ? skipFor(reader.name, col.t, f, fileInfo) : null;
      if (skip) {
        r.skipped++;
        tally.count(tally.skips, skip.id);
      } else todo.push({ name: col.name, t: col.t, col });
    }
    const lines = reader === footerReader ? [...fileErrors] : [];
    if (todo.length === 0 && file.columns.length > 0 && lines.length === 0) {
      r.skippedPairs++;
      continue;
    }
    const t0 = performance.now();
    let results;
    try {
      results = ctx.metadata || reader !== hyparquet ? await reader.read(ctx, todo) : new Map();
    } catch (e) {
      results = new Map(todo.map((c) => [c.name, { error: `reader crashed: ${e.message}` }]));
    }
    r.ms += performance.now() - t0;
    for (const c of todo) {
      const res = results.get(c.name);
      for (const id of [res?.tolerated ?? [], res?.reduce ?? []].flat()) tally.count(tally.notes, id);
      if (someType(c.t, (n) => n.runEndEncoded)) tally.count(tally.notes, 'run_end_encoded');
      const cellLines = compareCell(file, c.col, reader.name, res);
      r.cells++;
      if (cellLines.length) tally.failedCells++;
      lines.push(...cellLines);
    }
    r.pairs++;
    if (nested) tally.nested.pairs++;
    if (lines.length) {
      r.failed++;
      tally.failures.push(...lines);
    } else {
      r.passed++;
      if (nested) tally.nested.passed++;
    }
  }
}

function printSummary(tally, opts) {
  const readers = Object.entries(tally.perReader);
  console.log('\nreader      pairs  passed  failed  cells  skipped-cells  seconds');
  for (const [name, r] of readers)
    console.log(`${name.padEnd(10)} ${String(r.pairs).padStart(6)} ${String(r.passed).padStart(7)} ${String(r.failed).padStart(7)} ${String(r.cells).padStart(6)} ${String(r.skipped).padStart(14)} ${(r.ms / 1000).toFixed(1).padStart(8)}`);
  if (tally.skips.size) {
    console.log('\nskipped cells by reason (reader limitations):');
    for (const s of SKIPS) if (tally.skips.has(s.id)) console.log(`  ${String(tally.skips.get(s.id)).padStart(5)}  [${s.reader}] ${s.reason}\n         observed: ${s.observed}`);
  }
  if (tally.notes.size) {
    console.log('\ncells compared with a documented reader deviation:');
    const texts = { ...Object.fromEntries([...arrowRs.DEVIATIONS, ...polars.DEVIATIONS].map((d) => [d.id, d.text])), ...Object.fromEntries(Object.entries(REDUCTIONS).map(([k, v]) => [k, v.text])), ...NOTES };
    for (const [id, n] of tally.notes) console.log(`  ${String(n).padStart(5)}  ${texts[id] ?? id}`);
  }
  if (tally.failures.length) {
    console.log(`\nfailures (${tally.failures.length} lines${tally.failures.length > opts.maxFailures ? `, first ${opts.maxFailures} shown` : ''}):`);
    for (const l of tally.failures.slice(0, opts.maxFailures)) console.log(`  FAIL ${l}`);
  }
  const sum = (k) => readers.reduce((a, [, r]) => a + r[k], 0);
  const skippedCells = sum('skipped');
  console.log(
    `\nfiles: ${tally.files}; (file, reader) pairs checked: ${sum('pairs')}; (column, reader) cells checked: ${sum('cells')}; ` +
      `skipped cells: ${skippedCells}; failed cells: ${tally.failedCells}; failed pairs: ${sum('failed')}`,
  );
  if (tally.nested.files)
    console.log(`of which nested: files: ${tally.nested.files}; (file, reader) pairs checked: ${tally.nested.pairs}; passed: ${tally.nested.passed}`);
  const skippedPairs = sum('skippedPairs');
  console.log(`${sum('passed')} passed, ${sum('failed')} failed${skippedPairs ? `, ${skippedPairs} skipped` : ''}`);
  return sum('failed') === 0 && sum('pairs') > 0;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  let dir = opts.dir;
  if (opts.selfTest) {
    const { makeReference } = await import('./make_reference.mjs');
    dir = opts.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'spillway-interop-'));
    const n = await makeReference(dir);
    console.log(`self-test: wrote ${n} reference files to ${dir}`);
  }
  const manifest = loadManifest(dir);
  const readers = opts.readers ? ALL_READERS.filter((r) => opts.readers.includes(r.name)) : ALL_READERS;
  if (opts.readers && readers.length !== opts.readers.length) throw new Error(`unknown reader in ${opts.readers}; known: ${ALL_READERS.map((r) => r.name)}`);
  const tally = new Tally(readers);
  for (const r of readers) await r.open();
  const t0 = performance.now();
  for (const file of manifest.files) {
    await checkFile(dir, file, readers, tally);
    for (const col of file.columns) col.values = col.cache = null; // keeps the heap small
  }
  for (const r of readers) r.close();
  console.log(`checked ${manifest.files.length} files in ${((performance.now() - t0) / 1000).toFixed(1)} s (${dir})`);
  const ok = printSummary(tally, opts);
  if (opts.selfTest && !opts.keep && !opts.dir) fs.rmSync(dir, { recursive: true, force: true });
  process.exitCode = ok ? 0 : 1;
}

main().catch((e) => {
  console.error(e.usage ? e.message : `check.mjs: ${e.stack ?? e}`);
  process.exitCode = 2;
});
