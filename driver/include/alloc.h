/* The lab's Part A header (memtui's copy, used when the student's folder has none): a manager
   for one 4 KiB page. init_alloc maps the page (0 = ok), cleanup unmaps it (0 = ok), alloc
   returns a chunk inside the page or NULL, dealloc frees the chunk alloc returned. */
#ifndef ALLOC_H
#define ALLOC_H

#define PAGESIZE 4096
#define MINALLOC 8

int init_alloc(void);
int cleanup(void);
char *alloc(int size);
void dealloc(char *ptr);

#endif
