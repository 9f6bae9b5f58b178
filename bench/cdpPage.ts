/**
 * A headless Chromium page driven over the bare DevTools protocol, for the import bench:
 * Playwright enables the Network domain on every page it drives, so each request the page
 * makes is also reported (headers, post data, initiator stack) to the test runner. That is
 * the harness's cost, not the console's, and at 40 calls a second it showed up as a large
 * part of the page's time in fetch(). Here only Runtime (evaluate), DOM (to choose a file)
 * and HeapProfiler (to measure) are used: no domain that observes requests is enabled.
 * The protocol runs over --remote-debugging-pipe (as Playwright's own connection does).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { chromiumArgs } from '../playwright.config';

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

export class CdpPage {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private sessionId: string | undefined;

  private constructor(
    private readonly browser: ChildProcess,
    private readonly profileDir: string,
  ) {
    // --remote-debugging-pipe: commands in on fd 3, answers out on fd 4, each a JSON text ended by NUL.
    let buffered = '';
    (browser.stdio[4] as Readable).on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      for (let end = buffered.indexOf('\0'); end >= 0; end = buffered.indexOf('\0')) {
        const message = JSON.parse(buffered.slice(0, end)) as { id?: number; result?: unknown; error?: { message: string } };
        buffered = buffered.slice(end + 1);
        if (message.id === undefined) continue;
        const waiting = this.pending.get(message.id);
        this.pending.delete(message.id);
        if (message.error) waiting?.reject(new Error(message.error.message));
        else waiting?.resolve(message.result);
      }
    });
  }

  static async launch(extraArgs: string[] = []): Promise<CdpPage> {
    const profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-chromium-'));
    const browser = spawn(
      process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      ['--headless=new', ...chromiumArgs, ...extraArgs, '--remote-debugging-pipe', `--user-data-dir=${profileDir}`, '--window-size=1400,900', 'about:blank'],
      { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] },
    );
    const page = new CdpPage(browser, profileDir);
    const { targetInfos } = await page.send<{ targetInfos: { type: string; targetId: string }[] }>('Target.getTargets');
    const target = targetInfos.find((candidate) => candidate.type === 'page');
    if (!target) throw new Error('Chromium has no page');
    page.sessionId = (await page.send<{ sessionId: string }>('Target.attachToTarget', { targetId: target.targetId, flatten: true })).sessionId;
    return page;
  }

  /** The browser's process id (its helpers are its descendants). */
  get pid(): number {
    return this.browser.pid ?? 0;
  }

  /** A command to the page (once attached) or to the browser. */
  send<T = unknown>(method: string, params: Record<string, unknown> = {}): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      (this.browser.stdio[3] as Writable).write(`${JSON.stringify({ id, method, params, ...(this.sessionId ? { sessionId: this.sessionId } : {}) })}\0`);
    });
  }

  /** The value of a page expression (awaited). */
  async evaluate<T>(expression: string): Promise<T> {
    const answer = await this.send<{ result: { value?: T }; exceptionDetails?: { text: string; exception?: { description?: string } } }>('Runtime.evaluate', {
      expression,
      awaitPromise: true,
      returnByValue: true,
    });
    if (answer.exceptionDetails) throw new Error(answer.exceptionDetails.exception?.description ?? answer.exceptionDetails.text);
    return answer.result.value as T;
  }

  /** Polls `expression` until it is truthy (every `everyMs`), up to `timeoutMs`. */
  async waitFor(expression: string, timeoutMs: number, everyMs = 100): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (!(await this.evaluate<boolean>(`Boolean(${expression})`))) {
      if (Date.now() > until) throw new Error(`timed out waiting for ${expression}`);
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  }

  async goto(url: string): Promise<void> {
    await this.send('Page.navigate', { url });
  }

  /** Chooses `file` in the first input matching `selector`. */
  async setInputFile(selector: string, file: string): Promise<void> {
    const { root } = await this.send<{ root: { nodeId: number } }>('DOM.getDocument', { depth: 0 });
    const { nodeId } = await this.send<{ nodeId: number }>('DOM.querySelector', { nodeId: root.nodeId, selector });
    if (!nodeId) throw new Error(`no ${selector}`);
    await this.send('DOM.setFileInputFiles', { nodeId, files: [file] });
  }

  /** Clicks the button whose text is exactly `name`. */
  async clickButton(name: string): Promise<void> {
    await this.evaluate(`(() => {
      const button = [...document.querySelectorAll('button')].find((candidate) => candidate.textContent.trim() === ${JSON.stringify(name)});
      if (!button) throw new Error('no button ' + ${JSON.stringify(name)});
      button.click();
    })()`);
  }

  async close(): Promise<void> {
    const exited = new Promise((resolve) => this.browser.once('exit', resolve));
    this.browser.kill('SIGTERM');
    await exited;
    // Chromium's helpers may still write into the profile for a moment after it exits.
    for (let attempt = 0; ; attempt += 1) {
      try {
        fs.rmSync(this.profileDir, { recursive: true, force: true });
        return;
      } catch (error) {
        if (attempt >= 50) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  }
}
