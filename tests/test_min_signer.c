/*
 * test_min_signer.c: steps 6 to 20 of the minimal profile
 * (cms/min_signer.c, min_attrs.c, min_algs.c, min_policy.c) against the
 * full profile's (cms/check_signed.c, check_policy.c and the libtasn1
 * decoders): on the same SignerInfo, framing and device both must reach
 * the same code, the same package identifier and the same anchor, unless
 * the minimal one names a limit.
 *
 * Inputs: SignerInfos built by tests/checks_util.c with crafted
 * attributes (non-minimal lengths, wrong tags, trailing octets, big
 * INTEGERs and OID arcs, duplicates, unsorted sets...), the same with
 * random octets changed, and the SignerInfos of every vector of
 * vectors/MANIFEST and vectors/adversarial/MANIFEST with the device its
 * manifest entry describes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmsfw/keys.h>
#include <cmsfw/oid.h>

#include "cms/min_check.h"
#include "cms/proc_state.h"
#include "tests/checks_util.h"
#include "tests/cu_main.h"

/* ------------------------------------------------------------ the runs */

typedef struct verdict {
    cmsfw_err err;
    uint32_t limits;
    cmsfw_result res;
} verdict;

static size_t n_compared, n_limited, n_accepted;

/* Mutations per SignerInfo: CMSFW_TEST_MUTATIONS, or a quick default. */
static size_t
mutations(size_t dflt)
{
    const char *v = getenv("CMSFW_TEST_MUTATIONS");

    return v != NULL ? (size_t)strtoul(v, NULL, 10) : dflt;
}

/* The full profile: steps 6-14 then 15-20, the result as cms/proc.c
 * fills it. */
static void
full_run(const cmsfw__framing *f, const cmsfw_device *dev, verdict *v)
{
    static uint8_t kid[64];
    cmsfw__signed s;
    cmsfw_diag d;

    memset(v, 0, sizeof *v);
    v->err = cmsfw__check_signed(f, dev, &s, &d);
    if (s.has_pkg_id) {
        v->res.has_pkg_id = 1;
        v->res.pkg_id = s.pkg_id;
    }
    if (v->err == CMSFW_OK) {
        v->res.authenticated = s.authenticated;
        v->res.trust_anchor_key_id = s.anchor_key_id;
        /* a computed identifier lies in s, freed below */
        if (s.anchor_key_id.ptr == s.anchor_key_id_buf) {
            memcpy(kid, s.anchor_key_id_buf, sizeof s.anchor_key_id_buf);
            v->res.trust_anchor_key_id.ptr = kid;
        }
        v->res.decrypt_key_id = s.decrypt_key_id;
        v->res.has_pkg_type = s.has_info && s.info.has_type;
        v->res.pkg_type = s.info.type;
        v->err = cmsfw__check_policy(&s, dev, &v->res, &d);
    }
    /* views into the framing stay valid; the lists are freed */
    cmsfw__signed_free(&s);
}

/* The minimal profile on a copy of the SignerInfo in its work buffer. */
static void
min_run(const cmsfw__framing *f, const cmsfw_device *dev, verdict *v)
{
    static cmsfw_min m;
    static uint8_t buf[CB_CAP];

    memset(&m, 0, sizeof m);
    memset(v, 0, sizeof *v);
    m.magic = CMSFW__MIN_MAGIC;
    m.dev = dev;
    m.reason = "";
    m.buf = buf;
    m.buf_len = sizeof buf;
    m.f.sd_version = f->sd_version;
    m.f.digest_alg = f->digest_alg;
    m.f.econtent_type = f->econtent_type;
    m.f.has_econtent = f->has_econtent;
    m.f.econtent_len = f->econtent_len;
    m.f.econtent_hash = f->econtent_hash;
    memcpy(m.f.econtent_digest, f->econtent_digest, sizeof m.f.econtent_digest);
    m.f.econtent_digest_len = f->econtent_digest_len;
    m.f.n_certs = f->n_certs;
    m.f.has_crls = f->crls.ptr != NULL;
    m.f.n_signer_infos = f->n_signer_infos;
    if (f->signer_info.ptr != NULL && f->signer_info.len <= sizeof buf) {
        memcpy(buf, f->signer_info.ptr, f->signer_info.len);
        m.f.signer_info.ptr = buf;
        m.f.signer_info.len = f->signer_info.len;
        m.buf_used = f->signer_info.len;
    }
    v->err = cmsfw__min_check_signed(&m);
    if (v->err == CMSFW_OK)
        v->err = cmsfw__min_check_policy(&m);
    v->limits = m.limits;
    v->res = m.res;
}

static int
same_bytes(cmsfw_bytes a, cmsfw_bytes b)
{
    if (a.ptr == NULL || b.ptr == NULL)
        return a.ptr == NULL && b.ptr == NULL;
    return a.len == b.len && (a.len == 0 || memcmp(a.ptr, b.ptr, a.len) == 0);
}

static int
same_name(const cmsfw_pkg_name *a, const cmsfw_pkg_name *b)
{
    return a->form == b->form && a->version == b->version && same_bytes(a->oid, b->oid) &&
           same_bytes(a->legacy, b->legacy);
}

/* Both profiles on (f, dev): equal verdicts unless a limit is named. */
static void
compare(const char *label, const cmsfw__framing *f, const cmsfw_device *dev)
{
    verdict full, min;
    int ok;

    full_run(f, dev, &full);
    min_run(f, dev, &min);
    n_compared++;
    if (min.limits != 0) {
        n_limited++;
        /* a limit only ever explains a refusal */
        CU_ASSERT(min.err != CMSFW_OK);
        return;
    }
    ok = full.err == min.err && full.res.has_pkg_id == min.res.has_pkg_id;
    if (ok && full.res.has_pkg_id)
        ok = same_name(&full.res.pkg_id.name, &min.res.pkg_id.name) &&
             full.res.pkg_id.stale_form == min.res.pkg_id.stale_form &&
             full.res.pkg_id.stale_version == min.res.pkg_id.stale_version &&
             same_bytes(full.res.pkg_id.stale_legacy, min.res.pkg_id.stale_legacy);
    if (ok && full.err == CMSFW_OK) {
        n_accepted++;
        ok = min.res.authenticated &&
             same_bytes(full.res.trust_anchor_key_id, min.res.trust_anchor_key_id) &&
             full.res.has_pkg_type == min.res.has_pkg_type &&
             full.res.pkg_type == min.res.pkg_type &&
             full.res.downgrade_warning == min.res.downgrade_warning &&
             same_bytes(full.res.decrypt_key_id, min.res.decrypt_key_id);
    }
    if (!ok)
        fprintf(stderr,
                "\n%s: full %s (%d, pkg_id %d, kid %zu), minimal %s (%d, pkg_id %d, kid %zu)\n",
                label, cmsfw_err_name(full.err), (int)full.err, full.res.has_pkg_id,
                full.res.trust_anchor_key_id.len, cmsfw_err_name(min.err), (int)min.err,
                min.res.has_pkg_id, min.res.trust_anchor_key_id.len);
    if (!ok && getenv("CMSFW_TEST_DUMP") != NULL) {
        size_t i;

        for (i = 0; i < f->signer_info.len; i++)
            fprintf(stderr, "%02x", f->signer_info.ptr[i]);
        fprintf(stderr, "\n");
    }
    CU_ASSERT(ok);
}

