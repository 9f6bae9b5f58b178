/**
 * Every codec pyarrow, Spark and Athena write, loaded only when a Parquet file needs one
 * (a dynamic import). Snappy stays hyparquet's built-in JavaScript decoder: the wasm one in
 * hyparquet-compressors (its index and `compressors` export instantiate it on load) would
 * need `wasm-unsafe-eval`, which the console's CSP does not grant; so its pure-JS decoders
 * are imported one by one.
 */
import type { Compressors } from 'hyparquet';
import { decompress as decompressZstd } from 'fzstd';
import { decompressBrotli } from 'hyparquet-compressors/src/brotli.js';
import { gunzip } from 'hyparquet-compressors/src/gzip.js';
import { decompressLz4, decompressLz4Raw } from 'hyparquet-compressors/src/lz4.js';

export const compressors: Compressors = {
  GZIP: (input, length) => gunzip(input, new Uint8Array(length)),
  BROTLI: decompressBrotli,
  ZSTD: (input) => decompressZstd(input),
  LZ4: decompressLz4,
  LZ4_RAW: decompressLz4Raw,
};
