import type { CommandName } from './command.js';

export interface CommandHelp {
  usage: string;
  summary: string;
  detail: string;
  example: string;
}

/** One entry per command: the help overlay, `help`, and usage errors all read from here. */
export const commandHelp: Record<CommandName, CommandHelp> = {
  mmap: {
    usage: 'mmap [pages]', summary: 'map anonymous private read+write pages (default 1)',
    detail: 'Asks the kernel for address space with mmap. VSZ grows at once; RSS only when a page is first written.',
    example: 'mmap 2',
  },
  write: {
    usage: 'write <target> [text|byte]', summary: 'write text at the target, or fill all of it with one byte given as 0x41',
    detail: 'Without data, fills the target with "*". The first write to a page faults it in: it becomes resident.',
    example: 'write #1 hello',
  },
  read: {
    usage: 'read <target> [length]', summary: 'hexdump the target (default up to 256 bytes)',
    detail: 'A page that is not resident reads as zeros; memtui shows them without touching the page, so it stays out of RSS.',
    example: 'read #1 64',
  },
  munmap: {
    usage: 'munmap <target>', summary: 'unmap the raw mapping that holds the target',
    detail: 'Gives the address space back: VSZ shrinks by the mapping, and its resident pages leave RSS.',
    example: 'munmap #1',
  },
  madvise: {
    usage: 'madvise <target> dontneed', summary: 'drop the pages of a raw mapping from RAM (they stay mapped)',
    detail: 'MADV_DONTNEED: RSS shrinks, VSZ does not; the pages read back as zeros and fault in again on the next write.',
    example: 'madvise p0 dontneed',
  },
  mode: {
    usage: 'mode a|b', summary: 'choose the allocator: a = Part A page manager, b = Part B elastic heap',
    detail: 'init, alloc, free, cleanup and policy act on the chosen allocator. Both may be live at once.',
    example: 'mode b',
  },
  init: {
    usage: 'init', summary: 'init_alloc() of the chosen allocator',
    detail: 'Part A maps its one 4 KiB page now; Part B maps nothing until the first alloc needs a page.',
    example: 'init',
  },
  alloc: {
    usage: 'alloc <size>', summary: 'alloc(size) bytes: a multiple of 8 (Part A) or of 256 (Part B), at most 4096',
    detail: 'Shows the chunk it got, whether a free chunk was split, whether a page was mapped, and what the kernel saw.',
    example: 'alloc 512',
  },
  free: {
    usage: 'free <target>', summary: 'dealloc() a chunk (alias: dealloc)',
    detail: 'Frees the whole chunk and merges it with free neighbours in the same page. Wrong addresses are named, never freed.',
    example: 'free #3',
  },
  cleanup: {
    usage: 'cleanup', summary: 'cleanup() of the chosen allocator: forget every chunk and unmap its pages',
    detail: 'Part A unmaps its page; Part B unmaps every page it mapped (VSZ shrinks by them).',
    example: 'cleanup',
  },
  policy: {
    usage: 'policy first|best|worst|next', summary: 'choose where alloc places a chunk; without a name, shows the current one',
    detail: 'first: lowest address that fits; best: smallest that fits; worst: largest; next: first fit after the last allocation, wrapping.',
    example: 'policy best',
  },
  stat: {
    usage: 'stat', summary: "VSZ and RSS from /proc/self, and which part of them is ours",
    detail: 'Reads /proc/self/stat and /proc/self/status; ours = pages we mapped, and those resident by mincore.',
    example: 'stat',
  },
  ps: {
    usage: 'ps', summary: 'run the real `ps -o vsz=,rss= -p PID` on this process and show what it printed',
    detail: 'ps reads the same kernel counters: VSZ and RSS in KiB.',
    example: 'ps',
  },
  maps: {
    usage: 'maps [all]', summary: "this process's /proc/self/maps, our mappings marked",
    detail: 'By default the lines that hold our pages, with their neighbours and a count of each kind of region; `maps all` lists every line.',
    example: 'maps',
  },
  mark: {
    usage: 'mark', summary: 'take the current VSZ and RSS as the baseline for the deltas in the header',
    detail: 'The header shows each figure with its change since the last mark.',
    example: 'mark',
  },
  run: {
    usage: 'run test_alloc|test_ealloc', summary: "replay the lab's own test program step by step",
    detail: 'Each step: the operation, the chunk it got, the data check; for test_ealloc the VSZ lines, expected next to measured.',
    example: 'run test_ealloc',
  },
  lesson: {
    usage: 'lesson [N|next|back|list|hide]', summary: 'the guided walkthrough: open lesson N, move on, go back, list them',
    detail: 'Each step asks for one action, watches the measurements, and explains what happened once it is seen.',
    example: 'lesson 2',
  },
  help: {
    usage: 'help [command]', summary: 'list the commands, or explain one',
    detail: 'Targets: #<id> as shown on screen, 0x<address> inside one of our pages, p<N> for page N of the grid.',
    example: 'help alloc',
  },
  quit: {
    usage: 'quit', summary: 'leave memtui (alias: exit, q); every page is unmapped first',
    detail: 'Ctrl-C and q do the same.',
    example: 'quit',
  },
};