/* ------------------------------------------------------- crafted values */

#define AT_PKG_ID CMSFW__OID_AT_PKG_ID
#define AT_TARGETS CMSFW__OID_AT_TARGETS
#define AT_COMM CMSFW__OID_AT_COMMUNITIES
#define AT_INFO CMSFW__OID_AT_PKG_INFO
#define AT_DIGEST CMSFW__OID_AT_FW_DIGEST
#define AT_DKID CMSFW__OID_AT_DECRYPT_KEY_ID
#define AT_HINTS CMSFW__OID_AT_CONTENT_HINT
#define AT_PROT CMSFW__OID_AT_ALG_PROTECTION
#define AT_CT CMSFW__OID_AT_CONTENT_TYPE
#define AT_MD CMSFW__OID_AT_MESSAGE_DIGEST
#define AT_CRYPTO CMSFW__OID_AT_IMPL_CRYPTO

/* fwPkgID 1.3.6.1.4.1.32473.2.1 as a TLV, and the test hwType */
#define PKG_OID_TLV "\x06\x0a\x2b\x06\x01\x04\x01\x81\xfd\x59\x02\x01"
#define HW_TLV "\x06\x0d\x2b\x06\x01\x04\x01\x81\xfd\x59\x01\x01\x01\x02\x03"

typedef struct crafted {
    const char *what;
    const char *type; /* attribute OID contents */
    size_t type_len;
    const char *value; /* value TLV; NULL: delete the attribute */
    size_t value_len;
} crafted;

#define C(what, type, value)                                                                       \
    {                                                                                              \
        what, type, sizeof(type) - 1, value, sizeof(value) - 1                                     \
    }
#define DEL(what, type)                                                                            \
    {                                                                                              \
        what, type, sizeof(type) - 1, NULL, 0                                                      \
    }

