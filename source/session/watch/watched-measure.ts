// stat, ps and maps while another process is watched (--pid, watch): the same questions, asked
// of that process; the watched process answers them (WatchedProcess.handle).
import { runPs } from '../../proc/index.js';
import { kib, plural, type Sample } from '../../result/index.js';
import { fail, type Outcome } from '../outcome.js';
import type { WatchedProcess } from './watched-process.js';

/** `stat` of a watched process: its status figures now, and their change since the mark. */
export function watchedStat(watched: WatchedProcess, mark: Sample | null): Outcome {
  const reading = watched.target.sample();
  if (!reading.ok) return fail(reading.problem.message);
  const { sample } = reading;
  const since = (now: number, then: number | undefined) => (then === undefined ? '' : ` (${kib(now - then, { signed: true })} since mark)`);
  return {
    ok: true,
    message: `PID ${sample.pid} (${sample.name}): VSZ ${kib(sample.vszBytes)}${since(sample.vszBytes, mark?.vszBytes)}, `
      + `RSS ${kib(sample.rssBytes)}${since(sample.rssBytes, mark?.rssBytes)}; ${sample.state}`,
    // status is what ps reads too (ps -o vsz=,rss= prints the same in KiB); the lab's tests read
    // VSZ from /proc/PID/stat field 23, in bytes: the same figure.
    details: [
      `/proc/${sample.pid}/status: VmSize ${sample.vszBytes / 1024} kB, VmRSS ${sample.rssBytes / 1024} kB = RssAnon ${sample.rssAnonBytes / 1024} `
        + `+ RssFile ${sample.rssFileBytes / 1024} + RssShmem ${sample.rssShmemBytes / 1024} kB, VmSwap ${sample.swapBytes / 1024} kB`,
    ],
    effect: {
      kind: 'watch-stat', pid: sample.pid, vszBytes: sample.vszBytes, rssBytes: sample.rssBytes,
      sinceMark: mark && { vszBytes: sample.vszBytes - mark.vszBytes, rssBytes: sample.rssBytes - mark.rssBytes },
    },
  };
}

/** `maps` of a watched process: every mapping with its RSS from smaps, the ones that changed marked. */
export function watchedMaps(watched: WatchedProcess): Outcome {
  const view = watched.regions(0);
  if (!view.ok) return fail(view.problem.message);
  const counts = new Map<string, number>();
  for (const region of view.regions) counts.set(region.kind, (counts.get(region.kind) ?? 0) + 1);
  const details = view.regions.map((region) => {
    const change = view.changes.get(region.start);
    const marker = change === undefined ? '  ' : '>>';
    const said = change === undefined ? '' : change.kind === 'new' ? '   <- new' : `   <- ${change.bytes === 0 ? 'changed' : kib(change.bytes, { signed: true })}`;
    return `${marker} ${region.start.slice(2)}-${region.end.slice(2)} ${region.perms} ${kib(region.sizeBytes).padStart(11)}  RSS ${kib(region.rssBytes).padStart(11)}  `
      + `${region.kind.padEnd(9)} ${region.path}${said}`;
  });
  const summary = [...counts].map(([kind, count]) => `${count} ${kind}`).join(', ');
  const changed = view.changes.size === 0 ? '' : `; ${plural(view.changes.size, 'line')} changed at the last change (marked >>)`;
  return {
    ok: true,
    message: `/proc/${watched.pid}/maps: ${plural(view.regions.length, 'line')} (${summary}), each with its RSS from smaps${changed}`,
    details,
    effect: { kind: 'maps', oursShown: 0 },
  };
}

/** `ps` of a watched process: the real ps, on its PID. */
export async function watchedPs(watched: WatchedProcess): Promise<Outcome> {
  const reading = await runPs(watched.pid);
  return {
    ok: true,
    message: `ps says VSZ ${reading.vszKiB.toLocaleString('en-US')} KiB, RSS ${reading.rssKiB.toLocaleString('en-US')} KiB for PID ${watched.pid} (${watched.label}; its own words below)`,
    details: [`$ ${reading.command}`, reading.raw],
    effect: { kind: 'ps', vszKiB: reading.vszKiB, rssKiB: reading.rssKiB },
  };
}
