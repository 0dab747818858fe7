/* Maps 4 pages between guard pages, reads page 0 (never writing it) and writes page 1, prints the
 * address and waits for Enter. The read maps the kernel's shared zero page: present in pagemap,
 * yet not this process's own RAM. */
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

int main(void) {
    long page = sysconf(_SC_PAGESIZE);
    char *guarded = mmap(NULL, 6 * page, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (guarded == MAP_FAILED) { perror("mmap"); return 1; }
    char *p = guarded + page;
    if (mprotect(p, 4 * page, PROT_READ | PROT_WRITE) != 0) { perror("mprotect"); return 1; }
    volatile char seen = p[0];
    (void)seen;
    p[page] = 1;
    printf("ready %p\n", (void *)p);
    fflush(stdout);
    int c;
    while ((c = getchar()) != '\n' && c != EOF) ;
    return 0;
}
