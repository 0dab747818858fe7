import { constants } from 'node:os';

/** How a program ended: its exit status, or the signal that killed it. */
export interface ExitReport {
  code: number | null;
  signal: NodeJS.Signals | null;
  signalNumber: number | null;
  message: string;
}

/** signal(7): what the usual fatal signals mean for a student's program. */
const signalMeanings: Partial<Record<NodeJS.Signals, string>> = {
  SIGSEGV: 'it touched memory it may not (segmentation fault: an unmapped address, or a write to read-only memory)',
  SIGBUS: 'it touched a mapping past the end of its file, or an address the hardware refuses (bus error)',
  SIGABRT: 'it called abort(): an assert failed, or malloc found its heap corrupted',
  SIGFPE: 'an arithmetic error, such as an integer division by zero',
  SIGILL: 'it ran an illegal instruction',
  SIGKILL: 'killed outright (kill -9, or the kernel\'s out-of-memory killer)',
  SIGTERM: 'asked to stop (kill, or memtui stopping it)',
  SIGINT: 'interrupted (Ctrl-C)',
  SIGPIPE: 'it wrote to a pipe nobody reads any more',
};

export function describeExit(program: string, code: number | null, signal: NodeJS.Signals | null, throughStdbuf: boolean): ExitReport {
  if (signal !== null) {
    const number = constants.signals[signal] ?? null;
    const meaning = signalMeanings[signal];
    return {
      code, signal, signalNumber: number,
      message: `${program} was killed by signal ${signal}${number === null ? '' : ` (${number})`}${meaning ? `: ${meaning}` : ''}`,
    };
  }
  // coreutils stdbuf(1): 125 stdbuf itself failed, 126 the program could not be run, 127 it was not found.
  if (throughStdbuf && code !== null && code >= 125 && code <= 127) {
    return { code, signal, signalNumber: null, message: `${program} did not start: stdbuf could not run it (status ${code}); try memtui without line buffering` };
  }
  return { code, signal, signalNumber: null, message: `${program} exited with status ${code ?? '?'}` };
}
