/* Prints "ready", waits for Enter, then writes through a null pointer: killed by SIGSEGV. */
#include <stdio.h>

int main(void) {
    printf("ready\n");
    fflush(stdout);
    int c;
    while ((c = getchar()) != '\n' && c != EOF) ;
    volatile char *nowhere = 0;
    *nowhere = 1;
    return 0;
}
