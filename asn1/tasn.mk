# asn1/tasn.mk
