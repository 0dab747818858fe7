/** Where a request goes among the free chunks that fit. */
export type Policy = 'first' | 'best' | 'worst' | 'next';

export const policies: readonly Policy[] = ['first', 'best', 'worst', 'next'];

export const policyDescriptions: Record<Policy, string> = {
  first: 'first fit: the lowest address that fits',
  best: 'best fit: the smallest free chunk that fits, ties to the lowest address',
  worst: 'worst fit: the largest free chunk, ties to the lowest address',
  next: 'next fit: first fit starting after the chunk most recently allocated, wrapping around',
};

export function isPolicy(text: string): text is Policy {
  return (policies as readonly string[]).includes(text);
}
