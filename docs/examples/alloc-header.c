/*
 * alloc-header.c: a Part A allocator that breaks a rule of the lab, on purpose. memtui's
 * lesson 8 loads it (`load example-header`) to show what a rule break looks like.
 *
 * It is the textbook "implicit free list": every chunk has an 8-byte header (its size and
 * whether it is used) inside the page, just before the address alloc returns. It splits and
 * merges as the textbook does, yet the lab forbids it:
 *   - the headers are bookkeeping written into the page (the lab wants it all outside), and
 *   - they take bytes from the page, so alloc(4096) on an empty page returns NULL, and every
 *     request that should fit exactly (four chunks of 1024 B, 3072 B after 1024 B) does not.
 * In memtui the bytes it writes outside its chunks show as ! in the grid, and the log names
 * them. `memtui grade docs/examples/alloc-header.c` passes 2 checks of 13 (init-maps-one-page,
 * no-malloc): the others count on all 4096 bytes being usable, or see the header.
 */
#include <stddef.h>
#include <sys/mman.h>
#include "alloc.h"

struct header { int size; int used; }; /* size of the whole block, header included */

static char *page;

int init_alloc(void) {
  if (page) return 1;
  void *mapped = mmap(NULL, PAGESIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (mapped == MAP_FAILED) return 2;
  page = mapped;
  struct header *first = (struct header *)page; /* the rule break: a header in the page */
  first->size = PAGESIZE;
  first->used = 0;
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
  int need = size + (int)sizeof(struct header);
  for (int offset = 0; offset < PAGESIZE;) {
    struct header *block = (struct header *)(page + offset);
    if (!block->used && block->size >= need) {
      if (block->size - need >= (int)sizeof(struct header) + MINALLOC) {
        struct header *rest = (struct header *)(page + offset + need);
        rest->size = block->size - need;
        rest->used = 0;
        block->size = need;
      }
      block->used = 1;
      return (char *)(block + 1);
    }
    offset += block->size;
  }
  return NULL;
}

void dealloc(char *ptr) {
  if (!page || ptr < page + sizeof(struct header) || ptr >= page + PAGESIZE) return;
  int offset = 0;
  struct header *previous = NULL;
  while (offset < PAGESIZE) {
    struct header *block = (struct header *)(page + offset);
    if ((char *)(block + 1) == ptr) {
      if (!block->used) return;
      block->used = 0;
      if (offset + block->size < PAGESIZE) {
        struct header *next = (struct header *)(page + offset + block->size);
        if (!next->used) block->size += next->size;
      }
      if (previous && !previous->used) previous->size += block->size;
      return;
    }
    previous = block;
    offset += block->size;
  }
}
