import type { ImportSettings } from '../../domain/importMapping';
import type { FeatureGroupSchema } from '../../domain/schema';
import { generatedSource, type ChunkSource, type ImportSourceSpec } from './importSession';
import { readFile } from './sourceReader';

/** Opens the source afresh (the dry run and the write each read it from the start). */
export function openImportSource(schema: FeatureGroupSchema, source: ImportSourceSpec, settings: ImportSettings): () => ChunkSource {
  return source.kind === 'file' ? () => readFile(source.file, source.format, source.columns) : () => generatedSource(schema, source, settings);
}
