/*
 * BcMake: Bouncy Castle makes firmware packages, receipts and error reports
 * for cmsfw to check (one JVM for the lot).
 *
 *   java BcMake KEYS IMAGE KEKID KEKFILE OUTDIR
 *
 * Writes the files into OUTDIR and lists them on stdout, one per line:
 *   pkg PRODUCER ALG LAYERS FILE TRUST EXPECT DEVICE-FLAGS
 *   report PRODUCER LAYERS FILE TRUST-CERT-or-- EXPECTED-JSON
 *   fail PRODUCER ALG LAYERS MESSAGE      (Bouncy Castle could not make it)
 *   row PRODUCER ALG LAYERS OUTCOME MESSAGE   (what Bouncy Castle wrote, checked here)
 * TRUST is a certificate file, or SPKI-FILE:KEYIDHEX for the HSS/LMS keys
 * Bouncy Castle generates (`cmsfw verify --trust` syntax).
 * EXPECT is the verdict docs/procedure.md requires (cmsfw_expect syntax).
 * EXPECTED-JSON is what `cmsfw inspect --json` must report of the values
 * written here.
 */

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.ArrayList;
import java.util.List;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Enumerated;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSAuthEnvelopedData;
import org.bouncycastle.cms.CMSAuthEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSCompressedData;
import org.bouncycastle.cms.CMSCompressedDataGenerator;
import org.bouncycastle.cms.CMSEncryptedData;
import org.bouncycastle.cms.CMSEncryptedDataGenerator;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.CMSSignedDataStreamGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.SignerInfoGenerator;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKEKRecipientInfoGenerator;
import org.bouncycastle.cms.jcajce.ZlibCompressor;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OutputAEADEncryptor;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.pqc.crypto.lms.LMOtsParameters;
import org.bouncycastle.pqc.crypto.lms.LMSigParameters;
import org.bouncycastle.pqc.jcajce.spec.LMSHSSKeyGenParameterSpec;
import org.bouncycastle.pqc.jcajce.spec.LMSKeyGenParameterSpec;
import org.bouncycastle.util.Pack;
import org.bouncycastle.util.encoders.Hex;

public final class BcMake {
    /* the pre-shared content-encryption key of the EncryptedData layer */
    static final String CEK_ID = "a1a2a3a4a5a6a7a8";
    static final String SERIAL = "0102a0b0";

    private final String keys;
    private final String outDir;
    private final byte[] image;
    private final byte[] kekId;
    private final SecretKey kek;
    private final String kekFlag;

    private BcMake(String keys, byte[] image, String kekIdHex, String kekFile, String outDir) throws Exception {
        this.keys = keys;
        this.outDir = outDir;
        this.image = image;
        this.kekId = Hex.decode(kekIdHex);
        this.kek = new SecretKeySpec(BcShared.readKey(kekFile), "AES");
        this.kekFlag = "--kek " + kekIdHex + ":" + kekFile;
    }

    static void out(String... fields) {
        System.out.println(String.join("\t", fields).replaceAll("[\r\n]+", " "));
    }

    /** A signer of run.sh's algorithm names. */
    static final class Alg {
        final String name;
        final String key;
        final String jca;
        final AlgorithmParameterSpec spec;

        Alg(String name, String key, String jca, AlgorithmParameterSpec spec) {
            this.name = name;
            this.key = key;
            this.jca = jca;
            this.spec = spec;
        }
    }

