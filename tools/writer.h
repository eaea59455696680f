/*
 * writer.h: a file written by a second thread. The caller's octets are
 * copied into a small ring of buffers and the thread writes them, so that
 * the kernel's copy into the page cache (and the start of writeback) runs
 * on the other core while the caller hashes the next octets. Used by
 * outfile.c once an output grows past its first megabyte.
 */
#ifndef CMSFW_TOOLS_WRITER_H
#define CMSFW_TOOLS_WRITER_H

#include <stddef.h>
#include <stdint.h>

typedef struct tool_writer tool_writer;

/* Buffers in the ring and the size of each: what the writer holds at most. */
#define TOOL_WRITER_BUFFERS 4
#define TOOL_WRITER_BUFFER_SIZE ((size_t)1 << 20)

/* Start writing to @p fd at its current offset. NULL when the memory or
 * the thread cannot be had: the caller then writes by itself. */
tool_writer *tool_writer_start(int fd);

/* Queue @p n octets (copied; waits while the ring is full). -1 once a
 * write has failed, with errno set to that failure. */
int tool_writer_put(tool_writer *w, const uint8_t *p, size_t n);

/* Wait until every queued octet is written. 0, or -1 with errno set. */
int tool_writer_drain(tool_writer *w);

/* Drain, end the thread and free the writer (NULL is allowed). The result
 * is the drain's. */
int tool_writer_stop(tool_writer *w);

#endif
