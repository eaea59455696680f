/* signer.h: a cmsfw_signer loaded from key and certificate files. */
#ifndef CMSFW_TOOLS_SIGNER_H
#define CMSFW_TOOLS_SIGNER_H

#include <cmsfw/keys.h>
#include <cmsfw/protect.h>

typedef struct tool_signer {
    cmsfw_signer s;      /* views into the keys below */
    cmsfw_key key;
    cmsfw_key cert;
    cmsfw_key *chain_keys;
    cmsfw_bytes *chain;
    size_t n_chain, cap_chain;
} tool_signer;

/* Load the private key (and the certificate, when @p cert_path is not
 * NULL). Prints "cmsfw CMD: FILE: reason" and returns -1 on failure. */
int tool_signer_load(tool_signer *t, const char *cmd, const char *key_path,
                     const char *cert_path);

/* Append every certificate of @p path to the chain. */
int tool_signer_add_chain(tool_signer *t, const char *cmd, const char *path);

/* Wipe and release (safe on a zeroed value). */
void tool_signer_free(tool_signer *t);

#endif
