import { expect } from 'vitest';
import { type LaunchOptions, type LaunchedProgram, launchProgram } from '../../../source/target/index.js';

/** Programs started by a test file, stopped (SIGKILL) and awaited by `stopAll`. */
export class Started {
  readonly #programs: LaunchedProgram[] = [];

  async start(command: string[], options?: LaunchOptions): Promise<LaunchedProgram> {
    const launched = await launchProgram(command, options);
    if (!launched.ok) throw new Error(launched.message);
    this.#programs.push(launched.program);
    return launched.program;
  }

  /** Starts a program and waits for its line "ready …"; returns the program and the rest of that line. */
  async ready(command: string[], options?: LaunchOptions): Promise<{ program: LaunchedProgram; said: string }> {
    const program = await this.start(command, options);
    const ready = await program.waitForOutput(/^ready (.*)$/, { timeoutMs: 30_000 });
    expect(ready, JSON.stringify(program.lines())).toMatchObject({ ok: true });
    return { program, said: ready.ok ? ready.match![1]! : '' };
  }

  async stopAll(): Promise<void> {
    for (const program of this.#programs.splice(0)) {
      program.stop('SIGKILL');
      await program.exited;
    }
  }
}
