import {
  type HidePid, ProcError, type ProcStatus, getProcRoot, readProcFilesOwner, readProcMountOptions, readStatus,
} from '../proc/index.js';
import { type TargetProblem } from './target-problem.js';

/** Whether a PID exists, asked of the kernel with kill(pid, 0) (kill(2): signal 0 checks only). */
function probeExistence(pid: number): 'none' | 'not-ours' | 'ours' {
  try {
    process.kill(pid, 0);
    return 'ours';
  } catch (error) {
    // kill(2): EPERM "the calling process does not have permission to send the signal to any of
    // the target processes" (so it exists); ESRCH "the target process does not exist".
    return (error as NodeJS.ErrnoException).code === 'EPERM' ? 'not-ours' : 'none';
  }
}

const hidePidSpelled: Record<Exclude<HidePid, 'off'>, string> = {
  noaccess: 'hidepid=noaccess (hidepid=1), which refuses every file of another user\'s /proc/PID',
  invisible: 'hidepid=invisible (hidepid=2), which hides other users\' processes from /proc',
  ptraceable: 'hidepid=ptraceable (hidepid=4), which hides every process you may not trace',
};

function hidePidProblem(pid: number, hidePid: Exclude<HidePid, 'off'>, exemptGroup: number | null): TargetProblem {
  const group = exemptGroup === null ? '' : ` or ask the administrator to add you to group ${exemptGroup} (the gid= of /proc)`;
  return {
    kind: 'hidepid', pid,
    message: `PID ${pid} belongs to another user, and ${getProcRoot()} here is mounted with ${hidePidSpelled[hidePid]}: `
      + `watch a process of your own (\`ps -u $USER\`), run memtui as that process's user${group}`,
  };
}

function explainMissing(pid: number): TargetProblem {
  const mount = readProcMountOptions();
  const existence = probeExistence(pid);
  if (existence === 'not-ours' && mount.hidePid !== 'off') return hidePidProblem(pid, mount.hidePid, mount.exemptGroup);
  if (existence !== 'none') {
    return {
      kind: 'no-such-process', pid,
      message: `PID ${pid} exists, but ${getProcRoot()} does not show it: that /proc belongs to another PID namespace `
        + '(a container?); run memtui in the same namespace as the process',
    };
  }
  const hidden = mount.hidePid === 'off' ? '' : ` (${getProcRoot()} is mounted with hidepid=${mount.hidePid}: other users' processes are hidden too)`;
  return {
    kind: 'no-such-process', pid,
    message: `no process with PID ${pid}: it has exited or never existed${hidden}; list your processes with \`ps -u $USER\`, `
      + 'or start the program under memtui with `memtui watch -- PROGRAM`',
  };
}

function explainRefusal(pid: number): TargetProblem {
  const mount = readProcMountOptions();
  let status: ProcStatus;
  try {
    status = readStatus(pid);
  } catch (error) {
    if (error instanceof ProcError && error.kind === 'no-such-process') return explainMissing(pid);
    // status is readable by everyone (proc(5)) unless hidepid says otherwise.
    if (mount.hidePid !== 'off') return hidePidProblem(pid, mount.hidePid, mount.exemptGroup);
    return { kind: 'unreadable', pid, message: `${(error as Error).message}; a security module (AppArmor, SELinux) may refuse it` };
  }
  const me = process.geteuid?.() ?? -1;
  const [real, effective, saved] = status.uids;
  const who = `PID ${pid} (${status.name})`;
  // ptrace(2), "Ptrace access mode checking": reading a process's memory map needs the caller's
  // uid to match the target's real, effective and saved uids, and the target to be dumpable,
  // unless the caller has CAP_SYS_PTRACE (root).
  if (real !== me) {
    return {
      kind: 'other-user', pid,
      message: `${who} belongs to another user (uid ${real}; memtui runs as uid ${me}): only that user or root may read its maps and pagemap. `
        + `Watch a process of your own (\`ps -u $USER\`), or run memtui as that user or as root (sudo memtui --pid ${pid})`,
    };
  }
  if (effective !== me || saved !== me) {
    return {
      kind: 'other-user', pid,
      message: `${who} runs with another user's rights (effective uid ${effective}, saved uid ${saved}: a setuid program): `
        + `only root may read its maps and pagemap. Watch it as root (sudo memtui --pid ${pid}), or a program without the setuid bit`,
    };
  }
  // proc(5): a non-dumpable process's /proc/PID belongs to root.
  const evidence = readProcFilesOwner(pid) === 0 && me !== 0 ? '' : ' (or a security module such as AppArmor refuses it)';
  return {
    kind: 'not-dumpable', pid,
    message: `${who} is yours but not dumpable${evidence}: it called prctl(PR_SET_DUMPABLE, 0), or it runs a setuid, setgid or `
      + 'file-capability program, and the kernel then lets only root read its maps and pagemap. '
      + `Remove the prctl call while you do the lab, or watch it as root (sudo memtui --pid ${pid})`,
  };
}

/** A failed read of /proc/PID, classified: no such process, another user's, not dumpable, hidepid, ... */
export function explainFailure(pid: number, error: unknown): TargetProblem {
  if (!(error instanceof ProcError)) {
    return { kind: 'unreadable', pid, message: `could not read PID ${pid}: ${(error as Error).message ?? String(error)}` };
  }
  if (error.kind === 'no-such-process') return explainMissing(pid);
  if (error.kind === 'permission') return explainRefusal(pid);
  if (error.kind === 'no-proc') return { kind: 'no-proc', pid, message: error.message };
  return { kind: 'unreadable', pid, message: error.message };
}
