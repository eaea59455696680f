/*
 * BcVerify: Bouncy Castle checks what cmsfw made (one JVM for the lot).
 *
 *   java BcVerify PACKAGES.tsv IMAGE KEKID KEKFILE REPORTS.tsv [HSS.tsv]
 *
 * PACKAGES.tsv is run.sh's list (producer, alg, layers, file, trust cert,
 * device flags); HSS.tsv lists cmsfw's HSS/LMS packages in the same form,
 * the trust field being SPKI-FILE:KEYIDHEX (as `cmsfw verify --trust`
 * takes it). For each HSS/LMS package of layers plain, a copy with one
 * signature bit flipped is written next to it (FILE without .der, then
 * -sig-bit-flipped.der). REPORTS.tsv lists the receipts and error reports cmsfw
 * wrote (producer, layers, file, trust cert, signing cert or -, hwType,
 * serial, decryptKeyID or -, errorCode or -). One result row per check goes
 * to stdout: producer, alg, layers, "bc", pass|fail|info, message. A failure
 * carries Bouncy Castle's own exception message; nothing aborts the run.
 */

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.io.FileReader;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.security.Key;
import java.security.KeyFactory;
import java.security.Security;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.AuthEnvelopedData;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.CompressedData;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.EncryptedContentInfo;
import org.bouncycastle.asn1.cms.EncryptedData;
import org.bouncycastle.asn1.cms.EnvelopedData;
import org.bouncycastle.asn1.cms.GCMParameters;
import org.bouncycastle.asn1.cms.KEKRecipientInfo;
import org.bouncycastle.asn1.cms.RecipientInfo;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSAuthEnvelopedData;
import org.bouncycastle.cms.CMSCompressedData;
import org.bouncycastle.cms.CMSEncryptedData;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataParser;
import org.bouncycastle.cms.CMSTypedStream;
import org.bouncycastle.cms.DefaultCMSSignatureAlgorithmNameGenerator;
import org.bouncycastle.cms.KEKRecipientId;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.RecipientOperator;
import org.bouncycastle.cms.SignerId;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.SignerInformationVerifier;
import org.bouncycastle.cms.jcajce.JceKEKRecipient;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.cms.jcajce.ZlibExpanderProvider;
import org.bouncycastle.jcajce.io.CipherInputStream;
import org.bouncycastle.operator.ContentVerifier;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.DefaultAlgorithmNameFinder;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.InputAEADDecryptor;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.operator.jcajce.JceInputDecryptorProviderBuilder;
import org.bouncycastle.pqc.crypto.lms.HSSPublicKeyParameters;
import org.bouncycastle.pqc.crypto.lms.HSSSigner;
import org.bouncycastle.pqc.jcajce.provider.lms.BCLMSPublicKey;
import org.bouncycastle.util.io.Streams;

public final class BcVerify {
    private final byte[] image;
    private final byte[] kekId;
    private final SecretKey kek;
    private final DigestCalculatorProvider digests;
    private static final List<ASN1ObjectIdentifier> GCM = Arrays.asList(NISTObjectIdentifiers.id_aes128_GCM,
        NISTObjectIdentifiers.id_aes192_GCM, NISTObjectIdentifiers.id_aes256_GCM);
    /* what Bouncy Castle's CMS classes refused in the package being checked */
    private List<String> refusals = new ArrayList<>();

    private BcVerify(byte[] image, byte[] kekId, SecretKey kek) throws Exception {
        this.image = image;
        this.kekId = kekId;
        this.kek = kek;
        this.digests = new JcaDigestCalculatorProviderBuilder().setProvider("BC").build();
    }

    static void row(String producer, String alg, String layers, String outcome, String message) {
        System.out.println(producer + "\t" + alg + "\t" + layers + "\tbc\t" + outcome + "\t"
            + message.replaceAll("[\t\r\n]+", " "));
    }

    /** The key unwrap of a KEKRecipientInfo, by Bouncy Castle's RFC 3394 code. */
    static final class KekUnwrap extends JceKEKRecipient {
        KekUnwrap(SecretKey kek) {
            super(kek);
            setProvider("BC");
        }

        byte[] unwrap(KEKRecipientInfo kri, AlgorithmIdentifier contentAlg) throws CMSException {
            Key k = extractSecretKey(kri.getKeyEncryptionAlgorithm(), contentAlg,
                kri.getEncryptedKey().getOctets());
            return k.getEncoded();
        }

        @Override
        public RecipientOperator getRecipientOperator(AlgorithmIdentifier a, AlgorithmIdentifier b, byte[] c) {
            throw new UnsupportedOperationException("unwrap only");
        }
    }

    /*
     * A KEK recipient for AuthEnvelopedData: Bouncy Castle 1.72 has one for
     * key transport only (JceKeyTransAuthEnvelopedRecipient), and its
     * JceKEKEnvelopedRecipient gives no AEAD decryptor. This one unwraps with
     * JceKEKRecipient and decrypts with the BC provider's AES-GCM; the
     * AuthEnvelopedData parsing, the AAD and the tag are CMSAuthEnvelopedData's.
     */
    static final class KekAuthRecipient extends JceKEKRecipient {
        KekAuthRecipient(SecretKey kek) {
            super(kek);
            setProvider("BC");
        }