static const crafted values[] = {
    DEL("no pkg id", AT_PKG_ID),
    DEL("no content type", AT_CT),
    DEL("no message digest", AT_MD),
    DEL("no targets", AT_TARGETS),
    DEL("no algorithm protection", AT_PROT),
    /* firmware-package-identifier */
    C("pkg id legacy", AT_PKG_ID, "\x30\x04\x04\x02\xab\xcd"),
    C("pkg id legacy empty", AT_PKG_ID, "\x30\x02\x04\x00"),
    C("pkg id stale preferred", AT_PKG_ID,
      "\x30\x13\x30\x0e" PKG_OID_TLV "\x02\x01\x05\x02\x01\x03"),
    C("pkg id stale legacy", AT_PKG_ID, "\x30\x13\x30\x0e" PKG_OID_TLV "\x02\x01\x05\x04\x01\x03"),
    C("pkg id stale negative", AT_PKG_ID,
      "\x30\x13\x30\x0e" PKG_OID_TLV "\x02\x01\x05\x02\x01\xff"),
    C("pkg id stale twice", AT_PKG_ID,
      "\x30\x16\x30\x0e" PKG_OID_TLV "\x02\x01\x05\x02\x01\x03\x04\x01\x03"),
    C("pkg id version 2^64-1", AT_PKG_ID,
      "\x30\x19\x30\x17" PKG_OID_TLV "\x02\x09\x00\xff\xff\xff\xff\xff\xff\xff\xff"),
    C("pkg id version 2^64", AT_PKG_ID,
      "\x30\x1a\x30\x18" PKG_OID_TLV "\x02\x0a\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00"),
    C("pkg id version negative", AT_PKG_ID, "\x30\x11\x30\x0f" PKG_OID_TLV "\x02\x01\x80"),
    C("pkg id version non-minimal", AT_PKG_ID, "\x30\x12\x30\x10" PKG_OID_TLV "\x02\x02\x00\x05"),
    C("pkg id version empty", AT_PKG_ID, "\x30\x10\x30\x0e" PKG_OID_TLV "\x02\x00"),
    C("pkg id trailing", AT_PKG_ID, "\x30\x13\x30\x0e" PKG_OID_TLV "\x02\x01\x05\x05\x00"),
    C("pkg id long length", AT_PKG_ID, "\x30\x81\x11\x30\x0f" PKG_OID_TLV "\x02\x01\x05"),
    C("pkg id wrong tag", AT_PKG_ID, "\x31\x11\x30\x0f" PKG_OID_TLV "\x02\x01\x05"),
    C("pkg id name integer", AT_PKG_ID, "\x30\x03\x02\x01\x05"),
    C("pkg id empty", AT_PKG_ID, "\x30\x00"),
    C("pkg id arc 2^64", AT_PKG_ID,
      "\x30\x12\x30\x0d\x06\x08\x2b\x82\x80\x80\x80\x80\x80\x80\x80\x80\x00\x02\x01\x05"),
    C("pkg id arc 2^63", AT_PKG_ID,
      "\x30\x10\x30\x0e\x06\x0b\x2b\x81\x80\x80\x80\x80\x80\x80\x80\x80\x00\x02\x01\x05"),
    C("pkg id oid leading 80", AT_PKG_ID, "\x30\x0a\x30\x08\x06\x03\x2b\x80\x01\x02\x01\x05"),
    C("pkg id oid cut", AT_PKG_ID, "\x30\x09\x30\x07\x06\x02\x2b\x81\x02\x01\x05"),
    C("pkg id constructed octets", AT_PKG_ID, "\x30\x06\x24\x04\x04\x02\xab\xcd"),
    C("pkg id eoc", AT_PKG_ID, "\x30\x04\x04\x00\x00\x00"),
    /* content type, message digest, decrypt key id */
    C("content type not an oid", AT_CT, "\x04\x01\x00"),
    C("content type other", AT_CT, "\x06\x09\x2a\x86\x48\x86\xf7\x0d\x01\x07\x01"),
    C("message digest not octets", AT_MD, "\x06\x01\x00"),
    C("decrypt key id", AT_DKID, "\x04\x02\x01\x02"),
    C("decrypt key id wrong tag", AT_DKID, "\x0c\x02\x01\x02"),
    C("decrypt key id null", AT_DKID, "\x05\x00"),
    /* targets */
    C("targets empty", AT_TARGETS, "\x30\x00"),
    C("targets two", AT_TARGETS, "\x30\x14\x06\x03\x2b\x06\x01" HW_TLV),
    C("targets not oid", AT_TARGETS, "\x30\x03\x04\x01\x00"),
    C("targets set", AT_TARGETS, "\x31\x0f" HW_TLV),
    C("implemented crypto", AT_CRYPTO, "\x30\x05\x06\x03\x2b\x06\x01"),
    C("implemented crypto bad", AT_CRYPTO, "\x30\x03\x02\x01\x00"),
    /* communities */
    C("community oid", AT_COMM, "\x30\x05\x06\x03\x2b\x06\x01"),
    C("community empty", AT_COMM, "\x30\x00"),
    C("community modules all", AT_COMM, "\x30\x15\x30\x13" HW_TLV "\x30\x02\x05\x00"),
    C("community modules none", AT_COMM, "\x30\x13\x30\x11" HW_TLV "\x30\x00"),
    C("community modules single", AT_COMM, "\x30\x16\x30\x14" HW_TLV "\x30\x03\x04\x01\x02"),
    C("community modules block", AT_COMM,
      "\x30\x1a\x30\x18" HW_TLV "\x30\x07\x30\x05\x04\x01\x01\x04\x00"),
    C("community block one bound", AT_COMM,
      "\x30\x18\x30\x16" HW_TLV "\x30\x05\x30\x03\x04\x01\x01"),
    C("community null with content", AT_COMM, "\x30\x16\x30\x14" HW_TLV "\x30\x03\x05\x01\x00"),
    C("community entry integer", AT_COMM, "\x30\x16\x30\x14" HW_TLV "\x30\x03\x02\x01\x00"),
    C("community modules no entries", AT_COMM, "\x30\x11\x30\x0f" HW_TLV),
    C("community set", AT_COMM, "\x31\x05\x06\x03\x2b\x06\x01"),
    /* package info */
    C("info empty", AT_INFO, "\x30\x00"),
    C("info type", AT_INFO, "\x30\x03\x02\x01\x07"),
    C("info type negative", AT_INFO, "\x30\x03\x02\x01\xf9"),
    C("info type 2^63", AT_INFO, "\x30\x0b\x02\x09\x00\x80\x00\x00\x00\x00\x00\x00\x00"),
    C("info type -2^63", AT_INFO, "\x30\x0a\x02\x08\x80\x00\x00\x00\x00\x00\x00\x00"),
    C("info deps empty", AT_INFO, "\x30\x05\x02\x01\x07\x30\x00"),
    C("info deps", AT_INFO, "\x30\x15\x30\x13\x30\x0f" PKG_OID_TLV "\x02\x01\x01\x04\x00"),
    C("info deps then type", AT_INFO, "\x30\x05\x30\x00\x02\x01\x07"),
    C("info dep bad", AT_INFO, "\x30\x05\x30\x03\x02\x01\x01"),
    C("info boolean", AT_INFO, "\x30\x03\x01\x01\x01"),
    /* firmware package message digest */
    C("fw digest", AT_DIGEST,
      "\x30\x11\x30\x0b\x06\x09\x60\x86\x48\x01\x65\x03\x04\x02\x01\x04\x02\xab\xcd"),
    C("fw digest params", AT_DIGEST,
      "\x30\x13\x30\x0d\x06\x09\x60\x86\x48\x01\x65\x03\x04\x02\x01\x05\x00\x04\x02\xab\xcd"),
    C("fw digest two params", AT_DIGEST,
      "\x30\x15\x30\x0f\x06\x09\x60\x86\x48\x01\x65\x03\x04\x02\x01\x05\x00\x05\x00\x04\x02\xab"
      "\xcd"),
    C("fw digest no value", AT_DIGEST,
      "\x30\x0d\x30\x0b\x06\x09\x60\x86\x48\x01\x65\x03\x04\x02\x01"),
    C("fw digest bad null", AT_DIGEST,
      "\x30\x14\x30\x0e\x06\x09\x60\x86\x48\x01\x65\x03\x04\x02\x01\x05\x01\x00\x04\x02\xab\xcd"),
    /* content hints */
    C("hints", AT_HINTS,
      "\x30\x10\x0c\x01\x78\x06\x0b\x2a\x86\x48\x86\xf7\x0d\x01\x09\x10\x01\x10"),
    C("hints no description", AT_HINTS,
      "\x30\x0d\x06\x0b\x2a\x86\x48\x86\xf7\x0d\x01\x09\x10\x01\x10"),
    C("hints empty description", AT_HINTS,
      "\x30\x0f\x0c\x00\x06\x0b\x2a\x86\x48\x86\xf7\x0d\x01\x09\x10\x01\x10"),
    C("hints other type", AT_HINTS,
      "\x30\x0e\x0c\x01\x78\x06\x09\x2a\x86\x48\x86\xf7\x0d\x01\x07\x01"),
    /* algorithm protection */
    C("protection digest only", AT_PROT,
      "\x30\x0d\x30\x0b\x06\x09\x60\x86\x48\x01\x65\x03\x04\x02\x01"),
    C("protection mac", AT_PROT,
      "\x30\x1b\x30\x0b\x06\x09\x60\x86\x48\x01\x65\x03\x04\x02\x01\xa1\x0a\x06\x08\x2a\x86\x48"
      "\xce\x3d\x04\x03\x02\xa2\x00"),
    C("protection matching", AT_PROT,
      "\x30\x19\x30\x0b\x06\x09\x60\x86\x48\x01\x65\x03\x04\x02\x01\xa1\x0a\x06\x08\x2a\x86\x48"
      "\xce\x3d\x04\x03\x02"),
    C("protection other sig", AT_PROT,
      "\x30\x19\x30\x0b\x06\x09\x60\x86\x48\x01\x65\x03\x04\x02\x01\xa1\x0a\x06\x08\x2a\x86\x48"
      "\xce\x3d\x04\x03\x03"),
    C("protection sig params", AT_PROT,
      "\x30\x1b\x30\x0b\x06\x09\x60\x86\x48\x01\x65\x03\x04\x02\x01\xa1\x0c\x06\x08\x2a\x86\x48"
      "\xce\x3d\x04\x03\x02\x05\x00"),
    C("protection primitive tag", AT_PROT,
      "\x30\x19\x30\x0b\x06\x09\x60\x86\x48\x01\x65\x03\x04\x02\x01\x81\x0a\x06\x08\x2a\x86\x48"
      "\xce\x3d\x04\x03\x02"),
    /* unknown attributes: only the strict DER walk judges them */
    C("unknown bool", "\x2b\x06\x01\x04\x01\x81\xfd\x59\x09", "\x01\x01\x01"),
    C("unknown bool ff", "\x2b\x06\x01\x04\x01\x81\xfd\x59\x09", "\x01\x01\xff"),
    C("unknown utc", "\x2b\x06\x01\x04\x01\x81\xfd\x59\x09",
      "\x17\x0d"
      "250101000000Z"),
    C("unknown utc no z", "\x2b\x06\x01\x04\x01\x81\xfd\x59\x09",
      "\x17\x0d"
      "2501010000001"),
    C("unknown gen frac", "\x2b\x06\x01\x04\x01\x81\xfd\x59\x09",
      "\x18\x11"
      "20250101000000.5Z"),
    C("unknown gen frac 0", "\x2b\x06\x01\x04\x01\x81\xfd\x59\x09",
      "\x18\x12"
      "20250101000000.50Z"),
    C("unknown set sorted", "\x2b\x06\x01\x04\x01\x81\xfd\x59\x09",
      "\x31\x06\x02\x01\x01\x02\x01\x02"),
    C("unknown set unsorted", "\x2b\x06\x01\x04\x01\x81\xfd\x59\x09",
      "\x31\x06\x02\x01\x02\x02\x01\x01"),
    C("unknown set prefix", "\x2b\x06\x01\x04\x01\x81\xfd\x59\x09",
      "\x31\x07\x04\x02\x01\x00\x04\x01\x01"),
    C("unknown bits", "\x2b\x06\x01\x04\x01\x81\xfd\x59\x09", "\x03\x02\x01\x02"),
    C("unknown bits unused set", "\x2b\x06\x01\x04\x01\x81\xfd\x59\x09", "\x03\x02\x01\x01"),
    C("unknown bits empty 1", "\x2b\x06\x01\x04\x01\x81\xfd\x59\x09", "\x03\x01\x01"),
    C("unknown enum", "\x2b\x06\x01\x04\x01\x81\xfd\x59\x09", "\x0a\x02\xff\x80"),
    C("unknown high tag", "\x2b\x06\x01\x04\x01\x81\xfd\x59\x09", "\x9f\x1e\x00"),
    C("unknown high tag short", "\x2b\x06\x01\x04\x01\x81\xfd\x59\x09", "\x9f\x1f\x00"),
    C("unknown constructed string", "\x2b\x06\x01\x04\x01\x81\xfd\x59\x09", "\x24\x03\x04\x01\x00"),
    C("unknown non-minimal inner", "\x2b\x06\x01\x04\x01\x81\xfd\x59\x09",
      "\x30\x04\x04\x81\x01\x00"),
    C("unknown oid arc big", "\x2b\x06\x01\x04\x01\x81\xfd\x59\x09",
      "\x06\x0c\x2b\x82\x80\x80\x80\x80\x80\x80\x80\x80\x80\x00"),
    C("unknown universal 0", "\x2b\x06\x01\x04\x01\x81\xfd\x59\x09", "\x20\x00"),
};

