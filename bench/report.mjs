// Turns the JSON lines of write_bench and peers.mjs into one markdown table.
//
//   node bench/report.mjs spillway.jsonl peers.jsonl
//
// spillway's rows carry a sink (file or null); the peers always write a file.

import fs from 'node:fs';

const rows = [];
for (const file of process.argv.slice(2)) {
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (line.startsWith('{')) rows.push(JSON.parse(line));
  }
}
if (rows.length === 0) {
  console.error('report.mjs: no JSON lines in ' + process.argv.slice(2).join(', '));
  process.exit(1);
}

const mb = (bytes) => (bytes / 1e6).toFixed(1);
const out = [
  '| writer | compression | threads | MB/s (Arrow input) | seconds | output MB | peak writer memory MB |',
  '| --- | --- | --- | ---: | ---: | ---: | ---: |',
];
for (const r of rows) {
  const where = r.sink === 'null' ? 'null sink' : 'file';
  const store = r.store && r.store !== 'memory' ? `, ${r.store === 'spill' ? 'spill-file' : 'budgeted 64 MiB'} store` : '';
  const writer = r.sink ? `${r.writer} (${where}${store})` : r.writer;
  const peak = r.peak_writer_memory_bytes != null ? mb(r.peak_writer_memory_bytes) : '';
  out.push(`| ${writer} | ${r.compression} | ${r.threads} | ${r.mb_per_s.toFixed(1)} | ` +
           `${r.seconds.toFixed(3)} | ${mb(r.output_bytes)} | ${peak} |`);
}
console.log(out.join('\n'));
