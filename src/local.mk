## Programs and their shared library.

noinst_LIBRARIES += src/libipcutil/libipcutil.a
src_libipcutil_libipcutil_a_SOURCES = \
	src/libipcutil/i18n.hh \
	src/libipcutil/program.hh src/libipcutil/program.cc \
	src/libipcutil/options.hh \
	src/libipcutil/help.hh src/libipcutil/help.cc \
	src/libipcutil/pidfile.hh src/libipcutil/pidfile.cc \
	src/libipcutil/quote.hh src/libipcutil/quote.cc \
	src/libipcutil/parse.hh src/libipcutil/parse.cc \
	src/libipcutil/signals.hh src/libipcutil/signals.cc \
	src/libipcutil/fd.hh src/libipcutil/fd.cc \
	src/libipcutil/deadline.hh src/libipcutil/deadline.cc \
	src/libipcutil/kinds.hh src/libipcutil/kinds.cc \
	src/libipcutil/fspath.hh src/libipcutil/fspath.cc \
	src/libipcutil/termination.hh src/libipcutil/termination.cc \
	src/libipcutil/framing.hh src/libipcutil/framing.cc \
	src/libipcutil/object.hh src/libipcutil/object.cc \
	src/libipcutil/msgqueue.hh src/libipcutil/msgqueue.cc \
	src/libipcutil/unixsock.hh src/libipcutil/unixsock.cc

LIBIPCUTIL = src/libipcutil/libipcutil.a $(LIBINTL)
PROGRAM_LINK_FLAGS = $(STATIC_CXX_LDFLAGS)

bin_PROGRAMS += src/sigcatch src/mqsend src/mqrecv
bin_PROGRAMS += src/udsecho

src_sigcatch_SOURCES = src/sigcatch.cc
src_sigcatch_LDADD = $(LIBIPCUTIL)
src_sigcatch_LDFLAGS = $(PROGRAM_LINK_FLAGS)

src_mqsend_SOURCES = src/mqsend.cc
src_mqsend_LDADD = $(LIBIPCUTIL)
src_mqsend_LDFLAGS = $(PROGRAM_LINK_FLAGS)

src_mqrecv_SOURCES = src/mqrecv.cc
src_mqrecv_LDADD = $(LIBIPCUTIL)
src_mqrecv_LDFLAGS = $(PROGRAM_LINK_FLAGS)

src_udsecho_SOURCES = src/udsecho.cc
src_udsecho_LDADD = $(LIBIPCUTIL)
src_udsecho_LDFLAGS = $(PROGRAM_LINK_FLAGS)
