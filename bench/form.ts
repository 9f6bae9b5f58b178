/**
 * Form timings for `npm run bench` (issue 10 §4): a 2,500-feature group against an
 * 8-feature group, on the production build, in headless Chromium, same run.
 *
 * "Interactive", measured without relying on every field being in the DOM: from the start
 * of navigation (performance.timeOrigin) until (1) the identifier field is in the page and
 * enabled, (2) the request preview is rendered, and (3) a real key pressed in the
 * identifier field has shown up in the preview (a keystroke round trip through
 * react-hook-form, validation and the preview). The time is read in the page at the end
 * of (3), so it includes loading the page's code, DescribeFeatureGroup and the first render.
 *
 * Keystroke-to-preview: real key events in a feature field in the middle of the schema
 * (reached with "Jump to feature" in the large group), from keydown (capture) to the
 * preview's DOM changing.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { CreateFeatureGroupCommand, SageMakerClient } from '@aws-sdk/client-sagemaker';
import { chromium, type Page } from '@playwright/test';
import { DEVELOPER_KEY } from '../packages/local-featurestore/src/server';
import { chromiumArgs } from '../playwright.config';
import { waitForLine } from './waitForLine';

export const LARGE_FEATURES = 2500;
export const SMALL_FEATURES = 8;
const LOADS = 5;
const KEYSTROKES = 80;
const KEY_BATCH = 10;

const round = (value: number, digits = 2) => Number(value.toFixed(digits));
function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}
function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** The entry script and its modulepreloads: what the browser fetches before the first page renders. */
export function initialJavaScriptGzip(distDir = process.env.CONSOLE_OUT_DIR ?? 'dist'): { files: string[]; bytes: number; gzipBytes: number } {
  const html = fs.readFileSync(path.join(distDir, 'index.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((match) => match[1] as string);
  let bytes = 0;
  let gzipBytes = 0;
  for (const file of files) {
    const content = fs.readFileSync(path.join(distDir, file));
    bytes += content.length;
    gzipBytes += zlib.gzipSync(content, { level: 9 }).length;
  }
  return { files, bytes, gzipBytes };
}

async function createWideGroup(emulatorUrl: string, features: number): Promise<string> {
  const sagemaker = new SageMakerClient({ region: 'us-east-1', endpoint: emulatorUrl, credentials: DEVELOPER_KEY });
  const groupName = `bench-form-${features}-${Date.now()}`;
  const definitions = [
    { FeatureName: 'id', FeatureType: 'String' as const },
    { FeatureName: 'ts', FeatureType: 'String' as const },
  ];
  for (let index = 0; definitions.length < features; index += 1) {
    definitions.push({
      FeatureName: `feature_${String(index).padStart(4, '0')}`,
      FeatureType: (['String', 'Integral', 'Fractional'] as const)[index % 3] as never,
    });
  }
  await sagemaker.send(
    new CreateFeatureGroupCommand({
      FeatureGroupName: groupName,
      RecordIdentifierFeatureName: 'id',
      EventTimeFeatureName: 'ts',
      FeatureDefinitions: definitions,
      OnlineStoreConfig: { EnableOnlineStore: true, StorageType: 'Standard' },
    }),
  );
  sagemaker.destroy();
  return groupName;
}

/** Navigation start to identifier enabled + preview rendered + one keystroke shown in the preview. */
async function timeToInteractive(page: Page, url: string): Promise<number> {
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction(
    () => {
      const input = document.getElementById('feature-0') as HTMLInputElement | null;
      return input !== null && !input.disabled && document.getElementById('request-preview') !== null;
    },
    undefined,
    { timeout: 60_000, polling: 'raf' },
  );
  await page.focus('#feature-0');
  await page.keyboard.press('Z');
  // A restored draft may already hold text: wait for whatever the field now says.
  await page.waitForFunction(
    () => {
      const value = (document.getElementById('feature-0') as HTMLInputElement).value;
      return value.endsWith('Z') && document.getElementById('request-preview')?.textContent?.includes(JSON.stringify(value)) === true;
    },
    undefined,
    { timeout: 60_000, polling: 'raf' },
  );
  return page.evaluate(() => performance.now());
}

/** Focuses a feature in the middle of the schema and starts recording keydown → preview-change samples. */
async function prepareTyping(page: Page, features: number): Promise<void> {
  const middle = Math.floor(features / 2);
  if (features >= 60) {
    const jump = page.getByLabel('Jump to feature', { exact: true });
    await jump.fill(`feature_${String(middle - 2).padStart(4, '0')}`);
    await jump.press('Enter');
    await page.waitForFunction((id) => document.activeElement?.id === id, `feature-${middle}`);
  } else {
    await page.focus(`#feature-${middle}`);
  }
  await page.evaluate(() => {
    const w = window as unknown as { __samples: number[]; __t0: number };
    w.__samples = [];
    w.__t0 = 0;
    document.addEventListener('keydown', () => (w.__t0 = performance.now()), { capture: true });
    new MutationObserver(() => {
      if (w.__t0) {
        w.__samples.push(performance.now() - w.__t0);
        w.__t0 = 0;
      }
    }).observe(document.getElementById('request-preview') as HTMLElement, { childList: true, characterData: true, subtree: true });
  });
}

async function typeBatch(page: Page, keys: number): Promise<void> {
  await page.bringToFront();
  const done = await page.evaluate(() => (window as unknown as { __samples: number[] }).__samples.length);
  for (let index = 0; index < keys; index += 1) {
    // Digits are valid in String, Integral and Fractional features alike.
    await page.keyboard.press(String(((done + index) % 9) + 1));
    await page.waitForFunction((count) => (window as unknown as { __samples: number[] }).__samples.length >= count, done + index + 1);
  }
}

export interface FormTimings {
  features: number;
  timeToInteractiveMs: { median: number; runs: number[] };
  keystrokeToPreviewMs: { median: number; p95: number; samples: number };
  renderedInputs: number;
  jsHeapAfterTypingMiB: number;
}

export async function benchForms(
  emulatorUrl: string,
  distDir = process.env.CONSOLE_OUT_DIR ?? 'dist',
): Promise<{ small: FormTimings; large: FormTimings; ratios: { interactive: number; keystroke: number } }> {
  const groups = { small: await createWideGroup(emulatorUrl, SMALL_FEATURES), large: await createWideGroup(emulatorUrl, LARGE_FEATURES) };
  const port = String(4300 + Math.floor(Math.random() * 500));
  const preview = spawn(path.join('node_modules', '.bin', 'vite'), ['preview', '--port', port, '--strictPort', '--outDir', distDir], {
    env: { ...process.env, LOCAL_FEATURESTORE_PORT: new URL(emulatorUrl).port },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    await waitForLine(preview, /Local:\s+http/);
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [...chromiumArgs, '--enable-precise-memory-info'],
    });
    // Small and large are measured alternately (load by load, batch by batch of keys), so a
    // change in the machine's load during the run affects both alike.
    const sides = [
      { group: groups.small, features: SMALL_FEATURES },
      { group: groups.large, features: LARGE_FEATURES },
    ].map((side) => ({ ...side, url: `http://localhost:${port}/groups/${side.group}`, runs: [] as number[] }));
    const pages = await Promise.all(sides.map(() => browser.newPage({ viewport: { width: 1400, height: 900 } })));
    // One warm-up load each (HTTP cache, JIT).
    for (const [index, side] of sides.entries()) await timeToInteractive(pages[index] as Page, side.url);
    for (let run = 0; run < LOADS; run += 1) {
      for (const [index, side] of sides.entries()) {
        await (pages[index] as Page).bringToFront();
        side.runs.push(await timeToInteractive(pages[index] as Page, side.url));
      }
    }
    for (const [index, side] of sides.entries()) await prepareTyping(pages[index] as Page, side.features);
    for (let batch = 0; batch < KEYSTROKES / KEY_BATCH; batch += 1) {
      for (const page of pages) await typeBatch(page, KEY_BATCH);
    }
    const results: FormTimings[] = [];
    for (const [index, side] of sides.entries()) {
      const page = pages[index] as Page;
      const samples = await page.evaluate(() => (window as unknown as { __samples: number[] }).__samples);
      const renderedInputs = await page.locator('[data-testid="record-fields"] input').count();
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('HeapProfiler.collectGarbage');
      const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
      results.push({
        features: side.features,
        timeToInteractiveMs: { median: round(median(side.runs), 0), runs: side.runs.map((value) => round(value, 0)) },
        keystrokeToPreviewMs: { median: round(median(samples)), p95: round(percentile(samples, 95)), samples: samples.length },
        renderedInputs,
        jsHeapAfterTypingMiB: round(heap.usedSize / 1024 / 1024, 1),
      });
    }
    const [small, large] = results as [FormTimings, FormTimings];
    await browser.close();
    return {
      small,
      large,
      ratios: {
        interactive: round(large.timeToInteractiveMs.median / small.timeToInteractiveMs.median),
        keystroke: round(large.keystrokeToPreviewMs.median / small.keystrokeToPreviewMs.median),
      },
    };
  } finally {
    preview.kill('SIGTERM');
  }
}

/** Lines for bench/results/latest.md. */
export function formReport(forms: Awaited<ReturnType<typeof benchForms>>, bundle: { gzipBytes: number }): string[] {
  const { small, large, ratios } = forms;
  return [
    `- Initial JavaScript (entry and modulepreloads): ${round(bundle.gzipBytes / 1024, 1)} KiB gzip (target ≤ 100 KiB); every page's code and the AWS SDK load when first needed.`,
    '',
    `| form | features | interactive, median ms (runs) | keystroke→preview median ms (p95) | inputs in the DOM | JS heap MiB |`,
    '|---|---|---|---|---|---|',
    ...[small, large].map(
      (timing) =>
        `| ${timing === small ? 'small' : 'large'} | ${timing.features} | ${timing.timeToInteractiveMs.median} (${timing.timeToInteractiveMs.runs.join(', ')}) | ${timing.keystrokeToPreviewMs.median} (${timing.keystrokeToPreviewMs.p95}) | ${timing.renderedInputs} | ${timing.jsHeapAfterTypingMiB} |`,
    ),
    '',
    `- Large / small: interactive ${ratios.interactive}x (target ≤ 1.5x), keystroke→preview ${ratios.keystroke}x (target ≤ 1.5x).`,
    `- "Interactive" = from navigation start until the identifier field is enabled, the request preview is rendered and a key pressed in the identifier shows in the preview; it does not wait for every field, because only the fields on screen (plus the focused one's neighbours and the first and last) are in the DOM.`,
    `- Keystroke→preview: ${KEYSTROKES} real key presses per form in a feature in the middle of the schema (reached with Jump to feature in the large group), keydown to the preview's DOM change. Small and large alternate load by load and in batches of ${KEY_BATCH} keys, so a change in machine load during the run affects both.`,
  ];
}
