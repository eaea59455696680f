# docs/: man page and the guide to how the pieces fit
dist_man_MANS += docs/cmsfw.1
EXTRA_DIST += docs/architecture.md docs/minimal.md