static void
apply(ck *c, const crafted *x)
{
    if (x->value == NULL)
        ck_del_attr(c, (const uint8_t *)x->type, x->type_len);
    else
        ck_set_attr(c, (const uint8_t *)x->type, x->type_len, (const uint8_t *)x->value,
                    x->value_len);
}

static void
test_crafted_values(void)
{
    static ck c;
    size_t i;

    for (i = 0; i < sizeof values / sizeof values[0]; i++) {
        ck_init(&c);
        apply(&c, &values[i]);
        ck_build(&c);
        compare(values[i].what, &c.f, &c.dev);
        /* the same for an EncryptedData package, where decrypt-key-id is required */
        sb_set(&c.econtent_type, LIT(CMSFW__OID_ENCRYPTED_DATA));
        ck_set_attr(&c, LIT(AT_CT), (const uint8_t *)"\x06\x09\x2a\x86\x48\x86\xf7\x0d\x01\x07\x06",
                    11);
        ck_build(&c);
        compare(values[i].what, &c.f, &c.dev);
    }
    ck_free(&c);
}

/* OIDs around CMSFW_OID_MAX_LEN octets (and arcs around 64 bits) in the
 * values the codec reads: fwPkgID, a target, a dependency, the
 * content type (where the full profile sets no length bound). */
static void
test_oid_bounds(void)
{
    static ck c;
    uint8_t oid[80], v[128];
    size_t len, n, where;

    for (where = 0; where < 4; where++) {
        for (len = CMSFW_OID_MAX_LEN - 1; len <= CMSFW_OID_MAX_LEN + 2; len++) {
            ck_init(&c);
            memset(oid, 0x01, len);
            oid[0] = 0x2b;
            if (len == CMSFW_OID_MAX_LEN + 2) {
                /* an arc of 2^64 - 1 then 2^64 at the end */
                memset(oid + len - 11, 0x80, 10);
                oid[len - 11] = (uint8_t)(where & 1 ? 0x81 : 0x82);
                oid[len - 1] = 0x7f;
                memset(oid + len - 10, 0xff, 9);
            }
            n = 0;
            if (where == 0) { /* FirmwarePackageIdentifier */
                v[n++] = 0x30, v[n++] = (uint8_t)(len + 7), v[n++] = 0x30;
                v[n++] = (uint8_t)(len + 5), v[n++] = 0x06, v[n++] = (uint8_t)len;
                memcpy(v + n, oid, len);
                n += len;
                v[n++] = 0x02, v[n++] = 0x01, v[n++] = 0x05;
                ck_set_attr(&c, LIT(AT_PKG_ID), v, n);
            } else if (where == 1) { /* TargetHardwareIdentifiers */
                v[n++] = 0x30, v[n++] = (uint8_t)(len + 2), v[n++] = 0x06, v[n++] = (uint8_t)len;
                memcpy(v + n, oid, len);
                ck_set_attr(&c, LIT(AT_TARGETS), v, n + len);
            } else if (where == 2) { /* a dependency */
                v[n++] = 0x30, v[n++] = (uint8_t)(len + 9), v[n++] = 0x30;
                v[n++] = (uint8_t)(len + 7), v[n++] = 0x30, v[n++] = (uint8_t)(len + 5);
                v[n++] = 0x06, v[n++] = (uint8_t)len;
                memcpy(v + n, oid, len);
                n += len;
                v[n++] = 0x02, v[n++] = 0x01, v[n++] = 0x05;
                ck_set_attr(&c, LIT(AT_INFO), v, n);
            } else { /* content type: no bound in either profile */
                v[n++] = 0x06, v[n++] = (uint8_t)len;
                memcpy(v + n, oid, len);
                ck_set_attr(&c, LIT(AT_CT), v, n + len);
            }
            ck_build(&c);
            compare("oid bounds", &c.f, &c.dev);
        }
    }
    ck_free(&c);
}

