/** An address as a student reads it in gdb: 0x7f3a2c1b5000. */
export function hex(address: bigint): string {
  return `0x${address.toString(16)}`;
}
