/*
 * ealloc.c: an example Part B allocator (ealloc.h), the one `load example-b` runs in memtui.
 *
 * Pages are mapped one at a time, only when no free chunk fits (at most 4); each page keeps its
 * own chunk table (256-byte units) outside the page; first fit, page by page; a chunk never
 * crosses a page, and free space merges only within its page.
 */
#include <stddef.h>
#include <sys/mman.h>
#include "ealloc.h"

#define MAXPAGES 4
#define UNITS (PAGESIZE / MINALLOC)

static char *pages[MAXPAGES];
static int page_count;
static int length[MAXPAGES][UNITS];
static char used[MAXPAGES][UNITS];

void init_alloc(void) {
  for (int p = 0; p < page_count; p++) {
    for (int unit = 0; unit < UNITS; unit++) { length[p][unit] = 0; used[p][unit] = 0; }
    length[p][0] = UNITS; /* pages kept from an earlier round start empty */
  }
}

static char *place(int p, int need) {
  for (int unit = 0; unit < UNITS; unit += length[p][unit]) {
    if (used[p][unit] || length[p][unit] < need) continue;
    if (length[p][unit] > need) length[p][unit + need] = length[p][unit] - need;
    length[p][unit] = need;
    used[p][unit] = 1;
    return pages[p] + unit * MINALLOC;
  }
  return NULL;
}

char *alloc(int size) {
  if (size <= 0 || size % MINALLOC || size > PAGESIZE) return NULL;
  int need = size / MINALLOC;
  for (int p = 0; p < page_count; p++) {
    char *chunk = place(p, need);
    if (chunk) return chunk;
  }
  if (page_count == MAXPAGES) return NULL;
  void *mapped = mmap(NULL, PAGESIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (mapped == MAP_FAILED) return NULL;
  pages[page_count] = mapped;
  length[page_count][0] = UNITS;
  page_count++;
  return place(page_count - 1, need);
}

void dealloc(char *ptr) {
  for (int p = 0; p < page_count; p++) {
    if (!ptr || ptr < pages[p] || ptr >= pages[p] + PAGESIZE || (ptr - pages[p]) % MINALLOC) continue;
    int target = (int)(ptr - pages[p]) / MINALLOC;
    int previous = -1;
    int unit = 0;
    while (unit < target) { previous = unit; unit += length[p][unit]; }
    if (unit != target || !used[p][unit]) return;
    used[p][unit] = 0;
    int next = unit + length[p][unit];
    if (next < UNITS && !used[p][next]) { length[p][unit] += length[p][next]; length[p][next] = 0; }
    if (previous >= 0 && !used[p][previous]) { length[p][previous] += length[p][unit]; length[p][unit] = 0; }
    return;
  }
}

void cleanup(void) {
  /* The lab allows keeping the pages; this one gives them back. */
  for (int p = 0; p < page_count; p++) munmap(pages[p], PAGESIZE);
  page_count = 0;
}
