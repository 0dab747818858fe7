/**
 * The built CLI in a real pseudo-terminal: @lydell/node-pty runs `node dist/cli.js`, and every
 * byte it prints goes into an @xterm/headless terminal of the same size, so the tests read the
 * screen the way a user sees it (text, not escape codes).
 *
 * The child runs without the CI variable, as in a user's terminal: with it set at all, ink stops
 * re-laying out on resize and chalk turns colour off (STACK.md).
 */
import { fileURLToPath } from 'node:url';
import pty from '@lydell/node-pty';
import xterm from '@xterm/headless';

const { Terminal } = xterm;

export const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
export const REPO = fileURLToPath(new URL('../..', import.meta.url));

export const KEYS = {
  enter: '\r',
  esc: '\x1b',
  tab: '\t',
  up: '\x1b[A',
  down: '\x1b[B',
  right: '\x1b[C',
  left: '\x1b[D',
  pageUp: '\x1b[5~',
  pageDown: '\x1b[6~',
  backspace: '\x7f',
  ctrlC: '\x03',
} as const;

export type KeyName = keyof typeof KEYS;

export interface StartOptions {
  cols?: number;
  rows?: number;
  /** Sets NO_COLOR=1 in the child. */
  noColor?: boolean;
  env?: Record<string, string>;
}

export interface ExitStatus {
  exitCode: number;
  signal?: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class PtyApp {
  readonly term: InstanceType<typeof Terminal>;
  readonly child: pty.IPty;
  /** Everything the child printed, escape codes included. */
  raw = '';
  exited: ExitStatus | null = null;
  readonly #exit: Promise<ExitStatus>;
  #pendingWrites = 0;

  constructor(args: string[], options: StartOptions = {}) {
    const cols = options.cols ?? 100;
    const rows = options.rows ?? 30;
    this.term = new Terminal({ cols, rows, allowProposedApi: true, scrollback: 0 });
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries(process.env)) {
      // vitest marks its workers; the child is a plain CLI run by a user.
      if (value !== undefined && !key.startsWith('VITEST') && key !== 'NODE_OPTIONS') env[key] = value;
    }
    // A user's terminal has no CI variable: with it set at all (even to false), chalk turns colour off.
    delete env.CI;
    Object.assign(env, { TERM: 'xterm-256color', COLUMNS: String(cols), LINES: String(rows) });
    // vitest sets NODE_ENV=test; a user's shell has none, and the bin then runs React's production build.
    delete env.NODE_ENV;
    delete env.NO_COLOR;
    delete env.FORCE_COLOR;
    if (options.noColor) env.NO_COLOR = '1';
    Object.assign(env, options.env ?? {});
    this.child = pty.spawn(process.execPath, [CLI, ...args], { name: 'xterm-256color', cols, rows, cwd: REPO, env });
    this.child.onData((data) => {
      this.raw += data;
      this.#pendingWrites += 1;
      this.term.write(data, () => { this.#pendingWrites -= 1; });
    });
    this.#exit = new Promise((resolve) => {
      this.child.onExit((status) => {
        this.exited = status;
        resolve(status);
      });
    });
  }

  get cols(): number { return this.term.cols; }
  get rows(): number { return this.term.rows; }

  /** The visible lines, trailing blanks trimmed. */
  screenLines(): string[] {
    const buffer = this.term.buffer.active;
    const lines: string[] = [];
    for (let row = 0; row < this.term.rows; row += 1) {
      lines.push(buffer.getLine(buffer.viewportY + row)?.translateToString(true) ?? '');
    }
    return lines;
  }

  screenText(): string {
    return this.screenLines().join('\n');
  }

  /** Rows that continue the row above: a line the child printed wider than the terminal. */
  wrappedRows(): number[] {
    const buffer = this.term.buffer.active;
    const rows: number[] = [];
    for (let row = 0; row < this.term.rows; row += 1) {
      if (buffer.getLine(buffer.viewportY + row)?.isWrapped) rows.push(row);
    }
    return rows;
  }

  /** The keyboard mode the footer shows: ' KEYS ', ' PROMPT ', ' HELP ' or ' INPUT ' at the start of a row. */
  footerMode(): string | null {
    for (const line of this.screenLines()) {
      const match = /^ (KEYS|PROMPT|HELP|INPUT) /.exec(line);
      if (match) return match[1]!;
    }
    return null;
  }

