/* outfile.c: atomic output files (temporary name, fsync, rename). */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tools/outfile.h"
#include "tools/writer.h"

/* Outputs whose temporary file exists; the signal handler unlinks them.
 * Only touched with the handled signals blocked. */
static tool_out *open_outputs;
static int handlers_installed;

static const int cleanup_signals[] = {SIGINT, SIGTERM, SIGHUP, SIGPIPE};

static void
on_signal(int sig)
{
    tool_out *o;

    /* unlink() is async-signal-safe; the list is consistent because it is
     * only changed with these signals blocked */
    for (o = open_outputs; o != NULL; o = o->next)
        if (o->tmp[0] != '\0')
            (void)unlink(o->tmp);
    signal(sig, SIG_DFL);
    raise(sig);
}

static void
block_signals(sigset_t *old)
{
    sigset_t set;
    size_t i;

    sigemptyset(&set);
    for (i = 0; i < sizeof cleanup_signals / sizeof cleanup_signals[0]; i++)
        sigaddset(&set, cleanup_signals[i]);
    sigprocmask(SIG_BLOCK, &set, old);
}

static void
install_handlers(void)
{
    struct sigaction sa;
    size_t i;

    if (handlers_installed)
        return;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    for (i = 0; i < sizeof cleanup_signals / sizeof cleanup_signals[0]; i++)
        sigaction(cleanup_signals[i], &sa, NULL);
    handlers_installed = 1;
}

static void
list_remove(tool_out *o)
{
    sigset_t old;
    tool_out **pp;

    block_signals(&old);
    for (pp = &open_outputs; *pp != NULL; pp = &(*pp)->next)
        if (*pp == o) {
            *pp = o->next;
            break;
        }
    o->tmp[0] = '\0';
    sigprocmask(SIG_SETMASK, &old, NULL);
}

int
tool_out_open(tool_out *o, const char *path)
{
    const char *slash = strrchr(path, '/');
    size_t dirlen = slash != NULL ? (size_t)(slash - path) + 1 : 0;
    mode_t mask;
    int n;

    memset(o, 0, sizeof *o);
    o->fd = -1;
    if (strlen(path) >= sizeof o->path || path[0] == '\0' ||
        (slash != NULL && slash[1] == '\0')) {
        fprintf(stderr, "cmsfw: %s: not a usable output file name\n", path);
        return -1;
    }
    memcpy(o->path, path, strlen(path) + 1);
    /* same directory, so that rename() replaces the file in one step */
    n = snprintf(o->tmp, sizeof o->tmp, "%.*s.%s.XXXXXX", (int)dirlen, path, path + dirlen);
    if (n < 0 || (size_t)n >= sizeof o->tmp) {
        fprintf(stderr, "cmsfw: %s: output file name too long\n", path);
        o->tmp[0] = '\0';
        return -1;
    }
    install_handlers();
    {
        sigset_t old;
        block_signals(&old);
        o->fd = mkstemp(o->tmp);
        if (o->fd >= 0) {
            o->next = open_outputs;
            open_outputs = o;
        }
        sigprocmask(SIG_SETMASK, &old, NULL);
    }
    if (o->fd < 0) {
        fprintf(stderr, "cmsfw: %s: %s\n", path, strerror(errno));
        o->tmp[0] = '\0';
        return -1;
    }
    /* mkstemp() makes 0600; a finished output gets the usual 0666 & ~umask */
    mask = umask(0);
    umask(mask);
    (void)fchmod(o->fd, (mode_t)(0666 & ~mask));
    return 0;
}

/* Past this size an output is written by a second thread (writer.h):
 * receipts, reports and state files stay synchronous. */
#define ASYNC_FROM TOOL_WRITER_BUFFER_SIZE

static int
write_failed(tool_out *o, int e)
{
    fprintf(stderr, "cmsfw: %s: %s\n", o->path, e != 0 ? strerror(e) : "write failed");
    o->failed = 1;
    return -1;
}

int
tool_out_write(tool_out *o, const uint8_t *p, size_t n)
{
    ssize_t w;

    if (o->fd < 0 || o->failed)
        return -1;
    if (o->writer == NULL && o->written + n > ASYNC_FROM)
        o->writer = tool_writer_start(o->fd);
    if (o->writer != NULL) {
        if (tool_writer_put(o->writer, p, n) != 0)
            return write_failed(o, errno);
        o->written += (uint64_t)n;
        return 0;
    }
    while (n > 0) {
        w = write(o->fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return write_failed(o, w < 0 ? errno : 0);
        p += w;
        n -= (size_t)w;
        o->written += (uint64_t)w;
    }
    return 0;
}

int
tool_out_drain(tool_out *o)
{
    if (o->failed)
        return -1;
    if (o->writer != NULL && tool_writer_drain(o->writer) != 0)
        return write_failed(o, errno);
    return 0;
}

void
tool_out_discard(tool_out *o)
{
    (void)tool_writer_stop(o->writer);
    o->writer = NULL;
    if (o->fd >= 0) {
        close(o->fd);
        o->fd = -1;
    }
    if (o->tmp[0] != '\0') {
        (void)unlink(o->tmp);
        list_remove(o);
    }
}

/* Make the rename durable: fsync the directory that holds the file. */
static void
sync_dir(const char *path)
{
    char dir[TOOL_PATH_MAX];
    const char *slash = strrchr(path, '/');
    int fd;

    if (slash == NULL) {
        memcpy(dir, ".", 2);
    } else if (slash == path) {
        memcpy(dir, "/", 2);
    } else {
        memcpy(dir, path, (size_t)(slash - path));
        dir[slash - path] = '\0';
    }
    fd = open(dir, O_RDONLY);
    if (fd >= 0) {
        (void)fsync(fd); /* some file systems refuse it on directories */
        close(fd);
    }
}

int
tool_out_commit(tool_out *o)
{
    int fd = o->fd;

    if (fd < 0 || o->failed) {
        tool_out_discard(o);
        return -1;
    }
    if (o->writer != NULL) {
        int rc = tool_writer_stop(o->writer);
        o->writer = NULL;
        if (rc != 0) {
            write_failed(o, errno);
            tool_out_discard(o);
            return -1;
        }
    }
    o->fd = -1;
    if (fsync(fd) != 0 || close(fd) != 0) {
        fprintf(stderr, "cmsfw: %s: %s\n", o->path, strerror(errno));
        tool_out_discard(o);
        return -1;
    }
    if (rename(o->tmp, o->path) != 0) {
        fprintf(stderr, "cmsfw: %s: %s\n", o->path, strerror(errno));
        tool_out_discard(o);
        return -1;
    }
    list_remove(o);
    sync_dir(o->path);
    return 0;
}

static int
sink_write(void *io, const uint8_t *p, size_t n)
{
    return tool_out_write(io, p, n) == 0 ? 0 : -1;
}

cmsfw_sink
tool_out_sink(tool_out *o)
{
    cmsfw_sink s;

    s.write = sink_write;
    s.io = o;
    return s;
}

int
tool_out_write_file(const char *path, const uint8_t *p, size_t n)
{
    tool_out o;

    if (tool_out_open(&o, path) != 0)
        return -1;
    if (tool_out_write(&o, p, n) != 0) {
        tool_out_discard(&o);
        return -1;
    }
    return tool_out_commit(&o);
}