/* The attribute set and the SignerInfo around it. */
static void
test_crafted_structure(void)
{
    static ck c;
    static const char *dup = "\x30\x0f\x06\x09\x2a\x86\x48\x86\xf7\x0d\x01\x09\x03\x31\x02\x05\x00";
    static const char *two = "\x30\x13\x06\x0b\x2a\x86\x48\x86\xf7\x0d\x01\x09\x10\x02\x25\x31\x04"
                             "\x04\x00\x04\x00";
    static const char *none =
        "\x30\x0f\x06\x0b\x2a\x86\x48\x86\xf7\x0d\x01\x09\x10\x02\x25\x31\x00";
    static const char *unk_key = "\x01\x02\x03";
    int i;

    for (i = 0; i < 16; i++) {
        ck_init(&c);
        switch (i) {
        case 0: break;
        case 1:
            c.unsorted = 1;
            ck_set_attr(&c, LIT(AT_INFO), (const uint8_t *)"\x30\x00", 2);
            break;
        case 2: ck_add_raw_attr(&c, (const uint8_t *)dup, 17); break;
        case 3: ck_add_raw_attr(&c, (const uint8_t *)two, 21); break;
        case 4: ck_add_raw_attr(&c, (const uint8_t *)none, 17); break;
        case 5: c.ber_signed_attrs = 1; break;
        case 6: c.omit_signed_attrs = 1; break;
        case 7: c.version = 1; break;
        case 8: c.version = 4; break;
        case 9: ck_digest(&c.sd_digest_alg, CMSFW_BK_SHA384); break;
        case 10: ck_sid_ski(&c, (const uint8_t *)unk_key, 3); break;
        case 11: c.anchors[0].flags = 0; break;
        case 12: c.flip_sig = 1; break;
        case 13: sb_set(&c.unsigned_attrs, LIT("\xa1\x00")); break;
        case 14:
            sb_set(&c.unsigned_attrs,
                   LIT("\xa1\x0c\x30\x0a\x06\x03\x2b\x06\x01\x31\x03\x04\x01\x00"));
            break;
        default: sb_alg(&c.digest_alg, LIT(CMSFW__OID_SHA256), LIT("\x05\x00")); break;
        }
        ck_build(&c);
        compare("structure", &c.f, &c.dev);
    }
    ck_free(&c);
}

/* Anchors without a key identifier: RFC 5280 (SHA-1) and RFC 7093
 * (SHA-256) identifiers of the key; several anchors, one a signer. */
static void
test_anchor_ids(void)
{
    static ck c;
    cmsfw_key k;
    uint8_t id[CMSFW_BK_HASH_MAX];
    size_t n = 0;
    int i;

    for (i = 0; i < 5; i++) {
        ck_init(&c);
        CU_ASSERT_FATAL(cmsfw_key_parse(&k, c.anchors[0].spki, CMSFW_KEY_PUBLIC, NULL) == CMSFW_OK);
        c.anchors[0].key_id.ptr = NULL;
        c.anchors[0].key_id.len = 0;
        if (i == 0) {
            cmsfw__sha1(k.public_key, id);
            ck_sid_ski(&c, id, 20);
        } else if (i == 1) {
            CU_ASSERT(cmsfw_bk_hash_once(CMSFW_BK_SHA256, k.public_key, id, sizeof id, &n) ==
                      CMSFW_BK_OK);
            ck_sid_ski(&c, id, 20);
        } else if (i == 2) {
            /* two anchors with the same key, the second one a signer */
            c.anchors[1] = c.anchors[0];
            c.anchors[0].flags = 0;
            c.anchors[0].key_id = tb_bytes(LIT(CK_KEY_ID));
            c.anchors[1].key_id = tb_bytes(LIT(CK_KEY_ID));
            c.n_anchors = c.dev.n_anchors = 2;
        } else if (i == 3) {
            /* a malformed anchor key */
            c.anchors[0].spki = tb_bytes(LIT("\x30\x00"));
        } else {
            /* nothing names the signer, no certificate anywhere */
            ck_sid_ski(&c, LIT("\x99\x98"));
        }
        ck_build(&c);
        compare("anchor ids", &c.f, &c.dev);
    }
    ck_free(&c);
}

/* Other keys and algorithms: what the backend has must give the same
 * verdict in both, and so must what it lacks. */
static void
test_algorithms(void)
{
    static ck c;
    static const struct {
        const char *key;
        cmsfw_bk_sig scheme;
        cmsfw_bk_hash hash;
        const uint8_t *oid;
        size_t oid_len;
    } k[] = {
        {"ec-p384", CMSFW_BK_SIG_ECDSA, CMSFW_BK_SHA384, LIT(CMSFW__OID_ECDSA_SHA384)},
        {"ec-p256", CMSFW_BK_SIG_ECDSA, CMSFW_BK_SHA512, LIT(CMSFW__OID_ECDSA_SHA512)},
        {"rsa-2048", CMSFW_BK_SIG_RSA_PKCS1, CMSFW_BK_SHA256, LIT(CMSFW__OID_RSA_SHA256)},
        {"rsa-2048", CMSFW_BK_SIG_RSA_PKCS1, CMSFW_BK_SHA256, LIT(CMSFW__OID_RSA)},
        {"rsa-3072", CMSFW_BK_SIG_RSA_PKCS1, CMSFW_BK_SHA384, LIT(CMSFW__OID_RSA_SHA384)},
        {"ed25519", CMSFW_BK_SIG_ED25519, CMSFW_BK_SHA512, LIT(CMSFW__OID_ED25519)},
        {"ed448", CMSFW_BK_SIG_ED448, CMSFW_BK_SHA512, LIT(CMSFW__OID_ED448)},
    };
    sb pss;
    size_t i;
    int policy;

    for (i = 0; i < sizeof k / sizeof k[0]; i++) {
        for (policy = 0; policy < 2; policy++) {
            ck_init(&c);
            ck_signer(&c, k[i].key, NULL, k[i].scheme, k[i].hash, k[i].oid, k[i].oid_len, NULL, 0);
            c.dev.policy = policy ? CMSFW_POLICY_NO_LEGACY : 0;
            /* EdDSA: a second run with another digest (RFC 8419 wants SHA-512) */
            if (policy && k[i].scheme == CMSFW_BK_SIG_ED25519)
                ck_digest(&c.digest_alg, CMSFW_BK_SHA256);
            /* EdDSA the backend lacks: a dummy signature of the right size */
            c.dummy_sig = (k[i].scheme == CMSFW_BK_SIG_ED25519 &&
                           !cmsfw_bk_has(CMSFW_BK_CAP_ED25519 | CMSFW_BK_CAP_SIGN)) ||
                          (k[i].scheme == CMSFW_BK_SIG_ED448 &&
                           !cmsfw_bk_has(CMSFW_BK_CAP_ED448 | CMSFW_BK_CAP_SIGN));
            c.dummy_sig_len = k[i].scheme == CMSFW_BK_SIG_ED448 ? 114 : 64;
            ck_build(&c);
            compare(k[i].key, &c.f, &c.dev);
        }
    }
    for (i = 0; i < 4; i++) {
        ck_init(&c);
        pss.n = 0;
        sb_pss(&pss, LIT(CMSFW__OID_SHA256),
               i == 1 ? (const uint8_t *)CMSFW__OID_SHA384 : (const uint8_t *)CMSFW__OID_SHA256, 9,
               i == 2 ? 20u : 32u, i == 3 ? 2 : -1);
        ck_signer(&c, "rsa-2048", NULL, CMSFW_BK_SIG_RSA_PSS, CMSFW_BK_SHA256,
                  LIT(CMSFW__OID_RSA_PSS), pss.b, pss.n);
        ck_build(&c);
        compare("rsa-pss", &c.f, &c.dev);
    }
    /* ECDSA with NULL parameters; a digest algorithm unknown */
    ck_init(&c);
    sb_alg(&c.sig_alg, LIT(CMSFW__OID_ECDSA_SHA256), LIT("\x05\x00"));
    ck_build(&c);
    compare("ecdsa null params", &c.f, &c.dev);
    ck_init(&c);
    sb_alg(&c.digest_alg, LIT("\x2b\x0e\x03\x02\x1a"), NULL, 0);
    ck_build(&c);
    compare("sha-1 digest", &c.f, &c.dev);
    ck_free(&c);
}

