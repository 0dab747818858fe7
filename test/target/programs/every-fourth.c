/* Maps 64 pages between two PROT_NONE guard pages (so the kernel cannot merge the mapping with a
 * neighbour: its VMA is exactly 64 pages), writes to every fourth page (16 of 64), prints the
 * address and waits. On the first Enter it writes to pages 1, 5, 9 and 13 (4 more); on the
 * next it exits. */
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

static int wait_enter(void) { int c; while ((c = getchar()) != '\n' && c != EOF) ; return c != EOF; }

int main(void) {
    long page = sysconf(_SC_PAGESIZE);
    char *guarded = mmap(NULL, 66 * page, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (guarded == MAP_FAILED) { perror("mmap"); return 1; }
    char *p = guarded + page;
    if (mprotect(p, 64 * page, PROT_READ | PROT_WRITE) != 0) { perror("mprotect"); return 1; }
    for (int i = 0; i < 64; i += 4) p[i * page] = 1;
    printf("ready %p\n", (void *)p);
    fflush(stdout);
    if (!wait_enter()) return 0;
    for (int i = 1; i < 16; i += 4) p[i * page] = 1;
    printf("touched 4 more\n");
    fflush(stdout);
    wait_enter();
    return 0;
}