        @Override
        public RecipientOperator getRecipientOperator(AlgorithmIdentifier keyAlg, AlgorithmIdentifier contentAlg,
                byte[] wrapped) throws CMSException {
            Key cek = extractSecretKey(keyAlg, contentAlg, wrapped);
            final Cipher cipher;
            try {
                GCMParameters gp = GCMParameters.getInstance(contentAlg.getParameters());
                cipher = Cipher.getInstance("AES/GCM/NoPadding", "BC");
                cipher.init(Cipher.DECRYPT_MODE, cek, new GCMParameterSpec(gp.getIcvLen() * 8, gp.getNonce()));
            } catch (Exception e) {
                throw new CMSException("AES-GCM: " + e.getMessage(), e);
            }
            return new RecipientOperator(new InputAEADDecryptor() {
                @Override
                public AlgorithmIdentifier getAlgorithmIdentifier() {
                    return contentAlg;
                }

                @Override
                public InputStream getInputStream(InputStream in) {
                    return new CipherInputStream(in, cipher);
                }

                @Override
                public OutputStream getAADStream() {
                    return new OutputStream() {
                        @Override
                        public void write(int b) {
                            cipher.updateAAD(new byte[] {(byte) b});
                        }

                        @Override
                        public void write(byte[] b, int off, int len) {
                            cipher.updateAAD(b, off, len);
                        }
                    };
                }

                // CMSAuthEnvelopedData feeds the tag after the ciphertext, so the
                // cipher checks it; decryption never asks for it here
                @Override
                public byte[] getMAC() {
                    return new byte[0];
                }
            });
        }
    }

    private static String sigName(SignerInformation si) {
        if (si.getEncryptionAlgOID().equals(BcShared.HSS_LMS.getId())) {
            return "id-alg-hss-lms-hashsig";
        }
        return algName(si.getEncryptionAlgOID());
    }

    private static String algName(String oid) {
        ASN1ObjectIdentifier o = new ASN1ObjectIdentifier(oid);
        int gcm = GCM.indexOf(o);
        // the name finder of 1.72 knows no GCM identifiers
        return gcm >= 0 ? "AES-" + (128 + 64 * gcm) + "/GCM" : new DefaultAlgorithmNameFinder().getAlgorithmName(o);
    }

    private SignerInformationVerifier verifier(X509Certificate cert) throws Exception {
        return new JcaSimpleSignerInfoVerifierBuilder().setProvider("BC").build(cert);
    }

    /** Who must have signed a package: a certificate, or an HSS/LMS public key with its key identifier. */
    private static final class Anchor {
        final X509Certificate cert;
        final HSSPublicKeyParameters hss;
        final byte[] keyId;

        Anchor(X509Certificate cert) {
            this.cert = cert;
            this.hss = null;
            this.keyId = null;
        }

        Anchor(HSSPublicKeyParameters hss, byte[] keyId) {
            this.cert = null;
            this.hss = hss;
            this.keyId = keyId;
        }

        boolean names(SignerId sid) throws Exception {
            if (cert != null) {
                return sid.match(new X509CertificateHolder(cert.getEncoded()));
            }
            return Arrays.equals(sid.getSubjectKeyIdentifier(), keyId);
        }

        String what() {
            return cert != null ? "the signer's certificate" : "the HSS/LMS key";
        }
    }

    private SignerInformationVerifier verifier(Anchor anchor) throws Exception {
        return anchor.cert != null ? verifier(anchor.cert) : hssVerifier(anchor.hss);
    }

    /*
     * The signature checked by Bouncy Castle's HSS verifier (HSSSigner) under
     * the raw public key, over the DER signed attributes SignerInformation
     * hands it. Its JCA "LMS" reads neither cmsfw's RFC 9802 SPKI nor an
     * L = 1 HSS signature (interop/README.md); hssJca() still asks it.
     */
    private SignerInformationVerifier hssVerifier(HSSPublicKeyParameters pub) {
        ContentVerifierProvider cvp = new ContentVerifierProvider() {
            @Override
            public boolean hasAssociatedCertificate() {
                return false;
            }

            @Override
            public X509CertificateHolder getAssociatedCertificate() {
                return null;
            }

            @Override
            public ContentVerifier get(AlgorithmIdentifier alg) throws OperatorCreationException {
                if (!alg.getAlgorithm().equals(BcShared.HSS_LMS) || alg.getParameters() != null) {
                    throw new OperatorCreationException("signatureAlgorithm " + alg.getAlgorithm()
                        + (alg.getParameters() != null ? " with parameters" : "") + " for an HSS/LMS key");
                }
                ByteArrayOutputStream signed = new ByteArrayOutputStream();
                return new ContentVerifier() {
                    @Override
                    public AlgorithmIdentifier getAlgorithmIdentifier() {
                        return alg;
                    }

                    @Override
                    public OutputStream getOutputStream() {
                        return signed;
                    }

                    @Override
                    public boolean verify(byte[] signature) {
                        HSSSigner s = new HSSSigner();
                        s.init(false, pub);
                        return s.verifySignature(signed.toByteArray(), signature);
                    }
                };
            }
        };
        return new SignerInformationVerifier(new DefaultCMSSignatureAlgorithmNameGenerator(),
            new DefaultSignatureAlgorithmIdentifierFinder(), cvp, digests);
    }

