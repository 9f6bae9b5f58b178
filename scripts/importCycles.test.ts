import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildImportGraph, findCycles, type ImportGraph } from './importCycles';

describe('import cycles', () => {
  it('finds a cycle and a self-import, and nothing in a tree', () => {
    const graph: ImportGraph = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a', 'd']],
      ['d', []],
      ['e', ['e']],
    ]);
    expect(findCycles(graph)).toEqual([['a', 'b', 'c'], ['e']]);
    expect(
      findCycles(
        new Map([
          ['x', ['y']],
          ['y', []],
        ]),
      ),
    ).toEqual([]);
  });

  it('src/ has no import cycles', () => {
    const root = path.resolve(import.meta.dirname, '../src');
    const graph = buildImportGraph(root);
    expect(graph.size).toBeGreaterThan(50);
    // Edges are found: the record editor imports the domain's rebase.
    expect(graph.get(path.join(root, 'features/record-editor/RecordEditor.tsx'))).toContain(path.join(root, 'domain/rebase.ts'));
    const cycles = findCycles(graph).map((cycle) => cycle.map((file) => path.relative(root, file)).join(' -> '));
    expect(cycles).toEqual([]);
  });

  it.each(['local-featurestore', 'record-contract'])('packages/%s has no import cycles', (name) => {
    const root = path.resolve(import.meta.dirname, '../packages', name, 'src');
    const graph = buildImportGraph(root);
    expect(graph.size).toBeGreaterThan(5);
    // NodeNext specifiers (./x.js) resolve to the TypeScript sources.
    expect(graph.get(path.join(root, 'index.ts'))).toContain(path.join(root, name === 'record-contract' ? 'values.ts' : 'server.ts'));
    const cycles = findCycles(graph).map((cycle) => cycle.map((file) => path.relative(root, file)).join(' -> '));
    expect(cycles).toEqual([]);
  });
});
