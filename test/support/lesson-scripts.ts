import { lessons } from '../../source/walkthrough/index.js';

/** The lesson that watches the lab's before-you-begin program (the last; its number follows the others). */
export const watchLessonNumber = lessons.find((lesson) => lesson.title.startsWith('Watch a C program'))!.number;

/** Each lesson's own commands, as a student would type them in a fresh memtui. */
export const lessonScripts: Record<number, string[]> = {
  1: ['ps', 'maps all'],
  2: ['mmap', 'maps'],
  3: ['mmap', 'write #1 hello', 'stat'],
  4: ['mmap', 'write #1 hello', 'madvise #1 dontneed', 'munmap #1'],
  5: [
    'part a', 'init',
    'alloc 512',
    'alloc 1024', 'alloc 1024', 'free #2', 'free #3',
    'cleanup', 'init', 'alloc 1024', 'alloc 1024', 'alloc 1024', 'alloc 1024', 'free #4', 'free #6', 'alloc 2048',
    'free #7', 'policy best', 'alloc 64', 'free #8', 'policy worst', 'alloc 64',
  ],
  6: ['part b', 'init', 'alloc 256', 'alloc 256', 'alloc 3840', 'alloc 3840', 'alloc 4096', 'alloc 4096'],
  7: ['run test_alloc', 'run test_ealloc'],
  // Lesson 8 runs the example alloc.c memtui ships, then its example with a header in the page.
  8: ['load example', 'init', 'alloc 512', 'alloc 1024', 'free #1', 'grade', 'unload', 'load example-header', 'init', 'alloc 4096'],
  // The watch lesson, in `memtui watch -- ./before-you-begin`: input sends Enter to the program (wait
  // for its next pause after it); {mapped} is the address the program printed after its mmap.
  [watchLessonNumber]: ['mark', 'input', 'stat', 'pages {mapped}', 'input', 'stat'],
};

/** The pause the program reaches after each input of the watch lesson's script. */
export const watchLessonPauses = ['[2/3 after mmap]', '[3/3 after the write]'];
