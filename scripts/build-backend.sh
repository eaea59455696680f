#!/bin/sh
# build-backend.sh: configure (once) and build cmsfw with one crypto backend
# in a private build directory, for `make bench`, `make interop` and the
# fuzz targets (the minimal profile included).
#
#   sh scripts/build-backend.sh SRCDIR BUILDDIR BACKEND JOBS
#
# The library is static, so that BUILDDIR/tools/cmsfw is the program itself
# and not libtool's wrapper script. An existing build directory is only
# brought up to date (automake reruns configure when configure.ac changed).
# The output goes to BUILDDIR/build.log; the exit status is make's.
set -u
src=$1 dir=$2 backend=$3 jobs=$4
mkdir -p "$dir" || exit 1
(
    cd "$dir" || exit 1
    # our own -j, not the jobserver of the make that called us
    unset MAKEFLAGS MFLAGS MAKELEVEL
    if [ ! -f config.status ]; then
        "$src/configure" --with-crypto="$backend" --enable-minimal --disable-shared \
            --enable-static || exit 1
    fi
    make -j"$jobs" all
) >"$dir/build.log" 2>&1