/* The @i-th (modulo) community-identifiers value of the table. */
static const crafted *
community_value(size_t i)
{
    size_t k, n = 0;

    for (k = 0; k < sizeof values / sizeof values[0]; k++)
        n += strncmp(values[k].what, "community", 9) == 0;
    i %= n;
    for (k = 0; k < sizeof values / sizeof values[0]; k++)
        if (strncmp(values[k].what, "community", 9) == 0 && i-- == 0)
            break;
    return &values[k];
}

/* Steps 15-20 with the device and the attributes varied. */
static void
test_policy(void)
{
    static ck c;
    static cmsfw_installed inst[2];
    static cmsfw_stale_entry st[1];
    static const int64_t types[] = {7, 9};
    static cmsfw_bytes comm[1];
    static const char *info_deps =
        "\x30\x18\x02\x01\x07\x30\x13\x30\x0f" PKG_OID_TLV "\x02\x01\x04\x04\x00";
    static const char *info_dep_pref =
        "\x30\x14\x02\x01\x07\x30\x0f\x30\x0d\x06\x08\x2b\x06\x01\x04\x01\x81\xfd\x59\x02\x01\x03";
    int i;

    for (i = 0; i < 20; i++) {
        ck_init(&c);
        memset(inst, 0, sizeof inst);
        inst[0].name.form = CMSFW_NAME_PREFERRED;
        inst[0].name.oid = tb_bytes(LIT(CK_PKG_OID));
        inst[0].name.version = (uint64_t)(i % 8);
        st[0].oid = tb_bytes(LIT(CK_PKG_OID));
        st[0].version = (uint64_t)(i % 7);
        comm[0] = tb_bytes(LIT("\x2b\x06\x01"));
        c.dev.hw_serial = tb_bytes(LIT("\x02"));
        if (i & 1) {
            c.dev.installed = inst;
            c.dev.n_installed = 1;
        }
        if (i % 5 == 2) {
            c.dev.stale = st;
            c.dev.n_stale = 1;
        }
        if (i % 3 == 1)
            c.dev.policy |= CMSFW_POLICY_ALLOW_DOWNGRADE;
        if (i % 4 == 3) {
            c.dev.pkg_types = types + (i % 8 == 7);
            c.dev.n_pkg_types = 1;
        }
        if (i % 6 == 0) {
            c.dev.communities = comm;
            c.dev.n_communities = 1;
        }
        if (i == 4)
            c.dev.hw_type = tb_bytes(LIT("\x2b\x06\x01"));
        if (i == 8)
            c.dev.hw_serial.ptr = NULL;
        ck_set_attr(&c, LIT(AT_INFO), (const uint8_t *)(i % 2 ? info_deps : info_dep_pref),
                    i % 2 ? 26 : 22);
        apply(&c, community_value((size_t)i));
        ck_build(&c);
        compare("policy", &c.f, &c.dev);
    }
    ck_free(&c);
}

/* An unsignedAttrs [1] TLV holding one wrapped-firmware-key attribute
 * whose value is @val (when @raw_value) or the EnvelopedData of @wk. */
static int
wrapped_attr(sb *out, const cmsfw_wrapped_key *wk, const uint8_t *raw_value, size_t raw_len)
{
    static uint8_t val[1024];
    size_t n = raw_len;
    sb in, set, attr;

    if (raw_value == NULL && cmsfw_wrapped_key_encode(wk, val, sizeof val, &n, NULL) != CMSFW_OK)
        return 0;
    if (raw_value != NULL)
        memcpy(val, raw_value, raw_len);
    set.n = 0;
    sb_put(&set, val, n);
    in.n = 0;
    sb_tlv(&in, 0x06, LIT(CMSFW__OID_AT_WRAPPED_KEY));
    sb_tlv(&in, 0x31, set.b, set.n);
    attr.n = 0;
    sb_tlv(&attr, 0x30, in.b, in.n);
    out->n = 0;
    sb_tlv(out, 0xA1, attr.b, attr.n);
    return 1;
}

/* An EncryptedData package with a wrapped key (kekri, ktri by key id,
 * ktri by issuer and serial, raw kari / pwri / ori, originatorInfo,
 * encryptedContent, unprotectedAttrs), then the value mutated. */
