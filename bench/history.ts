/**
 * History figures for `npm run bench` (issue 15 §14): the history page with 100,000 entries
 * (its count cap) in the page's real IndexedDB, in the storage module's schema, on the
 * production build in headless Chromium. Measured, never asserted; the counts each step
 * shows are checked (a wrong count stops the bench). The e2e suite keeps the same steps at
 * 1,000 entries (e2e/history-scale.spec.ts), which pass on a machine three times slower.
 *
 * Standalone: `npx tsx bench/history.ts` (builds nothing: uses the built console in
 * CONSOLE_OUT_DIR or dist/) starts its own local Feature Store (in memory, a port in
 * 4950-4989) and `vite preview` (4900-4949), and writes bench/results/history.{json,md}. `BENCH_HISTORY_ENTRIES=10000` for a
 * quicker run.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Page } from '@playwright/test';
import { chromiumArgs } from '../playwright.config';
import { waitForLine } from './waitForLine';

export const HISTORY_ENTRIES = Number(process.env.BENCH_HISTORY_ENTRIES ?? 100_000);
const GROUPS = 10;
const APPEND_ROUNDS = 200;

export interface HistoryFigures {
  entries: number;
  /** Milliseconds, one run each (the append is a mean over APPEND_ROUNDS). */
  seedMs: number;
  appendMeanMs: number;
  pageLoadMs: number;
  nextPageMs: number;
  exportAllMs: number;
  filterGroupMs: number;
  exportFilteredMs: number;
  clearFilteredMs: number;
}

