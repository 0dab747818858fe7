/**
 * Runs of a property test, scaled by MEMTUI_PROPERTY_SCALE (default 1): `npm run test:quick`
 * sets it low for a fast loop; a long soak sets it high. Never below one run.
 */
export function propertyRuns(base: number): number {
  const scale = Number(process.env.MEMTUI_PROPERTY_SCALE ?? '1');
  return Math.max(1, Math.round(base * (Number.isFinite(scale) && scale > 0 ? scale : 1)));
}
