/*
 * before-you-begin.c: the lab's "before you begin" experiment, as one program.
 *
 * It prints its PID, then pauses three times; at each pause, measure it from another terminal
 * (ps -o vsz=,rss= -p PID, and cat /proc/PID/maps) or watch it live in memtui:
 *
 *   gcc -Wall -o before-you-begin before-you-begin.c
 *   npx memtui watch -- ./before-you-begin      (memtui runs it: Enter goes to the program;
 *                                               --lesson 9 before -- opens the lesson too)
 *   ./before-you-begin  and, elsewhere, memtui --pid PID
 *
 *   1. before mmap:           the baseline.
 *   2. after mmap of a page:  VSZ +4 KiB exactly; RSS unchanged (no frame until first touch);
 *                             a new line in /proc/PID/maps, or a neighbouring line widened.
 *   3. after a write to it:   RSS +4 KiB (the write faulted the page in); VSZ unchanged.
 *
 * Every message ends with a newline and an fflush, so it shows at once even when stdout is a
 * pipe (a pipe makes stdout block-buffered: without the fflush, nothing would show until exit).
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

/* Waits for Enter. At end of input (Ctrl-D, or input closed) it goes on without waiting. */
static void pause_until_enter(const char *where)
{
    printf("[%s] press Enter to go on\n", where);
    fflush(stdout);
    int c;
    while ((c = getchar()) != '\n' && c != EOF)
        ;
}

int main(void)
{
    long page = sysconf(_SC_PAGESIZE);

    printf("PID %ld (page size %ld bytes)\n", (long)getpid(), page);
    printf("measure me: ps -o vsz=,rss= -p %ld    or    memtui --pid %ld\n", (long)getpid(), (long)getpid());
    pause_until_enter("1/3 before mmap");

    /* One page, anonymous (no file behind it) and private (not shared), read+write. */
    char *p = mmap(NULL, page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) {
        perror("mmap");
        return 1;
    }
    printf("mapped %ld bytes at %p; nothing written yet\n", page, (void *)p);
    pause_until_enter("2/3 after mmap");

    p[0] = 'x'; /* the first write: the kernel now gives the page a frame of RAM */
    printf("wrote one byte at %p\n", (void *)p);
    pause_until_enter("3/3 after the write");

    if (munmap(p, page) != 0) {
        perror("munmap");
        return 1;
    }
    printf("unmapped the page; bye\n");
    fflush(stdout);
    return 0;
}
