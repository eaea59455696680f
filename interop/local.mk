# interop/local.mk
