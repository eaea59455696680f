/*
 * unwrap_inflate.c: step 22, CompressedData (RFC 3274) read from the
 * stage and inflated to the sink.
 *
 * The structure is checked whole first (a header walk, nothing inflated),
 * so that a malformed value is refused before any octet reaches the sink;
 * then the eContent pieces are inflated in CMSFW__UW_CHUNK steps.
 *
 * id-alg-zlibCompress is a zlib stream (RFC 1950: header, DEFLATE,
 * Adler-32), read with inflateInit(), which refuses raw DEFLATE and gzip.
 * decompressFailure (26) covers: a stream error, a preset dictionary
 * (FDICT: the device has none to give), a stream that ends early, any
 * octet after the end of the stream, and an image larger than
 * dev->max_image. The size limit is a decompressFailure rather than
 * insufficientMemory because it is the decompression-bomb guard of RFC
 * 4108 digest step 22, whatever memory the device has.
 */
#include <string.h>

#include <zlib.h>

#include "cms/diag.h"
#include "cms/unwrap_priv.h"

/* id-alg-zlibCompress, 1.2.840.113549.1.9.16.3.8 */
static const uint8_t oid_zlib[11] = {0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d,
                                     0x01, 0x09, 0x10, 0x03, 0x08};

/* What the structure walk found. */
typedef struct cz_info {
    int version_ok;
    int type_ok;
    int alg_ok;
    int has_content;
    cmsfw__shdr content; /* the eContent OCTET STRING */
} cz_info;

/* The value of a small element loaded from the stage, parsed in memory:
 * the contents must be exactly one TLV with the expected tag. */
static int
load_one(cmsfw__uw *uw, cmsfw__sr_cur *c, const cmsfw__shdr *h, uint8_t want_tag,
         cmsfw_der_tlv *t, cmsfw__sr_status *st)
{
    cmsfw_der_cur m;
    size_t n = 0;

    *st = cmsfw__sr_load(&uw->rd, c, h, uw->small, sizeof(uw->small), &n);
    if (*st != CMSFW_DER_OK)
        return 0;
    cmsfw_der_init(&m, uw->small, n, 1);
    *st = cmsfw_der_expect(&m, CMSFW_DER_UNIVERSAL, -1, want_tag, t);
    return *st == CMSFW_DER_OK;
}

/* CompressionAlgorithmIdentifier ::= AlgorithmIdentifier: only
 * id-alg-zlibCompress with parameters absent is supported. */
static cmsfw__sr_status
walk_alg(cmsfw__uw *uw, cmsfw__sr_cur *c, const cmsfw__shdr *h, cz_info *ci)
{
    cmsfw_der_tlv seq, oid;
    cmsfw_der_cur in;
    cmsfw__sr_status st;

    if (!load_one(uw, c, h, CMSFW_DER_TAG_SEQUENCE, &seq, &st))
        return st != CMSFW_DER_OK ? st : CMSFW_DER_UNEXPECTED;
    if (!seq.constructed)
        return CMSFW_DER_UNEXPECTED;
    cmsfw_der_enter(&in, &seq, 1);
    st = cmsfw_der_expect(&in, CMSFW_DER_UNIVERSAL, 0, CMSFW_DER_TAG_OID, &oid);
    if (st != CMSFW_DER_OK)
        return st;
    ci->alg_ok = cmsfw_der_oid_is(&oid, oid_zlib, sizeof(oid_zlib)) && cmsfw_der_at_end(&in);
    return CMSFW_DER_OK;
}

/* EncapsulatedContentInfo ::= SEQUENCE {
 *   eContentType ContentType,
 *   eContent [0] EXPLICIT OCTET STRING OPTIONAL } */
