/*
 * fuzz_device.h: the device that fuzz_proc and fuzz_proc_chunked process
 * packages for, a bounded memory stage, a sink, and one run of the
 * processor over a package pushed in given pieces.
 *
 * The device trusts four firmware-signer anchors of vectors/keys:
 * ec-p256.cert.pem (the anchor of most vectors) and the HSS/LMS keys of
 * hss-l1-h5w8.cert.pem, hss-l2-h5w4.cert.pem and hss-py-l2-h5w4.cert.pem
 * (those of the cmsfw-hss-l1-h5w8-*, cmsfw-hss-l2-h5w4-* and py-hss-*
 * vectors, whose signatures the minimal profile streams). It holds the key-encryption keys
 * vectors/keys/kek128.hex (id 0102030405060708) and kek256.hex
 * (id 1112131415161718), is hardware 1.3.6.1.4.1.32473.1.1 with serial
 * 01 02, belongs to community 1.3.6.1.4.1.32473.3.1, has package
 * 1.3.6.1.4.1.32473.2.9 version 3 installed, and refuses images over
 * FUZZ_MAX_IMAGE so that decompression bombs stay cheap. The files are
 * read once, from FUZZ_TOP_SRCDIR (compiled in).
 */
#ifndef CMSFW_FUZZ_DEVICE_H
#define CMSFW_FUZZ_DEVICE_H

#include <stddef.h>
#include <stdint.h>

#include <cmsfw/minimal.h>
#include <cmsfw/proc.h>

/* Largest decompressed image the device accepts. */
#define FUZZ_MAX_IMAGE (1024u * 1024u)
/* Largest stage: writes beyond it fail (CMSFW_E_IO). */
#define FUZZ_MAX_STAGE (8u * 1024u * 1024u)

/* How the stage answers the optional callbacks of cmsfw_stage. */
typedef enum fuzz_stage_mode {
    FUZZ_STAGE_PLAIN = 0, /* write, read, discard only */
    FUZZ_STAGE_ADOPT = 1, /* image() keeps the image, adopt() takes it */
    FUZZ_STAGE_SKIP = 2   /* image() declines the image */
} fuzz_stage_mode;
#define FUZZ_STAGE_MODES 3

/* What one run ended with: everything that must not depend on how the
 * input was split. */
typedef struct fuzz_verdict {
    cmsfw_err finish;    /* finish(): the latched push error, or the verdict */
    cmsfw_err unwrap;    /* unwrap(), when finish() accepted; else CMSFW_E_STATE */
    int authenticated;
    int has_pkg_id;
    uint64_t pkg_id_hash; /* of the package identifier's fields */
    uint32_t layers;
    int has_pkg_type;
    int64_t pkg_type;
    uint64_t econtent_len;
    uint64_t image_len;
    int has_image_sha256;
    uint8_t image_sha256[32];
    uint64_t sink_len;   /* octets the sink received */
    uint64_t sink_hash;  /* and their FNV-1a */
    int adopted;         /* the stage adopted the image */
    uint64_t adopt_len;
    uint32_t limits;     /* minimal profile: CMSFW_MIN_LIMIT_* of the verdict */
} fuzz_verdict;

/* Which processor runs, and how the device holds its anchor. */
typedef enum fuzz_profile {
    FUZZ_FULL = 0,    /* cmsfw/proc.h */
    FUZZ_MINIMAL = 1  /* cmsfw/minimal.h, in a work buffer of FUZZ_WORK octets */
} fuzz_profile;

typedef enum fuzz_anchor {
    FUZZ_ANCHOR_CERT = 0, /* each anchor's certificate (paths, SKI from it) */
    FUZZ_ANCHOR_KEY = 1   /* each anchor's public key and subjectKeyIdentifier
                             only, as a device of the minimal profile is
                             provisioned */
} fuzz_anchor;

/* The minimal profile's work buffer, allocated to the octet so that
 * AddressSanitizer sees any access beyond it. Every package of the HSS/LMS
 * anchors fits (an L = 2, H5/W4 signature holds an upper level of 2348
 * octets), and it stays below CMSFW_MIN_WORK_DEFAULT so that the work
 * limit remains within the fuzzers' reach. */
#define FUZZ_WORK 6144u

/* Like fuzz_process(), with the processor and the anchor form chosen. */
void fuzz_process_as(fuzz_profile profile, fuzz_anchor anchor, const uint8_t *pkg, size_t len,
                     const size_t *chunks, size_t n_chunks, fuzz_stage_mode mode,
                     fuzz_verdict *v);

/*
 * Process pkg[0..len) for the fuzz device with a stage in @p mode: push it
 * in pieces of chunks[0], chunks[1], ... (cycling; a 0 is an empty push;
 * n_chunks == 0: one push of everything), finish, then unwrap when finish
 * accepted. Checks the processor's own promises on the way (latched
 * errors, callbacks, result) and aborts when one is broken.
 */
void fuzz_process(const uint8_t *pkg, size_t len, const size_t *chunks, size_t n_chunks,
                  fuzz_stage_mode mode, fuzz_verdict *v);

/* 1 when everything but the profile limits is equal. */
int fuzz_same_verdict(const fuzz_verdict *a, const fuzz_verdict *b);
/* One line on stderr with every field of @p v. */
void fuzz_print_verdict(const char *name, const fuzz_verdict *v);

#endif
