# cms/checks.mk
