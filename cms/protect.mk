# cms/protect.mk
