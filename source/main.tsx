import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { unmapAll } from './native/index.js';
import { runScript, Session } from './session/index.js';

const usage = `memtui: watch how the OS hands memory to a process, on real pages of this one

Usage:
  memtui                      the terminal UI (q quits, ? lists every key and command)
  memtui --lesson N           the UI, opened at lesson N of the guided walkthrough (1-7)
  memtui -e "CMD; CMD"        run commands without the UI, one result per line
  memtui --script FILE        the same, from a file (one command per line, # comments)
  memtui --json ...           with -e, --script or a pipe: one JSON object per result
  printf 'mmap\\nstat\\n' | memtui   commands from a pipe

Exit status of scripts: 0 when every command succeeded, 1 when one failed, 2 for a usage error.
Commands: memtui -e help`;

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

function readStdin(): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    process.stdin.setEncoding('utf8');
    process.stdin.on('data', (chunk: string) => { text += chunk; });
    process.stdin.on('end', () => resolve(text));
    process.stdin.on('error', reject);
  });
}

/** Every way out gives the pages back; the terminal is restored by ink's unmount. */
function installExitGuards(session: Session, onSignal: () => void): void {
  const release = () => {
    session.dispose();
    unmapAll();
  };
  process.on('exit', release);
  for (const signal of ['SIGTERM', 'SIGHUP'] as const) process.on(signal, onSignal);
  process.on('SIGINT', onSignal);
}

type UiModules = typeof import('./ui/entry.js');

/** The bundled UI (one file, fast to load); the separate modules when no bundle was built. */
async function loadUi(): Promise<UiModules> {
  try {
    return (await import(new URL('./ui.bundle.js', import.meta.url).href)) as UiModules;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ERR_MODULE_NOT_FOUND') throw error;
    return import('./ui/entry.js');
  }
}

export async function main(argv: string[]): Promise<number> {
  // `memtui grade`: loaded only when asked for, so the UI and scripts never load it.
  if (argv[0] === 'grade') {
    const { runGrade } = await import('./student/index.js');
    return runGrade(argv.slice(1), { stdout: process.stdout, stderr: process.stderr });
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
        eval: { type: 'string', short: 'e' },
        script: { type: 'string', short: 's' },
        json: { type: 'boolean' },
        lesson: { type: 'string', short: 'l' },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    process.stderr.write(`memtui: ${(error as Error).message}\n\n${usage}\n`);
    return 2;
  }
  const options = parsed.values;
  if (options.help) { process.stdout.write(`${usage}\n`); return 0; }
  if (options.version) { process.stdout.write(`memtui ${version()}\n`); return 0; }
  let lesson: number | undefined;
  if (options.lesson !== undefined) {
    lesson = Number(options.lesson);
    if (!Number.isInteger(lesson) || lesson < 1 || lesson > 7) {
      process.stderr.write(`memtui: --lesson takes a lesson number from 1 to 7, not "${options.lesson}"\n`);
      return 2;
    }
  }
  if (options.eval !== undefined && options.script !== undefined) {
    process.stderr.write('memtui: give either -e or --script, not both\n');
    return 2;
  }

  let scriptText: string | undefined = options.eval;
  if (options.script !== undefined) {
    try {
      scriptText = readFileSync(options.script, 'utf8');
    } catch (error) {
      process.stderr.write(`memtui: cannot read the script ${options.script}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}\n`);
      return 2;
    }
  } else if (scriptText === undefined && !process.stdin.isTTY) {
    scriptText = await readStdin();
  }

  if (scriptText === undefined && options.json) {
    process.stderr.write('memtui: --json is for scripts (-e, --script, or a pipe), not the UI\n');
    return 2;
  }
  // The UI (ink, react, yoga's wasm) loads only for the UI, so scripts stay small and fast; it
  // starts loading now, while the session binds libc.
  const uiModules = scriptText === undefined ? loadUi() : undefined;
  const session = new Session();
  if (scriptText !== undefined) {
    installExitGuards(session, () => process.exit(130));
    if (lesson !== undefined) session.run(`lesson ${lesson}`);
    const { exitCode } = runScript(session, scriptText, { json: options.json === true, write: (text) => process.stdout.write(text) });
    session.dispose();
    return exitCode;
  }
  if (lesson !== undefined) session.run(`lesson ${lesson}`);
  const { render, App } = await uiModules!;
  const app = render(<App session={session} />, { exitOnCtrlC: true });
  installExitGuards(session, () => app.unmount());
  process.on('uncaughtException', (error) => {
    app.unmount();
    session.dispose();
    process.stderr.write(`memtui stopped on an unexpected error (every page was unmapped): ${error.stack ?? error.message}\n`);
    process.exit(70);
  });
  await app.waitUntilExit();
  session.dispose();
  return 0;
}
