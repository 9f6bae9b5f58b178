/** Saves a Blob as a file through a temporary object URL (history, table and import downloads). */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started by now; let the browser read the Blob before releasing it.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
