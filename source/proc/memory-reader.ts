import { closeSync, openSync, readSync } from 'node:fs';
import { getProcRoot, type Pid, readProcFile } from './proc-files.js';
import { parseStatus } from './status.js';

/** VSZ and RSS in bytes: VmSize and VmRSS of /proc/PID/status, what ps shows. */
export interface MemoryFigures {
  vszBytes: number;
  rssBytes: number;
}

const VM_SIZE = Buffer.from('VmSize:');
const VM_RSS = Buffer.from('VmRSS:');

/** The number of kB after `label` in the buffer's first `length` bytes, read without making strings. */
function kibAfter(buffer: Buffer, length: number, label: Buffer): number {
  const at = buffer.indexOf(label);
  if (at < 0 || at >= length) return Number.NaN;
  let value = 0;
  let digits = 0;
  for (let index = at + label.length; index < length; index += 1) {
    const byte = buffer[index]!;
    if (byte >= 0x30 && byte <= 0x39) {
      value = value * 10 + (byte - 0x30);
      digits += 1;
    } else if (digits > 0) break;
  }
  return digits === 0 ? Number.NaN : value;
}

/**
 * Reads VmSize and VmRSS over and over, as cheaply as the kernel allows: one file descriptor
 * kept open, one buffer reused, digits read from bytes. Measuring allocates next to nothing,
 * so the measurement itself does not move the RSS it reports (a fresh read per sample made
 * strings and a Map of 50 fields each time).
 */
export class MemoryReader {
  readonly #pid: Pid;
  readonly #buffer = Buffer.alloc(8192);
  #fd: number | null = null;

  constructor(pid: Pid = 'self') {
    this.#pid = pid;
  }

  read(): MemoryFigures {
    try {
      this.#fd ??= openSync(`${getProcRoot()}/${this.#pid}/status`, 'r');
      // seq_file: a read at offset 0 renders the file anew.
      const length = readSync(this.#fd, this.#buffer, 0, this.#buffer.length, 0);
      const vsz = kibAfter(this.#buffer, length, VM_SIZE);
      const rss = kibAfter(this.#buffer, length, VM_RSS);
      if (Number.isFinite(vsz) && Number.isFinite(rss)) return { vszBytes: vsz * 1024, rssBytes: rss * 1024 };
    } catch {
      this.close();
    }
    // The slow path says what is wrong (no such process, permission) in a ProcError.
    const status = parseStatus(readProcFile(this.#pid, 'status'));
    return { vszBytes: status.vmSizeKiB * 1024, rssBytes: status.vmRssKiB * 1024 };
  }

  close(): void {
    if (this.#fd !== null) {
      try { closeSync(this.#fd); } catch { /* already gone */ }
      this.#fd = null;
    }
  }
}