/** Adds `entries` history rows (and the running stats) in one transaction; returns the milliseconds it took. */
export function seedHistory(page: Page, entries: number, environment: string, stats?: { count: number }): Promise<number> {
  return page.evaluate(
    async ({ entries, groups, environment, statsCount }) => {
      const db: IDBDatabase = await new Promise((resolve, reject) => {
        const request = indexedDB.open('featurestore-console');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const operations = ['PutRecord', 'UpdateRecord', 'DeleteRecord'];
      const started = performance.now();
      let size = 0;
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction(['history', 'meta'], 'readwrite');
        const store = tx.objectStore('history');
        for (let i = 0; i < entries; i += 1) {
          const entry = {
            at: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(),
            environment,
            user: 'guest',
            featureGroup: `g-${i % groups}`,
            recordId: `R-${i}`,
            operation: operations[i % 3],
            targetStores: ['OnlineStore'],
            outcome: i % 7 === 0 ? 'error' : 'success',
            requestId: `req-${i}`,
            request: { FeatureGroupName: `g-${i % groups}`, Record: [{ FeatureName: 'id', ValueAsString: `R-${i}` }] },
          };
          const rowSize = JSON.stringify(entry).length;
          size += rowSize;
          store.add({
            scope: `${environment}\u0000guest`,
            featureGroup: entry.featureGroup,
            operation: entry.operation,
            outcome: entry.outcome,
            size: rowSize,
            entry,
          });
        }
        tx.objectStore('meta').put({ count: statsCount ?? entries, size }, 'history-stats');
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      db.close();
      return Math.round(performance.now() - started);
    },
    { entries, groups: GROUPS, environment, statsCount: stats?.count },
  );
}

/** One append in the transaction shape appendHistory uses (read the stats, add a row, look at the oldest, write the stats), mean of `rounds`. */
function appendCost(page: Page, environment: string, rounds: number): Promise<number> {
  return page.evaluate(
    async ({ environment, rounds }) => {
      const db: IDBDatabase = await new Promise((resolve, reject) => {
        const request = indexedDB.open('featurestore-console');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const started = performance.now();
      for (let i = 0; i < rounds; i += 1) {
        await new Promise<void>((resolve, reject) => {
          const tx = db.transaction(['history', 'meta'], 'readwrite');
          const stats = tx.objectStore('meta').get('history-stats');
          stats.onsuccess = () => {
            const entry = {
              at: new Date().toISOString(),
              environment,
              user: 'guest',
              featureGroup: 'bench',
              recordId: `B-${i}`,
              operation: 'PutRecord',
              targetStores: [],
              outcome: 'success',
              request: {},
            };
            tx.objectStore('history').add({
              scope: `${environment}\u0000guest`,
              featureGroup: 'bench',
              operation: 'PutRecord',
              outcome: 'success',
              size: 200,
              entry,
            });
            tx.objectStore('history').openCursor().onsuccess = () => void tx.objectStore('meta').put(stats.result, 'history-stats');
          };
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
        });
      }
      const elapsed = (performance.now() - started) / rounds;
      // Take them out again so the counts stay exact.
      await new Promise<void>((resolve) => {
        const tx = db.transaction('history', 'readwrite');
        const index = tx.objectStore('history').index('byGroup');
        index.openCursor(IDBKeyRange.bound([`${environment}\u0000guest`, 'bench'], [`${environment}\u0000guest`, 'bench', []])).onsuccess = (event) => {
          const cursor = (event.target as IDBRequest<IDBCursorWithValue | null>).result;
          if (cursor) {
            cursor.delete();
            cursor.continue();
          }
        };
        tx.oncomplete = () => resolve();
      });
      db.close();
      return elapsed;
    },
    { environment, rounds },
  );
}

async function timed(step: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await step();
  return Math.round(performance.now() - started);
}

async function waitForText(page: Page, testId: string, pattern: RegExp): Promise<void> {
  await page.getByTestId(testId).filter({ hasText: pattern }).waitFor({ timeout: 600_000 });
}

async function download(page: Page, button: string): Promise<number> {
  const downloaded = page.waitForEvent('download', { timeout: 600_000 });
  await page.getByRole('button', { name: button }).click();
  const file = await (await downloaded).path();
  return fs.readFileSync(file, 'utf8').trimEnd().split('\n').length;
}

export async function benchHistory(emulatorUrl: string, distDir = process.env.CONSOLE_OUT_DIR ?? 'dist', entries = HISTORY_ENTRIES): Promise<HistoryFigures> {
  const port = String(4900 + Math.floor(Math.random() * 50));
  const preview = spawn(path.join('node_modules', '.bin', 'vite'), ['preview', '--port', port, '--strictPort', '--outDir', distDir], {
    env: { ...process.env, LOCAL_FEATURESTORE_PORT: new URL(emulatorUrl).port },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs });
  try {
    await waitForLine(preview, /Local:\s+http/);
    const page = await (await browser.newContext({ acceptDownloads: true })).newPage();
    const environment = `us-east-1|http://127.0.0.1:${new URL(emulatorUrl).port}`;
    await page.goto(`http://localhost:${port}/history`);
    await page.getByText('No writes or deletes yet').waitFor();
    const count = entries.toLocaleString('en-US');
    const perGroup = (entries / GROUPS).toLocaleString('en-US');

    const seedMs = await seedHistory(page, entries, environment);
    const appendMeanMs = Number((await appendCost(page, environment, APPEND_ROUNDS)).toFixed(2));
    const pageLoadMs = await timed(async () => {
      await page.reload();
      await waitForText(page, 'history-range', new RegExp(`Entries 1–100 of ${count}, newest first`));
    });
    const nextPageMs = await timed(async () => {
      await page.getByRole('button', { name: 'Older' }).click();
      await waitForText(page, 'history-range', new RegExp(`Entries 101–200 of ${count}`));
    });
    let exported = 0;
    const exportAllMs = await timed(async () => void (exported = await download(page, 'Export JSON Lines')));
    if (exported !== entries) throw new Error(`exported ${exported} of ${entries} entries`);
    const filterGroupMs = await timed(async () => {
      await page.getByLabel('Feature group').selectOption('g-3');
      await waitForText(page, 'history-range', new RegExp(`of ${perGroup} \\(group g-3\\)`));
    });
    const exportFilteredMs = await timed(async () => void (exported = await download(page, 'Export JSON Lines')));
    if (exported !== entries / GROUPS) throw new Error(`exported ${exported} of ${entries / GROUPS} filtered entries`);
    await page.getByRole('button', { name: 'Clear shown entries' }).click();
    const clearFilteredMs = await timed(async () => {
      await page.getByRole('dialog').getByRole('button', { name: 'Clear shown entries' }).click();
      await waitForText(page, 'history-notice', new RegExp(`Removed ${perGroup} entries \\(group g-3\\)`));
    });
    return { entries, seedMs, appendMeanMs, pageLoadMs, nextPageMs, exportAllMs, filterGroupMs, exportFilteredMs, clearFilteredMs };
  } finally {
    await browser.close();
    preview.kill('SIGTERM');
  }
}

/** Lines for bench/results (markdown). */
export function historyReport(figures: HistoryFigures): string[] {
  const n = figures.entries.toLocaleString('en-US');
  const tenth = (figures.entries / GROUPS).toLocaleString('en-US');
  return [
    `## History page with ${n} entries (IndexedDB, headless Chromium)`,
    '',
    '| step | ms |',
    '|---|---|',
    `| seed ${n} entries (one transaction) | ${figures.seedMs} |`,
    `| one append at ${n} entries (mean of ${APPEND_ROUNDS}, stats read + add + oldest looked at + stats written) | ${figures.appendMeanMs} |`,
    `| page load to "Entries 1–100 of ${n}" | ${figures.pageLoadMs} |`,
    `| next page (Older) | ${figures.nextPageMs} |`,
    `| export all ${n} entries (JSON Lines download) | ${figures.exportAllMs} |`,
    `| filter by one group (${tenth} entries) | ${figures.filterGroupMs} |`,
    `| export the ${tenth} filtered entries | ${figures.exportFilteredMs} |`,
    `| clear the ${tenth} filtered entries (after the dialog) | ${figures.clearFilteredMs} |`,
  ];
}

export function writeHistoryResults(figures: HistoryFigures, date = new Date()): string {
  const machine = `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, Node ${process.version}, load average ${os
    .loadavg()
    .map((load) => load.toFixed(2))
    .join(', ')}.`;
  fs.writeFileSync('bench/results/history.json', `${JSON.stringify({ date: date.toISOString(), ...figures }, null, 2)}\n`);
  const markdown = [`# History at scale (${date.toISOString()})`, '', machine, '', ...historyReport(figures), ''].join('\n');
  fs.writeFileSync('bench/results/history.md', markdown);
  return markdown;
}

async function main(): Promise<void> {
  const port = String(4950 + Math.floor(Math.random() * 40));
  const store = spawn(process.execPath, ['--conditions=featurestore-source', '--import', 'tsx', 'packages/local-featurestore/src/main.ts'], {
    env: { ...process.env, LOCAL_FEATURESTORE_PORT: port, LOCAL_FEATURESTORE_DATA_DIR: ':memory:', LOCAL_FEATURESTORE_QUIET: '1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const url = (await waitForLine(store, /Local Feature Store on (http:\/\/[\d.:]+)/))[1] as string;
    console.log(writeHistoryResults(await benchHistory(url)));
  } finally {
    store.kill('SIGTERM');
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
