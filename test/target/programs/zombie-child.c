/* Forks a child that waits in pause() until a signal ends it, and prints the child's PID. The
 * parent does not reap the child until Enter: a child killed meanwhile stays a zombie. */
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void) {
    pid_t child = fork();
    if (child < 0) { perror("fork"); return 1; }
    if (child == 0) { for (;;) pause(); }
    printf("child %ld\n", (long)child);
    fflush(stdout);
    int c;
    while ((c = getchar()) != '\n' && c != EOF) ;
    kill(child, SIGKILL);
    waitpid(child, NULL, 0);
    return 0;
}
