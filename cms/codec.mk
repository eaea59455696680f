# cms/codec.mk
