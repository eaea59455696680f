/*
 * min_nolayer.c: step 21 of the minimal profile for a device built
 * without decryption: cmsfw__min_layer() (cms/min_priv.h) refuses every
 * EncryptedData and AuthEnvelopedData layer, so that neither the layer
 * parser nor AES, AES key wrap or GCM is linked in.
 *
 * Not part of libcmsfw: a port links it INSTEAD of the layer files,
 *   cms/min_layer.c, cms/min_layer_ber.c, cms/min_layer_hdr.c,
 *   cms/min_layer_key.c (cms/min_layer*.c),
 * and with every other file of CMSFW_MIN_CFILES (cms/minimal.mk). This
 * file defines all that the rest of the profile uses of those
 * (cmsfw__min_layer only) and uses nothing of theirs.
 *
 * The code: RFC 4108 (section 5) has badEncryptAlgorithm for a content
 * encryption algorithm the device does not support, and badEncryptContent
 * for an EncryptedContentInfo it cannot process (its encapsulated content
 * type or its form). A device built without decryption supports no
 * content encryption algorithm at all, whatever the package holds, so it
 * is badEncryptAlgorithm: what the full profile answers on a well-formed
 * layer when its backend lacks AES-CBC or AES-GCM. The full profile would
 * check the layer's syntax, fields and type first, and may stop earlier
 * with another code; CMSFW_MIN_LIMIT_LAYER says the verdict is this
 * build's.
 */
#include "cms/min_priv.h"

/* see cms/min_priv.h */
cmsfw_err
cmsfw__min_layer(cmsfw_min *m, int auth, uint64_t *pt_len, int *compressed)
{
    *pt_len = 0;
    *compressed = 0;
    m->res.layers |= auth ? CMSFW_LAYER_AUTH_ENVELOPED : CMSFW_LAYER_ENCRYPTED;
    return cmsfw__min_fail(m, CMSFW_BAD_ENCRYPT_ALGORITHM, CMSFW_MIN_LIMIT_LAYER,
                           "decryption: not in this build");
}
