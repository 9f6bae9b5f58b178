/**
 * The package as others get it: `npm pack` both packages (prepack builds them), install the
 * two tarballs into an empty folder with nothing else, and use what was installed:
 * `npx local-featurestore --port 0` answers the AWS CLI, and the pytest example (boto3)
 * passes against it. The Vitest globalSetup example runs against the built package.
 *
 * Decision: the install never asks the registry. npm would fetch every dependency's metadata
 * to resolve versions, so the empty folder gets a package-lock.json built from this
 * repository's (the versions the console is tested with, with their integrity hashes) and
 * `npm ci --offline` takes every tarball from the npm cache, which `npm ci` of this
 * repository filled; libsql's native binary is one of them.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const repo = path.resolve(import.meta.dirname, '../../..');
const packageDir = path.resolve(import.meta.dirname, '..');
const PACKAGES = ['featurestore-record-contract', 'featurestore-role-policies', 'local-featurestore'];
/** Generous bounds: they stop a hang, on a machine of any speed. */
const SLOW = 300_000;

type LockEntry = Record<string, unknown> & { dependencies?: Record<string, string>; optionalDependencies?: Record<string, string> };

/**
 * A lockfile for a folder that depends on the tarballs alone: their entries, then every
 * package they need, transitively, as this repository's lockfile has it.
 */
function consumerLockfile(
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

/** Starts the installed command; resolves with its first stdout line (JSON). */
async function startInstalled(cwd: string): Promise<{ child: ChildProcess; info: Record<string, string> }> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('LOCAL_FEATURESTORE_')));
  const child = spawn('npx', ['--offline', '--no-install', 'local-featurestore', '--port', '0', '--data-dir', ':memory:', '--quiet'], {
    cwd,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    // npx does not pass SIGTERM on to the command it runs: the test stops the whole process group.
    detached: true,
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => void (stderr = (stderr + chunk.toString()).slice(-4000)));
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`local-featurestore exited (${code}) before printing its endpoint:\n${stderr}`)));
  });
  return { child, info: JSON.parse(line) as Record<string, string> };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  process.kill(-child.pid!, 'SIGTERM');
  await exited;
}

async function awsCliWorks(): Promise<boolean> {
  try {
    await run('aws', ['--version']);
    return true;
  } catch {
    return false;
  }
}

describe('the packed package, installed into an empty folder', () => {
  let root: string;
  let app: string;

  beforeAll(async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'local-featurestore-pack-'));
    const tarballDir = path.join(root, 'tarballs');
    app = path.join(root, 'app');
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
    // What is published: built code, declarations, the README; no sources, tests or build state.
    const files = packed.flatMap((entry) => entry.files.map((file) => `${entry.name}/${file.path}`));
    expect(files).toContain('local-featurestore/dist/index.d.ts');
    expect(files).toContain('local-featurestore/dist/model/service-models/sagemaker.json');
    expect(files).toContain('featurestore-record-contract/dist/index.d.ts');
    expect(files.filter((file) => /\.test\.|\/src\/|tsbuildinfo/.test(file))).toEqual([]);

    const lock = consumerLockfile(tarballs) as { packages: Record<string, LockEntry> };
    writeFileSync(
      path.join(app, 'package.json'),
      JSON.stringify({ name: 'consumer', private: true, type: 'module', dependencies: lock.packages['']!.dependencies }),
    );
    writeFileSync(path.join(app, 'package-lock.json'), JSON.stringify(lock, null, 2));
    await run('npm', ['ci', '--offline', '--no-audit', '--no-fund'], { cwd: app });
  }, SLOW);

  afterAll(() => {
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it(
    '`npx local-featurestore --port 0` prints one JSON line and answers the AWS CLI',
    async (context) => {
      const { child, info } = await startInstalled(app);
      try {
        expect(info).toMatchObject({ endpoint: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/), region: 'us-east-1', accessKeyId: expect.any(String) });
        // The answer proves the built server runs under plain Node with the installed dependencies only.
        const health = await fetch(`${info.endpoint}/_local/health`);
        expect(health.status).toBe(200);
        if (!(await awsCliWorks())) {
          context.skip('The AWS CLI is not installed: its part is skipped (boto3 is covered by the pytest example).');
          return;
        }
        const env: NodeJS.ProcessEnv = {
          ...process.env,
          AWS_ACCESS_KEY_ID: info.accessKeyId,
          AWS_SECRET_ACCESS_KEY: info.secretAccessKey,
          AWS_DEFAULT_REGION: info.region,
        };
        delete env.AWS_PROFILE;
        delete env.AWS_SESSION_TOKEN;
        const aws = (args: string[]) => run('aws', [...args, '--endpoint-url', info.endpoint!, '--output', 'json'], { env });
        await aws([
          'sagemaker',
          'create-feature-group',
          '--feature-group-name',
          'cli-group',
          '--record-identifier-feature-name',
          'id',
          '--event-time-feature-name',
          'ts',
          '--feature-definitions',
          'FeatureName=id,FeatureType=String',
          'FeatureName=ts,FeatureType=Fractional',
          '--online-store-config',
          'EnableOnlineStore=true',
        ]);
        await aws([
          'sagemaker-featurestore-runtime',
          'put-record',
          '--feature-group-name',
          'cli-group',
          '--record',
          'FeatureName=id,ValueAsString=r1',
          'FeatureName=ts,ValueAsString=1767225600',
        ]);
        const { stdout } = await aws([
          'sagemaker-featurestore-runtime',
          'get-record',
          '--feature-group-name',
          'cli-group',
          '--record-identifier-value-as-string',
          'r1',
        ]);
        expect((JSON.parse(stdout) as { Record: unknown[] }).Record).toContainEqual({ FeatureName: 'id', ValueAsString: 'r1' });
        const refused = await aws([
          'sagemaker-featurestore-runtime',
          'get-record',
          '--feature-group-name',
          'missing',
          '--record-identifier-value-as-string',
          'r1',
        ]).catch((error: { stderr: string }) => error);
        expect('stderr' in refused ? refused.stderr : '').toMatch(/ResourceNotFound/);
      } finally {
        await stopChild(child);
      }
    },
    SLOW,
  );

  it(
    'the pytest example (boto3) passes against the installed command',
    async () => {
      const example = path.join(packageDir, 'examples/pytest');
      const { stdout } = await run('python3', ['-m', 'pytest', '-q', '-p', 'no:cacheprovider', example], {
        cwd: app,
        env: { ...process.env, LOCAL_FEATURESTORE_COMMAND: 'npx --offline --no-install local-featurestore' },
      });
      expect(stdout).toMatch(/\b5 passed\b/);
    },
    SLOW,
  );

  it(
    'the Vitest globalSetup example passes against the built package',
    async () => {
      // The workspace's node_modules/local-featurestore resolves to dist/ (built by npm pack), as a consumer's would.
      const config = path.join(packageDir, 'examples/vitest-global-setup/vitest.config.ts');
      const { stdout } = await run(process.execPath, [path.join(repo, 'node_modules/vitest/vitest.mjs'), 'run', '--config', config], {
        cwd: path.dirname(config),
        env: { ...process.env, NO_COLOR: '1' },
      });
      expect(stdout).toMatch(/Tests\s+3 passed/);
    },
    SLOW,
  );
});
