import { parseArgs } from 'node:util';
import { colourWanted, EXIT, Lifecycle } from './cli/index.js';
import { lessonNumber, loadUi, runUi, screenBudgetProblem, usageError } from './main.js';
import { type ExitReport, Session, type WatchedProcess, watchProgram } from './session/index.js';

export const watchUsage = `memtui watch: start a program and watch its memory live, in the terminal UI

Usage:
  memtui watch [OPTIONS] -- PROGRAM [ARGS...]

  The program runs with its output shown in a pane; Enter goes to its input (so a program
  paused in getchar() goes on), > opens a line to type for it. The header shows its VSZ and
  RSS, the grid its mappings and the selected one's pages. When it exits, memtui says how
  (exit status, or the signal); q quits memtui and stops the program if it still runs.

  Example (the lab's "before you begin" experiment, shipped with memtui):
    gcc -o before-you-begin docs/examples/before-you-begin.c
    memtui watch -- ./before-you-begin

Options:
  -l, --lesson N      open lesson N of the guided walkthrough
  -n, --no-color      no colour at all (as NO_COLOR=1 does)
  -h, --help          this text

A process that is already running: memtui --pid PID.`;

/** After the UI: how long a program asked to stop (SIGTERM) may take before it is killed. */
const STOP_GRACE_MS = 2000;

/** Stops the program if it still runs (SIGTERM, then SIGKILL after a grace) and says how it ended. */
async function finish(watched: WatchedProcess): Promise<ExitReport | null> {
  const { program } = watched;
  if (!program) return null;
  if (program.exit) return program.exit;
  program.stop('SIGTERM');
  const timer = setTimeout(() => program.stop('SIGKILL'), STOP_GRACE_MS);
  const report = await program.exited;
  clearTimeout(timer);
  return report;
}

/** `memtui watch [--lesson N] [--no-color] -- PROGRAM [ARGS]`: the exit status memtui ends with. */
export async function watchMain(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        help: { type: 'boolean', short: 'h' },
        lesson: { type: 'string', short: 'l' },
        'no-color': { type: 'boolean', short: 'n' },
      },
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    // parseArgs's first sentence names the option; what to do is memtui's.
    const said = (error as Error).message.split('. ')[0];
    return usageError(`watch: ${said}: memtui's options go before --, the program and its arguments after it (memtui watch -- PROGRAM ARGS)`);
  }
  const { values, positionals: command } = parsed;
  if (values.help) {
    process.stdout.write(`${watchUsage}\n`);
    return EXIT.ok;
  }
  if (command.length === 0) return usageError('watch: no program given: memtui watch -- ./before-you-begin (memtui watch --help)');
  const lesson = values.lesson === undefined ? undefined : lessonNumber(values.lesson);
  if (typeof lesson === 'string') return usageError(lesson);
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    return usageError('watch shows the program\'s output and passes your keys to it, so it needs a terminal; '
      + 'from a script, start the program yourself and measure it with memtui --pid PID -e "stat"');
  }

  const budget = screenBudgetProblem();
  if (budget !== null) return usageError(budget);
  const uiModules = loadUi();
  uiModules.catch(() => undefined);
  const opening = await watchProgram(command);
  if (!opening.ok) {
    for (const line of opening.program?.lines() ?? []) process.stdout.write(`${line.text}\n`);
    process.stderr.write(`memtui: ${opening.message}\n`);
    return opening.kind === 'launch' ? EXIT.usage : EXIT.commandFailed;
  }
  const { watched } = opening;
  const session = new Session();
  // The one exit path: whatever ends memtui disposes the session once, and disposing it stops
  // the program (the subject's close sends SIGTERM).
  const lifecycle = new Lifecycle(session);
  session.setSubject(watched);
  if (lesson !== undefined) await session.run(`lesson ${lesson}`);
  const status = await runUi(session, lifecycle, uiModules, values['no-color'] !== true && colourWanted());
  const report = await finish(watched);
  if (report) process.stdout.write(`memtui watched PID ${watched.pid}: ${report.message}\n`);
  return status;
}
