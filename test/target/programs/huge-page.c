/* Asks for transparent huge pages (madvise MADV_HUGEPAGE) on a 2 MiB-aligned 2 MiB region inside a
 * 4 MiB mapping, writes one byte, prints the region's address and waits for Enter. */
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>

int main(void) {
    size_t huge = 2u << 20;
    char *raw = mmap(NULL, 2 * huge, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (raw == MAP_FAILED) { perror("mmap"); return 1; }
    char *p = (char *)(((uintptr_t)raw + huge - 1) & ~(uintptr_t)(huge - 1));
    if (madvise(p, huge, MADV_HUGEPAGE) != 0) { perror("madvise"); return 1; }
    p[0] = 1;
    printf("ready %p\n", (void *)p);
    fflush(stdout);
    int c;
    while ((c = getchar()) != '\n' && c != EOF) ;
    return 0;
}
