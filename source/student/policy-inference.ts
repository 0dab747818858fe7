import type { Gap } from './free-space.js';

export type PolicyName = 'first' | 'best' | 'worst' | 'next';

export const policyNames: readonly PolicyName[] = ['first', 'best', 'worst', 'next'];

/** A place in the heap: a page (in mapping order) and an offset in it. */
export interface Spot {
  pageOrder: number;
  offset: number;
}

/** One alloc of the workload: the free gaps before it and where the student's allocator put the chunk. */
export interface Placement {
  chunkId: number;
  size: number;
  gaps: Gap[];
  /** Where next fit starts looking: just after the chunk most recently allocated. */
  rover: Spot | null;
  /** The student's choice: a spot in an existing page, or 'new-page' (Part B), or null (NULL). */
  chosen: Spot | 'new-page' | null;
  /** Part B: a page may still be mapped when nothing fits. */
  mayMapPage: boolean;
}

const before = (a: Spot, b: Spot): boolean => a.pageOrder < b.pageOrder || (a.pageOrder === b.pageOrder && a.offset < b.offset);

/**
 * Where each policy puts `size` among `gaps` (in page order, then offset), as memtui's own
 * allocators define them: first fit, the lowest that fits; best, the smallest that fits (ties to
 * the lowest); worst, the largest (ties to the lowest); next, the first that fits at or after the
 * rover, wrapping around. A chunk goes at the start of its gap.
 */
export function policyChoice(policy: PolicyName, placement: Pick<Placement, 'gaps' | 'size' | 'rover' | 'mayMapPage'>): Spot | 'new-page' | null {
  const fitting = placement.gaps.filter((gap) => gap.size >= placement.size);
  let gap: Gap | undefined;
  switch (policy) {
    case 'first': gap = fitting[0]; break;
    case 'best': gap = fitting.reduce<Gap | undefined>((chosen, candidate) => (!chosen || candidate.size < chosen.size ? candidate : chosen), undefined); break;
    case 'worst': gap = fitting.reduce<Gap | undefined>((chosen, candidate) => (!chosen || candidate.size > chosen.size ? candidate : chosen), undefined); break;
    case 'next': {
      const rover = placement.rover;
      gap = rover ? fitting.find((candidate) => !before(candidate, rover)) ?? fitting[0] : fitting[0];
      break;
    }
  }
  if (gap) return { pageOrder: gap.pageOrder, offset: gap.offset };
  return placement.mayMapPage ? 'new-page' : null;
}

function same(a: Spot | 'new-page' | null, b: Spot | 'new-page' | null): boolean {
  if (a === null || b === null || a === 'new-page' || b === 'new-page') return a === b;
  return a.pageOrder === b.pageOrder && a.offset === b.offset;
}

function spotText(spot: Spot | 'new-page' | null, pages: boolean): string {
  if (spot === null) return 'NULL';
  if (spot === 'new-page') return 'a new page';
  return `${pages ? `page ${spot.pageOrder} ` : ''}offset ${spot.offset}`;
}

export interface PolicyFinding {
  /** The policies every decisive placement agrees with. */
  matches: PolicyName[];
  /** Placements where the four policies do not all choose the same spot. */
  decisive: number;
  agreement: Record<PolicyName, number>;
  /** The first placement the closest policy would have made differently, in words. */
  example: string | null;
}

export function inferPolicy(placements: readonly Placement[], multiPage = false): PolicyFinding {
  const agreement: Record<PolicyName, number> = { first: 0, best: 0, worst: 0, next: 0 };
  const firstMiss = new Map<PolicyName, string>();
  let decisive = 0;
  for (const placement of placements) {
    const choices = policyNames.map((policy) => policyChoice(policy, placement));
    if (choices.every((choice) => same(choice, choices[0]!))) continue;
    decisive += 1;
    policyNames.forEach((policy, index) => {
      if (same(choices[index]!, placement.chosen)) agreement[policy] += 1;
      else if (!firstMiss.has(policy)) {
        firstMiss.set(policy, `your allocator placed #${placement.chunkId} (alloc(${placement.size})) at ${spotText(placement.chosen, multiPage)}; ${policy} fit would choose ${spotText(choices[index]!, multiPage)}`);
      }
    });
  }
  const matches = policyNames.filter((policy) => agreement[policy] === decisive);
  const closest = [...policyNames].sort((a, b) => agreement[b] - agreement[a])[0]!;
  return { matches, decisive, agreement, example: matches.length > 0 ? null : firstMiss.get(closest) ?? null };
}

export function describePolicy(finding: PolicyFinding): string {
  if (finding.decisive === 0) return 'placement policy: not told apart (the policies never disagreed)';
  const names = (policies: readonly PolicyName[]) => policies.map((policy) => `${policy} fit`).join(' and ');
  if (finding.matches.length > 0) {
    return `placement policy: ${names(finding.matches)} (every one of ${finding.decisive} choices where the policies differ)`;
  }
  const closest = [...policyNames].sort((a, b) => finding.agreement[b] - finding.agreement[a])[0]!;
  return `placement policy: none of first/best/worst/next fit exactly; closest ${closest} fit (${finding.agreement[closest]} of ${finding.decisive} choices); ${finding.example}`;
}