static void
test_wrapped_key(void)
{
    static ck c;
    static const uint8_t ias[] = "\x30\x11\x30\x0c\x31\x0a\x30\x08\x06\x03\x55\x04\x03\x0c\x01\x78"
                                 "\x02\x01\x07";
    static const uint8_t ktri_ias_raw[] =
        "\x30\x29\x02\x01\x00\x30\x11\x30\x0c\x31\x0a\x30\x08\x06\x03\x55\x04\x03\x0c\x01\x78"
        "\x02\x01\x07\x30\x0d\x06\x09\x2a\x86\x48\x86\xf7\x0d\x01\x01\x01\x05\x00\x04\x02\xab"
        "\xcd";
    static const uint8_t kekri_full_raw[] =
        "\xa2\x3c\x02\x01\x04\x30\x20\x04\x04kek1\x18\x0f"
        "20250101000000Z"
        "\x30\x07\x06\x03\x2b\x06\x01\x05\x00\x30\x0b\x06\x09\x60\x86\x48\x01\x65\x03\x04\x01"
        "\x05\x04\x08\x01\x02\x03\x04\x05\x06\x07\x08";
    static const uint8_t pwri_raw[] = "\xa3\x14\x02\x01\x00\x30\x0b\x06\x09\x60\x86\x48\x01\x65"
                                      "\x03\x04\x01\x05\x04\x02\xab\xcd";
    static const uint8_t ori_raw[] = "\xa4\x07\x06\x03\x2b\x06\x01\x05\x00";
    static const uint8_t iv[] = "\x04\x10"
                                "0123456789abcdef";
    static uint8_t orig[1024];
    cmsfw_wrapped_key wk;
    cmsfw_recipient r[2];
    uint32_t rnd = 0x9E3779B9u;
    size_t i, n, pos;
    sb ct;

    for (i = 0; i < 12; i++) {
        ck_init(&c);
        sb_set(&c.econtent_type, LIT(CMSFW__OID_ENCRYPTED_DATA));
        ct.n = 0;
        sb_tlv(&ct, 0x06, LIT(CMSFW__OID_ENCRYPTED_DATA));
        ck_set_attr(&c, LIT(AT_CT), ct.b, ct.n);
        ck_set_attr(&c, LIT(AT_DKID), LIT("\x04\x04kek1"));
        memset(&wk, 0, sizeof wk);
        memset(r, 0, sizeof r);
        r[0].kind = CMSFW_RECIPIENT_KEKRI;
        r[0].version = 4;
        r[0].key_id = tb_bytes(LIT("kek1"));
        r[0].key_enc_alg.oid = tb_bytes(LIT("\x60\x86\x48\x01\x65\x03\x04\x01\x05"));
        r[0].encrypted_key = tb_bytes(LIT("0123456789012345678901234"));
        r[1] = r[0];
        wk.version = 2;
        wk.recipients = r;
        wk.n_recipients = 1;
        wk.content_type = tb_bytes(LIT(CMSFW__OID_CT_FIRMWARE));
        wk.cek_alg.oid = tb_bytes(LIT("\x60\x86\x48\x01\x65\x03\x04\x01\x2a"));
        wk.cek_alg.params = tb_bytes(iv, sizeof iv - 1);
        switch (i) {
        case 1:
            r[0].kind = CMSFW_RECIPIENT_KTRI;
            r[0].version = 2;
            break;
        case 2:
            r[1].raw = tb_bytes(ktri_ias_raw, sizeof ktri_ias_raw - 1);
            wk.n_recipients = 2;
            break;
        case 3:
            r[1].raw = tb_bytes(kekri_full_raw, sizeof kekri_full_raw - 1);
            wk.n_recipients = 2;
            break;
        case 4:
            r[1].raw = tb_bytes(pwri_raw, sizeof pwri_raw - 1);
            wk.n_recipients = 2;
            break;
        case 5:
            r[1].raw = tb_bytes(ori_raw, sizeof ori_raw - 1);
            wk.n_recipients = 2;
            break;
        case 6:
            wk.has_content = 1;
            wk.content = tb_bytes(LIT("ciphertext"));
            break;
        case 7:
            wk.has_unprotected_attrs = 1;
            wk.unprotected_attrs =
                tb_bytes(LIT("\xa1\x0b\x30\x09\x06\x03\x2a\x03\x04\x31\x02\x05\x00"));
            break;
        case 8:
            wk.has_originator_info = 1;
            wk.originator_info = tb_bytes(LIT("\xa0\x00"));
            break;
        case 9:
            wk.version = -0;
            r[0].version = 0;
            wk.cek_alg.params.ptr = NULL;
            break;
        case 10: sb_set(&c.econtent_type, LIT(CMSFW__OID_CT_FIRMWARE)); break;
        default: break;
        }
        (void)ias;
        if (!wrapped_attr(&c.unsigned_attrs, &wk, NULL, 0)) {
            fprintf(stderr, "wrapped key case %zu does not encode\n", i);
            CU_FAIL("a wrapped key that does not encode");
            continue;
        }
        ck_build(&c);
        compare("wrapped key", &c.f, &c.dev);
        if (i == 6 || i == 7 || i == 10)
            continue;
        /* the value's octets changed one at a time */
        n = c.unsigned_attrs.n;
        memcpy(orig, c.unsigned_attrs.b, n);
        for (pos = mutations(100); pos > 0; pos--) {
            memcpy(c.unsigned_attrs.b, orig, n);
            rnd ^= rnd << 13;
            rnd ^= rnd >> 17;
            rnd ^= rnd << 5;
            /* past the attribute's own header: into the EnvelopedData */
            c.unsigned_attrs.b[19 + rnd % (n - 19)] ^= (uint8_t)(1u << (rnd >> 29));
            ck_build(&c);
            compare("wrapped key mutated", &c.f, &c.dev);
        }
    }
    ck_free(&c);
}

/* Random octets of built SignerInfos changed: both profiles agree on
 * every verdict. */
static void
test_mutations(void)
{
    static ck c;
    static uint8_t orig[CB_CAP];
    uint32_t rnd = 0x2545F491u;
    size_t i, n, pos, base;
    int j, k;

    for (base = 0; base < 6; base++) {
        ck_init(&c);
        apply(&c, &values[base * 7 + 5]);
        if (base == 3)
            ck_set_attr(&c, LIT(AT_INFO), (const uint8_t *)"\x30\x05\x02\x01\x07\x30\x00", 7);
        ck_build(&c);
        n = c.si.n;
        memcpy(orig, c.si.b, n);
        for (i = 0; i < mutations(400); i++) {
            memcpy(c.si.b, orig, n);
            k = 1 + (int)(i % 3);
            for (j = 0; j < k; j++) {
                rnd ^= rnd << 13;
                rnd ^= rnd >> 17;
                rnd ^= rnd << 5;
                pos = rnd % n;
                if (j == 0 && i % 4 == 0)
                    c.si.b[pos] = (uint8_t)(c.si.b[pos] + 1); /* a length or tag off by one */
                else
                    c.si.b[pos] = (uint8_t)(rnd >> 24);
            }
            compare("mutation", &c.f, &c.dev);
        }
    }
    ck_free(&c);
}

/* ------------------------------------------------------------- vectors */

typedef struct vdev {
    cmsfw_device dev;
    cmsfw_anchor anchors[4];
    cmsfw_key keys[4];
    cmsfw_bytes comm[4];
    uint8_t comm_buf[4][64];
    cmsfw_installed inst[4];
    uint8_t inst_buf[4][64];
    cmsfw_stale_entry stale[4];
    uint8_t stale_buf[4][64];
    int64_t types[4];
    uint8_t hw[64];
    uint8_t serial[64];
    char file[512];
} vdev;

static cmsfw_bytes
oid_of(const char *dotted, uint8_t *buf)
{
    size_t n = 0;
    cmsfw_bytes b = {NULL, 0};

    if (cmsfw_oid_from_dotted(dotted, buf, 64, &n) == CMSFW_OK) {
        b.ptr = buf;
        b.len = n;
    }
    return b;
}

/* "OID:VERSION[:TYPE]" */
static cmsfw_pkg_name
name_of(char *v, uint8_t *buf, int64_t *type, int *has_type)
{
    cmsfw_pkg_name n;
    char *c1 = strchr(v, ':'), *c2;

    memset(&n, 0, sizeof n);
    if (c1 == NULL)
        return n;
    *c1 = '\0';
    c2 = strchr(c1 + 1, ':');
    if (c2 != NULL) {
        *c2 = '\0';
        *type = strtoll(c2 + 1, NULL, 10);
        *has_type = 1;
    }
    n.form = CMSFW_NAME_PREFERRED;
    n.oid = oid_of(v, buf);
    n.version = strtoull(c1 + 1, NULL, 10);
    return n;
}

static void
vdev_add_anchor(vdev *d, const char *dir, const char *rel, uint32_t flags)
{
    char path[1024];
    size_t i = d->dev.n_anchors;
    const char *top = getenv("top_srcdir");

    if (i == 4)
        return;
    snprintf(path, sizeof path, "%s/%s/%s", top != NULL ? top : ".", dir, rel);
    if (cmsfw_key_load_file(&d->keys[i], path, CMSFW_KEY_CERTIFICATE, 0, NULL) != CMSFW_OK)
        return;
    d->anchors[i].spki = d->keys[i].spki;
    d->anchors[i].cert = d->keys[i].der;
    d->anchors[i].flags = flags;
    d->dev.n_anchors++;
}

