/* The lab's Part B header (memtui's copy, used when the student's folder has none): an elastic
   heap of at most 4 pages, mapped one at a time on demand; sizes are multiples of MINALLOC up to
   PAGESIZE and no chunk crosses a page. */
#ifndef EALLOC_H
#define EALLOC_H

#define PAGESIZE 4096
#define MINALLOC 256

void init_alloc(void);
char *alloc(int size);
void dealloc(char *ptr);
void cleanup(void);

#endif
