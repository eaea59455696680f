/*
 * fuzz_min_diff.c: the two profiles must agree. The same package goes to
 * the full profile (cmsfw/proc.h) and to the minimal one (cmsfw/minimal.h),
 * for the same device, its anchor provisioned as a key and key identifier
 * (what the minimal profile knows; the full profile then has no anchor
 * certificate either). Unless the minimal verdict names a profile limit
 * (cmsfw_min_limits()), everything the two runs end with must be equal:
 * codes, result, the octets the sink received. Under a limit, the minimal
 * profile may only reject, or accept exactly what the full profile accepts.
 *
 * Input: octet 0, bits 0-1: stage mode (fuzz_stage_mode; 3 counts as 0);
 * the rest: the package, pushed whole.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "fuzz/fuzz_device.h"
#include "fuzz/fuzz_util.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_stage_mode mode;
    fuzz_verdict full, min;
    int ok;

    if (size == 0)
        return 0;
    mode = (fuzz_stage_mode)((data[0] & 3u) % FUZZ_STAGE_MODES);
    data++;
    size--;

    fuzz_process_as(FUZZ_FULL, FUZZ_ANCHOR_KEY, data, size, NULL, 0, mode, &full);
    fuzz_process_as(FUZZ_MINIMAL, FUZZ_ANCHOR_KEY, data, size, NULL, 0, mode, &min);
    if (min.limits == 0)
        ok = fuzz_same_verdict(&full, &min);
    else
        ok = min.finish != CMSFW_OK ||
             (full.finish == CMSFW_OK && full.unwrap == min.unwrap &&
              full.sink_hash == min.sink_hash && full.sink_len == min.sink_len);
    if (!ok) {
        fprintf(stderr, "minimal limits 0x%x\n", (unsigned)min.limits);
        fuzz_print_verdict("full", &full);
        fuzz_print_verdict("minimal", &min);
        FUZZ_CHECK(ok);
    }
    return 0;
}
