/* Makes itself non-dumpable (prctl(2) PR_SET_DUMPABLE 0): only root may read its /proc/PID/maps
 * and pagemap then. With the argument "stay", it stays dumpable (the control). Waits for Enter. */
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>

int main(int argc, char **argv) {
    if (!(argc > 1 && strcmp(argv[1], "stay") == 0) && prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0) { perror("prctl"); return 1; }
    printf("ready dumpable=%d\n", prctl(PR_GET_DUMPABLE, 0, 0, 0, 0));
    fflush(stdout);
    int c;
    while ((c = getchar()) != '\n' && c != EOF) ;
    return 0;
}
