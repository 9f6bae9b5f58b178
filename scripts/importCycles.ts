/**
 * Import cycles in src/ and packages/<name>/src (the layering rule lint cannot hold without a
 * plugin): reads every module's static, dynamic and re-exporting relative imports and finds
 * strongly connected components. Type-only imports count too: two modules that need each
 * other's types are one module split in two (shared types get a module of their own, as
 * aws/awsApi.ts). Specifiers may name the built file (`./x.js` for `./x.ts`, as NodeNext wants).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export type ImportGraph = Map<string, string[]>;

// Linear: no nested quantifiers; the source string is a single quoted run.
const IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)['"](\.{1,2}\/[^'"\n]{1,300})['"]/gm;
const EXTENSIONS = ['.ts', '.tsx', '/index.ts', '/index.tsx'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [full] : [];
  });
}

function resolve(from: string, specifier: string, files: Set<string>): string | undefined {
  const base = path.resolve(path.dirname(from), specifier.replace(/\.js$/, ''));
  if (files.has(base)) return base;
  return EXTENSIONS.map((extension) => base + extension).find((candidate) => files.has(candidate));
}

export function buildImportGraph(root: string): ImportGraph {
  const list = sourceFiles(root);
  const files = new Set(list);
  const graph: ImportGraph = new Map();
  for (const file of list) {
    const text = readFileSync(file, 'utf8');
    const targets = [...text.matchAll(IMPORT)].flatMap((match) => {
      const target = resolve(file, match[1] ?? '', files);
      return target ? [target] : [];
    });
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

/** Every cycle as the list of its modules (Tarjan's strongly connected components of size > 1, or a self-import). */
export function findCycles(graph: ImportGraph): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (node: string) => {
    index.set(node, counter);
    low.set(node, counter);
    counter += 1;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string | undefined;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || (graph.get(node) ?? []).includes(node)) cycles.push(component.reverse());
    }
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return cycles;
}
