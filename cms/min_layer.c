/*
 * min_layer.c: step 21 of the minimal profile, the EncryptedData or
 * AuthEnvelopedData layer (cmsfw__min_layer() of cms/min_priv.h): read
 * back from the stage (min_layer_hdr.c), its key found (min_layer_key.c),
 * its ciphertext decrypted in place here. The same checks, in the same
 * order and with the same codes, as cms/unwrap_crypt.c and
 * cms/unwrap_keys.c of the full profile (whose comments give the
 * reasons); only the memory differs (cms/min_layer.h).
 */
#include <string.h>

#include "cms/min_layer.h"

/* AES content-encryption and key-wrap OIDs: 2.16.840.1.101.3.4.1.n */
static const uint8_t oid_aes_prefix[8] = {0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x01};

/* see cms/min_layer.h */
void
cmsfw__ml_wipe(void *p, size_t n)
{
    volatile uint8_t *v = (volatile uint8_t *)p;

    while (n-- > 0)
        *v++ = 0;
}

/* see cms/min_layer.h */
int
cmsfw__ml_bytes_eq(cmsfw_bytes a, cmsfw_bytes b)
{
    return a.ptr != NULL && b.ptr != NULL && a.len == b.len &&
           (a.len == 0 || memcmp(a.ptr, b.ptr, a.len) == 0);
}

/* see cms/min_layer.h */
const uint8_t *
cmsfw__ml_aes_arc(cmsfw_bytes oid, const uint8_t (*tab)[3], size_t n)
{
    size_t i;

    if (oid.ptr == NULL || oid.len != sizeof oid_aes_prefix + 1 ||
        memcmp(oid.ptr, oid_aes_prefix, sizeof oid_aes_prefix) != 0)
        return NULL;
    for (i = 0; i < n; i++)
        if (tab[i][0] == oid.ptr[sizeof oid_aes_prefix])
            return tab[i];
    return NULL;
}

/* see cms/min_layer.h */
cmsfw_err
cmsfw__ml_fail(min_layer *u, cmsfw_err code, const char *why)
{
    return cmsfw__min_fail(u->m, code, u->limits, why);
}

/* see cms/min_layer.h */
cmsfw_err
cmsfw__ml_rd_fail(min_layer *u, int st, cmsfw_err code, const char *why)
{
    if (st == ML_IO)
        return cmsfw__ml_fail(u, CMSFW_E_IO, "stage or sink I/O failed");
    return cmsfw__ml_fail(u, code, why);
}

/* see cms/min_layer.h */
cmsfw_err
cmsfw__ml_bad(min_layer *u, int st)
{
    return cmsfw__ml_rd_fail(u, st, CMSFW_BAD_ENCRYPTED_DATA, "malformed encryption layer");
}

/* see cms/min_layer.h. The scratch area starts where it started for the
 * struct (same alignment, nothing captured since), so asking for more
 * extends it. */
int
cmsfw__ml_grow(min_layer *u, size_t n)
{
    size_t len = sizeof *u + n;

    if (n > SIZE_MAX - sizeof *u || cmsfw__min_scratch(u->m, 16, &len) != (void *)u)
        return 0;
    if (len > u->held)
        u->held = len;
    return len == sizeof *u + n;
}

static cmsfw_err
decrypt_failed(min_layer *u)
{
    return cmsfw__ml_fail(u, CMSFW_DECRYPT_FAILURE, "decryption failed");
}

static cmsfw_err
backend_failed(min_layer *u)
{
    return cmsfw__ml_fail(u, CMSFW_E_BACKEND, "crypto backend failed");
}

/* 1 when the last block ends in a valid padding (RFC 5652 section 6.3),
 * *pad its length; every octet is looked at whatever the others hold. */
static int
cbc_unpad(const uint8_t last[CMSFW_BK_AES_BLOCK], size_t *pad)
{
    const uint32_t k = last[CMSFW_BK_AES_BLOCK - 1];
    uint32_t bad, from_end, mask;
    unsigned i;

    bad = ((k - 1u) >> 31) | ((16u - k) >> 31);
    for (i = 0; i < CMSFW_BK_AES_BLOCK; i++) {
        from_end = CMSFW_BK_AES_BLOCK - i;
        mask = ((k - from_end) >> 31) - 1u;
        bad |= mask & (last[i] ^ k);
    }
    *pad = (size_t)k;
    return bad == 0;
}

/* The cipher keyed with the CEK, which is wiped then. */
static cmsfw_err
start_cipher(min_layer *u)
{
    const cmsfw_bytes key = {u->io.k.cek, u->cek_len};
    const cmsfw_bytes nonce = {u->iv, u->iv_len};
    const cmsfw_bytes aad = {u->aad, u->aad_len};
    cmsfw_bk_status bs;

    if (u->mode == ML_CBC)
        bs = cmsfw_bk_cbc_init(&u->cipher, key, u->iv, 0);
    else
        bs = cmsfw_bk_gcm_init(&u->cipher, key, nonce, aad, 0);
    cmsfw__ml_wipe(u->io.k.cek, sizeof u->io.k.cek);
    if (bs == CMSFW_BK_KEY_SIZE || bs == CMSFW_BK_BAD_INPUT)
        return decrypt_failed(u);
    return bs == CMSFW_BK_OK ? CMSFW_OK : backend_failed(u);
}

/* Decrypt n octets of the chunk in place and write them at offset w
 * (below every octet still to read: see cms/unwrap_crypt.c). */
