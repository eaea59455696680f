# cms/keys.mk