    private static SignerInformation onlySigner(Collection<SignerInformation> signers) {
        if (signers.size() != 1) {
            throw new IllegalStateException(signers.size() + " SignerInfos, RFC 4108 requires one");
        }
        return signers.iterator().next();
    }

    private static ASN1Encodable single(AttributeTable t, ASN1ObjectIdentifier type, String name) {
        Attribute a = t == null ? null : t.get(type);
        if (a == null) {
            return null;
        }
        if (a.getAttrValues().size() != 1) {
            throw new IllegalArgumentException(name + ": " + a.getAttrValues().size() + " values");
        }
        return a.getAttrValues().getObjectAt(0);
    }

    /* ------------------------------------------------------------------ packages */

    /** What the streaming parser gives: the eContent, drained, and its type. */
    private static final class Parsed {
        ASN1ObjectIdentifier type;
        byte[] content;
    }

    private Parsed streaming(String p, String a, String l, String file, Anchor anchor) {
        try (InputStream in = new BufferedInputStream(new FileInputStream(file))) {
            CMSSignedDataParser sp = new CMSSignedDataParser(digests, in);
            CMSTypedStream sc = sp.getSignedContent();
            Parsed r = new Parsed();
            r.type = sc.getContentType();
            r.content = Streams.readAll(sc.getContentStream());
            SignerInformation si = onlySigner(sp.getSignerInfos().getSigners());
            if (!si.verify(verifier(anchor))) {
                row(p, a, l, "fail", "CMSSignedDataParser: SignerInformation.verify returned false");
                return r;
            }
            row(p, a, l, "pass", "CMSSignedDataParser (streaming): SignedData v" + sp.getVersion()
                + ", eContent drained (" + r.content.length + " octets, " + r.type + "), SignerInfo v"
                + si.getVersion() + " " + sigName(si) + " signature verified"
                + (anchor.hss != null ? " (HSSSigner, L=" + anchor.hss.getL() + ")" : ""));
            return r;
        } catch (Exception e) {
            row(p, a, l, "fail", "CMSSignedDataParser: " + BcShared.why(e));
            return null;
        }
    }

    private SignerInformation whole(String p, String a, String l, byte[] pkg, Anchor anchor, Parsed streamed) {
        try {
            CMSSignedData sd = new CMSSignedData(pkg);
            SignerInformation si = onlySigner(sd.getSignerInfos().getSigners());
            byte[] content = (byte[]) sd.getSignedContent().getContent();
            if (!si.verify(verifier(anchor))) {
                row(p, a, l, "fail", "CMSSignedData: SignerInformation.verify returned false");
                return si;
            }
            if (streamed != null && !Arrays.equals(content, streamed.content)) {
                row(p, a, l, "fail", "CMSSignedData: eContent differs from the streaming parser's");
                return si;
            }
            if (!anchor.names(si.getSID())) {
                row(p, a, l, "fail", "CMSSignedData: the sid does not name " + anchor.what());
                return si;
            }
            row(p, a, l, "pass", "CMSSignedData: signature verified, eContent as streamed, the sid ("
                + (si.getSID().getSubjectKeyIdentifier() != null ? "subjectKeyIdentifier" : "issuerAndSerialNumber")
                + ") names " + anchor.what());
            return si;
        } catch (Exception e) {
            row(p, a, l, "fail", "CMSSignedData: " + BcShared.why(e));
            return null;
        }
    }

    /** The wrapped-firmware-key attribute's EnvelopedData, or null when absent. */
    private static EnvelopedData wrappedKey(SignerInformation si) {
        ASN1Encodable v = single(si.getUnsignedAttributes(), BcShared.AA_WRAPPED_KEY, "wrapped-firmware-key");
        return v == null ? null : EnvelopedData.getInstance(v);
    }

    private KEKRecipientInfo kekRecipient(ASN1Set recipientInfos) {
        for (ASN1Encodable e : recipientInfos) {
            ASN1Encodable info = RecipientInfo.getInstance(e).getInfo();
            if (info instanceof KEKRecipientInfo) {
                KEKRecipientInfo k = (KEKRecipientInfo) info;
                if (Arrays.equals(k.getKekid().getKeyIdentifier().getOctets(), kekId)) {
                    return k;
                }
            }
        }
        return null;
    }

