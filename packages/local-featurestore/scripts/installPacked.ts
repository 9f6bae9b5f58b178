/**
 * The packages as others get them: `npm pack` the three workspace packages (prepack builds
 * them) and install the tarballs into an empty folder with nothing else. Used by
 * package.test.ts and by the cold-start bench (bench/coldStart.ts).
 *
 * Decision: the install never asks the registry. npm would fetch every dependency's metadata
 * to resolve versions, so the empty folder gets a package-lock.json built from this
 * repository's (the versions the console is tested with, with their integrity hashes) and
 * `npm ci --offline` takes every tarball from the npm cache, which `npm ci` of this
 * repository filled; libsql's native binary is one of them.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const repo = path.resolve(import.meta.dirname, '../../..');
export const PACKAGES = ['featurestore-record-contract', 'featurestore-role-policies', 'local-featurestore'];

type LockEntry = Record<string, unknown> & { dependencies?: Record<string, string>; optionalDependencies?: Record<string, string> };

/**
 * A lockfile for a folder that depends on the tarballs alone: their entries, then every
 * package they need, transitively, as this repository's lockfile has it.
 */
export function consumerLockfile(
  tarballs: Record<string, { file: string; version: string; dependencies: Record<string, string>; bin?: Record<string, string> }>,
): object {
  const repoLock = JSON.parse(readFileSync(path.join(repo, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
  const packages: Record<string, LockEntry> = {
    '': { name: 'consumer', dependencies: Object.fromEntries(Object.entries(tarballs).map(([name, { file }]) => [name, `file:${file}`])) },
  };
  const pending: string[] = [];
  for (const [name, tarball] of Object.entries(tarballs)) {
    const integrity = `sha512-${createHash('sha512').update(readFileSync(tarball.file)).digest('base64')}`;
    // npm ci links commands from the lockfile's `bin`, not from the installed package.json.
    const bin = tarball.bin ? { bin: tarball.bin } : {};
    packages[`node_modules/${name}`] = { version: tarball.version, resolved: `file:${tarball.file}`, integrity, dependencies: tarball.dependencies, ...bin };
    pending.push(...Object.keys(tarball.dependencies).filter((dependency) => !(dependency in tarballs)));
  }
  while (pending.length > 0) {
    const name = pending.pop()!;
    const key = `node_modules/${name}`;
    if (packages[key]) continue;
    const entry = repoLock.packages[key];
    if (!entry) throw new Error(`${name} is not in package-lock.json: add it to the repository's dependencies so its tarball is cached.`);
    // The repository's flags (dev, peer) say how the console uses it; here everything is a dependency.
    packages[key] = Object.fromEntries(Object.entries(entry).filter(([field]) => !['dev', 'devOptional', 'peer'].includes(field)));
    pending.push(...Object.keys(entry.dependencies ?? {}), ...Object.keys(entry.optionalDependencies ?? {}));
  }
  return { name: 'consumer', lockfileVersion: 3, requires: true, packages };
}

/** Packs the packages into `root`/tarballs and installs them into `root`/app; returns the app folder and the packed file lists. */
export async function installPackedPackages(root: string): Promise<{ app: string; files: string[] }> {
  const tarballDir = path.join(root, 'tarballs');
  const app = path.join(root, 'app');
  mkdirSync(tarballDir);
  mkdirSync(app);
  const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', tarballDir, ...PACKAGES.flatMap((name) => ['-w', name])], {
    cwd: repo,
    maxBuffer: 16 * 1024 * 1024,
  });
  const packed = JSON.parse(stdout) as { name: string; version: string; filename: string; files: { path: string }[] }[];
  const tarballs = Object.fromEntries(
    packed.map((entry) => {
      const manifest = JSON.parse(readFileSync(path.join(repo, 'node_modules', entry.name, 'package.json'), 'utf8')) as {
        dependencies?: Record<string, string>;
        bin?: Record<string, string>;
      };
      const tarball = { file: path.join(tarballDir, entry.filename), version: entry.version, dependencies: manifest.dependencies ?? {} };
      return [entry.name, manifest.bin ? { ...tarball, bin: manifest.bin } : tarball];
    }),
  );
  const files = packed.flatMap((entry) => entry.files.map((file) => `${entry.name}/${file.path}`));
  const lock = consumerLockfile(tarballs) as { packages: Record<string, LockEntry> };
  writeFileSync(
    path.join(app, 'package.json'),
    JSON.stringify({ name: 'consumer', private: true, type: 'module', dependencies: lock.packages['']!.dependencies }),
  );
  writeFileSync(path.join(app, 'package-lock.json'), JSON.stringify(lock, null, 2));
  await run('npm', ['ci', '--offline', '--no-audit', '--no-fund'], { cwd: app });
  return { app, files };
}
