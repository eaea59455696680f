/*
 * BcShared: what the Bouncy Castle checks of `make interop` share: the
 * RFC 4108 object identifiers, key and certificate loading, and decoders of
 * the RFC 4108 receipt and error report written with Bouncy Castle's ASN.1
 * classes (Bouncy Castle has no RFC 4108 types of its own).
 */

import java.io.ByteArrayOutputStream;
import java.io.FileReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.security.PrivateKey;
import java.security.Security;
import java.security.cert.X509Certificate;
import java.util.Arrays;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Enumerated;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.BERTags;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.util.encoders.Hex;

final class BcShared {
    static final String SMIME = "1.2.840.113549.1.9.16";
    static final ASN1ObjectIdentifier CT_FW_PACKAGE = new ASN1ObjectIdentifier(SMIME + ".1.16");
    static final ASN1ObjectIdentifier CT_RECEIPT = new ASN1ObjectIdentifier(SMIME + ".1.17");
    static final ASN1ObjectIdentifier CT_ERROR = new ASN1ObjectIdentifier(SMIME + ".1.18");
    static final ASN1ObjectIdentifier CT_COMPRESSED = new ASN1ObjectIdentifier(SMIME + ".1.9");
    static final ASN1ObjectIdentifier CT_AUTH_ENVELOPED = new ASN1ObjectIdentifier(SMIME + ".1.23");
    static final ASN1ObjectIdentifier ENCRYPTED_DATA = new ASN1ObjectIdentifier("1.2.840.113549.1.7.6");
    static final ASN1ObjectIdentifier SIGNED_DATA = new ASN1ObjectIdentifier("1.2.840.113549.1.7.2");
    static final ASN1ObjectIdentifier ID_DATA = new ASN1ObjectIdentifier("1.2.840.113549.1.7.1");
    static final ASN1ObjectIdentifier AA_FW_PKG_ID = new ASN1ObjectIdentifier(SMIME + ".2.35");
    static final ASN1ObjectIdentifier AA_TARGET_HW = new ASN1ObjectIdentifier(SMIME + ".2.36");
    static final ASN1ObjectIdentifier AA_DECRYPT_KEY_ID = new ASN1ObjectIdentifier(SMIME + ".2.37");
    static final ASN1ObjectIdentifier AA_WRAPPED_KEY = new ASN1ObjectIdentifier(SMIME + ".2.39");
    static final ASN1ObjectIdentifier AA_FW_PKG_DIGEST = new ASN1ObjectIdentifier(SMIME + ".2.41");
    /* id-alg-hss-lms-hashsig, 1.2.840.113549.1.9.16.3.17 (RFC 9708) */
    static final ASN1ObjectIdentifier HSS_LMS = PKCSObjectIdentifiers.id_alg_hss_lms_hashsig;

    /* what run.sh asks of every package */
    static final ASN1ObjectIdentifier HW = new ASN1ObjectIdentifier("1.3.6.1.4.1.32473.1.1");
    static final ASN1ObjectIdentifier PKG = new ASN1ObjectIdentifier("1.3.6.1.4.1.32473.2.1");
    static final int PKG_VERSION = 5;

    private BcShared() {
    }

    static void addProvider() {
        if (Security.getProvider("BC") == null) {
            Security.addProvider(new BouncyCastleProvider());
        }
    }

    static byte[] read(String path) throws IOException {
        return Files.readAllBytes(Paths.get(path));
    }

    /** A key file as run.sh gives it: hex text (whitespace ignored), or raw octets. */
    static byte[] readKey(String path) throws IOException {
        byte[] raw = read(path);
        String text = new String(raw, StandardCharsets.US_ASCII).replaceAll("\\s", "");
        if (text.matches("([0-9a-fA-F]{2})+") && (text.length() == 32 || text.length() == 64)) {
            return Hex.decode(text);
        }
        return raw;
    }

