import { describe, expect, it } from 'vitest';
import { type Gap, gaps } from '../../source/student/free-space.js';
import { describePolicy, inferPolicy, type Placement, policyChoice } from '../../source/student/policy-inference.js';
import type { Layout } from '../../source/student/step-result.js';

const page = 0x7f0000000000n;
const gap = (offset: number, size: number, pageOrder = 0): Gap => ({ pageOrder, page: page + BigInt(pageOrder * 4096), offset, size });
// Free: 512 B at 0, 256 B at 1024, 2048 B at 2048.
const holes = [gap(0, 512), gap(1024, 256), gap(2048, 2048)];

describe('placement policies, as memtui defines them', () => {
  it('places a 200 B request where each policy would', () => {
    const request = { gaps: holes, size: 200, rover: null, mayMapPage: false };
    expect(policyChoice('first', request)).toEqual({ pageOrder: 0, offset: 0 });
    expect(policyChoice('best', request)).toEqual({ pageOrder: 0, offset: 1024 });
    expect(policyChoice('worst', request)).toEqual({ pageOrder: 0, offset: 2048 });
    expect(policyChoice('next', { ...request, rover: { pageOrder: 0, offset: 1100 } })).toEqual({ pageOrder: 0, offset: 2048 });
    expect(policyChoice('next', { ...request, rover: { pageOrder: 0, offset: 3000 } })).toEqual({ pageOrder: 0, offset: 0 });
  });

  it('says NULL when nothing fits, or a new page when one may be mapped', () => {
    expect(policyChoice('first', { gaps: holes, size: 4096, rover: null, mayMapPage: false })).toBeNull();
    expect(policyChoice('best', { gaps: holes, size: 4096, rover: null, mayMapPage: true })).toBe('new-page');
  });

  it('names the policy a run of placements matches, and the first miss of the closest when none does', () => {
    const placement = (chunkId: number, size: number, offset: number): Placement => ({ chunkId, size, gaps: holes, rover: null, chosen: { pageOrder: 0, offset }, mayMapPage: false });
    const bestRun = [placement(1, 200, 1024), placement(2, 300, 0), placement(3, 1000, 2048)];
    const best = inferPolicy(bestRun);
    expect(best.matches).toEqual(['best']);
    expect(best.decisive).toBe(2); // 1000 B fits only at 2048: the policies agree there
    expect(describePolicy(best)).toBe('placement policy: best fit (every one of 2 choices where the policies differ)');

    const odd = inferPolicy([placement(4, 200, 1024 + 56)]);
    expect(odd.matches).toEqual([]);
    expect(describePolicy(odd)).toMatch(/^placement policy: none of first\/best\/worst\/next fit exactly; closest first fit \(0 of 1 choices\); your allocator placed #4 \(alloc\(200\)\) at offset 1080; first fit would choose offset 0$/);
  });
});

describe('free space from outside', () => {
  it('is each page minus its live chunks, free neighbours as one gap, in page order', () => {
    const layout: Layout = {
      pages: [{ base: page + 4096n, resident: true, order: 0 }, { base: page, resident: true, order: 1 }],
      chunks: [
        { id: 1, address: page + 4096n + 256n, size: 256, page: page + 4096n, offset: 256 },
        { id: 2, address: page, size: 4096, page, offset: 0 },
      ],
    };
    expect(gaps(layout)).toEqual([
      { pageOrder: 0, page: page + 4096n, offset: 0, size: 256 },
      { pageOrder: 0, page: page + 4096n, offset: 512, size: 3584 },
    ]);
  });
});
