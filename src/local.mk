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
	src/libipcutil/shm.hh src/libipcutil/shm.cc \
	src/libipcutil/semaphore.hh src/libipcutil/semaphore.cc \
	src/libipcutil/procscan.hh src/libipcutil/procscan.cc \
	src/libipcutil/escape.hh src/libipcutil/escape.cc \
	src/libipcutil/sigformat.hh src/libipcutil/sigformat.cc \
	src/libipcutil/unixsock.hh src/libipcutil/unixsock.cc

LIBIPCUTIL = src/libipcutil/libipcutil.a $(LIBINTL)
PROGRAM_LINK_FLAGS = $(STATIC_CXX_LDFLAGS) $(AM_LDFLAGS)

bin_PROGRAMS += src/sigcatch src/mqsend src/mqrecv
bin_PROGRAMS += src/shmput src/shmget
bin_PROGRAMS += src/semsig src/semwait
bin_PROGRAMS += src/ipcclean
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

src_shmput_SOURCES = src/shmput.cc
src_shmput_LDADD = $(LIBIPCUTIL)
src_shmput_LDFLAGS = $(PROGRAM_LINK_FLAGS)

src_shmget_SOURCES = src/shmget.cc
src_shmget_LDADD = $(LIBIPCUTIL)
src_shmget_LDFLAGS = $(PROGRAM_LINK_FLAGS)

src_semsig_SOURCES = src/semsig.cc
src_semsig_LDADD = $(LIBIPCUTIL)
src_semsig_LDFLAGS = $(PROGRAM_LINK_FLAGS)

src_semwait_SOURCES = src/semwait.cc
src_semwait_LDADD = $(LIBIPCUTIL)
src_semwait_LDFLAGS = $(PROGRAM_LINK_FLAGS)

src_ipcclean_SOURCES = src/ipcclean.cc
src_ipcclean_LDADD = $(LIBIPCUTIL)
src_ipcclean_LDFLAGS = $(PROGRAM_LINK_FLAGS)

bin_PROGRAMS += src/fifochat
src_fifochat_SOURCES = src/fifochat.cc
src_fifochat_LDADD = $(LIBIPCUTIL)
src_fifochat_LDFLAGS = $(PROGRAM_LINK_FLAGS)

src_udsecho_SOURCES = src/udsecho.cc
src_udsecho_LDADD = $(LIBIPCUTIL)
src_udsecho_LDFLAGS = $(PROGRAM_LINK_FLAGS)
