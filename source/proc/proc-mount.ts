import { readFileSync } from 'node:fs';
import { getProcRoot } from './proc-files.js';

/**
 * proc(5) mount option hidepid: who may see other users' /proc/PID.
 * - off (0): everyone may read the world-readable files (status, stat, maps' existence).
 * - noaccess (1): /proc/PID of other users stays listed, but every file in it is refused.
 * - invisible (2): other users' /proc/PID are hidden: they read as if the process did not exist.
 * - ptraceable (4, Linux 5.8): only processes the reader may ptrace are visible.
 * Members of the group named by gid= are exempt.
 */
export type HidePid = 'off' | 'noaccess' | 'invisible' | 'ptraceable';

export interface ProcMountOptions {
  hidePid: HidePid;
  /** gid=N: the group whose members see everything despite hidepid; null when not set. */
  exemptGroup: number | null;
}

const hidePidNames: Record<string, HidePid> = {
  0: 'off', off: 'off', 1: 'noaccess', noaccess: 'noaccess', 2: 'invisible', invisible: 'invisible',
  4: 'ptraceable', ptraceable: 'ptraceable',
};

/** Octal escapes in /proc/mounts fields (a space is "\040"). */
function unescapeMountField(field: string): string {
  return field.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(Number.parseInt(octal, 8)));
}

/** The options of the last proc mount at `mountPoint` in the text of /proc/mounts (fstab(5) fields). */
export function parseProcMountOptions(mountsText: string, mountPoint: string): ProcMountOptions {
  let options: ProcMountOptions = { hidePid: 'off', exemptGroup: null };
  for (const line of mountsText.split('\n')) {
    const [, where, type, flags] = line.split(' ');
    if (type !== 'proc' || where === undefined || unescapeMountField(where) !== mountPoint) continue;
    // A later mount over the same point hides an earlier one: the last line wins.
    options = { hidePid: 'off', exemptGroup: null };
    for (const option of (flags ?? '').split(',')) {
      const [name, value] = option.split('=');
      if (name === 'hidepid' && value !== undefined) options.hidePid = hidePidNames[value] ?? 'off';
      if (name === 'gid' && value !== undefined && /^\d+$/.test(value)) options.exemptGroup = Number(value);
    }
  }
  return options;
}

/** The mount options of the /proc memtui reads; 'off' when they cannot be read. */
export function readProcMountOptions(): ProcMountOptions {
  const root = getProcRoot();
  try {
    return parseProcMountOptions(readFileSync(`${root}/mounts`, 'utf8'), root);
  } catch {
    return { hidePid: 'off', exemptGroup: null };
  }
}
