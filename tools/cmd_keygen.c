/*
 * cmd_keygen.c: `cmsfw keygen` (a stateful HSS/LMS key and its public
 * key) and `cmsfw keyinfo` (its parameters and the signatures left).
 */
#define _POSIX_C_SOURCE 200809L

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmsfw/keys.h>
#include <cmsfw/protect.h>

#include "tools/args.h"
#include "tools/commands.h"
#include "tools/hss_key.h"
#include "tools/outfile.h"

enum { G_ALG, G_LEVELS, G_LMS, G_OTS, G_OUT, G_PUB, G_HELP, G_COUNT };

static const tool_opt keygen_opts[G_COUNT] = {
    [G_ALG] = {"alg", "ALG", "key algorithm: hss-lms"},
    [G_LEVELS] = {"levels", "L", "HSS levels, 1 to 8 (default 1)"},
    [G_LMS] = {"lms-type", "H", "tree height H5, H10 or H15 (once, or once per level)"},
    [G_OTS] = {"ots-type", "W", "Winternitz W1, W2, W4 or W8 (once, or once per level)"},
    [G_OUT] = {"out", "KEY", "the private key file to create (never overwritten)"},
    [G_PUB] = {"pub", "SPKI", "also write the public key (SubjectPublicKeyInfo PEM)"},
    [G_HELP] = {"help", NULL, "print this help"},
};

static const char keygen_synopsis[] =
    "cmsfw keygen --alg hss-lms [--levels L] --lms-type H [--lms-type H]...\n"
    "                    --ots-type W [--ots-type W]... --out KEY [--pub SPKI]";

enum { I_JSON, I_HELP, I_COUNT };

static const tool_opt keyinfo_opts[I_COUNT] = {
    [I_JSON] = {"json", NULL, "print JSON instead of text"},
    [I_HELP] = {"help", NULL, "print this help"},
};

static const char keyinfo_synopsis[] = "cmsfw keyinfo KEY [--json]";

/* SubjectPublicKeyInfo { id-alg-hss-lms-hashsig (parameters absent),
 * BIT STRING { raw HSS public key } } (RFC 9708 4), up to the key. */
static const uint8_t spki_head[] = {0x30, 0x4e, 0x30, 0x0d, 0x06, 0x0b, 0x2a, 0x86,
                                    0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x10, 0x03,
                                    0x11, 0x03, 0x3d, 0x00};

typedef struct keygen_args {
    const char *alg, *out, *pub;
    unsigned levels;
    uint32_t lms[CMSFW_HSS_MAX_LEVELS], ots[CMSFW_HSS_MAX_LEVELS];
    unsigned n_lms, n_ots;
} keygen_args;

static int
add_type(const char *v, const char *prefix, const unsigned *values, const uint32_t *codes,
         size_t n, uint32_t *list, unsigned *count)
{
    size_t plen = strlen(prefix), i;
    char *end;
    unsigned long x;

    if (strncmp(v, prefix, plen) != 0 || v[plen] < '0' || v[plen] > '9')
        return -1;
    x = strtoul(v + plen, &end, 10);
    if (*end != '\0' || *count == CMSFW_HSS_MAX_LEVELS)
        return -1;
    for (i = 0; i < n; i++) {
        if (values[i] == x) {
            list[(*count)++] = codes[i];
            return 0;
        }
    }
    return -1;
}

