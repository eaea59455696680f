# asn1/oid.mk
