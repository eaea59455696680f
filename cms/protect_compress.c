/*
 * protect_compress.c: the compression layer (RFC 3274) and reading the
 * image.
 *
 * CompressedData ::= SEQUENCE {
 *     version CMSVersion (0),
 *     compressionAlgorithm { id-alg-zlibCompress, parameters absent },
 *     encapContentInfo { eContentType id-ct-firmwarePackage,
 *                        eContent [0] EXPLICIT OCTET STRING (a zlib stream) } }
 *
 * The stream's length must be known before the package's first octet is
 * written, so the image is deflated into the caller's scratch stage
 * first; memory stays at two chunks and zlib's state whatever the size.
 */
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "cms/diag.h"
#include "cms/pem.h"
#include "cms/protect_priv.h"

/* see cms/protect_priv.h */
cmsfw_err
cmsfw__read_image(const cmsfw_reader *in, uint8_t *p, size_t n, uint64_t *left, size_t *got,
                  cmsfw_diag *diag)
{
    uint8_t extra;
    size_t k = 0;

    *got = 0;
    if ((uint64_t)n > *left)
        n = (size_t)*left;
    while (*got < n) {
        if (in->read(in->io, p + *got, n - *got, &k) != 0)
            return cmsfw__fail(diag, CMSFW_E_IO, "reading the image failed");
        if (k == 0)
            return cmsfw__fail(diag, CMSFW_E_IO, "the image ended %llu octets early",
                               (unsigned long long)(*left - *got));
        if (k > n - *got)
            return cmsfw__fail(diag, CMSFW_E_IO, "the reader returned more than asked");
        *got += k;
    }
    *left -= *got;
    if (*left == 0) {
        k = 0;
        if (in->read(in->io, &extra, 1, &k) != 0)
            return cmsfw__fail(diag, CMSFW_E_IO, "reading the image failed");
        if (k != 0)
            return cmsfw__fail(diag, CMSFW_E_ARG, "the image is longer than image_len");
    }
    return CMSFW_OK;
}

/* Write what deflate produced since the last call. */
static cmsfw_err
drain(z_stream *z, uint8_t *obuf, const cmsfw_stage *scratch, uint64_t *off, cmsfw_diag *diag)
{
    size_t n = CMSFW__PROTECT_CHUNK - z->avail_out;

    if (n > 0 && scratch->write(scratch->io, *off, obuf, n) != 0)
        return cmsfw__fail(diag, CMSFW_E_IO, "writing the scratch stage failed");
    *off += n;
    z->next_out = obuf;
    z->avail_out = CMSFW__PROTECT_CHUNK;
    return *off > CMSFW__PROTECT_MAX_IMAGE
               ? cmsfw__fail(diag, CMSFW_E_ARG, "compressed image too large")
               : CMSFW_OK;
}

/* Feed the whole image to deflate. */
static cmsfw_err
deflate_all(z_stream *z, const cmsfw_reader *in, uint64_t image_len, const cmsfw_stage *scratch,
            cmsfw_bk_hash_ctx *plain_hash, uint8_t *ibuf, uint8_t *obuf, uint64_t *off,
            cmsfw_diag *diag)
{
    uint64_t left = image_len;
    size_t got = 0;
    int zr = Z_OK, flush = Z_NO_FLUSH;
    cmsfw_err err = CMSFW_OK;

    while (err == CMSFW_OK && zr != Z_STREAM_END) {
        if (z->avail_in == 0 && flush == Z_NO_FLUSH) {
            err = cmsfw__read_image(in, ibuf, CMSFW__PROTECT_CHUNK, &left, &got, diag);
            if (err != CMSFW_OK)
                break;
            if (cmsfw_bk_hash_update(plain_hash, ibuf, got) != CMSFW_BK_OK)
                return cmsfw__fail(diag, CMSFW_E_BACKEND, "hash failed");
            z->next_in = ibuf;
            z->avail_in = (uInt)got;
            flush = left == 0 ? Z_FINISH : Z_NO_FLUSH;
        }
        zr = deflate(z, flush);
        if (zr != Z_OK && zr != Z_STREAM_END && zr != Z_BUF_ERROR)
            return cmsfw__fail(diag, CMSFW_E_BACKEND, "deflate failed (%d)", zr);
        if (z->avail_out == 0 || zr == Z_STREAM_END)
            err = drain(z, obuf, scratch, off, diag);
    }
    return err;
}