static int
keygen_take(keygen_args *g, int k, const char *v)
{
    static const unsigned heights[] = {5, 10, 15, 20, 25}, widths[] = {1, 2, 4, 8};
    static const uint32_t lms_codes[] = {5, 6, 7, 8, 9}, ots_codes[] = {1, 2, 3, 4};

    switch (k) {
    case G_ALG: g->alg = v; return 0;
    case G_OUT: g->out = v; return 0;
    case G_PUB: g->pub = v; return 0;
    case G_LEVELS:
        if (strlen(v) == 1 && v[0] >= '1' && v[0] <= '8') {
            g->levels = (unsigned)(v[0] - '0');
            return 0;
        }
        fprintf(stderr, "cmsfw keygen: --levels: 1 to 8, not '%s'\n", v);
        return -1;
    case G_LMS:
        if (add_type(v, "H", heights, lms_codes, 5, g->lms, &g->n_lms) == 0)
            return 0;
        fprintf(stderr, "cmsfw keygen: --lms-type: H5, H10 or H15, not '%s'\n", v);
        return -1;
    case G_OTS:
        if (add_type(v, "W", widths, ots_codes, 4, g->ots, &g->n_ots) == 0)
            return 0;
        fprintf(stderr, "cmsfw keygen: --ots-type: W1, W2, W4 or W8, not '%s'\n", v);
        return -1;
    default:
        return -1;
    }
}

/* One type for all levels, or one per level. */
static int
fill_levels(const keygen_args *g, cmsfw_hss_key *key)
{
    unsigned i;

    if ((g->n_lms != 1 && g->n_lms != g->levels) || (g->n_ots != 1 && g->n_ots != g->levels)) {
        fprintf(stderr, "cmsfw keygen: give --lms-type and --ots-type once, or once per level "
                        "(%u levels)\n", g->levels);
        return -1;
    }
    memset(key, 0, sizeof *key);
    key->levels = g->levels;
    for (i = 0; i < g->levels; i++) {
        key->lms_type[i] = g->lms[g->n_lms == 1 ? 0 : i];
        key->ots_type[i] = g->ots[g->n_ots == 1 ? 0 : i];
    }
    return 0;
}

static int
write_pub(const char *path, const cmsfw_hss_key *key)
{
    uint8_t der[sizeof spki_head + CMSFW_HSS_PUB_LEN], *text;
    size_t len = 0;
    tool_out out;
    int rc = -1;

    memcpy(der, spki_head, sizeof spki_head);
    memcpy(der + sizeof spki_head, key->pub, CMSFW_HSS_PUB_LEN);
    if (cmsfw_pem_encode("PUBLIC KEY", (cmsfw_bytes){der, sizeof der}, NULL, 0, &len) !=
            CMSFW_OK ||
        (text = malloc(len)) == NULL)
        return -1;
    if (cmsfw_pem_encode("PUBLIC KEY", (cmsfw_bytes){der, sizeof der}, text, len, &len) ==
            CMSFW_OK &&
        tool_out_open(&out, path) == 0) {
        if (tool_out_write(&out, text, len) == 0 && tool_out_commit(&out) == 0)
            rc = 0;
        else
            tool_out_discard(&out);
    }
    free(text);
    return rc;
}

int
cmd_keygen(int argc, char **argv)
{
    keygen_args g;
    cmsfw_hss_key key;
    cmsfw_diag diag = {""};
    tool_optscan s;
    const char *v;
    int k, rc = 2;

    memset(&g, 0, sizeof g);
    g.levels = 1;
    opt_scan_init(&s, "keygen", argc, argv, keygen_opts, G_COUNT);
    while ((k = opt_next(&s, &v)) != OPT_END) {
        if (k == OPT_ERROR)
            return 2;
        if (k == G_HELP) {
            opt_usage(stdout, keygen_synopsis, keygen_opts, G_COUNT);
            return 0;
        }
        if (k == OPT_POSITIONAL) {
            fprintf(stderr, "cmsfw keygen: unexpected argument '%s'\n", v);
            return 2;
        }
        if (keygen_take(&g, k, v) != 0)
            return 2;
    }
    if (g.alg == NULL || strcmp(g.alg, "hss-lms") != 0 || g.out == NULL || g.n_lms == 0 ||
        g.n_ots == 0) {
        fprintf(stderr, "cmsfw keygen: --alg hss-lms, --lms-type, --ots-type and --out are "
                        "required (try 'cmsfw keygen --help')\n");
        return 2;
    }
    if (fill_levels(&g, &key) != 0)
        return 2;
    if (cmsfw_key_hss_generate(&key, &diag) != CMSFW_OK) {
        fprintf(stderr, "cmsfw keygen: %s\n", diag.msg);
        return 2;
    }
    if (tool_hss_create("keygen", g.out, &key) == 0) {
        rc = 0;
        if (g.pub != NULL && write_pub(g.pub, &key) != 0) {
            fprintf(stderr, "cmsfw keygen: %s: cannot write the public key\n", g.pub);
            rc = 2;
        }
    }
    memset(&key, 0, sizeof key);
    return rc;
}

