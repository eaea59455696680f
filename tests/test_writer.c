/*
 * test_writer.c: the tool's second-thread file writer (tools/writer.c):
 * every octet arrives in order whatever the sizes of the pieces, drain
 * makes them readable, and a failing file descriptor is reported with its
 * errno by put, drain and stop, without hanging.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cu_main.h"
#include "tools/writer.h"

static int
temp_file(char *name, size_t len)
{
    const char *dir = getenv("TMPDIR");

    snprintf(name, len, "%s/cmsfw-writer.XXXXXX", dir != NULL && dir[0] != '\0' ? dir : "/tmp");
    return mkstemp(name);
}

static uint8_t *
pattern(size_t n, unsigned seed)
{
    uint8_t *p = malloc(n);
    size_t i;

    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    for (i = 0; i < n; i++) {
        seed = seed * 1103515245u + 12345u;
        p[i] = (uint8_t)(seed >> 16);
    }
    return p;
}

/* Pieces of 1 octet to several buffers long; the file equals the input,
 * before and after stop. */
static void
test_order_and_content(void)
{
    static const size_t pieces[] = {1, 7, 4096, TOOL_WRITER_BUFFER_SIZE - 1,
                                    TOOL_WRITER_BUFFER_SIZE, 3 * TOOL_WRITER_BUFFER_SIZE + 5};
    const size_t total = 7 * TOOL_WRITER_BUFFER_SIZE + 12345;
    uint8_t *in = pattern(total, 11), *back = malloc(total);
    char name[256];
    size_t i, off, take, len;
    tool_writer *w;
    int fd, bad;

    CU_ASSERT_PTR_NOT_NULL_FATAL(back);
    for (i = 0; i < sizeof pieces / sizeof pieces[0]; i++) {
        fd = temp_file(name, sizeof name);
        CU_ASSERT_FATAL(fd >= 0);
        unlink(name);
        w = tool_writer_start(fd);
        CU_ASSERT_PTR_NOT_NULL_FATAL(w);
        /* one-octet pieces over two buffers and a bit are enough */
        len = pieces[i] == 1 ? 2 * TOOL_WRITER_BUFFER_SIZE + 3 : total;
        for (off = 0, bad = 0; off < len; off += take) {
            take = len - off < pieces[i] ? len - off : pieces[i];
            bad += tool_writer_put(w, in + off, take) != 0;
        }
        CU_ASSERT_EQUAL(bad, 0);
        CU_ASSERT_EQUAL(tool_writer_drain(w), 0);
        CU_ASSERT_EQUAL(lseek(fd, 0, SEEK_END), (off_t)len);
        CU_ASSERT_EQUAL(pread(fd, back, len, 0), (ssize_t)len);
        CU_ASSERT(memcmp(in, back, len) == 0);
        /* more after a drain continues where it stopped */
        CU_ASSERT_EQUAL(tool_writer_put(w, in, 10), 0);
        CU_ASSERT_EQUAL(tool_writer_stop(w), 0);
        CU_ASSERT_EQUAL(pread(fd, back, 10, (off_t)len), 10);
        CU_ASSERT(memcmp(in, back, 10) == 0);
        close(fd);
    }
    free(in);
    free(back);
}

/* A descriptor open for reading only: every write fails with EBADF. */
static void
test_failure_is_reported(void)
{
    const size_t total = 6 * TOOL_WRITER_BUFFER_SIZE;
    uint8_t *in = pattern(total, 5);
    char name[256];
    int fd, wfd, put_failed = 0;
    size_t off;
    tool_writer *w;

    wfd = temp_file(name, sizeof name);
    CU_ASSERT_FATAL(wfd >= 0);
    fd = open(name, O_RDONLY);
    unlink(name);
    close(wfd);
    CU_ASSERT_FATAL(fd >= 0);
    w = tool_writer_start(fd);
    CU_ASSERT_PTR_NOT_NULL_FATAL(w);
    for (off = 0; off < total && !put_failed; off += TOOL_WRITER_BUFFER_SIZE / 2)
        put_failed = tool_writer_put(w, in + off, TOOL_WRITER_BUFFER_SIZE / 2) != 0;
    errno = 0;
    CU_ASSERT_EQUAL(tool_writer_drain(w), -1);
    CU_ASSERT_EQUAL(errno, EBADF);
    CU_ASSERT_EQUAL(tool_writer_put(w, in, 1), -1);
    errno = 0;
    CU_ASSERT_EQUAL(tool_writer_stop(w), -1);
    CU_ASSERT_EQUAL(errno, EBADF);
    CU_ASSERT_EQUAL(lseek(fd, 0, SEEK_END), 0);
    close(fd);
    free(in);
}

static void
test_stop_null(void)
{
    CU_ASSERT_EQUAL(tool_writer_stop(NULL), 0);
}

static CU_TestInfo writer_tests[] = {{"order and content", test_order_and_content},
                                     {"a failing descriptor", test_failure_is_reported},
                                     {"stop(NULL)", test_stop_null},
                                     CU_TEST_INFO_NULL};

static CU_SuiteInfo suites[] = {{"writer", NULL, NULL, NULL, NULL, writer_tests},
                                CU_SUITE_INFO_NULL};

int
main(void)
{
    return cu_run(suites);
}
