/**
 * Runs of a property test, scaled by MEMTUI_PROPERTY_SCALE (default 1): `npm run test:quick`
 * sets it low for a fast loop; a long soak sets it high. Never below one run.
 */
export function propertyRuns(base: number): number {
  const scale = Number(process.env.MEMTUI_PROPERTY_SCALE ?? '1');
  return Math.max(1, Math.round(base * (Number.isFinite(scale) && scale > 0 ? scale : 1)));
}

/**
 * The operations a property test must have run at least: its full share at scale 1 or more; on
 * a short run, a fraction of it with room for the randomness of few runs.
 */
export function operationFloor(share: number, numRuns: number): number {
  const scale = propertyRuns(numRuns) / numRuns;
  return scale >= 1 ? share : Math.floor((share * scale) / 3);
}