  /** Waits until xterm has parsed everything the child printed so far. */
  async flush(): Promise<void> {
    await new Promise<void>((resolve) => this.term.write('', resolve));
    while (this.#pendingWrites > 0) await sleep(5);
  }

  /** Waits until the child has printed nothing new for a moment: the frame it drew last is the one shown. */
  async settled(quietMs = 120, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let length = -1;
    while (Date.now() < deadline) {
      await this.flush();
      if (this.raw.length === length) return;
      length = this.raw.length;
      await sleep(quietMs);
    }
    throw new Error(`the screen kept changing for ${timeoutMs} ms:\n${this.screenText()}`);
  }

  /** Polls the screen until the pattern shows; fails with the screen as it was. */
  async waitForText(pattern: RegExp | string, timeoutMs = 10_000): Promise<string> {
    const test = (text: string) => (typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text));
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      await this.flush();
      const text = this.screenText();
      if (test(text)) return text;
      if (Date.now() > deadline) {
        throw new Error(`timed out after ${timeoutMs} ms waiting for ${String(pattern)}; the screen (${this.cols}x${this.rows}) was:\n${text}`);
      }
      if (this.exited) {
        throw new Error(`the process exited (${JSON.stringify(this.exited)}) while waiting for ${String(pattern)}; the screen was:\n${text}`);
      }
      await sleep(40);
    }
  }

  /** Polls until the predicate holds on the screen text. */
  async waitFor(predicate: (text: string, lines: string[]) => boolean, what: string, timeoutMs = 10_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      await this.flush();
      const lines = this.screenLines();
      const text = lines.join('\n');
      if (predicate(text, lines)) return text;
      if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; the screen was:\n${text}`);
      await sleep(40);
    }
  }

  /** Types text one key at a time, so ink sees separate keypresses. */
  async type(text: string, gapMs = 15): Promise<void> {
    for (const char of text) {
      this.child.write(char);
      await sleep(gapMs);
    }
  }

  /** Writes the bytes at once, as one chunk: a paste, or keys coalesced on a slow link. */
  async send(data: string, afterMs = 30): Promise<void> {
    this.child.write(data);
    await sleep(afterMs);
  }

  async press(key: KeyName, gapMs = 30): Promise<void> {
    this.child.write(KEYS[key]);
    await sleep(gapMs);
  }

  /** Types a line into the prompt and presses Enter. */
  async command(line: string): Promise<void> {
    await this.type(line);
    await this.press('enter', 60);
  }

  resize(cols: number, rows: number): void {
    this.child.resize(cols, rows);
    this.term.resize(cols, rows);
  }

  /** Waits for the process to exit; rejects after the timeout. */
  async exit(timeoutMs = 10_000): Promise<ExitStatus> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`the process did not exit within ${timeoutMs} ms; the screen was:\n${this.screenText()}`)), timeoutMs);
    });
    try {
      const status = await Promise.race([this.#exit, timeout]);
      await this.flush();
      return status;
    } finally {
      clearTimeout(timer);
    }
  }

  kill(signal = 'SIGKILL'): void {
    if (this.exited) return;
    try {
      this.child.kill(signal);
    } catch {
      // already gone
    }
  }

  /** The cursor's visibility as the child last set it (ink hides it while running). */
  cursorShown(): boolean {
    const hide = this.raw.lastIndexOf('\x1b[?25l');
    const show = this.raw.lastIndexOf('\x1b[?25h');
    return show > hide || (hide === -1 && show === -1);
  }

  dispose(): void {
    this.kill();
    this.term.dispose();
  }
}

const running = new Set<PtyApp>();

export function startApp(args: string[] = [], options: StartOptions = {}): PtyApp {
  const app = new PtyApp(args, options);
  running.add(app);
  return app;
}

/** For afterEach: kills every child still running and waits for it to go. */
export async function stopAll(): Promise<void> {
  const apps = [...running];
  running.clear();
  for (const app of apps) {
    if (!app.exited) {
      app.kill('SIGKILL');
      await app.exit(5_000).catch(() => undefined);
    }
    app.term.dispose();
  }
}
