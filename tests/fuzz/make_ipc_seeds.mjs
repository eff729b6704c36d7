// Writes small Arrow IPC streams and files into tests/fuzz/corpus/ipc_reader/
// as seeds for ipc_reader_fuzz: one type or feature per file (flat types,
// nested types, dictionaries and deltas, metadata, empty and sliced batches,
// LZ4/ZSTD bodies), each a few KiB at most. Uses the interop suite's
// node_modules (run `npm ci` in tests/interop first):
//
//   node tests/fuzz/make_ipc_seeds.mjs
import { createRequire } from 'node:module';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(join(here, '..', 'interop', 'package.json'));
const load = async (name) => import(pathToFileURL(require.resolve(name)).href);
const A = await load('apache-arrow');
const pl = (await load('nodejs-polars')).default;

const out = join(here, 'corpus', 'ipc_reader');
mkdirSync(out, { recursive: true });
const save = (name, bytes) => writeFileSync(join(out, name), bytes);

const n = 5;
const nth = (r, v) => (r === 3 ? null : v);
const col = (type, f) => A.vectorFromArray(Array.from({ length: n }, (_, r) => nth(r, f(r))), type);
const columns = {
  bool: col(new A.Bool(), (r) => r % 2 === 0),
  int8: col(new A.Int8(), (r) => r - 2),
  uint16: col(new A.Uint16(), (r) => r * 300),
  int32: col(new A.Int32(), (r) => r * 1000),
  int64: col(new A.Int64(), (r) => BigInt(r) * 10000000000n),
  uint64: col(new A.Uint64(), (r) => BigInt(r)),
  float16: col(new A.Float16(), (r) => r / 2),
  float32: col(new A.Float32(), (r) => r / 3),
  float64: col(new A.Float64(), (r) => r / 7),
  utf8: col(new A.Utf8(), (r) => `s${r}é`),
  large_utf8: col(new A.LargeUtf8(), (r) => 'x'.repeat(r)),
  binary: col(new A.Binary(), (r) => new Uint8Array([r, 0, 255])),
  fixed_binary: col(new A.FixedSizeBinary(3), (r) => new Uint8Array([r, r, r])),
  date32: col(new A.DateDay(), (r) => new Date(86400000 * r)),
  date64: col(new A.DateMillisecond(), (r) => new Date(86400000 * r)),
  time32: col(new A.TimeMillisecond(), (r) => r * 1000),
  time64: col(new A.TimeMicrosecond(), (r) => BigInt(r * 1000)),
  timestamp: col(new A.TimestampMicrosecond(), (r) => r * 1000),
  timestamp_tz: col(new A.TimestampNanosecond('UTC'), (r) => r * 1000),
  decimal: col(new A.Decimal(2, 9, 128), (r) => new Uint32Array([r * 12345, 0, 0, 0])),
  duration: col(new A.DurationMillisecond(), (r) => BigInt(r)),
  list: col(new A.List(new A.Field('item', new A.Int32(), true)), (r) => Array.from({ length: r }, (_, k) => k)),
  fixed_list: col(new A.FixedSizeList(2, new A.Field('item', new A.Int16(), true)), (r) => [r, -r]),
  struct: col(new A.Struct([new A.Field('a', new A.Int32(), true), new A.Field('b', new A.Utf8(), true)]),
    (r) => ({ a: r, b: `b${r}` })),
  map: col(new A.Map_(new A.Field('entries', new A.Struct([new A.Field('key', new A.Utf8(), false),
    new A.Field('value', new A.Int32(), true)]), false)), (r) => new Map([[`k${r}`, r]])),
  dictionary: col(new A.Dictionary(new A.Utf8(), new A.Int8()), (r) => ['red', 'green', 'blue'][r % 3]),
  null: A.vectorFromArray(Array.from({ length: n }, () => null), new A.Null()),
};

for (const [name, vector] of Object.entries(columns)) {
  const table = new A.Table({ [name]: vector });
  save(`${name}.arrows`, A.tableToIPC(table, 'stream'));
}
// The file format, several columns in one batch.
save('flat_file.arrow', A.tableToIPC(new A.Table({ int32: columns.int32, utf8: columns.utf8, list: columns.list }), 'file'));
// Two batches and a dictionary delta.
{
  const d1 = col(new A.Dictionary(new A.Utf8(), new A.Int32(), 0), (r) => ['a', 'b'][r % 2]);
  const table = new A.Table({ d: d1 }).concat(new A.Table({ d: d1 }));
  save('two_batches.arrows', A.tableToIPC(table, 'stream'));
}
// Schema metadata, an empty batch, a sliced column.
{
  const schema = new A.Schema([new A.Field('a', new A.Int32(), true, new Map([['k', 'v']]))], new Map([['meta', 'data']]));
  const empty = new A.RecordBatch(schema, A.makeData({ type: new A.Struct(schema.fields), length: 0, nullCount: 0,
    children: [A.makeData({ type: new A.Int32(), length: 0, nullCount: 0, data: new Int32Array(0) })] }));
  save('metadata_empty.arrows', A.RecordBatchStreamWriter.writeAll([empty]).toUint8Array(true));
  save('sliced.arrows', A.tableToIPC(new A.Table({ s: columns.utf8.slice(1, 4) }), 'stream'));
}
// Compressed bodies (Polars).
{
  const df = pl.DataFrame({ i: [1, 2, null, 4], s: ['a', null, 'ccc', 'dd'], f: [0.5, 1.5, 2.5, null] });
  for (const codec of ['lz4', 'zstd']) {
    save(`polars_${codec}.arrows`, df.writeIPCStream({ compression: codec }));
    save(`polars_${codec}.arrow`, df.writeIPC({ compression: codec }));
  }
  save('polars_view.arrows', df.writeIPCStream({ compression: 'uncompressed' }));
}
