/**
 * @file cmsfw/minimal.h
 * @brief The minimal embedded profile: process a firmware package as a
 * Class 1 device does, streaming, without malloc, in one work buffer.
 *
 * @code
 *   static uint8_t work[CMSFW_MIN_WORK_DEFAULT];
 *   cmsfw_min *m = cmsfw_min_init(work, sizeof work, &device, &stage);
 *   while ((n = read_some(buf)) > 0)
 *       if (cmsfw_min_push(m, buf, n) != CMSFW_OK) break;   // error latched
 *   err = cmsfw_min_finish(m, &result);                      // every check
 *   if (err == CMSFW_OK)
 *       err = cmsfw_min_unwrap(m, &sink);                    // decrypt to the sink
 *   if (err == CMSFW_OK)
 *       cmsfw_min_receipt(m, out, sizeof out, &out_len);
 *   else
 *       cmsfw_min_error_report(m, err, out, sizeof out, &out_len);
 *   cmsfw_min_end(m);
 * @endcode
 *
 * The calls, the device description (cmsfw_device), the stage, the sink
 * and the result are those of the full profile (cmsfw/proc.h), and so are
 * the checks, their order and their RFC 4108 codes (docs/procedure.md).
 * What the profile leaves out (docs/minimal.md):
 * - certificates: the signer is a trust anchor's key itself, named by a
 *   subjectKeyIdentifier sid equal to the anchor's key_id (or, when the
 *   anchor has none, to the RFC 7093 method 1 identifier of its key).
 *   Certificates in the package are read over (step 1) and ignored;
 * - CompressedData and EnvelopedData layers;
 * - packages of 4 GiB or more, nesting deeper than CMSFW_MIN_MAX_DEPTH,
 *   framing and SignerInfo larger than the work buffer.
 * When a verdict comes from one of these limits, cmsfw_min_limits() says
 * which (CMSFW_MIN_LIMIT_*): the full profile may reach another verdict on
 * that package. Otherwise both profiles reach the same verdict.
 *
 * Memory: the processor lives in the caller's work buffer and never calls
 * malloc; the only other memory it uses is the stack (bounded; see
 * docs/minimal.md for the measured figures). Nothing is kept between
 * calls outside the work buffer, so several processors may run at once.
 */
#ifndef CMSFW_MINIMAL_H
#define CMSFW_MINIMAL_H

#include <cmsfw/err.h>
#include <cmsfw/fw.h>
#include <cmsfw/proc.h>
#include <cmsfw/types.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Deepest nesting of BER values the minimal profile reads. */
#define CMSFW_MIN_MAX_DEPTH 24

/** A work buffer of this size holds, on a host build of any backend, the
 *  processor, the framing and SignerInfo of every package cmsfw protect
 *  writes, and the cipher context of unwrap(). A device build with smaller
 *  backend contexts needs less: cmsfw_min_work_used() tells, and
 *  docs/minimal.md gives the figures measured on Cortex-M. */
#define CMSFW_MIN_WORK_DEFAULT 8192u

/** Bits of cmsfw_min_limits(): the verdict came from a limit of the
 *  profile, not from the package alone. */
#define CMSFW_MIN_LIMIT_WORK 0x01u    /**< framing or SignerInfo larger than the work
                                           buffer: insufficientMemory */
#define CMSFW_MIN_LIMIT_DEPTH 0x02u   /**< nesting deeper than CMSFW_MIN_MAX_DEPTH:
                                           decodeFailure */
#define CMSFW_MIN_LIMIT_SIZE 0x04u    /**< a package or eContent of 4 GiB or more:
                                           insufficientMemory */
#define CMSFW_MIN_LIMIT_CERTS 0x08u   /**< the package carries certificates or CRLs,
                                           which were read over, not examined */
#define CMSFW_MIN_LIMIT_SIGNER 0x10u  /**< the sid names no anchor key (an
                                           issuerAndSerialNumber, or a certificate):
                                           noTrustAnchor */
#define CMSFW_MIN_LIMIT_LAYER 0x20u   /**< a CompressedData or EnvelopedData layer:
                                           unsupportedCompressAlgorithm or
                                           badEncryptContent */

/** The processor; it lives inside the work buffer given to init. */
typedef struct cmsfw_min cmsfw_min;

