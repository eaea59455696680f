/* writer.c: a file written by a second thread (see writer.h). */
#if defined(__linux__)
#define _GNU_SOURCE /* sync_file_range() */
#else
#define _POSIX_C_SOURCE 200809L
#endif

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tools/writer.h"

/* Octets written between two requests to start writing back: the disk
 * works while the hash does, and the final fsync has little left. */
#define WRITEBACK_STEP ((uint64_t)8 << 20)

struct tool_writer {
    int fd;
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t cv;    /* any change of head, queued or stop */
    uint8_t *buf[TOOL_WRITER_BUFFERS];
    size_t len[TOOL_WRITER_BUFFERS];
    unsigned head;        /* next buffer the thread writes */
    unsigned queued;      /* buffers handed to the thread */
    unsigned fill;        /* the buffer being filled, (head + queued) modulo
                             the count; only the caller's thread uses it */
    int stop;
    int err;              /* errno of the first failed write, else 0 */
    uint64_t written;     /* by the thread */
    uint64_t flushed;     /* writeback requested up to here */
};

static int
write_all(int fd, const uint8_t *p, size_t n)
{
    ssize_t w;

    while (n > 0) {
        w = write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w < 0)
            return errno;
        if (w == 0)
            return EIO;
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

static void
writeback(tool_writer *w)
{
#ifdef SYNC_FILE_RANGE_WRITE
    if (w->written >= w->flushed + WRITEBACK_STEP) {
        (void)sync_file_range(w->fd, (off_t)0, (off_t)0, SYNC_FILE_RANGE_WRITE);
        w->flushed = w->written;
    }
#else
    (void)w;
#endif
}

static void *
run(void *arg)
{
    tool_writer *w = arg;
    unsigned b;
    int e;

    pthread_mutex_lock(&w->mu);
    for (;;) {
        while (w->queued == 0 && !w->stop)
            pthread_cond_wait(&w->cv, &w->mu);
        if (w->queued == 0)
            break;
        b = w->head;
        pthread_mutex_unlock(&w->mu);
        /* after a failure the ring is still emptied, so that no one waits
         * for ever; the octets are dropped */
        e = w->err != 0 ? 0 : write_all(w->fd, w->buf[b], w->len[b]);
        if (e == 0 && w->err == 0) {
            w->written += w->len[b];
            writeback(w);
        }
        pthread_mutex_lock(&w->mu);
        if (e != 0 && w->err == 0)
            w->err = e;
        w->len[b] = 0;
        w->head = (w->head + 1) % TOOL_WRITER_BUFFERS;
        w->queued--;
        pthread_cond_broadcast(&w->cv);
    }
    pthread_mutex_unlock(&w->mu);
    return NULL;
}

static void
free_writer(tool_writer *w)
{
    size_t i;

    for (i = 0; i < TOOL_WRITER_BUFFERS; i++)
        free(w->buf[i]);
    free(w);
}

tool_writer *
tool_writer_start(int fd)
{
    tool_writer *w = calloc(1, sizeof *w);
    sigset_t all, old;
    size_t i;
    int rc;

    if (w == NULL)
        return NULL;
    w->fd = fd;
    for (i = 0; i < TOOL_WRITER_BUFFERS; i++)
        if ((w->buf[i] = malloc(TOOL_WRITER_BUFFER_SIZE)) == NULL) {
            free_writer(w);
            return NULL;
        }
    if (pthread_mutex_init(&w->mu, NULL) != 0) {
        free_writer(w);
        return NULL;
    }
    if (pthread_cond_init(&w->cv, NULL) != 0) {
        pthread_mutex_destroy(&w->mu);
        free_writer(w);
        return NULL;
    }
    /* the thread takes no signal: the cleanup handlers of outfile.c run in
     * the main thread */
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    rc = pthread_create(&w->thread, NULL, run, w);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (rc != 0) {
        pthread_cond_destroy(&w->cv);
        pthread_mutex_destroy(&w->mu);
        free_writer(w);
        return NULL;
    }
    return w;
}

/* Hand the buffer being filled to the thread; wait for a free one. */
static void
hand_over(tool_writer *w)
{
    pthread_mutex_lock(&w->mu);
    w->queued++;
    w->fill = (w->fill + 1) % TOOL_WRITER_BUFFERS;
    pthread_cond_broadcast(&w->cv);
    while (w->queued == TOOL_WRITER_BUFFERS)
        pthread_cond_wait(&w->cv, &w->mu);
    pthread_mutex_unlock(&w->mu);
}

static int
failed(tool_writer *w)
{
    int e;

    pthread_mutex_lock(&w->mu);
    e = w->err;
    pthread_mutex_unlock(&w->mu);
    if (e != 0)
        errno = e;
    return e != 0;
}

int
tool_writer_put(tool_writer *w, const uint8_t *p, size_t n)
{
    unsigned b;
    size_t take;

    if (failed(w))
        return -1;
    while (n > 0) {
        b = w->fill;
        take = TOOL_WRITER_BUFFER_SIZE - w->len[b];
        if (take > n)
            take = n;
        memcpy(w->buf[b] + w->len[b], p, take);
        w->len[b] += take;
        p += take;
        n -= take;
        if (w->len[b] == TOOL_WRITER_BUFFER_SIZE)
            hand_over(w);
    }
    return 0;
}

int
tool_writer_drain(tool_writer *w)
{
    if (w->len[w->fill] > 0)
        hand_over(w);
    pthread_mutex_lock(&w->mu);
    while (w->queued > 0)
        pthread_cond_wait(&w->cv, &w->mu);
    pthread_mutex_unlock(&w->mu);
    return failed(w) ? -1 : 0;
}

int
tool_writer_stop(tool_writer *w)
{
    int rc, e;

    if (w == NULL)
        return 0;
    rc = tool_writer_drain(w);
    e = errno;
    pthread_mutex_lock(&w->mu);
    w->stop = 1;
    pthread_cond_broadcast(&w->cv);
    pthread_mutex_unlock(&w->mu);
    pthread_join(w->thread, NULL);
    pthread_cond_destroy(&w->cv);
    pthread_mutex_destroy(&w->mu);
    free_writer(w);
    errno = e;
    return rc;
}
