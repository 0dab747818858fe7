/** Addresses travel as '0x…' text (lower-case hex, as /proc/PID/maps prints them, with 0x). */
export function formatAddress(address: bigint): string {
  return `0x${address.toString(16)}`;
}

const ADDRESS_LIMIT = 1n << 64n;

/**
 * An address from a user or a caller: a bigint, a whole number, or text "0x7f10f8836000".
 * Returns the bigint, or a sentence saying what is wrong with it.
 */
export function parseAddress(input: bigint | number | string): bigint | string {
  let value: bigint;
  if (typeof input === 'bigint') {
    value = input;
  } else if (typeof input === 'number') {
    if (!Number.isSafeInteger(input)) return `${input} is not an address: an address is a whole number of bytes, e.g. 0x7f10f8836000`;
    value = BigInt(input);
  } else {
    const text = input.trim();
    if (!/^0x[0-9a-f]+$/i.test(text)) {
      const hint = /^[0-9a-f]+$/i.test(text) ? ` (write it with 0x in front: 0x${text})` : ' (e.g. 0x7f10f8836000, as maps prints it with 0x in front)';
      return `"${input}" is not an address${hint}`;
    }
    value = BigInt(text);
  }
  if (value < 0n) return `${input} is not an address: addresses are not negative`;
  if (value >= ADDRESS_LIMIT) return `${formatAddress(value)} is outside the 64-bit address space`;
  return value;
}