    private void attributes(String p, String a, String l, SignerInformation si, ASN1ObjectIdentifier eType) {
        BcShared.Problems bad = new BcShared.Problems();
        StringBuilder did = new StringBuilder();
        try {
            AttributeTable t = si.getSignedAttributes();
            ASN1Encodable ct = single(t, CMSAttributes.contentType, "content-type");
            bad.expect(ct != null && ct.equals(eType), "content-type " + ct + " is not the eContentType " + eType);

            ASN1Encodable v = single(t, BcShared.AA_FW_PKG_ID, "firmware-package-identifier");
            if (v == null) {
                bad.add("no firmware-package-identifier");
            } else {
                BcShared.PkgName n = BcShared.decodeFwPkgId(v);
                bad.expect(n.isPreferred(BcShared.PKG, BcShared.PKG_VERSION), "firmware-package-identifier " + n);
                did.append("firmware-package-identifier ").append(n);
            }

            v = single(t, BcShared.AA_TARGET_HW, "target-hardware-identifiers");
            if (v == null) {
                bad.add("no target-hardware-identifiers");
            } else {
                List<String> hw = new ArrayList<>();
                for (ASN1Encodable o : ASN1Sequence.getInstance(v)) {
                    hw.add(ASN1ObjectIdentifier.getInstance(o).getId());
                }
                bad.expect(hw.contains(BcShared.HW.getId()), "target-hardware-identifiers " + hw);
                did.append(", target-hardware-identifiers ").append(hw);
            }

            v = single(t, BcShared.AA_FW_PKG_DIGEST, "firmware-package-message-digest");
            if (v == null) {
                bad.add("no firmware-package-message-digest");
            } else {
                ASN1Sequence s = ASN1Sequence.getInstance(v);
                bad.expect(s.size() == 2, "firmware-package-message-digest: " + s.size() + " components");
                AlgorithmIdentifier alg = AlgorithmIdentifier.getInstance(s.getObjectAt(0));
                byte[] want = BcShared.digest(alg, image);
                byte[] got = ASN1OctetString.getInstance(s.getObjectAt(1)).getOctets();
                String name = algName(alg.getAlgorithm().getId());
                bad.expect(Arrays.equals(want, got), "firmware-package-message-digest (" + name
                    + ") is not the image's: " + BcShared.hex(got));
                did.append(", firmware-package-message-digest = ").append(name).append(" of the image");
            }

            boolean encrypted = l.contains("aes");
            v = single(t, BcShared.AA_DECRYPT_KEY_ID, "decrypt-key-identifier");
            if (encrypted) {
                byte[] id = v == null ? null : ASN1OctetString.getInstance(v).getOctets();
                bad.expect(Arrays.equals(id, kekId), "decrypt-key-identifier " + BcShared.hex(id)
                    + ", asked " + BcShared.hex(kekId));
                did.append(", decrypt-key-identifier ").append(BcShared.hex(id));
            }

            AttributeTable u = si.getUnsignedAttributes();
            if (u != null) {
                bad.expect(u.size() == 1 && u.get(BcShared.AA_WRAPPED_KEY) != null,
                    "unsigned attributes other than one wrapped-firmware-key");
            }
            EnvelopedData env = wrappedKey(si);
            if (env != null) {
                KEKRecipientInfo k = kekRecipient(env.getRecipientInfos());
                bad.expect(k != null, "wrapped-firmware-key: no KEKRecipientInfo for " + BcShared.hex(kekId));
                bad.expect(env.getEncryptedContentInfo().getEncryptedContent() == null,
                    "wrapped-firmware-key: encryptedContent present");
                did.append(", unsigned wrapped-firmware-key: EnvelopedData v")
                    .append(env.getVersion().getValue()).append(" with a KEKRecipientInfo v")
                    .append(k == null ? "?" : k.getVersion().getValue().toString());
            } else if (eType.equals(BcShared.ENCRYPTED_DATA)) {
                bad.add("EncryptedData without a wrapped-firmware-key (a KEK was given)");
            }
        } catch (Exception e) {
            bad.add(BcShared.why(e));
        }
        if (bad.any()) {
            row(p, a, l, "fail", "RFC 4108 signed attributes: " + bad);
        } else {
            row(p, a, l, "pass", "RFC 4108 attributes decoded: " + did);
        }
    }