static cmsfw_err
crypt_chunk(min_layer *u, size_t n, uint32_t w, uint8_t last[CMSFW_BK_AES_BLOCK])
{
    uint8_t *p = u->io.chunk;
    cmsfw_bk_status bs;

    if (n == 0)
        return CMSFW_OK;
    if (u->mode == ML_CBC)
        bs = cmsfw_bk_cbc_update(&u->cipher, p, p, n);
    else
        bs = cmsfw_bk_gcm_update(&u->cipher, p, p, n);
    if (bs != CMSFW_BK_OK)
        return backend_failed(u);
    if (n >= CMSFW_BK_AES_BLOCK)
        memcpy(last, p + n - CMSFW_BK_AES_BLOCK, CMSFW_BK_AES_BLOCK);
    if (u->m->stage->write(u->m->stage->io, w, p, n) != 0)
        return cmsfw__ml_rd_fail(u, ML_IO, CMSFW_E_IO, NULL);
    return CMSFW_OK;
}

/* The ciphertext pieces, through the chunk, into the stage from offset
 * 0; *w receives the octets written. */
static cmsfw_err
decrypt_pieces(min_layer *u, uint32_t *w, uint8_t last[CMSFW_BK_AES_BLOCK])
{
    const size_t chunk = ML_CHUNK(u);
    uint32_t off = 0, n = 0;
    size_t fill = 0, take;
    int st = CMSFW_DER_OK;
    cmsfw_err err = CMSFW_OK;

    cmsfw__ml_segs_init(&u->segs, &u->ct);
    while (err == CMSFW_OK) {
        while (n == 0 && st == CMSFW_DER_OK)
            st = cmsfw__ml_segs_next(&u->st, &u->segs, &off, &n);
        take = (n > chunk - fill) ? chunk - fill : n;
        if (st != CMSFW_DER_OK && st != CMSFW_DER_END)
            take = 0;
        else if (take > 0)
            st = cmsfw__ml_read(&u->st, off, u->io.chunk + fill, take);
        /* pass one walked these pieces: a failure now is the stage's */
        if (st != CMSFW_DER_OK && st != CMSFW_DER_END)
            return cmsfw__ml_rd_fail(u, ML_IO, CMSFW_E_IO, NULL);
        off += (uint32_t)take;
        n -= (uint32_t)take;
        fill += take;
        if (fill == chunk || st == CMSFW_DER_END) {
            err = crypt_chunk(u, fill, *w, last);
            *w += (uint32_t)fill;
            fill = 0;
            if (st == CMSFW_DER_END)
                break;
        }
    }
    return err;
}

/* Nothing leaves the stage before the padding or the tag is checked. */
static cmsfw_err
decrypt_in_place(min_layer *u, uint64_t *pt_len)
{
    uint8_t last[CMSFW_BK_AES_BLOCK];
    uint32_t w = 0;
    size_t pad = 0;
    int ok;
    cmsfw_err err;

    memset(last, 0, sizeof last);
    if (u->mode == ML_CBC && (u->ct_len == 0 || u->ct_len % CMSFW_BK_AES_BLOCK != 0))
        return decrypt_failed(u);
    err = start_cipher(u);
    if (err == CMSFW_OK)
        err = decrypt_pieces(u, &w, last);
    if (err != CMSFW_OK)
        return err;
    if (u->mode == ML_GCM) {
        if (cmsfw_bk_gcm_decrypt_final(&u->cipher, u->mac, u->icv_len) != CMSFW_BK_OK)
            return decrypt_failed(u);
        *pt_len = w;
        return CMSFW_OK;
    }
    if (cmsfw_bk_cbc_finish(&u->cipher) != CMSFW_BK_OK)
        return backend_failed(u);
    ok = cbc_unpad(last, &pad);
    cmsfw__ml_wipe(last, sizeof last);
    if (!ok)
        return decrypt_failed(u);
    *pt_len = w - pad;
    return CMSFW_OK;
}

/* see cms/min_priv.h */
cmsfw_err
cmsfw__min_layer(cmsfw_min *m, int auth, uint64_t *pt_len, int *compressed)
{
    min_layer *u;
    size_t len = sizeof *u;
    cmsfw_err err;

    *pt_len = 0;
    *compressed = 0;
    m->res.layers |= auth ? CMSFW_LAYER_AUTH_ENVELOPED : CMSFW_LAYER_ENCRYPTED;
    if (m->f.econtent_len > UINT32_MAX)
        return cmsfw__min_fail(m, CMSFW_INSUFFICIENT_MEMORY, CMSFW_MIN_LIMIT_SIZE,
                               "work buffer too small");
    u = (min_layer *)cmsfw__min_scratch(m, 16, &len);
    if (u == NULL || len < sizeof *u)
        return cmsfw__min_fail(m, CMSFW_INSUFFICIENT_MEMORY, CMSFW_MIN_LIMIT_WORK,
                               "work buffer too small");
    memset(u, 0, sizeof *u);
    u->m = m;
    u->auth = auth;
    u->held = len;
    u->st.stage = m->stage;
    u->st.limit = (uint32_t)m->f.econtent_len;
    u->st.limits = &u->limits;
    err = cmsfw__ml_walk(u);
    if (err == CMSFW_OK)
        err = cmsfw__ml_key(u);
    if (err == CMSFW_OK)
        err = decrypt_in_place(u, pt_len);
    cmsfw_bk_cipher_abort(&u->cipher);
    *compressed = err == CMSFW_OK && u->compressed;
    cmsfw__ml_wipe(u, u->held);
    return err;
}
