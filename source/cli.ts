#!/usr/bin/env node
// The bin. It must run far enough on an old Node to say so: no syntax newer than Node 12 here,
// and the program itself is loaded only once the version is known to be good.
const REQUIRED = [22, 12] as const;
const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
if (major < REQUIRED[0] || (major === REQUIRED[0] && minor < REQUIRED[1])) {
  void startOnBundledNode();
} else {
  start();
}

/**
 * Started by an older Node (memtui run from a clone by the system's node, through npx --prefix
 * or a link): a clone brings Node 22 in its node_modules (the node package), and memtui starts
 * again on that one, on the same terminal. Installed from the registry there is none: one line.
 */
function startOnBundledNode(): Promise<void> {
  const bundled = new URL('../node_modules/node/bin/node', import.meta.url);
  return Promise.all([import('node:fs'), import('node:child_process'), import('node:url')]).then(([fs, childProcess, url]) => {
    const path = url.fileURLToPath(bundled);
    if (process.env.MEMTUI_ON_BUNDLED_NODE === undefined && fs.existsSync(path)) {
      const child = childProcess.spawn(path, [url.fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
        stdio: 'inherit', env: { ...process.env, MEMTUI_ON_BUNDLED_NODE: '1' },
      });
      const numbers: Record<string, number> = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 };
      for (const name of Object.keys(numbers)) process.on(name as NodeJS.Signals, () => child.kill(name as NodeJS.Signals));
      child.on('error', () => process.exit(70));
      child.on('exit', (code, signal) => process.exit(code !== null ? code : 128 + (signal && numbers[signal] ? numbers[signal] : 9)));
      return;
    }
    process.stderr.write(`memtui needs Node ${REQUIRED.join('.')} or later; this is Node ${process.versions.node} (${process.execPath}). `
      + 'Install Node 22 or 24, or run memtui from a clone of it (npm install there brings Node 22; then npx memtui in that folder)\n');
    process.exit(1);
  });
}

function start(): void {
  // React's development build is several times slower; the published bin is production.
  if (process.env.NODE_ENV === undefined) process.env.NODE_ENV = 'production';
  const argv = process.argv.slice(2);
  // `memtui grade` runs students' code in driver processes: it needs neither koffi nor the UI.
  const run = argv[0] === 'grade'
    ? import('./student/index.js').then(({ runGrade }) => runGrade(argv.slice(1), { stdout: process.stdout, stderr: process.stderr }))
    // The screen wants node options that only work at start: node is started again with them.
    : import('./cli/index.js').then(({ relaunch, wantsRelaunch }) => (wantsRelaunch(argv)
      ? relaunch(process.argv[1]!, argv)
      // `memtui watch -- PROGRAM` starts a program and watches it (watch-main.ts).
      : argv[0] === 'watch'
        ? import('./watch-main.js').then(({ watchMain }) => watchMain(argv.slice(1)))
        : import('./main.js').then(({ main }) => main(argv))));
  run.then((code) => { process.exitCode = code; });
}
