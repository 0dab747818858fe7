#!/usr/bin/env node
// The bin. It must run far enough on an old Node to say so: no syntax newer than Node 12 here,
// and the program itself is loaded only once the version is known to be good.
const REQUIRED = [22, 12] as const;
const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
if (major < REQUIRED[0] || (major === REQUIRED[0] && minor < REQUIRED[1])) {
  process.stderr.write(`memtui needs Node ${REQUIRED.join('.')} or later; this is Node ${process.versions.node} (${process.execPath}). Install Node 22 or 24, or run it from a clone: npm install && npx memtui\n`);
  process.exit(1);
}
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
