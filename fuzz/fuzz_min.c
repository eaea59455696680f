/*
 * fuzz_min.c: the minimal profile's processor (cmsfw/minimal.h) in its
 * work buffer of FUZZ_WORK octets, for the device of fuzz_device.h with
 * its anchor provisioned as a key and key identifier.
 *
 * Input layout, as fuzz_proc_chunked's:
 *   octet 0          bits 0-1: stage mode (fuzz_stage_mode; 3 counts as 0),
 *                    bits 4-7: number k of chunk sizes that follow
 *   k x 2 octets     chunk sizes, little-endian, used in turn and cycled
 *   the rest         the package
 * With k == 0 the package is pushed one octet at a time.
 *
 * The package is processed in one push and in those pieces; everything the
 * two runs end with, the profile limits included, must be equal.
 * fuzz_device.c checks the processor's promises on the way; AddressSanitizer
 * sees any access outside the work buffer, which is allocated to the octet.
 */
#include <inttypes.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "fuzz/fuzz_device.h"
#include "fuzz/fuzz_util.h"

#define MAX_CHUNKS 15

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const size_t one = 1;
    size_t chunks[MAX_CHUNKS], k, i;
    fuzz_stage_mode mode;
    fuzz_verdict whole, split;

    if (size == 0)
        return 0;
    mode = (fuzz_stage_mode)((data[0] & 3u) % FUZZ_STAGE_MODES);
    k = data[0] >> 4;
    if (size < 1 + 2 * k)
        return 0;
    for (i = 0; i < k; i++)
        chunks[i] = (size_t)data[1 + 2 * i] | (size_t)data[2 + 2 * i] << 8;
    data += 1 + 2 * k;
    size -= 1 + 2 * k;

    fuzz_process_as(FUZZ_MINIMAL, FUZZ_ANCHOR_KEY, data, size, NULL, 0, mode, &whole);
    fuzz_process_as(FUZZ_MINIMAL, FUZZ_ANCHOR_KEY, data, size, k > 0 ? chunks : &one,
                    k > 0 ? k : 1, mode, &split);
    if (!fuzz_same_verdict(&whole, &split) || whole.limits != split.limits) {
        fuzz_print_verdict("whole", &whole);
        fuzz_print_verdict("split", &split);
        FUZZ_CHECK(fuzz_same_verdict(&whole, &split) && whole.limits == split.limits);
    }
    return 0;
}