static cmsfw__sr_status
walk_encap(cmsfw__uw *uw, cmsfw__sr_cur *outer, const cmsfw__shdr *h, cz_info *ci)
{
    cmsfw__sr_cur in, ex;
    cmsfw__shdr x, os;
    cmsfw__sr_segs sg;
    cmsfw_der_tlv oid;
    uint64_t off, n;
    cmsfw__sr_status st;

    if (h->cls != CMSFW_DER_UNIVERSAL || h->tag != CMSFW_DER_TAG_SEQUENCE || !h->constructed)
        return CMSFW_DER_UNEXPECTED;
    cmsfw__sr_enter(h, &in);
    st = cmsfw__sr_next(&uw->rd, &in, &x);
    if (st != CMSFW_DER_OK)
        return st == CMSFW_DER_END ? CMSFW_DER_TRUNCATED : st;
    if (!load_one(uw, &in, &x, CMSFW_DER_TAG_OID, &oid, &st))
        return st != CMSFW_DER_OK ? st : CMSFW_DER_UNEXPECTED;
    ci->type_ok = cmsfw_der_oid_is(&oid, cmsfw__uw_oid_fw, sizeof(cmsfw__uw_oid_fw));
    st = cmsfw__sr_next(&uw->rd, &in, &x);
    if (st == CMSFW_DER_END)
        return cmsfw__sr_leave(&uw->rd, outer, &in);
    if (st != CMSFW_DER_OK)
        return st;
    if (x.cls != CMSFW_DER_CONTEXT || x.tag != 0 || !x.constructed)
        return CMSFW_DER_UNEXPECTED;
    cmsfw__sr_enter(&x, &ex);
    st = cmsfw__sr_next(&uw->rd, &ex, &os);
    if (st != CMSFW_DER_OK)
        return st == CMSFW_DER_END ? CMSFW_DER_TRUNCATED : st;
    if (os.cls != CMSFW_DER_UNIVERSAL || os.tag != CMSFW_DER_TAG_OCTET_STRING)
        return CMSFW_DER_UNEXPECTED;
    cmsfw__sr_segs_init(&sg, &os);
    while ((st = cmsfw__sr_segs_next(&uw->rd, &sg, &off, &n)) == CMSFW_DER_OK)
        ;
    if (st != CMSFW_DER_END)
        return st;
    ci->has_content = 1;
    ci->content = os;
    ex.pos = cmsfw__sr_segs_end(&sg);
    st = cmsfw__sr_leave(&uw->rd, &in, &ex);
    if (st != CMSFW_DER_OK)
        return st;
    return cmsfw__sr_leave(&uw->rd, outer, &in);
}

/* CompressedData ::= SEQUENCE {
 *   version CMSVersion,
 *   compressionAlgorithm CompressionAlgorithmIdentifier,
 *   encapContentInfo EncapsulatedContentInfo } */
static cmsfw__sr_status
walk_compressed(cmsfw__uw *uw, uint64_t len, cz_info *ci)
{
    cmsfw__sr_cur top, in;
    cmsfw__shdr h, x;
    cmsfw_der_tlv ver;
    int64_t v = -1;
    cmsfw__sr_status st;

    cmsfw__sr_region(&top, 0, len);
    st = cmsfw__sr_next(&uw->rd, &top, &h);
    if (st != CMSFW_DER_OK)
        return st == CMSFW_DER_END ? CMSFW_DER_TRUNCATED : st;
    if (h.cls != CMSFW_DER_UNIVERSAL || h.tag != CMSFW_DER_TAG_SEQUENCE || !h.constructed)
        return CMSFW_DER_UNEXPECTED;
    cmsfw__sr_enter(&h, &in);
    st = cmsfw__sr_next(&uw->rd, &in, &x);
    if (st != CMSFW_DER_OK)
        return st == CMSFW_DER_END ? CMSFW_DER_TRUNCATED : st;
    if (!load_one(uw, &in, &x, CMSFW_DER_TAG_INTEGER, &ver, &st))
        return st != CMSFW_DER_OK ? st : CMSFW_DER_UNEXPECTED;
    ci->version_ok = cmsfw_der_get_int(&ver, &v) == CMSFW_DER_OK && v == 0;
    st = cmsfw__sr_next(&uw->rd, &in, &x);
    if (st != CMSFW_DER_OK)
        return st == CMSFW_DER_END ? CMSFW_DER_TRUNCATED : st;
    st = walk_alg(uw, &in, &x, ci);
    if (st != CMSFW_DER_OK)
        return st;
    st = cmsfw__sr_next(&uw->rd, &in, &x);
    if (st != CMSFW_DER_OK)
        return st == CMSFW_DER_END ? CMSFW_DER_TRUNCATED : st;
    st = walk_encap(uw, &in, &x, ci);
    if (st != CMSFW_DER_OK)
        return st;
    st = cmsfw__sr_leave(&uw->rd, &top, &in);
    if (st != CMSFW_DER_OK)
        return st;
    /* the value is the whole region: nothing may follow it */
    return cmsfw__sr_leave(&uw->rd, &top, &top);
}

/* Feed one piece of compressed input to zlib, sending the output on.
 * inflate() is called again as long as input is left or the last call
 * filled the output buffer (zlib may hold more), so no output is pending
 * when this returns. */
