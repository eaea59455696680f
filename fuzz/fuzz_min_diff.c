/*
 * fuzz_min_diff.c: the two profiles must agree. The same package goes to
 * the full profile (cmsfw/proc.h) and to the minimal one (cmsfw/minimal.h),
 * for the same device, its anchor provisioned as a key and key identifier
 * (what the minimal profile knows; the full profile then has no anchor
 * certificate either). Unless the minimal verdict names a profile limit
 * (cmsfw_min_limits()), everything the two runs end with must be equal:
 * codes, result, the octets the sink received. A difference must be one a
 * limit the minimal run names accounts for: its verdict is the one that
 * limit gives, or the full profile refused what it reads over.
 *
 * Input: octet 0, bits 0-1: stage mode (fuzz_stage_mode; 3 counts as 0);
 * the rest: the package, pushed whole.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "fuzz/fuzz_device.h"
#include "fuzz/fuzz_util.h"

/* The verdict a device reports: finish()'s, else unwrap()'s. */
static cmsfw_err
final(const fuzz_verdict *v)
{
    return v->finish != CMSFW_OK ? v->finish : v->unwrap;
}

/* A difference the limits the minimal run names account for (as in
 * tests/test_min_diff.py): the minimal verdict is the one a limit gives,
 * or the full profile refused what the minimal one reads over. */
static int
explained(const fuzz_verdict *full, const fuzz_verdict *min)
{
    cmsfw_err f = final(full), m = final(min);
    uint32_t l = min->limits;

    if ((l & (CMSFW_MIN_LIMIT_WORK | CMSFW_MIN_LIMIT_SIZE)) && m == CMSFW_INSUFFICIENT_MEMORY)
        return 1;
    if ((l & CMSFW_MIN_LIMIT_DEPTH) && m == CMSFW_DECODE_FAILURE)
        return 1;
    if ((l & CMSFW_MIN_LIMIT_SIGNER) && m == CMSFW_NO_TRUST_ANCHOR)
        return 1;
    if ((l & CMSFW_MIN_LIMIT_LAYER) &&
        (m == CMSFW_BAD_COMPRESS_ALGORITHM || m == CMSFW_BAD_ENCRYPT_CONTENT))
        return 1;
    return (l & CMSFW_MIN_LIMIT_CERTS) &&
           (f == CMSFW_BAD_CERTIFICATE || f == CMSFW_BAD_SIGNED_DATA ||
            f == CMSFW_INSUFFICIENT_MEMORY);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_stage_mode mode;
    fuzz_verdict full, min;

    if (size == 0)
        return 0;
    mode = (fuzz_stage_mode)((data[0] & 3u) % FUZZ_STAGE_MODES);
    data++;
    size--;

    fuzz_process_as(FUZZ_FULL, FUZZ_ANCHOR_KEY, data, size, NULL, 0, mode, &full);
    fuzz_process_as(FUZZ_MINIMAL, FUZZ_ANCHOR_KEY, data, size, NULL, 0, mode, &min);
    if (!fuzz_same_verdict(&full, &min) && !explained(&full, &min)) {
        fprintf(stderr, "minimal limits 0x%x\n", (unsigned)min.limits);
        fuzz_print_verdict("full", &full);
        fuzz_print_verdict("minimal", &min);
        FUZZ_CHECK(fuzz_same_verdict(&full, &min) || explained(&full, &min));
    }
    return 0;
}
