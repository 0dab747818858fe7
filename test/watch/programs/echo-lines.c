/* Prints "ready", then answers each line read with "got: <line>" until a line "quit", or the end of input. */
#include <stdio.h>
#include <string.h>

int main(void) {
    char line[256];
    printf("ready\n");
    fflush(stdout);
    while (fgets(line, sizeof line, stdin) != NULL) {
        line[strcspn(line, "\n")] = '\0';
        if (strcmp(line, "quit") == 0) break;
        printf("got: [%s]\n", line);
        fflush(stdout);
    }
    return 0;
}