static cmsfw_err
inflate_piece(cmsfw__uw *uw, z_stream *zs, size_t n, int *done)
{
    int zr;
    size_t made;
    cmsfw_err err;

    zs->next_in = uw->buf;
    zs->avail_in = (uInt)n;
    do {
        if (*done) {
            if (zs->avail_in > 0)
                return cmsfw__fail(uw->diag, CMSFW_DECOMPRESS_FAILURE,
                                   "CompressedData: octets after the end of the zlib stream");
            return CMSFW_OK;
        }
        zs->next_out = uw->out;
        zs->avail_out = (uInt)CMSFW__UW_CHUNK;
        zr = inflate(zs, Z_NO_FLUSH);
        if (zr == Z_BUF_ERROR && zs->avail_in == 0)
            return CMSFW_OK; /* everything given is used: more input needed */
        if (zr == Z_NEED_DICT)
            return cmsfw__fail(uw->diag, CMSFW_DECOMPRESS_FAILURE,
                               "CompressedData: the zlib stream needs a preset dictionary");
        if (zr != Z_OK && zr != Z_STREAM_END)
            return cmsfw__fail(uw->diag, CMSFW_DECOMPRESS_FAILURE, "CompressedData: zlib: %s",
                               zs->msg != NULL ? zs->msg : "stream error");
        made = CMSFW__UW_CHUNK - zs->avail_out;
        if ((uint64_t)made > uw->max_image - uw->out_len)
            return cmsfw__fail(uw->diag, CMSFW_DECOMPRESS_FAILURE,
                               "CompressedData: the image exceeds the size limit");
        err = cmsfw__uw_emit(uw, uw->out, made);
        if (err != CMSFW_OK)
            return err;
        if (zr == Z_STREAM_END)
            *done = 1;
    } while (zs->avail_in > 0 || zs->avail_out == 0);
    return CMSFW_OK;
}

static cmsfw_err
inflate_content(cmsfw__uw *uw, const cmsfw__shdr *content, z_stream *zs)
{
    cmsfw__sr_segs sg;
    uint64_t off = 0, n = 0;
    size_t take;
    int done = 0;
    cmsfw__sr_status st;
    cmsfw_err err;

    cmsfw__sr_segs_init(&sg, content);
    while ((st = cmsfw__sr_segs_next(&uw->rd, &sg, &off, &n)) == CMSFW_DER_OK) {
        while (n > 0) {
            take = (n > CMSFW__UW_CHUNK) ? CMSFW__UW_CHUNK : (size_t)n;
            st = cmsfw__sr_read(&uw->rd, off, uw->buf, take);
            if (st != CMSFW_DER_OK)
                return cmsfw__uw_sr_fail(uw, st, CMSFW_E_IO, "CompressedData eContent");
            err = inflate_piece(uw, zs, take, &done);
            if (err != CMSFW_OK)
                return err;
            off += take;
            n -= take;
        }
    }
    if (st != CMSFW_DER_END)
        return cmsfw__uw_sr_fail(uw, st, CMSFW_DECOMPRESS_FAILURE, "CompressedData eContent");
    if (!done)
        return cmsfw__fail(uw->diag, CMSFW_DECOMPRESS_FAILURE,
                           "CompressedData: the zlib stream is truncated");
    return CMSFW_OK;
}

cmsfw_err
cmsfw__uw_compressed(cmsfw__uw *uw, uint64_t len, cmsfw_err syntax_code)
{
    cz_info ci;
    z_stream zs;
    int zr;
    cmsfw__sr_status st;
    cmsfw_err err;

    memset(&ci, 0, sizeof(ci));
    uw->res->layers |= CMSFW_LAYER_COMPRESSED;
    st = walk_compressed(uw, len, &ci);
    if (st != CMSFW_DER_OK)
        return cmsfw__uw_sr_fail(uw, st, syntax_code, "CompressedData");
    if (!ci.version_ok)
        return cmsfw__fail(uw->diag, CMSFW_BAD_ENCAP_CONTENT, "CompressedData: version is not 0");
    if (!ci.type_ok)
        return cmsfw__fail(uw->diag, CMSFW_BAD_ENCAP_CONTENT,
                           "CompressedData: eContentType is not id-ct-firmwarePackage");
    if (!ci.alg_ok)
        return cmsfw__fail(uw->diag, CMSFW_BAD_COMPRESS_ALGORITHM,
                           "CompressedData: compressionAlgorithm is not id-alg-zlibCompress "
                           "with parameters absent");
    if (!ci.has_content)
        return cmsfw__fail(uw->diag, CMSFW_MISSING_COMPRESSED_CONTENT,
                           "CompressedData: eContent is absent");
    memset(&zs, 0, sizeof(zs));
    zr = inflateInit(&zs);
    if (zr != Z_OK)
        return cmsfw__fail(uw->diag, zr == Z_MEM_ERROR ? CMSFW_E_NOMEM : CMSFW_E_BACKEND,
                           "CompressedData: zlib inflateInit failed");
    err = inflate_content(uw, &ci.content, &zs);
    (void)inflateEnd(&zs);
    return err;
}
