/*
 * proc_state.h: the layout of struct cmsfw_proc, shared by proc.c (API,
 * finish, unwrap) and proc_stream.c (the push-side tokenizer). Internal.
 */
#ifndef CMSFW_CMS_PROC_STATE_H
#define CMSFW_CMS_PROC_STATE_H

#include "cms/proc_priv.h"

/* Where a TLV sits in the package, as far as the tokenizer cares. */
enum proc_role {
    ROLE_NONE = 0,
    ROLE_CI,          /* ContentInfo SEQUENCE */
    ROLE_CI_TYPE,     /* contentType OID (captured) */
    ROLE_CI_CONTENT,  /* [0] EXPLICIT */
    ROLE_SD,          /* SignedData SEQUENCE */
    ROLE_SD_VERSION,  /* captured */
    ROLE_SD_DIGESTS,  /* captured */
    ROLE_ECI,         /* EncapsulatedContentInfo SEQUENCE */
    ROLE_ECI_TYPE,    /* captured */
    ROLE_ECI_WRAP,    /* eContent [0] EXPLICIT */
    ROLE_ECONTENT,    /* OCTET STRING (primitive: streamed; constructed: segments) */
    ROLE_SD_CERTS,    /* captured */
    ROLE_SD_CRLS,     /* captured */
    ROLE_SD_SIGNERS,  /* captured */
    ROLE_SKIP         /* tokenized for step 1, otherwise ignored */
};

/* What is done with the bytes of a TLV. */
enum proc_action { ACT_ENTER, ACT_CAPTURE, ACT_STREAM, ACT_SKIP };

typedef struct proc_frame {
    uint64_t end;     /* absolute offset of the first byte after it; UINT64_MAX: indefinite */
    uint8_t role;
    uint8_t action;
    uint16_t children; /* children started so far */
} proc_frame;

/* A captured TLV: its place in meta. */
typedef struct proc_capture {
    size_t off;
    size_t len;
} proc_capture;

/* Things found out of place while streaming; judged in order at finish. */
#define PROC_BAD_CI 0x01u     /* ContentInfo shape (step 2) */
#define PROC_BAD_SD 0x02u     /* SignedData shape or order (step 3) */
#define PROC_BAD_ECI 0x04u    /* EncapsulatedContentInfo shape (step 5) */
#define PROC_TOO_BIG 0x08u    /* framing beyond CMSFW_PROC_MAX_META */

enum proc_phase { PHASE_STREAM = 0, PHASE_FINISHED, PHASE_ACCEPTED, PHASE_UNWRAPPED };

struct cmsfw_proc {
    const cmsfw_device *dev;
    const cmsfw_stage *stage;
    int phase;
    cmsfw_err err; /* latched: CMSFW_OK while none */
    cmsfw_diag diag;

    /* tokenizer */
    uint64_t off;              /* octets consumed so far */
    uint8_t hdr[16];           /* identifier and length octets being gathered */
    size_t hdr_len;
    uint64_t hdr_start;        /* offset of hdr[0] */
    int in_content;            /* inside a primitive's contents */
    uint64_t content_end;
    uint8_t content_role;
    uint8_t content_action;
    int top_done;              /* the top-level value is complete */
    proc_frame stack[CMSFW_DER_MAX_DEPTH + 1];
    int depth;                 /* frames open */
    int capture_level;         /* depth of the frame being captured, -1 none */
    uint8_t capture_role;
    size_t capture_start;      /* its offset in meta */
    uint32_t flags;            /* PROC_BAD_* */
    int sd_field;              /* next SignedData field expected (0..5) */

    /* captured framing */
    uint8_t *meta;
    size_t meta_len;
    size_t meta_cap;
    proc_capture cap[ROLE_SKIP + 1];
    int seen_ci_type;
    int ci_is_signed_data;

    /* eContent */
    int econtent_seen;
    uint64_t econtent_len;
    int hashing;
    cmsfw_bk_hash hash_alg;
    cmsfw_bk_hash_ctx hash;
    int econtent_begun;        /* the first eContent header was met */
    int image_plain;           /* eContentType is id-ct-firmwarePackage */
    int image_skip;            /* the stage answered CMSFW_STAGE_SKIP */
    int sha_on;                /* SHA-256 of a plain image beside another hash */
    cmsfw_bk_hash_ctx sha;

    /* results */
    cmsfw__framing f;
    cmsfw__signed s;
    cmsfw_result res;
};

/* proc_stream.c */
void cmsfw__proc_stream_init(cmsfw_proc *p);
cmsfw_err cmsfw__proc_stream_push(cmsfw_proc *p, const uint8_t *data, size_t len);
/* 1 when the whole top-level value has been read and nothing is pending. */
int cmsfw__proc_stream_complete(const cmsfw_proc *p);

#endif