    static X509Certificate readCert(String path) throws Exception {
        try (PEMParser p = new PEMParser(new FileReader(path))) {
            Object o = p.readObject();
            if (!(o instanceof X509CertificateHolder)) {
                throw new IOException(path + ": no certificate");
            }
            return new JcaX509CertificateConverter().setProvider("BC")
                .getCertificate((X509CertificateHolder) o);
        }
    }

    static PrivateKey readKeyPem(String path) throws Exception {
        try (PEMParser p = new PEMParser(new FileReader(path))) {
            Object o = p.readObject();
            if (!(o instanceof PrivateKeyInfo)) {
                throw new IOException(path + ": no PKCS#8 private key");
            }
            return new JcaPEMKeyConverter().setProvider("BC").getPrivateKey((PrivateKeyInfo) o);
        }
    }

    /** A SubjectPublicKeyInfo file, PEM or DER. */
    static SubjectPublicKeyInfo readSpki(String path) throws Exception {
        byte[] raw = read(path);
        if (raw.length > 0 && raw[0] == 0x30) {
            return SubjectPublicKeyInfo.getInstance(raw);
        }
        try (PEMParser p = new PEMParser(new FileReader(path))) {
            Object o = p.readObject();
            if (!(o instanceof SubjectPublicKeyInfo)) {
                throw new IOException(path + ": no public key");
            }
            return (SubjectPublicKeyInfo) o;
        }
    }

    /** The subjectKeyIdentifier extension of a certificate (null if none). */
    static byte[] ski(X509Certificate cert) throws Exception {
        X509CertificateHolder h = new X509CertificateHolder(cert.getEncoded());
        Extension e = h.getExtension(Extension.subjectKeyIdentifier);
        return e == null ? null : SubjectKeyIdentifier.getInstance(e.getParsedValue()).getKeyIdentifier();
    }

    /** The digest of data with the algorithm an AlgorithmIdentifier names, by BC. */
    static byte[] digest(AlgorithmIdentifier alg, byte[] data) throws Exception {
        DigestCalculator dc = new JcaDigestCalculatorProviderBuilder().setProvider("BC").build().get(alg);
        try (OutputStream os = dc.getOutputStream()) {
            os.write(data);
        }
        return dc.getDigest();
    }

    static String hex(byte[] b) {
        return b == null ? "-" : Hex.toHexString(b);
    }