/**
 * Start processing a package for @p dev, staging into @p stage, with the
 * processor placed in @p work (any alignment; @p work_len bytes, at least
 * cmsfw_min_work_min()). Returns the processor (inside @p work), or NULL
 * when an argument is NULL or the buffer is too small. @p dev, @p stage
 * and @p work must outlive the processor.
 */
cmsfw_min *cmsfw_min_init(void *work, size_t work_len, const cmsfw_device *dev,
                          const cmsfw_stage *stage);

/** Smallest work buffer cmsfw_min_init() accepts (the processor's state
 *  and room for a minimal SignerInfo). */
size_t cmsfw_min_work_min(void);

/** Feed the next @p len octets of the package (any split, down to one). */
CMSFW_MUST_CHECK cmsfw_err cmsfw_min_push(cmsfw_min *m, const uint8_t *data, size_t len);

/** End of input: run every check and fill @p res (may be NULL). Views in
 *  @p res point into the work buffer. */
CMSFW_MUST_CHECK cmsfw_err cmsfw_min_finish(cmsfw_min *m, cmsfw_result *res);

/** After a successful finish: remove an EncryptedData or
 *  AuthEnvelopedData layer, check firmware-package-message-digest, and
 *  write the image to @p sink (or let the stage adopt it). */
CMSFW_MUST_CHECK cmsfw_err cmsfw_min_unwrap(cmsfw_min *m, const cmsfw_sink *sink);

/** The result as it stands (valid while the work buffer is). */
const cmsfw_result *cmsfw_min_result(const cmsfw_min *m);

/** A fixed one-line reason for the latched error ("" when none). */
const char *cmsfw_min_reason(const cmsfw_min *m);

/** CMSFW_MIN_LIMIT_* bits behind the latched error. With no error:
 *  CMSFW_MIN_LIMIT_CERTS when the package carries certificates or CRLs
 *  (which this profile reads over, and the full one may refuse), else 0. */
uint32_t cmsfw_min_limits(const cmsfw_min *m);

/** Most bytes of the work buffer used so far (its high-water mark). */
size_t cmsfw_min_work_used(const cmsfw_min *m);

/** Done: the stage's discard() is called when anything was staged and the
 *  work buffer is wiped. Safe to call twice. */
void cmsfw_min_end(cmsfw_min *m);

/**
 * Write the load receipt of an accepted package (after a successful
 * unwrap): a ContentInfo of id-ct-firmwareLoadReceipt, DER, unsigned,
 * carrying the device's hwType and hwSerialNum, the package name, the
 * trust anchor key identifier and, for an encrypted package, the decrypt
 * key identifier. CMSFW_E_STATE before a successful unwrap;
 * CMSFW_E_BUFFER when @p cap is too small (*len is then the size needed).
 */
CMSFW_MUST_CHECK cmsfw_err cmsfw_min_receipt(const cmsfw_min *m, uint8_t *out, size_t cap,
                                             size_t *len);

/**
 * Write the load error report for @p code (an RFC 4108 code, 1..99): a
 * ContentInfo of id-ct-firmwareLoadError, DER, unsigned, with the
 * package name when the firmware-package-identifier decoded. Same
 * buffer rules as cmsfw_min_receipt().
 */
CMSFW_MUST_CHECK cmsfw_err cmsfw_min_error_report(const cmsfw_min *m, cmsfw_err code,
                                                  uint8_t *out, size_t cap, size_t *len);

/**
 * The DER of a FirmwarePackageLoadReceipt (not wrapped in a ContentInfo),
 * without allocation: the same octets as cmsfw_receipt_encode() gives
 * for the same values. CMSFW_E_BUFFER as above; CMSFW_E_ARG for values
 * that cannot be encoded.
 */
CMSFW_MUST_CHECK cmsfw_err cmsfw_min_encode_receipt(const cmsfw_receipt *r, uint8_t *out,
                                                    size_t cap, size_t *len);

/** The DER of a FirmwarePackageLoadError, as cmsfw_error_report_encode()
 *  gives it, without allocation. Same rules as above. */
CMSFW_MUST_CHECK cmsfw_err cmsfw_min_encode_error_report(const cmsfw_error_report *r,
                                                         uint8_t *out, size_t cap, size_t *len);

#ifdef __cplusplus
}
#endif
#endif
