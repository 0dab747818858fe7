import { type ChildProcessByStdio } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { basename } from 'node:path';
import { type Readable, type Writable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { type ExitReport, describeExit } from './exit-report.js';
import { OutputBuffer, type OutputLine, type OutputStream } from './output-buffer.js';

export type OutputWait =
  | { ok: true; line: OutputLine; match: RegExpMatchArray | null }
  | { ok: false; reason: 'timeout' | 'exited'; message: string };

export type SendResult = { ok: true; seq: number } | { ok: false; message: string };

/** How output is buffered, said for the screen. */
export interface LineBuffering {
  applied: boolean;
  note: string;
}

interface LaunchedEvents {
  line: [OutputLine];
  exit: [ExitReport];
}

/** After the program exits, how long to wait for its pipes to close (a child it left may hold them open). */
const PIPE_CLOSE_GRACE_MS = 500;

type Child = ChildProcessByStdio<Writable, Readable, Readable>;
type ProgramStream = Exclude<OutputStream, 'input'>;

/**
 * A program memtui started, with its output captured (the last lines kept) and its input
 * forwarded. Events: 'line' (a line began or grew: a prompt without a newline shows at once),
 * 'exit' (once, after the output is all in). Nothing here throws for a program that exited:
 * input sent to it is refused with a message.
 */
export class LaunchedProgram extends EventEmitter<LaunchedEvents> {
  /** The process: stdbuf first, which then runs the program itself (exec keeps the PID). */
  readonly pid: number;
  /** The command as given, e.g. ['./before-you-begin']. */
  readonly command: readonly string[];
  readonly lineBuffering: LineBuffering;
  /** Resolves with the exit report once the program has ended and its output is in. */
  readonly exited: Promise<ExitReport>;
  readonly #child: Child;
  readonly #output: OutputBuffer;
  #exit: ExitReport | null = null;

  constructor(child: Child, command: readonly string[], lineBuffering: LineBuffering, keepLines: number) {
    super();
    this.#child = child;
    this.pid = child.pid!;
    this.command = command;
    this.lineBuffering = lineBuffering;
    this.#output = new OutputBuffer(keepLines);
    // EPIPE on a program that stopped reading is answered by send(), not thrown; a failed kill
    // is answered by stop().
    child.stdin.on('error', () => {});
    child.on('error', () => {});
    this.#capture('stdout', child.stdout);
    this.#capture('stderr', child.stderr);
    this.exited = new Promise((resolve) => {
      let status: { code: number | null; signal: NodeJS.Signals | null } | null = null;
      const report = (): void => {
        if (this.#exit || !status) return;
        for (const stream of ['stdout', 'stderr', 'input'] as const) {
          const last = this.#output.finish(stream);
          if (last) this.emit('line', last);
        }
        this.#exit = describeExit(basename(command[0] ?? '?'), status.code, status.signal, lineBuffering.applied);
        this.emit('exit', this.#exit);
        resolve(this.#exit);
      };
      child.on('exit', (code, signal) => {
        status = { code, signal };
        setTimeout(report, PIPE_CLOSE_GRACE_MS).unref();
      });
      child.on('close', (code, signal) => {
        status ??= { code, signal };
        report();
      });
    });
  }

  /** How it ended, or null while it runs. */
  get exit(): ExitReport | null {
    return this.#exit;
  }

  /** The kept output, oldest first. */
  lines(): OutputLine[] {
    return this.#output.lines();
  }

  /** The seq of the newest output line: pass it as `since` to wait for what comes after. */
  get lastSeq(): number {
    return this.#output.lastSeq;
  }

  /**
   * Writes text to the program's standard input (a key, a line). The text also goes into the
   * transcript as 'input' lines, as a terminal would echo it; `seq` is the last line before it,
   * so `waitForOutput(pattern, { since: seq })` waits for what the program prints in answer.
   */
  send(text: string): SendResult {
    const seq = this.lastSeq;
    if (this.#exit || this.#child.exitCode !== null || this.#child.signalCode !== null) {
      return { ok: false, message: `${this.#name()} has ended${this.#exit ? ` (${this.#exit.message})` : ''}: the input was not sent` };
    }
    if (!this.#child.stdin.writable) return { ok: false, message: `${this.#name()}'s input is closed: the input was not sent` };
    this.#child.stdin.write(text);
    const lines = this.#output.append('input', text);
    if (text.includes('\n')) lines.push(...this.#output.breakLines());
    for (const line of lines) this.emit('line', line);
    return { ok: true, seq };
  }

  /** Enter: what un-pauses a program waiting in getchar(). */
  pressEnter(): SendResult {
    return this.send('\n');
  }

  /** Closes the program's input: its next read gets end-of-file (as Ctrl-D does in a terminal). */
  endInput(): void {
    this.#child.stdin.end();
  }

  /** Sends a signal (SIGTERM by default); false when the program has already ended. */
  stop(signal: NodeJS.Signals = 'SIGTERM'): boolean {
    if (this.#exit || this.#child.exitCode !== null || this.#child.signalCode !== null) return false;
    return this.#child.kill(signal);
  }

  /**
   * Waits for a line the program printed (complete or not; not input) with seq above `since`
   * that matches `pattern`.
   * Resolves with the line, or with why not: the program ended, or `timeoutMs` passed.
   */
  waitForOutput(pattern: RegExp | string, options: { since?: number; timeoutMs?: number } = {}): Promise<OutputWait> {
    const since = options.since ?? 0;
    const test = (line: OutputLine): OutputWait | null => {
      if (line.seq <= since || line.stream === 'input') return null;
      if (typeof pattern === 'string') return line.text.includes(pattern) ? { ok: true, line, match: null } : null;
      const match = line.text.match(pattern);
      return match ? { ok: true, line, match } : null;
    };
    for (const line of this.lines()) {
      const found = test(line);
      if (found) return Promise.resolve(found);
    }
    if (this.#exit) return Promise.resolve(this.#notSeen('exited', pattern));
    return new Promise((resolve) => {
      const finish = (result: OutputWait): void => {
        clearTimeout(timer);
        this.off('line', onLine);
        this.off('exit', onExit);
        resolve(result);
      };
      const onLine = (line: OutputLine): void => {
        const found = test(line);
        if (found) finish(found);
      };
      const onExit = (): void => finish(this.#notSeen('exited', pattern));
      const timer = setTimeout(() => finish(this.#notSeen('timeout', pattern)), options.timeoutMs ?? 10_000);
      this.on('line', onLine);
      this.on('exit', onExit);
    });
  }

  #notSeen(reason: 'timeout' | 'exited', pattern: RegExp | string): OutputWait {
    const what = typeof pattern === 'string' ? `"${pattern}"` : String(pattern);
    const message = reason === 'exited'
      ? `${this.#name()} ended (${this.#exit?.message ?? 'exited'}) without printing ${what}`
      : `${this.#name()} printed nothing matching ${what} in time${this.lineBuffering.applied ? '' : ` (${this.lineBuffering.note})`}`;
    return { ok: false, reason, message };
  }

  #name(): string {
    return basename(this.command[0] ?? '?');
  }

  #capture(stream: ProgramStream, from: Readable): void {
    const decoder = new StringDecoder('utf8');
    from.on('data', (chunk: Buffer) => {
      for (const line of this.#output.append(stream, decoder.write(chunk))) this.emit('line', line);
    });
    from.on('end', () => {
      for (const line of this.#output.append(stream, decoder.end())) this.emit('line', line);
    });
  }
}
