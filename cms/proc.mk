# cms/proc.mk
