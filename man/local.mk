## Man pages: help2man turns each program's --help and --version, plus the
## man/NAME.x include file, into NAME.1.  The pages ship in the tarball, and
## man/mkman.sh falls back to the shipped page when help2man is missing, so a
## release builds without help2man.

# A new program adds its page to dist_man_MANS and its .x file to
# EXTRA_DIST (and, if it selects objects, its name to man_object_pages);
# the one pattern rule below makes every page.
dist_man_MANS += man/sigcatch.1 man/mqsend.1 man/mqrecv.1
dist_man_MANS += man/semsig.1 man/semwait.1
dist_man_MANS += man/shmput.1 man/shmget.1
dist_man_MANS += man/ipcclean.1
dist_man_MANS += man/fifochat.1
dist_man_MANS += man/udsecho.1
EXTRA_DIST += man/mkman.sh man/objects.x
EXTRA_DIST += man/sigcatch.x man/mqsend.x man/mqrecv.x
EXTRA_DIST += man/semsig.x man/semwait.x
EXTRA_DIST += man/shmput.x man/shmget.x
EXTRA_DIST += man/ipcclean.x
EXTRA_DIST += man/fifochat.x
EXTRA_DIST += man/udsecho.x

mkman = $(SHELL) $(srcdir)/man/mkman.sh '$(HELP2MAN)' '$(srcdir)'

# The pages that also take man/objects.x: programs that select and create
# a System V or POSIX object with -k/-f/-i/-n and -c/-x/-m.
man_object_pages = mqsend mqrecv semsig semwait shmput shmget

man/%.1: src/%$(EXEEXT) man/%.x man/mkman.sh man/objects.x
	$(AM_V_GEN)$(mkman) $* $(if $(filter $*,$(man_object_pages)),objects)

# In a VPATH build (distcheck) the regenerated pages live in the build tree
# and must go with it; in the source tree they are the shipped pages.
distclean-local: distclean-man-local
distclean-man-local:
	$(AM_V_at)if test '$(srcdir)' != .; then rm -f $(dist_man_MANS); fi
.PHONY: distclean-man-local
