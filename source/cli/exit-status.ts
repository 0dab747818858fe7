/**
 * memtui's exit statuses, one table for --help, the README and the code:
 *   0  every command succeeded (or the UI was left with q)
 *   1  a command of a script failed (the others still ran)
 *   2  a usage error: an unknown flag, a missing script file
 *   3  the output could not be written (a full disk, for one)
 *  70  memtui itself failed (EX_SOFTWARE); every page was unmapped first
 * 128+N  stopped by signal N: 129 SIGHUP, 130 SIGINT, 143 SIGTERM; 141 when the reader of the
 *        output went away (as SIGPIPE would, e.g. `memtui ... | head -1`)
 */
export const EXIT = {
  ok: 0,
  commandFailed: 1,
  usage: 2,
  outputFailed: 3,
  internal: 70,
  outputClosed: 141,
} as const;

export const signalNumbers = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 } as const;
export type HandledSignal = keyof typeof signalNumbers;

export const exitStatusHelp = `Exit status: 0 every command succeeded; 1 a command failed (the others still ran);
  2 usage error; 3 the output could not be written; 70 memtui failed (pages unmapped first);
  128+N stopped by signal N (129 SIGHUP, 130 SIGINT, 143 SIGTERM); 141 the output was closed.`;
