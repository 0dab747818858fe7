// A bigint address as a plain number, fast: Number(bigint) costs about 24 ns here (a call into
// the runtime), a store into a BigUint64Array and two 32-bit reads about 6 ns. Addresses in user
// space fit in 47 bits, so the number is exact.

const wide = new BigUint64Array(1);
const halves = new Uint32Array(wide.buffer);

wide[0] = 1n;
if (halves[0] !== 1) throw new Error('memtui expects a little-endian machine (x86_64 or arm64)');

/**
 * The address as a number, or -1 for a bigint that cannot be a pointer (negative, or 2^64 and
 * above: a BigUint64Array would wrap those onto a real address).
 */
export function addressNumber(address: bigint): number {
  wide[0] = address;
  // Reading back what was stored is cheaper than two bigint comparisons, and as exact.
  if (wide[0] !== address) return -1;
  return halves[1]! * 4_294_967_296 + halves[0]!;
}