    /** One layer off: returns the next content and sets type[0] to its type. */
    private byte[] peel(ASN1ObjectIdentifier[] type, byte[] data, SignerInformation si, List<String> path)
            throws Exception {
        ASN1Primitive prim = ASN1Primitive.fromByteArray(data);
        if (type[0].equals(BcShared.ENCRYPTED_DATA)) {
            EncryptedData ed = EncryptedData.getInstance(prim);
            EncryptedContentInfo eci = ed.getEncryptedContentInfo();
            EnvelopedData env = wrappedKey(si);
            if (env == null) {
                throw new IllegalStateException("EncryptedData and no wrapped-firmware-key to find its key");
            }
            EncryptedContentInfo wci = env.getEncryptedContentInfo();
            if (!wci.getContentType().equals(eci.getContentType())
                    || !wci.getContentEncryptionAlgorithm().equals(eci.getContentEncryptionAlgorithm())) {
                throw new IllegalStateException("wrapped-firmware-key contentType/algorithm differ from the EncryptedData's");
            }
            KEKRecipientInfo k = kekRecipient(env.getRecipientInfos());
            if (k == null) {
                throw new IllegalStateException("no KEKRecipientInfo for the KEK");
            }
            byte[] cek = new KekUnwrap(kek).unwrap(k, eci.getContentEncryptionAlgorithm());
            CMSEncryptedData ced = new CMSEncryptedData(new ContentInfo(BcShared.ENCRYPTED_DATA, ed));
            byte[] out = ced.getContent(new JceInputDecryptorProviderBuilder().setProvider("BC").build(cek));
            path.add("EncryptedData v" + ed.getVersion().getValue() + " ("
                + algName(eci.getContentEncryptionAlgorithm().getAlgorithm().getId())
                + ", CEK unwrapped from the wrapped-firmware-key by JceKEKRecipient, decrypted by CMSEncryptedData)");
            type[0] = eci.getContentType();
            return out;
        }
        if (type[0].equals(BcShared.CT_AUTH_ENVELOPED)) {
            String alg = "?";
            try {
                AuthEnvelopedData aed = AuthEnvelopedData.getInstance(prim);
                EncryptedContentInfo eci = aed.getAuthEncryptedContentInfo();
                alg = algName(eci.getContentEncryptionAlgorithm().getAlgorithm().getId());
                CMSAuthEnvelopedData cad = new CMSAuthEnvelopedData(new ContentInfo(BcShared.CT_AUTH_ENVELOPED, aed));
                RecipientInformation ri = cad.getRecipientInfos().get(new KEKRecipientId(kekId));
                if (ri == null) {
                    throw new IllegalStateException("AuthEnvelopedData has no KEKRecipientInfo for the KEK");
                }
                byte[] out = ri.getContent(new KekAuthRecipient(kek));
                path.add("AuthEnvelopedData (" + alg + ", " + (aed.getAuthAttrs() == null ? "no" : "with")
                    + " authAttrs, CEK unwrapped from its KEKRecipientInfo by JceKEKRecipient, AAD and tag by CMSAuthEnvelopedData)");
                type[0] = eci.getContentType();
                return out;
            } catch (Exception e) {
                // go on by hand, to tell a structural refusal from a wrong key or ciphertext
                refusals.add("CMSAuthEnvelopedData: " + BcShared.why(e));
            }
            return authEnvelopedByHand(type, ASN1Sequence.getInstance(prim), path);
        }
        if (type[0].equals(BcShared.CT_COMPRESSED)) {
            CompressedData cd = CompressedData.getInstance(prim);
            CMSCompressedData ccd = new CMSCompressedData(new ContentInfo(BcShared.CT_COMPRESSED, cd));
            byte[] out = ccd.getContent(new ZlibExpanderProvider());
            path.add("CompressedData (ZlibExpanderProvider)");
            type[0] = cd.getEncapContentInfo().getContentType();
            return out;
        }
        throw new IllegalStateException("unexpected content type " + type[0]);
    }

