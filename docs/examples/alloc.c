/*
 * alloc.c: an example Part A allocator (alloc.h), the one `load example` runs in memtui.
 *
 *   memtui, then:  load example      (or: load docs/examples/alloc.c)
 *                  init; alloc 512; alloc 1024; free #1
 *   memtui grade docs/examples/alloc.c      every check of the lab passes
 *
 * One 4 KiB page from mmap, handed out in units of 8 bytes (MINALLOC), first fit. All 4096
 * bytes are usable: the bookkeeping is two arrays outside the page, indexed by unit:
 *   length[u]  the number of units of the chunk that starts at unit u (0: no chunk starts here)
 *   used[u]    whether that chunk is allocated
 * Chunks tile the page, so `u += length[u]` walks them from unit 0 to the end.
 */
#include <stddef.h>
#include <sys/mman.h>
#include "alloc.h"

#define UNITS (PAGESIZE / MINALLOC)

static char *page;
static int length[UNITS];
static char used[UNITS];

int init_alloc(void) {
  if (page) return 1; /* already initialised: cleanup first */
  void *mapped = mmap(NULL, PAGESIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (mapped == MAP_FAILED) return 2;
  page = mapped;
  for (int unit = 0; unit < UNITS; unit++) { length[unit] = 0; used[unit] = 0; }
  length[0] = UNITS; /* one free chunk: the whole page */
  return 0;
}

int cleanup(void) {
  if (!page) return 1;
  munmap(page, PAGESIZE);
  page = NULL;
  return 0;
}

char *alloc(int size) {
  if (!page || size <= 0 || size % MINALLOC || size > PAGESIZE) return NULL;
  int need = size / MINALLOC;
  for (int unit = 0; unit < UNITS; unit += length[unit]) {
    if (used[unit] || length[unit] < need) continue;
    /* Split: the rest of a larger free chunk stays free, as a chunk of its own. */
    if (length[unit] > need) length[unit + need] = length[unit] - need;
    length[unit] = need;
    used[unit] = 1;
    return page + unit * MINALLOC;
  }
  return NULL; /* no free chunk is large enough */
}

void dealloc(char *ptr) {
  /* NULL, a pointer outside the page or not on a unit: not a chunk of ours, nothing to do. */
  if (!page || ptr < page || ptr >= page + PAGESIZE || (ptr - page) % MINALLOC) return;
  int target = (int)(ptr - page) / MINALLOC;
  int previous = -1;
  int unit = 0;
  while (unit < target) { previous = unit; unit += length[unit]; }
  if (unit != target || !used[unit]) return; /* an interior pointer, or a double free */
  used[unit] = 0;
  /* Merge with a free right neighbour, then with a free left neighbour. */
  int next = unit + length[unit];
  if (next < UNITS && !used[next]) { length[unit] += length[next]; length[next] = 0; }
  if (previous >= 0 && !used[previous]) { length[previous] += length[unit]; length[unit] = 0; }
}
