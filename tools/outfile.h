/*
 * outfile.h: output files that appear whole or not at all. Data goes to a
 * temporary file in the destination's directory; commit flushes it to disk
 * and renames it over the destination; every failure path (including
 * SIGINT, SIGTERM, SIGHUP and SIGPIPE while a file is open) removes the
 * temporary file.
 */
#ifndef CMSFW_TOOLS_OUTFILE_H
#define CMSFW_TOOLS_OUTFILE_H

#include <stddef.h>
#include <stdint.h>

#include <cmsfw/proc.h>

/* Longest path an output may have. */
#define TOOL_PATH_MAX 4096

typedef struct tool_out {
    char path[TOOL_PATH_MAX];   /* destination */
    char tmp[TOOL_PATH_MAX];    /* temporary name, "" once gone */
    int fd;                     /* -1 when closed */
    int failed;                 /* a write failed: commit refuses */
    uint64_t written;           /* octets accepted */
    struct tool_writer *writer; /* the second thread of a large output, or NULL */
    struct tool_out *next;      /* open outputs, for the signal handler */
} tool_out;

/* Create the temporary file for @p path. Prints "cmsfw: PATH: reason" and
 * returns -1 on failure. */
int tool_out_open(tool_out *o, const char *path);

/* Append; -1 on failure (message printed, the output marked failed).
 * Past its first megabyte an output is written by a second thread
 * (tools/writer.h): a failure may then show at a later call, or at commit. */
int tool_out_write(tool_out *o, const uint8_t *p, size_t n);

/* Wait until every octet accepted is in the file (before reading it
 * back); -1 after printing why, the output marked failed. */
int tool_out_drain(tool_out *o);

/* Flush to disk, rename over the destination. On failure the temporary
 * file is removed, a message printed and -1 returned. */
int tool_out_commit(tool_out *o);

/* Remove the temporary file. Safe to call on a committed or discarded
 * output, and on one whose open failed. */
void tool_out_discard(tool_out *o);

/* A sink (for cmsfw_proc_unwrap / cmsfw_protect) writing to @p o. */
cmsfw_sink tool_out_sink(tool_out *o);

/* Write @p n octets to @p path atomically (open, write, commit). */
int tool_out_write_file(const char *path, const uint8_t *p, size_t n);

#endif
