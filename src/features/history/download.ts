/**
 * Builds a file from text chunks as they arrive: each chunk joins a Blob (kept by the
 * browser, outside the page's memory) and is dropped, so a 100,000-entry export never
 * holds more than one chunk as a string.
 */
export async function blobFromChunks(chunks: AsyncIterable<string>, type: string, onChunk?: (chunk: string) => void): Promise<Blob> {
  let file = new Blob([], { type });
  for await (const chunk of chunks) {
    onChunk?.(chunk);
    file = new Blob([file, chunk], { type });
  }
  return file;
}