    /** An exception as one line: its class and Bouncy Castle's message, with causes. */
    static String why(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null && sb.length() < 400; c = c.getCause()) {
            if (sb.length() > 0) {
                sb.append(" <- ");
            }
            sb.append(c.getClass().getSimpleName()).append(": ").append(c.getMessage());
            if (c.getCause() == c) {
                break;
            }
        }
        return sb.toString().replaceAll("[\t\r\n]+", " ");
    }

    static boolean isDer(ASN1Primitive p, byte[] encoding) throws IOException {
        return Arrays.equals(p.getEncoded(ASN1Encoding.DER), encoding);
    }

    /* ----------------------------------------------------------------------
     * RFC 4108 types, decoded strictly from Bouncy Castle's ASN.1 objects.
     */

    /** PreferredOrLegacyPackageIdentifier ::= CHOICE { preferred SEQUENCE { fwPkgID OID, verNum INTEGER }, legacy OCTET STRING } */
    static final class PkgName {
        ASN1ObjectIdentifier oid;
        long version = -1;
        byte[] legacy;

        static boolean fits(ASN1Encodable e) {
            return e instanceof ASN1Sequence || e instanceof ASN1OctetString;
        }

        static PkgName decode(ASN1Encodable e) {
            PkgName n = new PkgName();
            if (e instanceof ASN1OctetString) {
                n.legacy = ((ASN1OctetString) e).getOctets();
                return n;
            }
            ASN1Sequence s = ASN1Sequence.getInstance(e);
            if (s.size() != 2) {
                throw new IllegalArgumentException("PreferredPackageIdentifier: " + s.size() + " components");
            }
            n.oid = ASN1ObjectIdentifier.getInstance(s.getObjectAt(0));
            ASN1Integer v = ASN1Integer.getInstance(s.getObjectAt(1));
            if (v.getValue().signum() < 0) {
                throw new IllegalArgumentException("verNum negative");
            }
            n.version = v.getValue().longValueExact();
            return n;
        }

        boolean isPreferred(ASN1ObjectIdentifier want, long ver) {
            return legacy == null && want.equals(oid) && version == ver;
        }

        @Override
        public String toString() {
            return legacy != null ? "legacy " + hex(legacy) : "preferred {" + oid + ", " + version + "}";
        }
    }

    /** FirmwarePackageIdentifier ::= SEQUENCE { name PreferredOrLegacyPackageIdentifier, stale ... OPTIONAL } */
    static PkgName decodeFwPkgId(ASN1Encodable e) {
        ASN1Sequence s = ASN1Sequence.getInstance(e);
        if (s.size() < 1 || s.size() > 2) {
            throw new IllegalArgumentException("FirmwarePackageIdentifier: " + s.size() + " components");
        }
        return PkgName.decode(s.getObjectAt(0));
    }

    /** Walks the components of a SEQUENCE, one optional field at a time. */
    static final class Cursor {
        private final ASN1Sequence seq;
        private int i;

        Cursor(ASN1Sequence seq) {
            this.seq = seq;
        }

        ASN1Encodable peek() {
            return i < seq.size() ? seq.getObjectAt(i) : null;
        }

        ASN1Encodable next(String what) {
            if (i >= seq.size()) {
                throw new IllegalArgumentException(what + " missing");
            }
            return seq.getObjectAt(i++);
        }

        void end(String type) {
            if (i != seq.size()) {
                throw new IllegalArgumentException(type + ": unexpected component " + (i + 1) + " of " + seq.size());
            }
        }
    }

    /** The version field common to both reports: DEFAULT v1, so absent in DER. */
    static int version(Cursor c) {
        if (c.peek() instanceof ASN1Integer) {
            return ASN1Integer.getInstance(c.next("version")).intValueExact();
        }
        return 1;
    }

    /*
     * FirmwarePackageLoadReceipt ::= SEQUENCE {
     *   version FWReceiptVersion DEFAULT v1, hwType OBJECT IDENTIFIER,
     *   hwSerialNum OCTET STRING, fwPkgName PreferredOrLegacyPackageIdentifier,
     *   trustAnchorKeyID OCTET STRING OPTIONAL,
     *   decryptKeyID [1] IMPLICIT OCTET STRING OPTIONAL }
     */
    static final class Receipt {
        int version;
        boolean versionEncoded;
        ASN1ObjectIdentifier hwType;
        byte[] hwSerialNum;
        PkgName fwPkgName;
        byte[] trustAnchorKeyID;
        byte[] decryptKeyID;

        static Receipt decode(ASN1Encodable e) {
            Receipt r = new Receipt();
            Cursor c = new Cursor(ASN1Sequence.getInstance(e));
            r.versionEncoded = c.peek() instanceof ASN1Integer;
            r.version = version(c);
            r.hwType = ASN1ObjectIdentifier.getInstance(c.next("hwType"));
            r.hwSerialNum = ASN1OctetString.getInstance(c.next("hwSerialNum")).getOctets();
            r.fwPkgName = PkgName.decode(c.next("fwPkgName"));
            if (c.peek() instanceof ASN1OctetString) {
                r.trustAnchorKeyID = ASN1OctetString.getInstance(c.next("trustAnchorKeyID")).getOctets();
            }
            if (c.peek() instanceof ASN1TaggedObject) {
                ASN1TaggedObject t = (ASN1TaggedObject) c.next("decryptKeyID");
                if (t.getTagClass() != BERTags.CONTEXT_SPECIFIC || t.getTagNo() != 1) {
                    throw new IllegalArgumentException("receipt: tag [" + t.getTagNo() + "] where decryptKeyID [1] may be");
                }
                r.decryptKeyID = ASN1OctetString.getInstance(t, false).getOctets();
            }
            c.end("FirmwarePackageLoadReceipt");
            return r;
        }
    }

    /*
     * FirmwarePackageLoadError ::= SEQUENCE {
     *   version FWErrorVersion DEFAULT v1, hwType OBJECT IDENTIFIER,
     *   hwSerialNum OCTET STRING, errorCode FirmwarePackageLoadErrorCode,
     *   vendorErrorCode VendorLoadErrorCode OPTIONAL,
     *   fwPkgName PreferredOrLegacyPackageIdentifier OPTIONAL,
     *   config [1] IMPLICIT SEQUENCE OF CurrentFWConfig OPTIONAL }
     * CurrentFWConfig ::= SEQUENCE { fwPkgType INTEGER OPTIONAL,
     *   fwPkgName PreferredOrLegacyPackageIdentifier }
     */
    static final class LoadError {
        int version;
        boolean versionEncoded;
        ASN1ObjectIdentifier hwType;
        byte[] hwSerialNum;
        int errorCode;
        Long vendorErrorCode;
        PkgName fwPkgName;
        int configEntries = -1;
        String config = "";

        static LoadError decode(ASN1Encodable e) {
            LoadError r = new LoadError();
            Cursor c = new Cursor(ASN1Sequence.getInstance(e));
            r.versionEncoded = c.peek() instanceof ASN1Integer;
            r.version = version(c);
            r.hwType = ASN1ObjectIdentifier.getInstance(c.next("hwType"));
            r.hwSerialNum = ASN1OctetString.getInstance(c.next("hwSerialNum")).getOctets();
            r.errorCode = ASN1Enumerated.getInstance(c.next("errorCode")).intValueExact();
            if (c.peek() instanceof ASN1Integer) {
                r.vendorErrorCode = ASN1Integer.getInstance(c.next("vendorErrorCode")).longValueExact();
            }
            if (c.peek() != null && PkgName.fits(c.peek())) {
                r.fwPkgName = PkgName.decode(c.next("fwPkgName"));
            }
            if (c.peek() instanceof ASN1TaggedObject) {
                ASN1TaggedObject t = (ASN1TaggedObject) c.next("config");
                if (t.getTagClass() != BERTags.CONTEXT_SPECIFIC || t.getTagNo() != 1) {
                    throw new IllegalArgumentException("error report: tag [" + t.getTagNo() + "] where config [1] may be");
                }
                ASN1Sequence list = ASN1Sequence.getInstance(t, false);
                StringBuilder sb = new StringBuilder();
                for (ASN1Encodable entry : list) {
                    Cursor ec = new Cursor(ASN1Sequence.getInstance(entry));
                    String type = "";
                    if (ec.peek() instanceof ASN1Integer) {
                        type = "type " + ASN1Integer.getInstance(ec.next("fwPkgType")).getValue() + " ";
                    }
                    sb.append(sb.length() > 0 ? "; " : "").append(type)
                        .append(PkgName.decode(ec.next("CurrentFWConfig.fwPkgName")));
                    ec.end("CurrentFWConfig");
                }
                r.configEntries = list.size();
                r.config = sb.toString();
            }
            c.end("FirmwarePackageLoadError");
            return r;
        }
    }

    /** Collects the problems one check finds, so that a row names all of them. */
    static final class Problems {
        private final StringBuilder sb = new StringBuilder();

        void add(String s) {
            sb.append(sb.length() > 0 ? "; " : "").append(s);
        }

        void expect(boolean ok, String s) {
            if (!ok) {
                add(s);
            }
        }

        boolean any() {
            return sb.length() > 0;
        }

        @Override
        public String toString() {
            return sb.toString();
        }
    }

    static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.write(a, 0, a.length);
        o.write(b, 0, b.length);
        return o.toByteArray();
    }
}
