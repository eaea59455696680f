# cms/unwrap.mk
