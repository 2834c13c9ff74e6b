## Tests: the Check unit tests of libipcutil, then black-box shell tests of
## each program (tests/NAME/*.sh), all through automake's parallel harness.
## Check's 4-second limit per unit test is stretched tenfold: a sanitizer
## build on a busy machine is slow, and a hang is still caught.

TEST_EXTENSIONS = .sh
SH_LOG_COMPILER = bash
AM_TESTS_ENVIRONMENT = \
	abs_top_builddir='$(abs_top_builddir)'; \
	abs_top_srcdir='$(abs_top_srcdir)'; \
	built_programs='$(bin_PROGRAMS:src/%=%)'; \
	PACKAGE_VERSION='$(PACKAGE_VERSION)'; \
	CC='$(CC)'; \
	CK_TIMEOUT_MULTIPLIER=$${CK_TIMEOUT_MULTIPLIER-10}; \
	export abs_top_builddir abs_top_srcdir built_programs PACKAGE_VERSION CC \
	  CK_TIMEOUT_MULTIPLIER;

EXTRA_DIST += tests/init.sh tests/lib/object.sh
EXTRA_DIST += tests/lib/ready.sh
EXTRA_DIST += tests/lib/common.sh

include tests/unit/local.mk
include tests/misc/local.mk
include tests/helpers/local.mk
include tests/sigcatch/local.mk
include tests/mqsend/local.mk
include tests/mqrecv/local.mk
include tests/shmput/local.mk
include tests/shmget/local.mk
include tests/semsig/local.mk
include tests/semwait/local.mk
include tests/ipcclean/local.mk
include tests/fifochat/local.mk
include tests/udsecho/local.mk
include tests/completion/local.mk
include tests/load/local.mk
