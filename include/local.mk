cmsfwinclude_HEADERS += \
	include/cmsfw/cmsfw.h \
	include/cmsfw/err.h \
	include/cmsfw/types.h \
	include/cmsfw/oid.h \
	include/cmsfw/fw.h \
	include/cmsfw/proc.h \
	include/cmsfw/protect.h
EXTRA_DIST += include/cmsfw/cmsfw_config.h.in
