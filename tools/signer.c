/* signer.c: load the signing key, its certificate and a chain. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tools/hss_key.h"
#include "tools/signer.h"

static int
load_fail(const char *cmd, const char *path, cmsfw_err e, const cmsfw_diag *diag)
{
    if (e == CMSFW_E_IO && diag->msg[0] != '\0') /* the message names the file */
        fprintf(stderr, "cmsfw %s: %s\n", cmd, diag->msg);
    else
        fprintf(stderr, "cmsfw %s: %s: %s\n", cmd, path,
                diag->msg[0] != '\0' ? diag->msg : cmsfw_strerror(e));
    return -1;
}

int
tool_signer_load(tool_signer *t, const char *cmd, const char *key_path, const char *cert_path)
{
    cmsfw_diag diag = {""};
    cmsfw_err e;

    memset(t, 0, sizeof *t);
    e = cmsfw_key_load_file(&t->key, key_path, CMSFW_KEY_PRIVATE, 0, &diag);
    if (e != CMSFW_OK)
        return load_fail(cmd, key_path, e, &diag);
    t->s.key = t->key.der;
    if (cert_path != NULL) {
        e = cmsfw_key_load_file(&t->cert, cert_path, CMSFW_KEY_CERTIFICATE, 0, &diag);
        if (e != CMSFW_OK)
            return load_fail(cmd, cert_path, e, &diag);
        t->s.cert = t->cert.der;
    }
    return 0;
}

/* Make room for one more chain certificate. */
static int
reserve(tool_signer *t)
{
    size_t want = t->cap_chain == 0 ? 4 : t->cap_chain * 2;
    cmsfw_key *k;
    cmsfw_bytes *b;

    if (t->n_chain < t->cap_chain)
        return 0;
    if ((k = realloc(t->chain_keys, want * sizeof *k)) == NULL)
        return -1;
    t->chain_keys = k;
    if ((b = realloc(t->chain, want * sizeof *b)) == NULL)
        return -1;
    t->chain = b;
    t->cap_chain = want;
    return 0;
}

int
tool_signer_add_chain(tool_signer *t, const char *cmd, const char *path)
{
    cmsfw_diag diag = {""};
    size_t n = 0, i;
    cmsfw_err e;

    e = cmsfw_key_count_file(path, CMSFW_KEY_CERTIFICATE, &n, &diag);
    if (e != CMSFW_OK)
        return load_fail(cmd, path, e, &diag);
    if (n == 0) {
        fprintf(stderr, "cmsfw %s: %s: no certificate in the file\n", cmd, path);
        return -1;
    }
    for (i = 0; i < n; i++) {
        if (reserve(t) != 0) {
            fprintf(stderr, "cmsfw %s: out of memory\n", cmd);
            return -1;
        }
        e = cmsfw_key_load_file(&t->chain_keys[t->n_chain], path, CMSFW_KEY_CERTIFICATE, i, &diag);
        if (e != CMSFW_OK)
            return load_fail(cmd, path, e, &diag);
        t->chain[t->n_chain] = t->chain_keys[t->n_chain].der;
        t->n_chain++;
    }
    t->s.chain = t->chain;
    t->s.n_chain = t->n_chain;
    return 0;
}

void
tool_signer_free(tool_signer *t)
{
    size_t i;

    /* an HSS signer is the first member of the tool_hss that owns it */
    if (t->s.hss != NULL)
        tool_hss_close((tool_hss *)(void *)(uintptr_t)t->s.hss);
    cmsfw_key_free(&t->key);
    cmsfw_key_free(&t->cert);
    for (i = 0; i < t->n_chain; i++)
        cmsfw_key_free(&t->chain_keys[i]);
    free(t->chain_keys);
    free(t->chain);
    memset(t, 0, sizeof *t);
}
