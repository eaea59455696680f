/*
 * test_keys.h: helpers shared by the two halves of the key-loader tests
 * (test_keys.c: loading; test_keys_neg.c: hostile input).
 */
#ifndef CMSFW_TESTS_TEST_KEYS_H
#define CMSFW_TESTS_TEST_KEYS_H

#include <stddef.h>
#include <stdint.h>

#include <CUnit/CUnit.h>
#include <cmsfw/keys.h>

#define DATA "tests/data/keys-loader/"
#define PUB "vectors/published/"

/* A file read whole; data == NULL when it cannot be read. */
typedef struct blob {
    uint8_t *data;
    size_t len;
} blob;

/* $top_srcdir/rel, in a static buffer. */
char *keys_test_path(const char *rel);
/* Read $top_srcdir/rel whole. */
blob keys_test_slurp(const char *rel);
/* Every view of k lies inside k->der. */
int keys_test_views_inside(const cmsfw_key *k);

extern CU_TestInfo keys_negative_tests[];

#endif
