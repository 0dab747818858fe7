// What the CLI loads for the UI. scripts/finish-build.mjs bundles it with ink, React and
// ink-text-input into dist/ui.bundle.js: one file starts several times faster than ~100
// modules, and the user's install needs none of them.
import { render } from 'ink';
import type { Session } from '../session/index.js';
import { App } from './app.js';
import { filteredStdin } from './keyboard/filtered-stdin.js';

export interface RunningUi {
  waitUntilExit(): Promise<unknown>;
  unmount(): void;
}

/** Draws the App for `session` on the terminal; keys come through the key filter. */
export function startUi(session: Session, options: { colour: boolean }): RunningUi {
  const stdin = process.stdin.isTTY ? filteredStdin(process.stdin) : process.stdin;
  const app = render(<App session={session} colour={options.colour} />, { exitOnCtrlC: true, stdin: stdin as NodeJS.ReadStream });
  return { waitUntilExit: () => app.waitUntilExit(), unmount: () => app.unmount() };
}