    static final Alg[] ALGS = {
        new Alg("ecdsa-p256", "ec-p256", "SHA256withECDSA", null),
        new Alg("ecdsa-p384", "ec-p384", "SHA384withECDSA", null),
        new Alg("rsa-pkcs1", "rsa-2048", "SHA256withRSA", null),
        new Alg("rsa-pss", "rsa-2048", "SHA256withRSAandMGF1",
            new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1)),
        // RFC 8419: Ed25519 in CMS with SHA-512 as the digest algorithm (BC's default)
        new Alg("ed25519", "ed25519", "Ed25519", null),
    };

    /** An encapsulated content: its type, its encodings, and what the device needs. */
    static final class Layer {
        final String name;
        final ASN1ObjectIdentifier type;
        final byte[] der;      // for the DER producer
        final byte[] native_;  // Bouncy Castle's own encoding, for the streamed producer
        final byte[] decryptKeyId;
        final String flags;

        Layer(String name, ASN1ObjectIdentifier type, byte[] der, byte[] nat, byte[] decryptKeyId, String flags) {
            this.name = name;
            this.type = type;
            this.der = der;
            this.native_ = nat;
            this.decryptKeyId = decryptKeyId;
            this.flags = flags;
        }
    }

    private static byte[] der(ASN1Encodable e) throws Exception {
        return e.toASN1Primitive().getEncoded(ASN1Encoding.DER);
    }

    private static byte[] nat(ASN1Encodable e) throws Exception {
        return e.toASN1Primitive().getEncoded();
    }

    private CMSCompressedData compress() throws Exception {
        return new CMSCompressedDataGenerator().generate(
            new CMSProcessableByteArray(BcShared.CT_FW_PACKAGE, image), new ZlibCompressor());
    }

    private Layer encryptedData() throws Exception {
        // Bouncy Castle draws the CEK; it becomes the device's pre-shared key
        OutputEncryptor enc = new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES256_CBC).setProvider("BC").build();
        CMSEncryptedData ed = new CMSEncryptedDataGenerator().generate(
            new CMSProcessableByteArray(BcShared.CT_FW_PACKAGE, image), enc);
        Object rep = enc.getKey().getRepresentation();
        byte[] cek = rep instanceof Key ? ((Key) rep).getEncoded() : (byte[]) rep;
        String cekFile = Paths.get(outDir, "cek256.hex").toAbsolutePath().toString();
        Files.write(Paths.get(cekFile), (Hex.toHexString(cek) + "\n").getBytes(StandardCharsets.US_ASCII));
        ASN1Encodable content = ed.toASN1Structure().getContent();
        return new Layer("aes256-cbc", BcShared.ENCRYPTED_DATA, der(content), nat(content), Hex.decode(CEK_ID),
            "--cek " + CEK_ID + ":" + cekFile);
    }

    private Layer authEnveloped(String name, ASN1ObjectIdentifier innerType, byte[] inner) throws Exception {
        CMSAuthEnvelopedDataGenerator g = new CMSAuthEnvelopedDataGenerator();
        g.addRecipientInfoGenerator(new JceKEKRecipientInfoGenerator(kekId, kek).setProvider("BC"));
        // RFC 5083 2.1: authAttrs MUST be present when the content is not id-data
        AttributeTable authAttrs = new AttributeTable(new Attribute(CMSAttributes.contentType, new DERSet(innerType)));
        g.setAuthenticatedAttributeGenerator(params -> authAttrs);
        OutputAEADEncryptor enc = (OutputAEADEncryptor) new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES256_GCM)
            .setProvider("BC").build();
        CMSAuthEnvelopedData ad = g.generate(new CMSProcessableByteArray(innerType, inner), enc);
        ASN1Encodable content = ad.toASN1Structure().getContent();
        return new Layer(name, BcShared.CT_AUTH_ENVELOPED, der(content), nat(content), kekId, kekFlag);
    }

    /** The RFC 4108 signed attributes run.sh asks for, plus decrypt-key-identifier when given. */
    private AttributeTable fwAttributes(byte[] decryptKeyId) throws Exception {
        ASN1EncodableVector v = new ASN1EncodableVector();
        ASN1Encodable name = new DERSequence(new ASN1Encodable[] {BcShared.PKG, new ASN1Integer(BcShared.PKG_VERSION)});
        v.add(new Attribute(BcShared.AA_FW_PKG_ID, new DERSet(new DERSequence(name))));
        v.add(new Attribute(BcShared.AA_TARGET_HW, new DERSet(new DERSequence(BcShared.HW))));
        AlgorithmIdentifier sha256 = new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256);
        v.add(new Attribute(BcShared.AA_FW_PKG_DIGEST, new DERSet(new DERSequence(new ASN1Encodable[] {
            sha256, new DEROctetString(BcShared.digest(sha256, image))}))));
        if (decryptKeyId != null) {
            v.add(new Attribute(BcShared.AA_DECRYPT_KEY_ID, new DERSet(new DEROctetString(decryptKeyId))));
        }
        return new AttributeTable(v);
    }

    /** sid: the subjectKeyIdentifier (SignerInfo v3, as RFC 4108 requires) unless issuerSerial. */
    private SignerInfoGenerator signer(Alg alg, AttributeTable attrs, boolean issuerSerial) throws Exception {
        PrivateKey key = BcShared.readKeyPem(keys + "/" + alg.key + ".key.pem");
        X509Certificate cert = BcShared.readCert(cert(alg));
        JcaContentSignerBuilder csb = alg.spec == null ? new JcaContentSignerBuilder(alg.jca)
            : new JcaContentSignerBuilder(alg.jca, alg.spec);
        JcaSignerInfoGeneratorBuilder b = new JcaSignerInfoGeneratorBuilder(
            new JcaDigestCalculatorProviderBuilder().setProvider("BC").build());
        b.setSignedAttributeGenerator(attrs == null ? new DefaultSignedAttributeTableGenerator()
            : new DefaultSignedAttributeTableGenerator(attrs));
        if (issuerSerial) {
            return b.build(csb.setProvider("BC").build(key), cert);
        }
        return b.build(csb.setProvider("BC").build(key), BcShared.ski(cert));
    }

    private String cert(Alg alg) {
        return keys + "/" + alg.key + ".cert.pem";
    }

    private byte[] signDer(Alg alg, ASN1ObjectIdentifier type, byte[] content, AttributeTable attrs,
            boolean issuerSerial) throws Exception {
        return signDer(signer(alg, attrs, issuerSerial), BcShared.readCert(cert(alg)), type, content);
    }

    /** A DER SignedData of one signer, with its certificate unless cert is null. */
    private static byte[] signDer(SignerInfoGenerator signer, X509Certificate cert, ASN1ObjectIdentifier type,
            byte[] content) throws Exception {
        CMSSignedDataGenerator g = new CMSSignedDataGenerator();
        g.addSignerInfoGenerator(signer);
        if (cert != null) {
            g.addCertificate(new JcaX509CertificateHolder(cert));
        }
        CMSSignedData sd = g.generate(new CMSProcessableByteArray(type, content), true);
        return sd.getEncoded(ASN1Encoding.DER);
    }

    private void signStream(Alg alg, ASN1ObjectIdentifier type, byte[] content, AttributeTable attrs, String file)
            throws Exception {
        signStream(signer(alg, attrs, false), BcShared.readCert(cert(alg)), type, content, file);
    }

    private static void signStream(SignerInfoGenerator signer, X509Certificate cert, ASN1ObjectIdentifier type,
            byte[] content, String file) throws Exception {
        CMSSignedDataStreamGenerator g = new CMSSignedDataStreamGenerator();
        g.addSignerInfoGenerator(signer);
        if (cert != null) {
            g.addCertificate(new JcaX509CertificateHolder(cert));
        }
        try (OutputStream fo = new BufferedOutputStream(new FileOutputStream(file))) {
            try (OutputStream os = g.open(type, fo, true)) {
                // several writes, so that the eContent is a constructed OCTET STRING of segments
                for (int off = 0; off < content.length; off += 4096) {
                    os.write(content, off, Math.min(4096, content.length - off));
                }
            }
        }
    }

    private String path(String name) {
        return Paths.get(outDir, name).toAbsolutePath().toString();
    }

    private void makePackages(List<Layer> layers) {
        for (Alg alg : ALGS) {
            String expect = alg.name.equals("ed25519") ? "accepted mbedtls:badSignatureAlgorithm" : "accepted";
            for (Layer l : layers) {
                String f = path("bc-" + alg.name + "-" + l.name + ".der");
                try {
                    Files.write(Paths.get(f), signDer(alg, l.type, l.der, fwAttributes(l.decryptKeyId), false));
                    out("pkg", "bc", alg.name, l.name, f, cert(alg), expect, l.flags);
                } catch (Exception e) {
                    out("fail", "bc", alg.name, l.name, "CMSSignedDataGenerator: " + BcShared.why(e));
                }
                f = path("bc-stream-" + alg.name + "-" + l.name + ".ber");
                try {
                    signStream(alg, l.type, l.native_, fwAttributes(l.decryptKeyId), f);
                    out("pkg", "bc-stream", alg.name, l.name, f, cert(alg), expect, l.flags);
                } catch (Exception e) {
                    out("fail", "bc-stream", alg.name, l.name, "CMSSignedDataStreamGenerator: " + BcShared.why(e));
                }
            }
        }
    }

    /* Packages a device must refuse, with the code docs/procedure.md gives. */
    private void makeRefused() {
        Alg alg = ALGS[0];
        Object[][] cases = {
            // step 7: the RFC 4108 attributes missing (only BC's defaults)
            {"no-rfc4108-attrs", BcShared.CT_FW_PACKAGE, Boolean.FALSE, Boolean.FALSE, "badSignedAttrs"},
            // step 5: eContentType id-data is not a firmware package layer
            {"id-data", BcShared.ID_DATA, Boolean.TRUE, Boolean.FALSE, "badEncapContent"},
            // step 6: issuerAndSerialNumber makes BC write SignerInfo v1; RFC 4108 wants v3
            {"sid-issuer-serial-v1", BcShared.CT_FW_PACKAGE, Boolean.TRUE, Boolean.TRUE, "badSignerInfo"},
        };
        for (Object[] c : cases) {
            String name = (String) c[0];
            String f = path("bc-" + alg.name + "-" + name + ".der");
            try {
                AttributeTable attrs = (Boolean) c[2] ? fwAttributes(null) : null;
                Files.write(Paths.get(f), signDer(alg, (ASN1ObjectIdentifier) c[1], image, attrs, (Boolean) c[3]));
                out("pkg", "bc", alg.name, name, f, cert(alg), (String) c[4], "");
            } catch (Exception e) {
                out("fail", "bc", alg.name, name, "CMSSignedDataGenerator: " + BcShared.why(e));
            }
        }
    }

    /* ------------------------------------------------------------ HSS/LMS */

    /** An HSS/LMS key Bouncy Castle generates: its name in the matrix and its levels, top first. */
    static final class HssAlg {
        final String name;
        final LMSKeyGenParameterSpec[] levels;
        final boolean bare;

        HssAlg(String name, boolean bare, LMSKeyGenParameterSpec... levels) {
            this.name = name;
            this.bare = bare;
            this.levels = levels;
        }

        AlgorithmParameterSpec spec() {
            return bare ? levels[0] : new LMSHSSKeyGenParameterSpec(levels);
        }
    }

    /* H5 trees only: a key costs 2^5 one-time keys per level to make */
    static final HssAlg[] HSS = {
        new HssAlg("hss-l1-h5-w8", false,
            new LMSKeyGenParameterSpec(LMSigParameters.lms_sha256_n32_h5, LMOtsParameters.sha256_n32_w8)),
        new HssAlg("hss-l2-h5-w4", false,
            new LMSKeyGenParameterSpec(LMSigParameters.lms_sha256_n32_h5, LMOtsParameters.sha256_n32_w4),
            new LMSKeyGenParameterSpec(LMSigParameters.lms_sha256_n32_h5, LMOtsParameters.sha256_n32_w4)),
    };

    /*
     * A bare LMS key (LMSKeyGenParameterSpec, no HSS wrapper): Bouncy Castle
     * writes its public key as an HSS key of one level but signs with a bare
     * LMS signature, without the Nspk = 0 of an HSS signature (RFC 8554
     * 6.2), which RFC 9708 requires in CMS.
     */
    static final HssAlg LMS_BARE = new HssAlg("lms-h5-w8", true,
        new LMSKeyGenParameterSpec(LMSigParameters.lms_sha256_n32_h5, LMOtsParameters.sha256_n32_w8));

    /** A key Bouncy Castle generated, and how `cmsfw verify --trust` names it. */
    private static final class HssKey {
        PrivateKey priv;
        byte[] keyId;
        String trust;
        String form;
    }

    private HssKey hssKey(HssAlg alg) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("LMS", "BC");
        g.initialize(alg.spec());
        KeyPair kp = g.generateKeyPair();
        byte[] spki = kp.getPublic().getEncoded();
        String file = path("bc-" + alg.name + ".spki.der");
        Files.write(Paths.get(file), spki);
        SubjectPublicKeyInfo info = SubjectPublicKeyInfo.getInstance(spki);
        byte[] bits = info.getPublicKeyData().getOctets();
        byte[] raw = bits;
        HssKey k = new HssKey();
        k.form = "RFC 9802 (raw key in the BIT STRING)";
        try {
            ASN1Primitive inner = ASN1Primitive.fromByteArray(bits);
            if (inner instanceof ASN1OctetString) {
                raw = ((ASN1OctetString) inner).getOctets();
                k.form = "RFC 8708 (an OCTET STRING in the BIT STRING)";
            }
        } catch (java.io.IOException e) {
            // not DER: the raw key itself
        }
        k.form += ", algorithm " + info.getAlgorithm().getAlgorithm()
            + (info.getAlgorithm().getParameters() == null ? " parameters absent" : " with parameters")
            + ", L=" + Pack.bigEndianToInt(raw, 0);
        // the key identifier: SHA-1 of the raw HSS public key
        k.keyId = BcShared.digest(new AlgorithmIdentifier(OIWObjectIdentifiers.idSHA1), raw);
        k.trust = file + ":" + Hex.toHexString(k.keyId);
        k.priv = kp.getPrivate();
        return k;
    }

    /*
     * Bouncy Castle's content signer with the AlgorithmIdentifier RFC 9708
     * gives (parameters absent) in place of its own; the signature is still
     * made by the JCA Signature "LMS".
     */
    private static ContentSigner absentParameters(ContentSigner cs) {
        AlgorithmIdentifier id = new AlgorithmIdentifier(BcShared.HSS_LMS);
        return new ContentSigner() {
            @Override
            public AlgorithmIdentifier getAlgorithmIdentifier() {
                return id;
            }

            @Override
            public OutputStream getOutputStream() {
                return cs.getOutputStream();
            }

            @Override
            public byte[] getSignature() {
                return cs.getSignature();
            }
        };
    }

    /**
     * An HSS/LMS signer: JCA Signature "LMS" of the BC provider, the sid the
     * key identifier; rfc9708 replaces Bouncy Castle's AlgorithmIdentifier
     * (and so the CMSAlgorithmProtection's) by one with parameters absent.
     */
    private static SignerInfoGenerator hssSigner(HssKey k, AttributeTable attrs, boolean rfc9708) throws Exception {
        JcaSignerInfoGeneratorBuilder b = new JcaSignerInfoGeneratorBuilder(
            new JcaDigestCalculatorProviderBuilder().setProvider("BC").build());
        b.setSignedAttributeGenerator(new DefaultSignedAttributeTableGenerator(attrs));
        ContentSigner cs = new JcaContentSignerBuilder("LMS").setProvider("BC").build(k.priv);
        return b.build(rfc9708 ? absentParameters(cs) : cs, k.keyId);
    }

    /*
     * What Bouncy Castle wrote in the SignerInfo of an HSS/LMS package,
     * checked against RFC 9708 as row LAYERS. Returns whether the
     * signatureAlgorithm carries parameters.
     */
    private static boolean hssSignerInfo(HssAlg alg, HssKey k, byte[] pkg, String layers) {
        try {
            CMSSignedData sd = new CMSSignedData(pkg);
            SignerInformation si = sd.getSignerInfos().getSigners().iterator().next();
            byte[] sig = si.getSignature();
            AlgorithmIdentifier sigAlg = si.toASN1Structure().getDigestEncryptionAlgorithm();
            String params = sigAlg.getParameters() == null ? "parameters absent"
                : "parameters " + Hex.toHexString(sigAlg.getParameters().toASN1Primitive().getEncoded());
            String what = "digestAlgorithm " + si.getDigestAlgOID() + " (SignedData's: "
                + sd.getDigestAlgorithmIDs().iterator().next().getAlgorithm() + "), signatureAlgorithm "
                + sigAlg.getAlgorithm() + " " + params + ", signature " + sig.length + " octets starting "
                + Hex.toHexString(sig, 0, 8) + "; SPKI " + k.form;
            boolean ok = si.getDigestAlgOID().equals(NISTObjectIdentifiers.id_sha256.getId())
                && sigAlg.getAlgorithm().equals(BcShared.HSS_LMS) && sigAlg.getParameters() == null;
            out("row", "bc", alg.name, layers, ok ? "pass" : "fail",
                (ok ? "Bouncy Castle wrote " : "RFC 9708 wants SHA-256 and id-alg-hss-lms-hashsig, parameters absent; Bouncy Castle wrote ")
                + what);
            return sigAlg.getParameters() != null;
        } catch (Exception e) {
            out("fail", "bc", alg.name, layers, "CMSSignedData: " + BcShared.why(e));
            return false;
        }
    }

    private void makeHss(List<Layer> layers) {
        for (HssAlg alg : HSS) {
            HssKey k;
            try {
                k = hssKey(alg);
            } catch (Exception e) {
                out("fail", "bc", alg.name, "-", "KeyPairGenerator LMS: " + BcShared.why(e));
                continue;
            }
            for (Layer l : layers) {
                // one layer combination besides plain keeps the one-time keys and the run time small
                if (!l.name.equals("plain") && !l.name.equals("zlib+aes256-gcm")) {
                    continue;
                }
                String f = path("bc-" + alg.name + "-" + l.name + ".der");
                try {
                    byte[] pkg = signDer(hssSigner(k, fwAttributes(l.decryptKeyId), true), null, l.type, l.der);
                    Files.write(Paths.get(f), pkg);
                    out("pkg", "bc", alg.name, l.name, f, k.trust, "accepted", l.flags);
                    if (l.name.equals("plain")) {
                        hssSignerInfo(alg, k, pkg, "signerinfo");
                    }
                } catch (Exception e) {
                    out("fail", "bc", alg.name, l.name, "CMSSignedDataGenerator: " + BcShared.why(e));
                }
                f = path("bc-stream-" + alg.name + "-" + l.name + ".ber");
                try {
                    signStream(hssSigner(k, fwAttributes(l.decryptKeyId), true), null, l.type, l.native_, f);
                    out("pkg", "bc-stream", alg.name, l.name, f, k.trust, "accepted", l.flags);
                } catch (Exception e) {
                    out("fail", "bc-stream", alg.name, l.name, "CMSSignedDataStreamGenerator: " + BcShared.why(e));
                }
            }
            if (alg == HSS[0]) {
                hssDefault(alg, k);
            }
        }
        HssAlg alg = LMS_BARE;
        String f = path("bc-" + alg.name + "-plain.der");
        try {
            HssKey k = hssKey(alg);
            byte[] pkg = signDer(hssSigner(k, fwAttributes(null), true), null, BcShared.CT_FW_PACKAGE, image);
            Files.write(Paths.get(f), pkg);
            // step 14: the signature does not parse as an HSS signature of one level
            out("pkg", "bc", alg.name, "plain", f, k.trust, "signatureFailure", "");
            hssSignerInfo(alg, k, pkg, "signerinfo");
        } catch (Exception e) {
            out("fail", "bc", alg.name, "plain", "CMSSignedDataGenerator: " + BcShared.why(e));
        }
    }

    /*
     * The package as Bouncy Castle signs it left to itself: its own
     * AlgorithmIdentifier for "LMS". Where that carries parameters, step 13
     * must refuse the package with unsupportedParameters.
     */
    private void hssDefault(HssAlg alg, HssKey k) {
        String l = "plain-bc-algid";
        String f = path("bc-" + alg.name + "-" + l + ".der");
        try {
            byte[] pkg = signDer(hssSigner(k, fwAttributes(null), false), null, BcShared.CT_FW_PACKAGE, image);
            Files.write(Paths.get(f), pkg);
            boolean params = hssSignerInfo(alg, k, pkg, l);
            out("pkg", "bc", alg.name, l, f, k.trust, params ? "unsupportedParameters" : "accepted", "");
        } catch (Exception e) {
            out("fail", "bc", alg.name, l, "CMSSignedDataGenerator: " + BcShared.why(e));
        }
    }

    /* ------------------------------------------------- receipts and error reports */

    private static ASN1Encodable preferred(int version) {
        return new DERSequence(new ASN1Encodable[] {BcShared.PKG, new ASN1Integer(version)});
    }

    private static String jsonPreferred(int version) {
        return "{\"preferred\":{\"fwPkgID\":\"" + BcShared.PKG + "\",\"verNum\":" + version + "}}";
    }

    private void report(String layers, ASN1ObjectIdentifier ct, ASN1Encodable body, String json, boolean signed) {
        String f = path("bc-" + layers + ".der");
        String kind = ct.equals(BcShared.CT_RECEIPT) ? "FirmwarePackageLoadReceipt" : "FirmwarePackageLoadError";
        Alg alg = ALGS[0];
        try {
            byte[] bytes;
            if (signed) {
                bytes = signDer(alg, ct, der(body), null, false);
            } else {
                bytes = new ContentInfo(ct, body).getEncoded(ASN1Encoding.DER);
            }
            Files.write(Paths.get(f), bytes);
            String expected = "{\"content\":\"" + kind + "\",\"contentType\":\"" + ct + "\",\"encapsulation\":\""
                + (signed ? "SignedData" : "ContentInfo") + "\"," + (signed ? "\"signatureVerified\":true," : "")
                + "\"" + kind + "\":" + json + "}";
            out("report", "bc", layers, f, signed ? cert(alg) : "-", expected);
        } catch (Exception e) {
            out("fail", "bc", "-", layers, BcShared.why(e));
        }
    }

    private void makeReports() throws Exception {
        String ski = Hex.toHexString(BcShared.ski(BcShared.readCert(cert(ALGS[0]))));
        ASN1Encodable receipt = new DERSequence(new ASN1Encodable[] {
            BcShared.HW, new DEROctetString(Hex.decode(SERIAL)), preferred(BcShared.PKG_VERSION),
            new DEROctetString(Hex.decode(ski)),
            new DERTaggedObject(false, 1, new DEROctetString(kekId))});
        String receiptJson = "{\"version\":1,\"hwType\":\"" + BcShared.HW + "\",\"hwSerialNum\":\"" + SERIAL
            + "\",\"fwPkgName\":" + jsonPreferred(BcShared.PKG_VERSION) + ",\"trustAnchorKeyID\":\"" + ski
            + "\",\"decryptKeyID\":\"" + Hex.toHexString(kekId) + "\"}";
        report("receipt", BcShared.CT_RECEIPT, receipt, receiptJson, false);
        report("signed-receipt", BcShared.CT_RECEIPT, receipt, receiptJson, true);

        // otherError with its mandatory vendorErrorCode, a legacy name and a config list
        byte[] legacy = "R1.2".getBytes(StandardCharsets.US_ASCII);
        byte[] boot = "boot".getBytes(StandardCharsets.US_ASCII);
        ASN1Encodable config = new DERTaggedObject(false, 1, new DERSequence(new ASN1Encodable[] {
            new DERSequence(new ASN1Encodable[] {new ASN1Integer(1), preferred(4)}),
            new DERSequence(new DEROctetString(boot))}));
        ASN1Encodable error = new DERSequence(new ASN1Encodable[] {
            BcShared.HW, new DEROctetString(Hex.decode(SERIAL)), new ASN1Enumerated(99), new ASN1Integer(4242),
            new DEROctetString(legacy), config});
        String errorJson = "{\"version\":1,\"hwType\":\"" + BcShared.HW + "\",\"hwSerialNum\":\"" + SERIAL
            + "\",\"errorCode\":{\"name\":\"otherError\",\"number\":99},\"vendorErrorCode\":4242,"
            + "\"fwPkgName\":{\"legacy\":\"" + Hex.toHexString(legacy) + "\"},\"config\":[{\"fwPkgType\":1,"
            + "\"fwPkgName\":" + jsonPreferred(4) + "},{\"fwPkgName\":{\"legacy\":\"" + Hex.toHexString(boot)
            + "\"}}]}";
        report("error-report", BcShared.CT_ERROR, error, errorJson, false);

        ASN1Encodable wrongHw = new DERSequence(new ASN1Encodable[] {
            BcShared.HW, new DEROctetString(Hex.decode(SERIAL)), new ASN1Enumerated(27),
            preferred(BcShared.PKG_VERSION)});
        String wrongHwJson = "{\"version\":1,\"hwType\":\"" + BcShared.HW + "\",\"hwSerialNum\":\"" + SERIAL
            + "\",\"errorCode\":{\"name\":\"wrongHardware\",\"number\":27},\"fwPkgName\":"
            + jsonPreferred(BcShared.PKG_VERSION) + "}";
        report("signed-error-report", BcShared.CT_ERROR, wrongHw, wrongHwJson, true);
    }

    private List<Layer> makeLayers() {
        List<Layer> layers = new ArrayList<>();
        layers.add(new Layer("plain", BcShared.CT_FW_PACKAGE, image, image, null, ""));
        byte[] compressed = null;
        try {
            ASN1Encodable cd = compress().toASN1Structure().getContent();
            compressed = der(cd);
            layers.add(new Layer("zlib", BcShared.CT_COMPRESSED, compressed, nat(cd), null, ""));
        } catch (Exception e) {
            out("fail", "bc", "-", "zlib", "CMSCompressedDataGenerator: " + BcShared.why(e));
        }
        try {
            layers.add(encryptedData());
        } catch (Exception e) {
            out("fail", "bc", "-", "aes256-cbc", "CMSEncryptedDataGenerator: " + BcShared.why(e));
        }
        try {
            layers.add(authEnveloped("aes256-gcm", BcShared.CT_FW_PACKAGE, image));
        } catch (Exception e) {
            out("fail", "bc", "-", "aes256-gcm", "CMSAuthEnvelopedDataGenerator: " + BcShared.why(e));
        }
        if (compressed != null) {
            try {
                layers.add(authEnveloped("zlib+aes256-gcm", BcShared.CT_COMPRESSED, compressed));
            } catch (Exception e) {
                out("fail", "bc", "-", "zlib+aes256-gcm", "CMSAuthEnvelopedDataGenerator: " + BcShared.why(e));
            }
        }
        return layers;
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: BcMake KEYS IMAGE KEKID KEKFILE OUTDIR");
            System.exit(2);
        }
        BcShared.addProvider();
        BcMake m = new BcMake(args[0], BcShared.read(args[1]), args[2], args[3], args[4]);
        List<Layer> layers = m.makeLayers();
        m.makePackages(layers);
        m.makeRefused();
        m.makeHss(layers);
        try {
            m.makeReports();
        } catch (Exception e) {
            out("fail", "bc", "-", "receipt", BcShared.why(e));
        }
    }
}
