/* Prints a line, then writes through a null pointer: killed by SIGSEGV. */
#include <stdio.h>

int main(void) {
    printf("about to crash\n");
    fflush(stdout);
    volatile char *nowhere = 0;
    *nowhere = 1;
    return 0;
}
