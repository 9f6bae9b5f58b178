import { afterEach, describe, expect, it } from 'vitest';
import { describeExit, supervise, type Supervisor } from './supervise';

let supervisor: Supervisor | undefined;
afterEach(async () => {
  await supervisor?.stop();
  supervisor = undefined;
});

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 20));
}

describe('supervise (npm start, B7)', () => {
  it('says which process exited and why, restarts it, and keeps the other running', async () => {
    const lines: string[] = [];
    supervisor = supervise(
      [
        { name: 'store', command: process.execPath, args: ['-e', 'process.exit(3)'] },
        { name: 'console', command: process.execPath, args: ['-e', 'setInterval(() => {}, 1000)'] },
      ],
      { log: (line) => lines.push(line), restartDelayMs: 10, maxRestarts: 2, stdio: 'ignore' },
    );
    const consolePid = supervisor.current('console')?.pid;
    await until(() => lines.some((line) => line.includes('not restarted')));
    expect(lines[0]).toBe('[start] store exited with code 3; restarting it in 10 ms (the other processes keep running).');
    expect(lines.filter((line) => line.includes('restarting'))).toHaveLength(2);
    expect(lines.at(-1)).toMatch(/store exited with code 3; it failed 3 times in a row, so it is not restarted/);
    expect(supervisor.current('console')?.pid).toBe(consolePid);
    expect(supervisor.current('console')?.exitCode).toBeNull();
  });

  it('names a signal', () => {
    expect(describeExit(null, 'SIGKILL')).toBe('was stopped by signal SIGKILL');
    expect(describeExit(0, null)).toBe('exited normally (code 0)');
  });
});