/* The RFC 7093 method 1 key identifier (what protect puts in the sid). */
static void
print_keyid(FILE *f, const cmsfw_hss_key *key)
{
    uint8_t h[CMSFW_HSS_KEY_ID_LEN];
    size_t i;

    if (cmsfw_key_hss_id(key, h) != CMSFW_OK)
        return;
    for (i = 0; i < sizeof h; i++)
        fprintf(f, "%02x", h[i]);
}

static void
print_info(const cmsfw_hss_key *key, int json)
{
    unsigned i;
    size_t j;

    if (!json) {
        printf("algorithm: HSS/LMS (id-alg-hss-lms-hashsig)\nlevels: %u\n", key->levels);
        for (i = 0; i < key->levels; i++)
            printf("level %u: %s %s\n", i + 1, tool_hss_lms_name(key->lms_type[i]),
                   tool_hss_ots_name(key->ots_type[i]));
        printf("signature length: %zu\ntotal signatures: %" PRIu64 "\nused: %" PRIu64
               "\nremaining: %" PRIu64 "\nkey id: ",
               cmsfw_key_hss_sig_len(key), cmsfw_key_hss_total(key), key->next,
               cmsfw_key_hss_remaining(key));
        print_keyid(stdout, key);
        printf("\npublic key: ");
        for (j = 0; j < sizeof key->pub; j++)
            printf("%02x", key->pub[j]);
        printf("\n");
        return;
    }
    printf("{\"algorithm\":\"hss-lms\",\"levels\":[");
    for (i = 0; i < key->levels; i++)
        printf("%s{\"lms\":\"%s\",\"ots\":\"%s\"}", i > 0 ? "," : "",
               tool_hss_lms_name(key->lms_type[i]), tool_hss_ots_name(key->ots_type[i]));
    printf("],\"signature_length\":%zu,\"total\":%" PRIu64 ",\"used\":%" PRIu64
           ",\"remaining\":%" PRIu64 ",\"key_id\":\"",
           cmsfw_key_hss_sig_len(key), cmsfw_key_hss_total(key), key->next,
           cmsfw_key_hss_remaining(key));
    print_keyid(stdout, key);
    printf("\",\"public_key\":\"");
    for (j = 0; j < sizeof key->pub; j++)
        printf("%02x", key->pub[j]);
    printf("\"}\n");
}

int
cmd_keyinfo(int argc, char **argv)
{
    cmsfw_hss_key key;
    tool_optscan s;
    const char *v, *path = NULL;
    int k, json = 0;

    opt_scan_init(&s, "keyinfo", argc, argv, keyinfo_opts, I_COUNT);
    while ((k = opt_next(&s, &v)) != OPT_END) {
        if (k == OPT_ERROR)
            return 2;
        if (k == I_HELP) {
            opt_usage(stdout, keyinfo_synopsis, keyinfo_opts, I_COUNT);
            return 0;
        }
        if (k == I_JSON) {
            json = 1;
        } else if (path == NULL) {
            path = v;
        } else {
            fprintf(stderr, "cmsfw keyinfo: one key file only\n");
            return 2;
        }
    }
    if (path == NULL) {
        fprintf(stderr, "cmsfw keyinfo: no key file (try 'cmsfw keyinfo --help')\n");
        return 2;
    }
    if (!tool_hss_is_key(path)) {
        fprintf(stderr, "cmsfw keyinfo: %s: not an HSS/LMS private key file\n", path);
        return 2;
    }
    if (tool_hss_read("keyinfo", path, &key) != 0)
        return 1;
    print_info(&key, json);
    memset(&key, 0, sizeof key);
    return 0;
}
