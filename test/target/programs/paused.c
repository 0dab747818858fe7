/* Prints its PID and waits for Enter; then exits with the status given as argument 1 (0 when none). */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char **argv) {
    printf("ready %ld\n", (long)getpid());
    fflush(stdout);
    int c;
    while ((c = getchar()) != '\n' && c != EOF) ;
    return argc > 1 ? atoi(argv[1]) : 0;
}
