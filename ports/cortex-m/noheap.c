/*
 * noheap.c: the image has no heap. Every allocator entry point of the C
 * library (and the default allocator of Mbed TLS, which the device backend
 * replaces with its static arena) ends here: it is counted and the run
 * stops, so that "nothing allocates" holds for the whole image, not only
 * for the objects checked with nm.
 */
#include <stddef.h>
#include <stdint.h>

#include "port.h"

volatile unsigned port_alloc_calls;

static void
refuse(const char *what)
{
    port_alloc_calls++;
    port_puts("ALLOCATOR CALLED: ");
    port_puts(what);
    port_puts("\n");
    port_exit(4);
}

struct _reent;
void *malloc(size_t n);
void *calloc(size_t n, size_t m);
void *realloc(void *p, size_t n);
void free(void *p);
void *_malloc_r(struct _reent *r, size_t n);
void *_calloc_r(struct _reent *r, size_t n, size_t m);
void *_realloc_r(struct _reent *r, void *p, size_t n);
void _free_r(struct _reent *r, void *p);
void *_sbrk(ptrdiff_t n);
void *cmsfw_port_calloc_unset(size_t n, size_t size);
void cmsfw_port_free_unset(void *p);
void cmsfw_port_exit(int status);

void *malloc(size_t n) { (void)n; refuse("malloc"); return NULL; }
void *calloc(size_t n, size_t m) { (void)n; (void)m; refuse("calloc"); return NULL; }
void *realloc(void *p, size_t n) { (void)p; (void)n; refuse("realloc"); return NULL; }
void free(void *p) { (void)p; refuse("free"); }
void *_malloc_r(struct _reent *r, size_t n) { (void)r; (void)n; refuse("_malloc_r"); return NULL; }
void *_calloc_r(struct _reent *r, size_t n, size_t m)
{
    (void)r; (void)n; (void)m; refuse("_calloc_r"); return NULL;
}
void *_realloc_r(struct _reent *r, void *p, size_t n)
{
    (void)r; (void)p; (void)n; refuse("_realloc_r"); return NULL;
}
void _free_r(struct _reent *r, void *p) { (void)r; (void)p; refuse("_free_r"); }
void *_sbrk(ptrdiff_t n) { (void)n; refuse("_sbrk"); return NULL; }
/* Mbed TLS's allocator before the backend installs its arena */
void *cmsfw_port_calloc_unset(size_t n, size_t size)
{
    (void)n; (void)size; refuse("mbedtls_calloc (no arena)"); return NULL;
}
void cmsfw_port_free_unset(void *p) { (void)p; refuse("mbedtls_free (no arena)"); }
void cmsfw_port_exit(int status) { port_puts("mbedtls exit\n"); port_exit(status); }
