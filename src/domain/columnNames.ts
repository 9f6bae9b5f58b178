/**
 * A header's names made unique so each column can be mapped on its own: the second `age`
 * becomes `age (2)` (or `age (3)` if the file already has an `age (2)`). The duplicates are
 * reported so the page can say so.
 */
export function uniqueColumnNames(names: readonly string[]): { columns: string[]; duplicates: string[] } {
  const taken = new Set(names);
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  const columns = names.map((name) => {
    if (!seen.has(name)) {
      seen.add(name);
      return name;
    }
    duplicates.add(name);
    for (let suffix = 2; ; suffix += 1) {
      const candidate = `${name} (${suffix})`;
      if (!taken.has(candidate)) {
        taken.add(candidate);
        seen.add(candidate);
        return candidate;
      }
    }
  });
  return { columns, duplicates: [...duplicates] };
}
