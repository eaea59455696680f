/* input.h: reading the tool's input files. */
#ifndef CMSFW_TOOLS_INPUT_H
#define CMSFW_TOOLS_INPUT_H

#include <stddef.h>
#include <stdint.h>

/* Largest file the tool reads whole into memory (inspect). */
#define TOOL_MAX_INPUT ((size_t)1 << 30)

/* Read @p path ("-" for standard input) whole. On failure print one line
 * "cmsfw: PATH: reason" to stderr and return -1. */
int tool_read_file(const char *path, uint8_t **buf, size_t *len);

/* When @p buf holds PEM text, replace it by the DER of its first block.
 * Returns 0 (DER input is left as it is) or -1 after printing why. */
int tool_unpem(const char *path, uint8_t **buf, size_t *len);

#endif
