import { describe, expect, it } from 'vitest';
import { parseAnswer } from '../../source/student/protocol.js';

describe("the driver's answer lines", () => {
  it('reads a done line with every field', () => {
    const answer = parseAnswer('done ptr=0x7f0000001200 w=0x7f0000001000+8 w=0x7f0000001400+2 wmore=3 fill=0x7f0000002000 gone=0x7f0000003000 res=0x7f0000001000:1 res=0x7f0000005000:0 malloc=2 vm=1');
    expect(answer).toEqual({
      kind: 'done',
      returned: null,
      pointer: 0x7f0000001200n,
      changed: [{ address: 0x7f0000001000n, length: 8 }, { address: 0x7f0000001400n, length: 2 }],
      changedLeftOut: 3,
      filled: false,
      fillFault: 0x7f0000002000n,
      untracked: false,
      gone: [0x7f0000003000n],
      resident: new Map([[0x7f0000001000n, true], [0x7f0000005000n, false]]),
      mallocs: 2,
      vmCalls: 1,
    });
    expect(parseAnswer('done ptr=0x7f0000001200 filled=1 untracked=1')).toMatchObject({ filled: true, untracked: true, fillFault: null });
  });

  it('reads init and cleanup return values, negative ones too, and NULL as 0', () => {
    expect(parseAnswer('done ret=-1')).toMatchObject({ kind: 'done', returned: -1, pointer: null, changed: [], mallocs: 0 });
    expect(parseAnswer('done ptr=0x0')).toMatchObject({ pointer: 0n });
  });

  it('reads a crash with and without a fault address', () => {
    expect(parseAnswer('crash sig=11 code=1 addr=0x8 pc=0x7f01 frames=0x5601,0x5602,0x7f01,0x5603')).toEqual({
      kind: 'crash', signal: 11, code: 1, faultAddress: 8n, pc: 0x7f01n, frames: [0x5601n, 0x5602n, 0x7f01n, 0x5603n],
    });
    expect(parseAnswer('crash sig=6 code=-6 addr=0x0 noaddr=1 pc=0x7f02 frames=')).toMatchObject({ signal: 6, faultAddress: null, frames: [] });
  });

  it('reads stuck, ready and the start errors', () => {
    expect(parseAnswer('stuck pc=0x7f03 frames=0x1,0x7f03,0x2')).toEqual({ kind: 'stuck', pc: 0x7f03n, frames: [1n, 0x7f03n, 2n] });
    expect(parseAnswer('ready')).toEqual({ kind: 'ready' });
    expect(parseAnswer('error symbols alloc dealloc')).toEqual({ kind: 'error', reason: 'symbols', message: 'alloc dealloc' });
    expect(parseAnswer('error dlopen /x.so: file too short')).toEqual({ kind: 'error', reason: 'dlopen', message: '/x.so: file too short' });
  });

  it('refuses a line it does not know', () => {
    expect(() => parseAnswer('hello')).toThrow(/does not understand: "hello"/);
  });
});
