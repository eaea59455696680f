/*
 * size_main.c: the size image. What a device links to receive a package:
 * the minimal profile's whole API over the device backend, with a stage
 * and a sink that stand for the flash driver (no vectors, no output). Its
 * sections are what `make size-report` measures for each CPU.
 */
#include <stddef.h>
#include <stdint.h>

#include <cmsfw/minimal.h>

#include "port.h"

/* Stand-ins for the flash driver and the transport: volatile so that the
 * calls stay in the image. */
static volatile const uint8_t *volatile rx_ptr;
static volatile size_t rx_len;
static volatile uint32_t flash_sink;

static int
flash_write(void *io, uint64_t off, const uint8_t *p, size_t n)
{
    (void)io;
    flash_sink += (uint32_t)off + (n ? p[0] : 0u);
    return 0;
}

static int
flash_read(void *io, uint64_t off, uint8_t *p, size_t n)
{
    (void)io;
    while (n-- > 0)
        *p++ = (uint8_t)(flash_sink + off++);
    return 0;
}

static int
image_write(void *io, const uint8_t *p, size_t n)
{
    (void)io;
    flash_sink += n ? p[n - 1] : 0u;
    return 0;
}

/* the work buffer of budget.tsv (the Makefile passes it) */
#ifndef PORT_WORK_SIZE
#define PORT_WORK_SIZE CMSFW_MIN_WORK_DEFAULT
#endif
static uint8_t work[PORT_WORK_SIZE];
static uint8_t report[160];
static const uint8_t hw_type[] = {0x2b, 0x06, 0x01, 0x04, 0x01, 0x82, 0xff, 0x59, 0x01, 0x01};
static const uint8_t anchor_spki[91] = {0x30, 0x59};
static const uint8_t anchor_kid[20] = {1};
static const uint8_t kek_id[8] = {1}, kek_key[16] = {2};

int
main(void)
{
    static const cmsfw_anchor anchor = {{anchor_spki, sizeof anchor_spki},
                                        {anchor_kid, sizeof anchor_kid}, {NULL, 0},
                                        CMSFW_ANCHOR_FIRMWARE_SIGNER};
    static const cmsfw_kek kek = {{kek_id, sizeof kek_id}, {kek_key, sizeof kek_key},
                                  CMSFW_KEY_KEK};
    static const cmsfw_device dev = {{hw_type, sizeof hw_type}, {hw_type, 2}, &anchor, 1,
                                     NULL, 0, &kek, 1, NULL, 0, NULL, 0, NULL, 0, 0, 0};
    static const cmsfw_stage stage = {flash_write, flash_read, NULL, NULL, NULL, NULL};
    const cmsfw_sink sink = {image_write, NULL};
    cmsfw_min *m = cmsfw_min_init(work, sizeof work, &dev, &stage);
    cmsfw_err e = CMSFW_E_ARG;
    size_t len = 0;

    if (m == NULL)
        return 1;
    while (rx_len != 0 && (e = cmsfw_min_push(m, (const uint8_t *)rx_ptr, rx_len)) == CMSFW_OK)
        ;
    e = cmsfw_min_finish(m, NULL);
    if (e == CMSFW_OK)
        e = cmsfw_min_unwrap(m, &sink);
    if (e == CMSFW_OK)
        e = cmsfw_min_receipt(m, report, sizeof report, &len);
    else
        e = cmsfw_min_error_report(m, e, report, sizeof report, &len);
    cmsfw_min_end(m);
    flash_sink += (uint32_t)len;
    return e == CMSFW_OK ? 0 : 2;
}

void
port_puts(const char *s)
{
    (void)s;
}

void
port_exit(int status)
{
    (void)status;
    for (;;)
        ;
}
