/* port_cases.h: the embedded cases of the test firmware (gen_vectors.py). */
#ifndef CMSFW_PORT_CASES_H
#define CMSFW_PORT_CASES_H

#include <stddef.h>
#include <stdint.h>

#include <cmsfw/proc.h>

typedef struct port_case {
    const char *name;
    const uint8_t *pkg;
    uint32_t len;
    const cmsfw_device *dev;
} port_case;

extern const port_case port_cases[];
extern const size_t port_n_cases;

#endif
