/*
 * ber_builder.h: builds a BER SignedData the way a streaming encoder writes
 * it (indefinite lengths, eContent cut into segments), for the inspection
 * and processor tests. The signature is a placeholder: these packages
 * exercise parsing, never verification.
 */
#ifndef CMSFW_TESTS_BER_BUILDER_H
#define CMSFW_TESTS_BER_BUILDER_H

#include <stddef.h>
#include <stdint.h>

#include "asn1/der.h"

static const uint8_t oid_signed_data[] = {0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02};
static const uint8_t oid_receipt[] = {0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x10, 0x01, 0x11};
static const uint8_t oid_fw[] = {0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x10, 0x01, 0x10};
static const uint8_t oid_sha256[] = {0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01};
static const uint8_t oid_ecdsa256[] = {0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02};
static const uint8_t oid_ct_attr[] = {0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x03};

static inline void
put_alg(cmsfw_der_w *w, const uint8_t *oid, size_t n)
{
    cmsfw_der_put_header(w, CMSFW_DER_UNIVERSAL, 1, CMSFW_DER_TAG_SEQUENCE, cmsfw_der_header_size(n) + n);
    cmsfw_der_put_oid(w, oid, n);
}

static inline void
indef(cmsfw_der_w *w, uint8_t id)
{
    uint8_t h[2] = {id, 0x80};
    cmsfw_der_put_bytes(w, h, 2);
}

static inline void
eoc(cmsfw_der_w *w)
{
    static const uint8_t z[2] = {0, 0};
    cmsfw_der_put_bytes(w, z, 2);
}

/*
 * A BER SignedData as a streaming encoder writes it: indefinite lengths on
 * every constructed level down to eContent, whose OCTET STRING is cut into
 * segments of @p seg bytes. The signer has one content-type attribute.
 */
static inline size_t
build_ber_signed(uint8_t *out, size_t cap, const uint8_t *ctype, size_t ctype_len,
                 const uint8_t *content, size_t content_len, size_t seg)
{
    cmsfw_der_w w;
    size_t i, attr_len, attrs_len, si_len, alg_len = 4 + sizeof oid_sha256;
    static const uint8_t ski[] = {0x01, 0x02, 0x03, 0x04};
    static const uint8_t sig[] = {0x30, 0x00};

    cmsfw_der_w_init(&w, out, cap);
    indef(&w, 0x30);                    /* ContentInfo */
    cmsfw_der_put_oid(&w, oid_signed_data, sizeof oid_signed_data);
    indef(&w, 0xa0);
    indef(&w, 0x30);                    /* SignedData */
    cmsfw_der_put_uint(&w, 3);
    cmsfw_der_put_header(&w, CMSFW_DER_UNIVERSAL, 1, CMSFW_DER_TAG_SET, alg_len);
    put_alg(&w, oid_sha256, sizeof oid_sha256);
    indef(&w, 0x30);                    /* EncapsulatedContentInfo */
    cmsfw_der_put_oid(&w, ctype, ctype_len);
    indef(&w, 0xa0);
    indef(&w, 0x24);                    /* constructed OCTET STRING */
    for (i = 0; i < content_len; i += seg)
        cmsfw_der_put_octets(&w, content + i, content_len - i < seg ? content_len - i : seg);
    eoc(&w);
    eoc(&w);
    eoc(&w);
    attr_len = 2 + (2 + sizeof oid_ct_attr) + (2 + 2 + ctype_len); /* whole Attribute TLV */
    attrs_len = 2 + attr_len;
    si_len = 3 + 2 + sizeof ski + alg_len + attrs_len + (4 + sizeof oid_ecdsa256) + 2 + sizeof sig;
    cmsfw_der_put_header(&w, CMSFW_DER_UNIVERSAL, 1, CMSFW_DER_TAG_SET, 2 + si_len);
    cmsfw_der_put_header(&w, CMSFW_DER_UNIVERSAL, 1, CMSFW_DER_TAG_SEQUENCE, si_len);
    cmsfw_der_put_uint(&w, 3);
    cmsfw_der_put_header(&w, CMSFW_DER_CONTEXT, 0, 0, sizeof ski);
    cmsfw_der_put_bytes(&w, ski, sizeof ski);
    put_alg(&w, oid_sha256, sizeof oid_sha256);
    cmsfw_der_put_header(&w, CMSFW_DER_CONTEXT, 1, 0, attr_len);
    cmsfw_der_put_header(&w, CMSFW_DER_UNIVERSAL, 1, CMSFW_DER_TAG_SEQUENCE, attr_len - 2);
    cmsfw_der_put_oid(&w, oid_ct_attr, sizeof oid_ct_attr);
    cmsfw_der_put_header(&w, CMSFW_DER_UNIVERSAL, 1, CMSFW_DER_TAG_SET, 2 + ctype_len);
    cmsfw_der_put_oid(&w, ctype, ctype_len);
    put_alg(&w, oid_ecdsa256, sizeof oid_ecdsa256);
    cmsfw_der_put_octets(&w, sig, sizeof sig);
    eoc(&w);
    eoc(&w);
    eoc(&w);
    return cmsfw_der_w_status(&w) == CMSFW_DER_OK ? w.pos : 0;
}

#endif
