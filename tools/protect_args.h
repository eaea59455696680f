/* protect_args.h: `cmsfw protect` flags -> cmsfw_protect_opts and signer. */
#ifndef CMSFW_TOOLS_PROTECT_ARGS_H
#define CMSFW_TOOLS_PROTECT_ARGS_H

#include <cmsfw/protect.h>

#include "tools/args.h"
#include "tools/signer.h"

typedef struct protect_args {
    const char *in;
    const char *out;
    int pem;                     /* --outform pem */
    cmsfw_protect_opts opts;     /* views into the pool */
    tool_signer signer;
    /* storage behind opts */
    cmsfw_bytes *targets;
    size_t cap_targets;
    cmsfw_communities communities;
    size_t cap_communities;
    cmsfw_pkg_info info;
    size_t cap_deps;
    cmsfw_oid_list impl_crypto, impl_compress;
    size_t cap_crypto, cap_compress;
} protect_args;

/*
 * Parse the flags into @p a (zeroed first), loading the key and
 * certificates. Returns -1 when the producer should run, else the exit
 * status (0 after --help, 2 for a usage error, message printed).
 */
int protect_args_parse(protect_args *a, tool_pool *pool, int argc, char **argv);

#endif
