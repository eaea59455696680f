# cms/: content types, attributes, layers, the processor (core files)
libcmsfw_la_SOURCES += cms/err.c
