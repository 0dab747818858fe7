import { describeGaps, gaps } from './free-space.js';
import type { Placement, Spot } from './policy-inference.js';
import type { Probe } from './probe.js';
import { randomStream } from './random-stream.js';

export interface WorkloadShape {
  seed: number;
  steps: number;
  /** Sizes are unit x 1..maxUnits (MINALLOC multiples). */
  unit: number;
  maxUnits: number;
  /** Bytes the heap can hold (one page in Part A, four in Part B): allocs thin out near it. */
  capacity: number;
  /** Part B: pages may be mapped on demand, up to this many. */
  maxPages: number;
}

/**
 * A seeded mix of allocs and frees. Each alloc must succeed whenever a free gap fits it (or, in
 * Part B, a page may still be mapped), and must not map a page while a gap fits. Returns where
 * each chunk went, for inferring the placement policy.
 */
export async function runWorkload(probe: Probe, shape: WorkloadShape): Promise<Placement[]> {
  const next = randomStream(shape.seed);
  const placements: Placement[] = [];
  let rover: Spot | null = null;
  for (let step = 0; step < shape.steps; step += 1) {
    const live = probe.allocator.chunks();
    const liveBytes = live.reduce((total, chunk) => total + chunk.size, 0);
    const allocate = live.length === 0 || next() % 100 < (liveBytes < shape.capacity * 0.7 ? 65 : 30);
    if (!allocate) {
      await probe.free(live[next() % live.length]!.address);
      continue;
    }
    const size = shape.unit * (1 + (next() % shape.maxUnits));
    const layout = probe.allocator.layout();
    const free = gaps(layout);
    const fitting = free.find((gap) => gap.size >= size);
    const mayMapPage = layout.pages.length < shape.maxPages && shape.maxPages > 1;
    const chunkId = probe.allocator.chunks().length === 0 ? 0 : Math.max(...probe.allocator.chunks().map((chunk) => chunk.id));
    const address = await probe.alloc(size);
    const where = fitting ? `${fitting.size} B at ${shape.maxPages > 1 ? `page ${fitting.pageOrder} ` : ''}offset ${fitting.offset} was free` : '';
    if (address === null) {
      if (fitting) probe.fail(`alloc(${size}) returned NULL although ${where}: a request must be served whenever a free chunk fits (${describeGaps(layout)})`);
      if (mayMapPage) probe.fail(`alloc(${size}) returned NULL with ${layout.pages.length} of ${shape.maxPages} pages mapped: a new page should have been mapped`);
      placements.push({ chunkId: chunkId + 1, size, gaps: free, rover, chosen: null, mayMapPage });
      continue;
    }
    const after = probe.allocator.layout();
    const chunk = after.chunks.find((view) => view.address === address)!;
    const page = after.pages.find((candidate) => candidate.base === chunk.page);
    const mappedNow = probe.last!.pagesMapped.length > 0;
    if (mappedNow && shape.maxPages === 1) probe.fail(`alloc(${size}) mapped another page: Part A manages the one page init_alloc mapped`);
    if (mappedNow && fitting) probe.fail(`alloc(${size}) mapped a new page although ${where}: free space is reused before a new page is mapped`);
    const spot = { pageOrder: page?.order ?? -1, offset: chunk.offset ?? -1 };
    placements.push({ chunkId: chunk.id, size, gaps: free, rover, chosen: mappedNow ? 'new-page' : spot, mayMapPage });
    rover = { pageOrder: spot.pageOrder, offset: spot.offset + size };
  }
  return placements;
}
