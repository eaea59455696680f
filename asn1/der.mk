# asn1/der.mk
