/* Prints one line without fflush, then waits for Enter, then prints a line to stderr and exits 0.
 * On a pipe, stdout is block-buffered: the first line shows only at exit unless stdbuf -oL applies. */
#include <stdio.h>

int main(void) {
    printf("before the pause\n");
    int c;
    while ((c = getchar()) != '\n' && c != EOF) ;
    fprintf(stderr, "on stderr\n");
    return 0;
}