static void
vdev_set(vdev *d, const char *dir, const char *key, char *v)
{
    int has = 0;
    int64_t t = 0;
    size_t n;

    if (strcmp(key, "file") == 0) {
        snprintf(d->file, sizeof d->file, "%s/%s", dir, v);
    } else if (strcmp(key, "trust") == 0) {
        vdev_add_anchor(d, dir, v, CMSFW_ANCHOR_FIRMWARE_SIGNER);
    } else if (strcmp(key, "anchor-no-fw") == 0) {
        vdev_add_anchor(d, dir, v, 0);
    } else if (strcmp(key, "hw-type") == 0) {
        d->dev.hw_type = oid_of(v, d->hw);
    } else if (strcmp(key, "hw-serial") == 0) {
        for (n = 0; n < sizeof d->serial && v[2 * n] && v[2 * n + 1]; n++)
            d->serial[n] = (uint8_t)strtoul((char[3]){v[2 * n], v[2 * n + 1], 0}, NULL, 16);
        d->dev.hw_serial = tb_bytes(d->serial, n);
    } else if (strcmp(key, "community") == 0 && d->dev.n_communities < 4) {
        n = d->dev.n_communities++;
        d->comm[n] = oid_of(v, d->comm_buf[n]);
    } else if (strcmp(key, "installed") == 0 && d->dev.n_installed < 4) {
        n = d->dev.n_installed++;
        d->inst[n].name = name_of(v, d->inst_buf[n], &d->inst[n].type, &d->inst[n].has_type);
    } else if (strcmp(key, "stale") == 0 && d->dev.n_stale < 4) {
        n = d->dev.n_stale++;
        d->stale[n].version = name_of(v, d->stale_buf[n], &t, &has).version;
        d->stale[n].oid = oid_of(v, d->stale_buf[n]);
    } else if (strcmp(key, "allow-downgrade") == 0) {
        d->dev.policy |= CMSFW_POLICY_ALLOW_DOWNGRADE;
    } else if (strcmp(key, "pkg-type") == 0 && d->dev.n_pkg_types < 4) {
        d->types[d->dev.n_pkg_types++] = strtoll(v, NULL, 10);
    }
}

static int
null_write(void *io, uint64_t off, const uint8_t *p, size_t n)
{
    (void)io;
    (void)off;
    (void)p;
    (void)n;
    return 0;
}

static int
null_read(void *io, uint64_t off, uint8_t *p, size_t n)
{
    (void)io;
    (void)off;
    memset(p, 0, n);
    return 0;
}

static int
skip_image(void *io)
{
    (void)io;
    return CMSFW_STAGE_SKIP;
}

/* The framing the full processor captured from the package, then both
 * profiles' steps 6-20 on it (when steps 1-5 passed). */
static void
run_vector(vdev *d, const char *name)
{
    static cmsfw_proc p;
    cmsfw_stage stage;
    tb_buf pkg = tb_load(d->file);
    cmsfw_err e;
    size_t i;

    memset(&stage, 0, sizeof stage);
    stage.write = null_write;
    stage.read = null_read;
    stage.image = skip_image;
    d->dev.anchors = d->anchors;
    d->dev.communities = d->comm;
    d->dev.installed = d->inst;
    d->dev.stale = d->stale;
    d->dev.pkg_types = d->types;
    if (pkg.ptr == NULL)
        return;
    cmsfw_proc_init(&p, &d->dev, &stage);
    e = cmsfw_proc_push(&p, pkg.ptr, pkg.len);
    if (e == CMSFW_OK)
        e = cmsfw_proc_finish(&p, NULL);
    /* steps 1-5 (and the certificates of step 4) must have passed */
    if (p.f.signer_info.ptr != NULL && e != CMSFW_DECODE_FAILURE && e != CMSFW_BAD_CONTENT_INFO &&
        e != CMSFW_BAD_SIGNED_DATA && e != CMSFW_BAD_ENCAP_CONTENT && e != CMSFW_MISSING_CONTENT &&
        e != CMSFW_BAD_CERTIFICATE && e != CMSFW_INSUFFICIENT_MEMORY && e != CMSFW_E_ARG)
        compare(name, &p.f, &d->dev);
    cmsfw_proc_free(&p);
    tb_free(&pkg);
    for (i = 0; i < d->dev.n_anchors; i++)
        cmsfw_key_free(&d->keys[i]);
}

static void
run_manifest(const char *dir, const char *manifest)
{
    static vdev d;
    char line[1024], name[256] = "", *eq, *v, *end;
    tb_buf m = tb_load(manifest);
    size_t before = n_compared, pos = 0, n;

    CU_ASSERT_FATAL(m.ptr != NULL);
    memset(&d, 0, sizeof d);
    while (pos < m.len) {
        for (n = 0; pos + n < m.len && m.ptr[pos + n] != '\n'; n++)
            continue;
        snprintf(line, sizeof line, "%.*s", (int)(n < sizeof line ? n : sizeof line - 1),
                 (const char *)m.ptr + pos);
        pos += n + 1;
        if (line[0] == '[') {
            if (d.file[0] != '\0')
                run_vector(&d, name);
            memset(&d, 0, sizeof d);
            snprintf(name, sizeof name, "%.200s", line);
            continue;
        }
        if (line[0] == '#' || (eq = strstr(line, " = ")) == NULL)
            continue;
        *eq = '\0';
        v = eq + 3;
        end = v + strlen(v);
        while (end > v && (end[-1] == ' ' || end[-1] == '\r'))
            *--end = '\0';
        vdev_set(&d, dir, line, v);
    }
    if (d.file[0] != '\0')
        run_vector(&d, name);
    tb_free(&m);
    fprintf(stderr, "\n%s: %zu SignerInfos compared\n", manifest, n_compared - before);
    /* the manifest's cases reached steps 6-20 */
    CU_ASSERT(n_compared - before > 100);
}

static void
test_vectors(void)
{
    run_manifest("vectors", "vectors/MANIFEST");
    run_manifest("vectors", "vectors/adversarial/MANIFEST");
}

static void
test_summary(void)
{
    fprintf(stderr,
            "\n%zu comparisons, %zu accepted by both, %zu refused by a minimal-profile "
            "limit\n",
            n_compared, n_accepted, n_limited);
    CU_ASSERT(n_accepted > 50);
}

static CU_TestInfo min_signer_tests[] = {
    {"crafted attribute values", test_crafted_values},
    {"crafted attribute sets and SignerInfos", test_crafted_structure},
    {"OID bounds", test_oid_bounds},
    {"anchor key identifiers", test_anchor_ids},
    {"algorithms", test_algorithms},
    {"policy steps", test_policy},
    {"wrapped-firmware-key", test_wrapped_key},
    {"mutated SignerInfos", test_mutations},
    {"shipped vectors", test_vectors},
    {"summary", test_summary},
    CU_TEST_INFO_NULL};

static CU_SuiteInfo suites[] = {{"min_signer", NULL, NULL, NULL, NULL, min_signer_tests},
                                CU_SUITE_INFO_NULL};

int
main(void)
{
    return cu_run(suites);
}
