import type { Check, CheckResult } from './check-types.js';
import { CheckStop, Probe } from './probe.js';
import type { Part } from './student-file.js';
import { StudentAllocator } from './student-allocator.js';

/** Runs one check in a driver process of its own (a crash in one check cannot spoil another). */
export async function runCheck(check: Check, library: string, part: Part, timeoutMs: number): Promise<CheckResult> {
  const allocator = await StudentAllocator.start({ library, part, timeoutMs });
  const probe = new Probe(allocator, check.watch);
  try {
    const detail = await check.run(probe);
    return { check: check.id, verdict: 'pass', detail, ...(probe.policy ? { policy: probe.policy } : {}) };
  } catch (error) {
    if (error instanceof CheckStop) return error.toResult(check.id);
    throw error;
  } finally {
    await allocator.close();
  }
}
