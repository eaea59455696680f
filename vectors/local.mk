# vectors/local.mk
