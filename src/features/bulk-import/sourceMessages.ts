/** The import worker's protocol: the page asks, the worker answers one message per ask (backpressure). */
import type { ReadOptions, SourceChunk, SourceFormat, SourcePreview } from './sourceRows';

export type ToWorker =
  | { type: 'preview'; file: Blob; format: SourceFormat; rows: number; options: ReadOptions }
  | { type: 'read'; file: Blob; format: SourceFormat; columns: string[]; options: ReadOptions }
  /** The next chunk of an open read. */
  | { type: 'more' };

export type FromWorker =
  { type: 'preview'; preview: SourcePreview } | { type: 'chunk'; chunk: SourceChunk } | { type: 'end' } | { type: 'error'; message: string };
