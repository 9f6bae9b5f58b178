/**
 * The package as others get it: `npm pack` both packages (prepack builds them), install the
 * two tarballs into an empty folder with nothing else, and use what was installed:
 * `npx local-featurestore --port 0` answers the AWS CLI, and the pytest example (boto3)
 * passes against it. The Vitest globalSetup example runs against the built package.
 * The install never asks the registry (see installPacked.ts).
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installPackedPackages } from './installPacked';

const run = promisify(execFile);
const repo = path.resolve(import.meta.dirname, '../../..');
const packageDir = path.resolve(import.meta.dirname, '..');
/** Generous bounds: they stop a hang, on a machine of any speed. */
const SLOW = 300_000;

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
    const installed = await installPackedPackages(root);
    app = installed.app;
    const files = installed.files;
    // What is published: built code, declarations, the README; no sources, tests or build state.
    expect(files).toContain('local-featurestore/dist/index.d.ts');
    expect(files).toContain('local-featurestore/dist/model/service-models/sagemaker.json');
    expect(files).toContain('featurestore-record-contract/dist/index.d.ts');
    expect(files.filter((file) => /\.test\.|\/src\/|tsbuildinfo/.test(file))).toEqual([]);
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
