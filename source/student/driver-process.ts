import { type ChildProcess, spawn } from 'node:child_process';
import { type CrashAnswer, type DoneAnswer, type StuckAnswer, parseAnswer } from './protocol.js';
import { StudentError } from './student-error.js';

/** What became of one request to the driver. */
export type DriverReply =
  | { kind: 'answer'; answer: DoneAnswer }
  /** The process died during the call: by a signal the driver reported (`crash`), or otherwise (exit() in the student's code, SIGKILL). */
  | { kind: 'died'; crash: CrashAnswer | null; exitCode: number | null; signal: NodeJS.Signals | null }
  /** The call did not return within the timeout; `stuck` says where it was, when the driver could still say. */
  | { kind: 'timed-out'; stuck: StuckAnswer | null; timeoutMs: number };

type Event = { kind: 'line'; line: string } | { kind: 'exit' } | { kind: 'timeout' };

/** The library's output kept for reports (its last bytes: an assert's message is at the end). */
const keptOutputBytes = 16 * 1024;

/**
 * One driver process running one student library: requests go to its stdin, one line each, and
 * each gets one line back. A crash or a hang ends the process; the reply says which, and the
 * process is never left behind (SIGKILL after a grace period; PR_SET_PDEATHSIG in the driver).
 */
export class DriverProcess {
  readonly #child: ChildProcess;
  readonly #lines: string[] = [];
  #partial = '';
  #exited = false;
  #exitCode: number | null = null;
  #exitSignal: NodeJS.Signals | null = null;
  #wake: (() => void) | undefined;
  #output = '';

  private constructor(child: ChildProcess) {
    this.#child = child;
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (text: string) => {
      const parts = (this.#partial + text).split('\n');
      this.#partial = parts.pop()!;
      this.#lines.push(...parts);
      this.#wake?.();
    });
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (text: string) => {
      this.#output = (this.#output + text).slice(-keptOutputBytes);
    });
    // A write to a driver that just died fails with EPIPE; the exit event tells the story.
    child.stdin!.on('error', () => {});
    const ended = () => {
      this.#exited = true;
      this.#wake?.();
    };
    child.on('exit', (code, signal) => {
      this.#exitCode = code;
      this.#exitSignal = signal;
      // Normally 'close' follows at once. If the library forked a process that keeps the pipes
      // open, 'close' would never come: the driver is gone all the same.
      setTimeout(ended, 500).unref();
    });
    // 'close' comes after every byte of stdout and stderr was delivered, so no line is lost.
    child.on('close', ended);
  }

  /**
   * Starts the driver on `library` and waits for `ready`; a library that cannot be loaded is a
   * StudentError that calls it `name` (the student's file, not a temporary build of it).
   */
  static async start(driver: string, library: string, name = library, startTimeoutMs = 10_000): Promise<DriverProcess> {
    const child = spawn(driver, [library], { stdio: ['pipe', 'pipe', 'pipe'] });
    const driverProcess = new DriverProcess(child);
    const spawned = await new Promise<Error | null>((resolve) => {
      child.once('spawn', () => resolve(null));
      child.once('error', (error) => resolve(error));
    });
    if (spawned) throw new StudentError('driver', `memtui could not start its driver program ${driver}: ${spawned.message}`);
    const event = await driverProcess.#next(startTimeoutMs);
    if (event.kind === 'line') {
      const answer = parseAnswer(event.line);
      if (answer.kind === 'ready') return driverProcess;
      if (answer.kind === 'error') {
        await driverProcess.close();
        if (answer.reason === 'symbols') {
          throw new StudentError('symbols', `${name} does not define ${answer.message.split(' ').join(', ')}: a lab library must define init_alloc, alloc, dealloc and cleanup (with the names and types of alloc.h / ealloc.h)`);
        }
        throw new StudentError('load', `${name} cannot be loaded: ${answer.message}`);
      }
      if (answer.kind === 'crash') {
        await driverProcess.#waitForExit(2000);
        throw new StudentError('load', `${name} crashed while it was being loaded (signal ${answer.signal}), before any of its functions was called: look at its constructors and global initialisers`);
      }
    }
    await driverProcess.close();
    throw new StudentError('driver', event.kind === 'timeout'
      ? `${name} took more than ${startTimeoutMs} ms to load`
      : `memtui's driver ended while loading ${name}${driverProcess.#output ? `: ${driverProcess.#output.trim()}` : ''}`);
  }

  get pid(): number {
    return this.#child.pid!;
  }

  get running(): boolean {
    return !this.#exited;
  }

  /** What the library printed (stdout and stderr), its last 16 KiB. */
  get output(): string {
    return this.#output;
  }

  async request(line: string, timeoutMs: number): Promise<DriverReply> {
    if (this.#exited) return { kind: 'died', crash: null, exitCode: this.#exitCode, signal: this.#exitSignal };
    this.#child.stdin!.write(`${line}\n`);
    const event = await this.#next(timeoutMs);
    if (event.kind === 'line') {
      const answer = parseAnswer(event.line);
      if (answer.kind === 'done') return { kind: 'answer', answer };
      if (answer.kind === 'crash') {
        await this.#waitForExit(2000);
        return { kind: 'died', crash: answer, exitCode: this.#exitCode, signal: this.#exitSignal };
      }
      throw new Error(`memtui's driver answered "${event.line}" to "${line}"`);
    }
    if (event.kind === 'exit') return { kind: 'died', crash: null, exitCode: this.#exitCode, signal: this.#exitSignal };
    // Timed out: SIGUSR1 asks the driver where the call is (it answers `stuck` and exits), then SIGKILL.
    this.#child.kill('SIGUSR1');
    const after = await this.#next(1000);
    let stuck: StuckAnswer | null = null;
    if (after.kind === 'line') {
      const answer = parseAnswer(after.line);
      if (answer.kind === 'stuck') stuck = answer;
    }
    await this.#waitForExit(1000);
    return { kind: 'timed-out', stuck, timeoutMs };
  }

  /** Asks the driver to quit; kills it if it does not within a second. */
  async close(): Promise<void> {
    if (this.#exited) return;
    this.#child.stdin!.end('quit\n');
    await this.#waitForExit(1000);
  }

  /** Ends the process at once (SIGKILL), for an exit path that cannot wait for `quit` to be answered. */
  kill(): void {
    if (!this.#exited) this.#child.kill('SIGKILL');
  }

  /** Waits for the process to end, and kills it after `graceMs`. Lines that come meanwhile answer nothing. */
  async #waitForExit(graceMs: number): Promise<void> {
    const deadline = Date.now() + graceMs;
    let killed = false;
    while (!this.#exited) {
      const left = deadline - Date.now();
      if (left <= 0 && !killed) {
        this.#child.kill('SIGKILL');
        killed = true;
      }
      await this.#next(killed ? 1000 : left);
    }
  }

  #next(timeoutMs: number): Promise<Event> {
    return new Promise((resolve) => {
      const settle = (): boolean => {
        const line = this.#lines.shift();
        if (line !== undefined) resolve({ kind: 'line', line });
        else if (this.#exited) resolve({ kind: 'exit' });
        else return false;
        return true;
      };
      if (settle()) return;
      const timer = setTimeout(() => {
        this.#wake = undefined;
        resolve({ kind: 'timeout' });
      }, timeoutMs);
      this.#wake = () => {
        if (settle()) {
          clearTimeout(timer);
          this.#wake = undefined;
        }
      };
    });
  }
}