    /*
     * AuthEnvelopedData ::= SEQUENCE { version CMSVersion,
     *   originatorInfo [0] IMPLICIT OriginatorInfo OPTIONAL, recipientInfos RecipientInfos,
     *   authEncryptedContentInfo EncryptedContentInfo,
     *   authAttrs [1] IMPLICIT AuthAttributes OPTIONAL, mac MessageAuthenticationCode,
     *   unauthAttrs [2] IMPLICIT UnauthAttributes OPTIONAL }
     * Decoded without AuthEnvelopedData's checks; the key unwrap and AES-GCM are still Bouncy Castle's.
     */
    private byte[] authEnvelopedByHand(ASN1ObjectIdentifier[] type, ASN1Sequence seq, List<String> path)
            throws Exception {
        BcShared.Cursor c = new BcShared.Cursor(seq);
        ASN1Integer.getInstance(c.next("version"));
        if (c.peek() instanceof ASN1TaggedObject) {
            c.next("originatorInfo");
        }
        ASN1Set recipients = ASN1Set.getInstance(c.next("recipientInfos"));
        EncryptedContentInfo eci = EncryptedContentInfo.getInstance(c.next("authEncryptedContentInfo"));
        byte[] aad = new byte[0];
        if (c.peek() instanceof ASN1TaggedObject) {
            aad = ASN1Set.getInstance((ASN1TaggedObject) c.next("authAttrs"), false).getEncoded(ASN1Encoding.DER);
        }
        byte[] mac = ASN1OctetString.getInstance(c.next("mac")).getOctets();
        if (c.peek() != null) {
            c.next("unauthAttrs");
        }
        c.end("AuthEnvelopedData");
        KEKRecipientInfo k = kekRecipient(recipients);
        if (k == null) {
            throw new IllegalStateException("AuthEnvelopedData has no KEKRecipientInfo for the KEK");
        }
        AlgorithmIdentifier ca = eci.getContentEncryptionAlgorithm();
        String name = algName(ca.getAlgorithm().getId());
        if (!GCM.contains(ca.getAlgorithm())) {
            throw new IllegalStateException("AuthEnvelopedData with " + name + ": only AES-GCM is checked by hand");
        }
        byte[] cek = new KekUnwrap(kek).unwrap(k, ca);
        GCMParameters gp = GCMParameters.getInstance(ca.getParameters());
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding", "BC");
        cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(cek, "AES"),
            new GCMParameterSpec(gp.getIcvLen() * 8, gp.getNonce()));
        if (aad.length > 0) {
            cipher.updateAAD(aad);
        }
        byte[] out = cipher.doFinal(BcShared.concat(eci.getEncryptedContent().getOctets(), mac));
        path.add("AuthEnvelopedData by hand (" + name + ", " + (aad.length > 0 ? "with" : "no")
            + " authAttrs; BC unwrap + tag OK)");
        type[0] = eci.getContentType();
        return out;
    }

    private void layers(String p, String a, String l, Parsed parsed, SignerInformation si) {
        List<String> path = new ArrayList<>();
        refusals = new ArrayList<>();
        try {
            ASN1ObjectIdentifier[] type = {parsed.type};
            byte[] data = parsed.content;
            for (int depth = 0; !type[0].equals(BcShared.CT_FW_PACKAGE); depth++) {
                if (depth == 4) {
                    throw new IllegalStateException("more than 3 layers");
                }
                data = peel(type, data, si, path);
            }
            if (!Arrays.equals(data, image)) {
                row(p, a, l, "fail", "content after " + path + " differs from the image ("
                    + data.length + " octets)");
                return;
            }
            path.add("FirmwarePkgData = the image (" + data.length + " octets)");
            if (!refusals.isEmpty()) {
                row(p, a, l, "fail", String.join("; ", refusals) + "; without that check: "
                    + String.join(" -> ", path));
                return;
            }
            row(p, a, l, "pass", String.join(" -> ", path));
        } catch (Exception e) {
            row(p, a, l, "fail", (path.isEmpty() ? "" : String.join(" -> ", path) + " -> ") + BcShared.why(e));
        }
    }

    private void checkPackage(String p, String a, String l, String file, String certPath) {
        X509Certificate cert;
        byte[] pkg;
        try {
            cert = BcShared.readCert(certPath);
            pkg = BcShared.read(file);
        } catch (Exception e) {
            row(p, a, l, "fail", "reading " + file + ": " + BcShared.why(e));
            return;
        }
        checkPackage(p, a, l, file, pkg, new Anchor(cert));
    }

    private SignerInformation checkPackage(String p, String a, String l, String file, byte[] pkg, Anchor anchor) {
        Parsed streamed = streaming(p, a, l, file, anchor);
        SignerInformation si = whole(p, a, l, pkg, anchor, streamed);
        if (streamed == null || si == null) {
            return null;
        }
        attributes(p, a, l, si, streamed.type);
        layers(p, a, l, streamed, si);
        return si;
    }

    /* ------------------------------------------------------- HSS/LMS packages */

    /*
     * cmsfw's SPKI (RFC 9802: the raw HSS key in the BIT STRING) through the
     * JCA KeyFactory "LMS", and the same key in the RFC 8708 form (inside an
     * OCTET STRING), which is what Bouncy Castle 1.72's PublicKeyFactory
     * reads. The key the packages are checked with is built from the raw
     * octets either way.
     */
    private void hssSpki(String p, String a, SubjectPublicKeyInfo spki, byte[] raw) {
        String l = "spki";
        if (!spki.getAlgorithm().getAlgorithm().equals(BcShared.HSS_LMS) || spki.getAlgorithm().getParameters() != null) {
            row(p, a, l, "fail", "SPKI algorithm " + spki.getAlgorithm().getAlgorithm()
                + (spki.getAlgorithm().getParameters() != null ? " with parameters" : "")
                + ", RFC 9708 wants id-alg-hss-lms-hashsig, parameters absent");
            return;
        }
        String rfc8708;
        try {
            SubjectPublicKeyInfo old = new SubjectPublicKeyInfo(spki.getAlgorithm(), new DEROctetString(raw));
            BCLMSPublicKey k = (BCLMSPublicKey) KeyFactory.getInstance("LMS", "BC")
                .generatePublic(new X509EncodedKeySpec(old.getEncoded(ASN1Encoding.DER)));
            byte[] back = ASN1OctetString.getInstance(SubjectPublicKeyInfo.getInstance(k.getEncoded())
                .parsePublicKey()).getOctets();
            rfc8708 = Arrays.equals(back, raw) ? "accepted (" + k.getLevels() + " level(s))"
                : "accepted as another key: " + BcShared.hex(back);
        } catch (Exception e) {
            rfc8708 = "refused too: " + BcShared.why(e);
        }
        try {
            BCLMSPublicKey k = (BCLMSPublicKey) KeyFactory.getInstance("LMS", "BC")
                .generatePublic(new X509EncodedKeySpec(spki.getEncoded(ASN1Encoding.DER)));
            row(p, a, l, "pass", "KeyFactory LMS (BC): the RFC 8708 form of the key " + rfc8708
                + ", cmsfw's RFC 9802 SPKI accepted (" + k.getLevels() + " level(s))");
        } catch (Exception e) {
            row(p, a, l, "fail", "KeyFactory LMS (BC): the RFC 8708 form of the key " + rfc8708
                + ", cmsfw's RFC 9802 SPKI refused: " + BcShared.why(e));
        }
    }

    /* The signature of a package by the JCA Signature "LMS" of the BC provider, the key from the raw octets. */
    private void hssJca(String p, String a, SignerInformation si, HSSPublicKeyParameters pub) {
        String l = "plain-jca-lms";
        try {
            Signature s = Signature.getInstance("LMS", "BC");
            s.initVerify(new BCLMSPublicKey(pub));
            s.update(si.getEncodedSignedAttributes());
            if (s.verify(si.getSignature())) {
                row(p, a, l, "pass", "JCA Signature LMS (BC), BCLMSPublicKey of the raw HSS key (L=" + pub.getL()
                    + "): the " + si.getSignature().length + "-octet signature over the DER signed attributes verified");
            } else {
                row(p, a, l, "fail", "JCA Signature LMS (BC): verify returned false");
            }
        } catch (Exception e) {
            row(p, a, l, "fail", "JCA Signature LMS (BC), L=" + pub.getL() + ": " + BcShared.why(e));
        }
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = hay.length - needle.length; i >= 0; i--) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /*
     * One bit of the signature flipped: Bouncy Castle must now refuse it
     * (HSSSigner, and the JCA Signature where it works at all). The copy is
     * written for the cmsfw builds to refuse too (bc.sh).
     */
    private void hssFlipped(String p, String a, String file, byte[] pkg, SignerInformation si,
            HSSPublicKeyParameters pub) {
        String l = "plain-sig-bit-flipped";
        try {
            byte[] sig = si.getSignature();
            int at = indexOf(pkg, sig);
            if (at < 0) {
                throw new IllegalStateException("the signature octets are not in the package");
            }
            byte[] bad = pkg.clone();
            int octet = sig.length / 2;
            bad[at + octet] ^= 0x01;
            Files.write(Paths.get(file.replaceAll("\\.der$", "") + "-sig-bit-flipped.der"), bad);
            SignerInformation fsi = onlySigner(new CMSSignedData(bad).getSignerInfos().getSigners());
            boolean hss = fsi.verify(hssVerifier(pub));
            String jca;
            try {
                Signature s = Signature.getInstance("LMS", "BC");
                s.initVerify(new BCLMSPublicKey(pub));
                s.update(fsi.getEncodedSignedAttributes());
                jca = s.verify(fsi.getSignature()) ? "true" : "false";
            } catch (Exception e) {
                jca = BcShared.why(e);
            }
            if (hss || jca.equals("true")) {
                row(p, a, l, "fail", "bit 0 of signature octet " + octet + " of " + sig.length
                    + " flipped, yet verified: HSSSigner " + hss + ", JCA Signature LMS " + jca);
            } else {
                row(p, a, l, "pass", "bit 0 of signature octet " + octet + " of " + sig.length
                    + " flipped: SignerInformation.verify (HSSSigner) false, JCA Signature LMS " + jca);
            }
        } catch (Exception e) {
            row(p, a, l, "fail", "flipping a signature bit: " + BcShared.why(e));
        }
    }

    /* One of cmsfw's HSS/LMS packages; the trust field is SPKI-FILE:KEYIDHEX. */
    private void checkHssPackage(String p, String a, String l, String file, String trust) {
        int colon = trust.lastIndexOf(':');
        SubjectPublicKeyInfo spki;
        HSSPublicKeyParameters pub;
        byte[] pkg;
        try {
            spki = BcShared.readSpki(trust.substring(0, colon));
            pub = HSSPublicKeyParameters.getInstance(spki.getPublicKeyData().getOctets());
            pkg = BcShared.read(file);
        } catch (Exception e) {
            row(p, a, l, "fail", "reading " + file + " or its key " + trust + ": " + BcShared.why(e));
            return;
        }
        Anchor anchor = new Anchor(pub, org.bouncycastle.util.encoders.Hex.decode(trust.substring(colon + 1)));
        SignerInformation si = checkPackage(p, a, l, file, pkg, anchor);
        if (!l.equals("plain")) {
            return;
        }
        hssSpki(p, a, spki, spki.getPublicKeyData().getOctets());
        if (si != null) {
            hssJca(p, a, si, pub);
            hssFlipped(p, a, file, pkg, si, pub);
        }
    }

    /* ------------------------------------------------- receipts and error reports */

    private void checkReport(String[] f) {
        String p = f[0];
        String l = f[1];
        String file = f[2];
        boolean signed = !f[4].equals("-");
        boolean receipt = f[8].equals("-");
        ASN1ObjectIdentifier ct = receipt ? BcShared.CT_RECEIPT : BcShared.CT_ERROR;
        BcShared.Problems bad = new BcShared.Problems();
        StringBuilder did = new StringBuilder();
        try {
            byte[] der = BcShared.read(file);
            ASN1Primitive top = ASN1Primitive.fromByteArray(der);
            bad.expect(BcShared.isDer(top, der), "not DER");
            ContentInfo ci = ContentInfo.getInstance(top);
            ASN1Encodable body;
            if (signed) {
                bad.expect(ci.getContentType().equals(BcShared.SIGNED_DATA), "contentType " + ci.getContentType());
                CMSSignedData sd = new CMSSignedData(ci);
                bad.expect(sd.getVersion() == 3, "SignedData v" + sd.getVersion());
                bad.expect(ct.getId().equals(sd.getSignedContentTypeOID()),
                    "eContentType " + sd.getSignedContentTypeOID());
                SignerInformation si = onlySigner(sd.getSignerInfos().getSigners());
                X509Certificate cert = BcShared.readCert(f[4]);
                bad.expect(si.verify(verifier(cert)), "signature does not verify");
                bad.expect(si.getUnsignedAttributes() == null, "unsigned attributes present");
                ASN1Encodable cta = single(si.getSignedAttributes(), CMSAttributes.contentType, "content-type");
                bad.expect(ct.equals(cta), "content-type attribute " + cta);
                byte[] content = (byte[]) sd.getSignedContent().getContent();
                ASN1Primitive inner = ASN1Primitive.fromByteArray(content);
                bad.expect(BcShared.isDer(inner, content), "eContent not DER");
                body = inner;
                did.append("SignedData v3 {").append(ct).append("}, SignerInfo v").append(si.getVersion())
                    .append(' ').append(sigName(si)).append(" signature verified; ");
            } else {
                bad.expect(ci.getContentType().equals(ct), "contentType " + ci.getContentType() + ", want " + ct);
                body = ci.getContent();
                did.append("ContentInfo {").append(ct).append("} DER; ");
            }
            ASN1ObjectIdentifier hw = new ASN1ObjectIdentifier(f[5]);
            byte[] serial = org.bouncycastle.util.encoders.Hex.decode(f[6]);
            if (receipt) {
                BcShared.Receipt r = BcShared.Receipt.decode(body);
                X509Certificate ta = BcShared.readCert(f[3]);
                byte[] dk = f[7].equals("-") ? null : org.bouncycastle.util.encoders.Hex.decode(f[7]);
                bad.expect(!r.versionEncoded, "version v1 encoded (DEFAULT: DER omits it)");
                bad.expect(r.hwType.equals(hw), "hwType " + r.hwType);
                bad.expect(Arrays.equals(r.hwSerialNum, serial), "hwSerialNum " + BcShared.hex(r.hwSerialNum));
                bad.expect(r.fwPkgName.isPreferred(BcShared.PKG, BcShared.PKG_VERSION), "fwPkgName " + r.fwPkgName);
                bad.expect(Arrays.equals(r.trustAnchorKeyID, BcShared.ski(ta)),
                    "trustAnchorKeyID " + BcShared.hex(r.trustAnchorKeyID) + " is not the anchor's key id");
                bad.expect(Arrays.equals(r.decryptKeyID, dk), "decryptKeyID " + BcShared.hex(r.decryptKeyID)
                    + ", want " + BcShared.hex(dk));
                did.append("FirmwarePackageLoadReceipt: hwType ").append(r.hwType).append(", hwSerialNum ")
                    .append(BcShared.hex(r.hwSerialNum)).append(", fwPkgName ").append(r.fwPkgName)
                    .append(", trustAnchorKeyID ").append(BcShared.hex(r.trustAnchorKeyID))
                    .append(", decryptKeyID [1] ").append(BcShared.hex(r.decryptKeyID));
            } else {
                BcShared.LoadError r = BcShared.LoadError.decode(body);
                int code = Integer.parseInt(f[8]);
                bad.expect(!r.versionEncoded, "version v1 encoded (DEFAULT: DER omits it)");
                bad.expect(r.hwType.equals(hw), "hwType " + r.hwType);
                bad.expect(Arrays.equals(r.hwSerialNum, serial), "hwSerialNum " + BcShared.hex(r.hwSerialNum));
                bad.expect(r.errorCode == code, "errorCode " + r.errorCode + ", want " + code);
                bad.expect(code != 99 || r.vendorErrorCode != null, "otherError without vendorErrorCode");
                bad.expect(r.fwPkgName != null && r.fwPkgName.isPreferred(BcShared.PKG, BcShared.PKG_VERSION),
                    "fwPkgName " + r.fwPkgName);
                did.append("FirmwarePackageLoadError: hwType ").append(r.hwType).append(", hwSerialNum ")
                    .append(BcShared.hex(r.hwSerialNum)).append(", errorCode ").append(r.errorCode)
                    .append(", fwPkgName ").append(r.fwPkgName);
                if (r.configEntries >= 0) {
                    did.append(", config [1] ").append(r.config);
                }
            }
        } catch (Exception e) {
            bad.add(BcShared.why(e));
        }
        if (bad.any()) {
            row(p, "-", l, "fail", file.replaceAll(".*/", "") + ": " + bad);
        } else {
            row(p, "-", l, "pass", did.toString());
        }
    }

    private static List<String[]> lines(String path) throws Exception {
        List<String[]> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new FileReader(path))) {
            for (String s = r.readLine(); s != null; s = r.readLine()) {
                if (!s.isEmpty()) {
                    out.add(s.split("\t", -1));
                }
            }
        }
        return out;
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 5 && args.length != 6) {
            System.err.println("usage: BcVerify PACKAGES.tsv IMAGE KEKID KEKFILE REPORTS.tsv [HSS.tsv]");
            System.exit(2);
        }
        BcShared.addProvider();
        row("bc", "-", "-", "info", "Bouncy Castle " + Security.getProvider("BC").getVersionStr()
            + " (bcprov/bcpkix), " + System.getProperty("java.vm.name") + " "
            + System.getProperty("java.runtime.version"));
        BcVerify v = new BcVerify(BcShared.read(args[1]), org.bouncycastle.util.encoders.Hex.decode(args[2]),
            new SecretKeySpec(BcShared.readKey(args[3]), "AES"));
        for (String[] f : lines(args[0])) {
            v.checkPackage(f[0], f[1], f[2], f[3], f[4]);
        }
        if (args.length == 6) {
            for (String[] f : lines(args[5])) {
                v.checkHssPackage(f[0], f[1], f[2], f[3], f[4]);
            }
        }
        for (String[] f : lines(args[4])) {
            v.checkReport(f);
        }
    }
}
