/*
 * test_backend_util.h: helpers shared by the backend test programs:
 * hex, test data files, and the `name=value` vector files of
 * vectors/published/.
 */
#ifndef CMSFW_TESTS_TEST_BACKEND_UTIL_H
#define CMSFW_TESTS_TEST_BACKEND_UTIL_H

#include <stddef.h>
#include <stdint.h>

#include <cmsfw/types.h>

/** A loaded test file or decoded hex value (owns its bytes). */
typedef struct tb_buf {
    uint8_t *ptr;
    size_t len;
} tb_buf;

/** Decode @p hex (even length, no separators) into a new buffer; ptr NULL
 * on bad input. A zero-length result still has a non-NULL ptr. */
tb_buf tb_hex(const char *hex);

/** Read $top_srcdir/@p rel; ptr NULL if the file cannot be read. */
tb_buf tb_load(const char *rel);

/** Read the hex text of vectors/published/@p name (white space and line
 *  breaks ignored) as octets; ptr NULL if it cannot be read or decoded. */
tb_buf tb_load_published_hex(const char *name);

void tb_free(tb_buf *b);

/** The bytes of @p b as a borrowed view. */
cmsfw_bytes tb_view(tb_buf b);

cmsfw_bytes tb_bytes(const uint8_t *p, size_t len);

/** Maximum fields per vector and vectors per file. */
#define TB_MAX_FIELDS 6
#define TB_MAX_VECTORS 16

/** One vector of a `name=value` file: values in hex, in file order. */
typedef struct tb_vector {
    char names[TB_MAX_FIELDS][16];
    tb_buf values[TB_MAX_FIELDS];
    int n;
} tb_vector;

/**
 * Read a `name=value` vector file ($top_srcdir/@p rel). A vector ends at
 * the line whose name is @p last. Returns the number of vectors (-1 if the
 * file cannot be read).
 */
int tb_vectors(const char *rel, const char *last, tb_vector *out, int max);

/** Value of field @p name in @p v, or an empty buffer with ptr NULL. */
tb_buf tb_field(const tb_vector *v, const char *name);

void tb_vectors_free(tb_vector *v, int n);

#endif
