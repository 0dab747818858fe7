import { describe, expect, it } from 'vitest';
import { ChunkTable } from '../../source/student/chunk-table.js';

const page = 0x7f0000000000n;

describe('stray writes: bytes of the pages the library changed that were not its to change', () => {
  it('splits a range by the chunks it crosses and names each part', () => {
    const table = new ChunkTable();
    const first = table.add(page, 512);
    table.add(page + 512n, 1024);
    expect(first.id).toBe(1);
    // The last 8 B of #1 and the first 8 B of #2 in one range; then 4 B of free space.
    const writes = table.classify([{ address: page + 504n, length: 16 }, { address: page + 2000n, length: 4 }], {});
    expect(writes).toEqual([
      { address: page + 504n, length: 8, region: 'live-chunk', chunkId: 1, offsetInChunk: 504, page, offsetInPage: 504 },
      { address: page + 512n, length: 8, region: 'live-chunk', chunkId: 2, offsetInChunk: 0, page, offsetInPage: 512 },
      { address: page + 2000n, length: 4, region: 'free-space', chunkId: null, offsetInChunk: null, page, offsetInPage: 2000 },
    ]);
  });

  it('lets alloc write into the chunk it returns, and names writes into the chunk being freed', () => {
    const table = new ChunkTable();
    const returned = table.add(page, 256);
    expect(table.classify([{ address: page, length: 256 }], { returned })).toEqual([]);
    table.remove(returned);
    expect(table.classify([{ address: page, length: 8 }], { freeing: returned })).toMatchObject([
      { region: 'chunk-being-freed', chunkId: 1, offsetInChunk: 0, length: 8 },
    ]);
  });

  it('never reports one range across two pages', () => {
    const table = new ChunkTable();
    expect(table.classify([{ address: page + 4090n, length: 12 }], {})).toMatchObject([
      { address: page + 4090n, length: 6, page, offsetInPage: 4090 },
      { address: page + 4096n, length: 6, page: page + 4096n, offsetInPage: 0 },
    ]);
  });

  it('keeps ids in allocation order and finds chunks by start or by an inner byte', () => {
    const table = new ChunkTable();
    table.add(page, 8);
    const second = table.add(page + 8n, 8);
    expect(table.nextId).toBe(3);
    expect(table.at(page + 8n)).toBe(second);
    expect(table.at(page + 9n)).toBeUndefined();
    expect(table.holding(page + 9n)).toBe(second);
    table.clear();
    expect(table.list()).toEqual([]);
    expect(table.nextId).toBe(3);
  });
});
