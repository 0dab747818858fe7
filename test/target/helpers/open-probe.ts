// Run by unprivileged.ts in a separate process (as user nobody when the tests run as root):
// opens PID argv[2] with openTarget, /proc redirected to argv[3] when given, and prints the
// outcome as one JSON line.
import { setProcRoot } from '../../../source/proc/index.js';
import { openTarget } from '../../../source/target/index.js';

const [pid, procRoot] = process.argv.slice(2);
if (procRoot) setProcRoot(procRoot);
const opened = openTarget(Number(pid));
const outcome = opened.ok ? { ok: true, sample: opened.target.sample() } : opened;
process.stdout.write(`${JSON.stringify({ uid: process.geteuid?.(), outcome })}\n`);
