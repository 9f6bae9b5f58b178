// @vitest-environment happy-dom
/**
 * The import's steps as `npm start` runs them: under <StrictMode>, which in development
 * mounts, unmounts and mounts again every effect. The AWS API, storage and the file worker
 * are faked at their module boundaries; the steps, the session and the write loop are real.
 */
import { StrictMode, act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BatchWriteRecordInputLike } from '../../domain/importBatches';
import { customersSchema } from '../../domain/testSchemas';
import type { RecordTemplate } from '../../domain/templates';

const sent: BatchWriteRecordInputLike[] = [];
const history: unknown[] = [];
const template: RecordTemplate = {
  group: 'customers',
  name: 'gen',
  features: {
    customer_id: { text: 'C-{{seq}}', empty: false, items: [] },
    event_time: { text: '{{now}}', empty: false, items: [] },
  },
  targetStores: { online: true, offline: true },
  ttl: { mode: 'default', value: '', unit: 'Days' },
  savedAt: '2026-12-01T00:00:00.000Z',
};

vi.mock('../../aws/AwsContext', () => ({ useRuntimeConfig: () => ({ region: 'us-east-1' }) }));
vi.mock('../../aws/storageScope', () => ({ useStorageScope: () => ({ environment: 'test', user: 'guest' }) }));
vi.mock('../../aws/api', () => ({
  getAwsApi: async () => ({
    batchWriteRecord: async (input: BatchWriteRecordInputLike) => {
      sent.push(input);
      return { errors: [], unprocessed: [] };
    },
  }),
}));
vi.mock('../../aws/writes', () => ({
  recordImportHistory: async (_config: unknown, entry: unknown) => {
    history.push(entry);
    return undefined;
  },
}));
vi.mock('../../aws/signInState', () => ({ currentActor: () => ({ name: 'writer@example.com', role: 'writers' }) }));
vi.mock('../../storage', () => ({
  listTemplates: async () => ({ ok: true, value: { templates: [template] } }),
  importKey: (group: string, file: { name: string }) => `${group}/${file.name}`,
  loadImportProgress: async () => ({ ok: true, value: undefined }),
  saveImportProgress: async () => ({ ok: true, value: undefined }),
  discardImportProgress: async () => ({ ok: true, value: undefined }),
  listInterruptedImports: async () => ({ ok: true, value: [] }),
}));
/** A source whose reading never ends (like a footer declaring 2^53 rows): one chunk, then no answer. Only a cancel stops it. */
const endless = { chunks: 0, closed: false };
function endlessReader() {
  return {
    next: async () => {
      endless.chunks += 1;
      if (endless.chunks > 1) return new Promise<never>(() => {});
      const rows = Array.from({ length: 100 }, (_, i) => ({ cells: [`E-${i}`, '2026-12-01T08:00:00Z', '1'] }));
      return { rows, done: 100, total: 2 ** 53 };
    },
    close: () => {
      endless.closed = true;
    },
  };
}
// The worker's reader, run in-process: the same parser, no Worker in happy-dom.
vi.mock('./sourceReader', async () => {
  const rows = await import('./sourceRows');
  return {
    previewFile: (file: Blob, format: 'csv', count: number) => rows.previewSource(file, format, count),
    readFile: (file: File, format: 'csv', columns: string[]) => {
      if (file.name === 'endless.csv') return endlessReader();
      const chunks = rows.readSourceRows(file, format, columns);
      return {
        next: async () => {
          const step = await chunks.next();
          return step.done ? null : step.value;
        },
        close: () => void chunks.return(undefined),
      };
    },
  };
});

const { BulkImportSteps } = await import('./BulkImportPage');

let root: Root;
let host: HTMLElement;

function buttonNamed(name: string | RegExp): HTMLButtonElement {
  const found = [...host.querySelectorAll('button')].find((button) =>
    typeof name === 'string' ? button.textContent === name : name.test(button.textContent ?? ''),
  );
  if (!found) throw new Error(`No button "${String(name)}" in: ${host.textContent}`);
  return found;
}

async function click(name: string | RegExp) {
  await act(async () => buttonNamed(name).click());
}

