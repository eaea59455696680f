/*
 * fuzz_proc.c: the device processor of cmsfw/proc.h over the whole input
 * in one push, as a package for the device of fuzz_device.h: finish(),
 * then unwrap() when finish() accepted. fuzz_device.c checks what the
 * processor promises along the way (latched errors, the stage and sink
 * callbacks, the result); ASan, UBSan and LeakSanitizer do the rest.
 */
#include <stddef.h>
#include <stdint.h>

#include "fuzz/fuzz_device.h"
#include "fuzz/fuzz_util.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_verdict v;

    fuzz_process(data, size, NULL, 0, FUZZ_STAGE_PLAIN, &v);
    return 0;
}