/* see cms/protect_priv.h */
cmsfw_err
cmsfw__deflate_to_stage(const cmsfw_reader *in, uint64_t image_len, const cmsfw_stage *scratch,
                        cmsfw_bk_hash_ctx *plain_hash, uint64_t *comp_len, cmsfw_diag *diag)
{
    z_stream z;
    uint8_t *ibuf = malloc(CMSFW__PROTECT_CHUNK), *obuf = malloc(CMSFW__PROTECT_CHUNK);
    uint64_t off = 0;
    cmsfw_err err = CMSFW_E_NOMEM;

    *comp_len = 0;
    memset(&z, 0, sizeof z);
    if (ibuf == NULL || obuf == NULL) {
        free(ibuf);
        free(obuf);
        return cmsfw__fail(diag, CMSFW_E_NOMEM, "out of memory");
    }
    /* a zlib stream (RFC 1950 header and Adler-32), no preset dictionary,
     * the smallest output zlib makes: firmware is compressed once and
     * shipped many times */
    if (deflateInit2(&z, Z_BEST_COMPRESSION, Z_DEFLATED, 15, 9, Z_DEFAULT_STRATEGY) != Z_OK) {
        err = cmsfw__fail(diag, CMSFW_E_NOMEM, "deflate could not start");
    } else {
        z.next_out = obuf;
        z.avail_out = CMSFW__PROTECT_CHUNK;
        err = deflate_all(&z, in, image_len, scratch, plain_hash, ibuf, obuf, &off, diag);
        deflateEnd(&z);
    }
    /* they held the image, in clear and deflated */
    cmsfw__key_wipe(ibuf, CMSFW__PROTECT_CHUNK);
    cmsfw__key_wipe(obuf, CMSFW__PROTECT_CHUNK);
    free(ibuf);
    free(obuf);
    if (err == CMSFW_OK)
        *comp_len = off;
    return err;
}

/* see cms/protect_priv.h */
size_t
cmsfw__compressed_head(size_t comp_len, uint8_t *out, size_t cap)
{
    cmsfw_bytes zlib = cmsfw__oid("id-alg-zlibCompress"), fw = cmsfw__oid("id-ct-firmwarePackage");
    size_t eci = cmsfw__tlv(fw.len) + cmsfw__tlv(cmsfw__tlv(comp_len));
    size_t cd = 3 + cmsfw__tlv(cmsfw__tlv(zlib.len)) + cmsfw__tlv(eci);
    cmsfw_der_w w;

    cmsfw_der_w_init(&w, out, cap);
    cmsfw_der_put_header(&w, CMSFW_DER_UNIVERSAL, 1, CMSFW_DER_TAG_SEQUENCE, cd);
    cmsfw_der_put_uint(&w, 0);
    cmsfw_der_put_header(&w, CMSFW_DER_UNIVERSAL, 1, CMSFW_DER_TAG_SEQUENCE, cmsfw__tlv(zlib.len));
    cmsfw_der_put_oid(&w, zlib.ptr, zlib.len);
    cmsfw_der_put_header(&w, CMSFW_DER_UNIVERSAL, 1, CMSFW_DER_TAG_SEQUENCE, eci);
    cmsfw_der_put_oid(&w, fw.ptr, fw.len);
    cmsfw_der_put_header(&w, CMSFW_DER_CONTEXT, 1, 0, cmsfw__tlv(comp_len));
    cmsfw_der_put_header(&w, CMSFW_DER_UNIVERSAL, 0, CMSFW_DER_TAG_OCTET_STRING, comp_len);
    return cmsfw_der_w_status(&w) == CMSFW_DER_OK ? w.pos : 0;
}
