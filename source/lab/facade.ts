/**
 * What the lab's C functions would reject at compile time, checked at run time: from plain
 * JavaScript a pointer can arrive as a number, a string or undefined. Each mistake is a
 * TypeError that says what was expected, never a crash or a silent misreading.
 */

/** A value as a message names it: `undefined`, `the number 42`, `the string "0x7f"`, `an object`. */
function describe(value: unknown): string {
  switch (typeof value) {
    case 'undefined': return 'undefined';
    case 'number': return `the number ${value}`;
    case 'string': return `the string ${JSON.stringify(value.length > 24 ? `${value.slice(0, 24)}...` : value)}`;
    case 'bigint': return `the bigint ${value}n`;
    case 'object': return value === null ? 'null' : Array.isArray(value) ? 'an array' : 'an object';
    default: return `a ${typeof value}`;
  }
}

/** `call`'s pointer argument must be a bigint (a number loses nothing here, but is not what alloc returned). */
export function expectPointer(call: string, ptr: unknown): asserts ptr is bigint {
  if (typeof ptr === 'bigint') return;
  const hint = typeof ptr === 'number' ? ' (a pointer is a bigint, like 0x7f0000001000n; keep the value alloc gave you)' : '';
  throw new TypeError(`${call}: pass back the bigint alloc returned, not ${describe(ptr)}${hint}`);
}

export function expectSize(call: string, size: unknown): asserts size is number {
  if (typeof size !== 'number') throw new TypeError(`${call}: the size must be a number of bytes, not ${describe(size)}`);
}
