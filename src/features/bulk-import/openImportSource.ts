import type { ImportSettings } from '../../domain/importMapping';
import type { FeatureGroupSchema } from '../../domain/schema';
import { generatedSource, type ChunkSource, type ImportSourceSpec } from './importSession';
import { readFile } from './sourceReader';

/** Opens the source afresh (the dry run and the write each read it from the start). */
export function openImportSource(schema: FeatureGroupSchema, source: ImportSourceSpec, settings: ImportSettings): () => ChunkSource {
  // The settings' columns and read options: a resume reads the file as its first run did, and
  // JSON Lines keys added after the dry run are read too.
  return source.kind === 'file'
    ? () => readFile(source.file, source.format, settings.columns, settings.read ?? source.options ?? {})
    : () => generatedSource(schema, source, settings);
}
