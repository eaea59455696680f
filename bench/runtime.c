/*
 * bench/runtime.c: run one command and measure it from the parent.
 *
 * usage: runtime -o FILE CMD [ARG]...
 *
 * Appends one line "WALL_SECONDS MAXRSS_KIB STATUS" to FILE: the wall-clock
 * time from fork to reaping (CLOCK_MONOTONIC), the child's peak resident
 * set size as wait4() reports it, and its exit status (128 + N when killed
 * by signal N). Exits with STATUS, so callers can test the command itself.
 * The child inherits stdin, stdout and stderr. Doing this in C instead of
 * GNU time keeps the harness free of extra packages and of a shell between
 * the clock and the program.
 */
#define _DEFAULT_SOURCE /* wait4() */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double
now_seconds(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int
exit_status(int wstatus)
{
    if (WIFEXITED(wstatus))
        return WEXITSTATUS(wstatus);
    if (WIFSIGNALED(wstatus))
        return 128 + WTERMSIG(wstatus);
    return 255;
}

int
main(int argc, char **argv)
{
    FILE *out;
    pid_t pid;
    int wstatus = 0;
    struct rusage ru;
    double start, wall;
    int status;

    if (argc < 4 || strcmp(argv[1], "-o") != 0) {
        fprintf(stderr, "usage: runtime -o FILE CMD [ARG]...\n");
        return 2;
    }
    /* Open the report first: a failure to record must not cost a run. */
    out = fopen(argv[2], "a");
    if (out == NULL) {
        fprintf(stderr, "runtime: %s: %s\n", argv[2], strerror(errno));
        return 2;
    }

    start = now_seconds();
    pid = fork();
    if (pid < 0) {
        fprintf(stderr, "runtime: fork: %s\n", strerror(errno));
        return 2;
    }
    if (pid == 0) {
        fclose(out);
        execvp(argv[3], &argv[3]);
        fprintf(stderr, "runtime: %s: %s\n", argv[3], strerror(errno));
        _exit(127);
    }
    while (wait4(pid, &wstatus, 0, &ru) < 0) {
        if (errno != EINTR) {
            fprintf(stderr, "runtime: wait4: %s\n", strerror(errno));
            return 2;
        }
    }
    wall = now_seconds() - start;
    status = exit_status(wstatus);

    fprintf(out, "%.6f %ld %d\n", wall, ru.ru_maxrss, status);
    if (fclose(out) != 0) {
        fprintf(stderr, "runtime: %s: write failed\n", argv[2]);
        return 2;
    }
    return status;
}