async function waitFor(check: () => void) {
  // Bounded by the test's timeout only: waits for the condition, not for a time.
  await vi.waitFor(check, { timeout: 30_000, interval: 10 });
}

beforeEach(() => {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
  sent.length = 0;
  history.length = 0;
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
  act(() =>
    root.render(
      <StrictMode>
        <QueryClientProvider client={new QueryClient()}>
          <BulkImportSteps schema={customersSchema} />
        </QueryClientProvider>
      </StrictMode>,
    ),
  );
});

afterEach(() => {
  act(() => root.unmount());
  host.remove();
});

async function chooseCsv(name: string, csv: string) {
  const input = host.querySelector('input[type=file]') as HTMLInputElement;
  const file = new File([csv], name, { type: 'text/csv' });
  await act(async () => {
    Object.defineProperty(input, 'files', { value: [file], configurable: true });
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await waitFor(() => expect(host.querySelector('[data-testid=mapping-table]')).not.toBeNull());
}

describe('bulk import under StrictMode (npm start)', () => {
  it('writes every row of a file: the remount does not cancel the import', async () => {
    await chooseCsv('customers.csv', `customer_id,event_time,age\nC-1,2026-12-01T08:00:00Z,30\nC-2,2026-12-01T08:00:00Z,40\n`);
    await click('Check every row (dry run)');
    await waitFor(() => expect(host.querySelector('[data-testid=dry-run-counts]')?.textContent).toBe('2 rows read: 2 valid, 0 invalid.'));
    await click('Write 2 valid rows');
    await waitFor(() => expect(host.querySelector('[data-testid=import-summary]')).not.toBeNull());
    expect(host.querySelector('h3')?.textContent).toBe('Import finished');
    expect(host.querySelector('[data-testid=import-summary]')?.textContent).toContain('2 rows written (rows 1-2)');
    expect(sent.flatMap((call) => call.Entries.map((entry) => entry.Record.find((value) => value.FeatureName === 'customer_id')?.ValueAsString))).toEqual([
      'C-1',
      'C-2',
    ]);
    // The history credits the signed-in user who pressed Write, as the form's writes do.
    expect(history).toEqual([expect.objectContaining({ actor: { name: 'writer@example.com', role: 'writers' }, featureGroup: 'customers' })]);
  });

  it('writes every generated record (Generate N)', async () => {
    await waitFor(() => expect(buttonNamed('Generate').disabled).toBe(false));
    const count = host.querySelector('input[inputmode=numeric]') as HTMLInputElement;
    await act(async () => {
      const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
      setValue?.call(count, '60');
      count.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await click('Generate');
    await click('Check every row (dry run)');
    await waitFor(() => expect(host.querySelector('[data-testid=dry-run-counts]')?.textContent).toBe('60 rows read: 60 valid, 0 invalid.'));
    await click('Write 60 valid rows');
    await waitFor(() => expect(host.querySelector('[data-testid=import-summary]')).not.toBeNull());
    expect(host.querySelector('h3')?.textContent).toBe('Import finished');
    expect(host.querySelector('[data-testid=import-summary]')?.textContent).toContain('60 rows written (rows 1-60)');
    expect(sent.reduce((rows, call) => rows + call.Entries.length, 0)).toBe(60);
  });

  it('a dry run of a source that never ends shows its progress and stops on Cancel; nothing is sent', async () => {
    endless.chunks = 0;
    endless.closed = false;
    await chooseCsv('endless.csv', `customer_id,event_time,age\nC-1,2026-12-01T08:00:00Z,30\n`);
    await click('Check every row (dry run)');
    await waitFor(() => expect(host.querySelector('[data-testid=dry-run-progress]')?.textContent).toMatch(/Checking rows… 100 checked/));
    await click('Cancel the dry run');
    await waitFor(() => expect(endless.closed).toBe(true));
    expect(host.querySelector('[data-testid=dry-run-progress]')).toBeNull();
    expect(host.textContent).toMatch(/Dry run cancelled after 100 rows: nothing was sent\./);
    expect(host.querySelector('[data-testid=dry-run]')).toBeNull();
    expect(sent).toEqual([]);
  });
});
