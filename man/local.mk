## Man pages: help2man turns each program's --help and --version, plus the
## man/NAME.x include file, into NAME.1.  The pages ship in the tarball, and
## man/mkman.sh falls back to the shipped page when help2man is missing, so a
## release builds without help2man.

# A new program adds its page to dist_man_MANS and its .x file to
# EXTRA_DIST; the one pattern rule below makes every page.
dist_man_MANS += man/sigcatch.1 man/mqsend.1 man/mqrecv.1
dist_man_MANS += man/udsecho.1
EXTRA_DIST += man/mkman.sh man/objects.x
EXTRA_DIST += man/sigcatch.x man/mqsend.x man/mqrecv.x
EXTRA_DIST += man/udsecho.x

mkman = $(SHELL) $(srcdir)/man/mkman.sh '$(HELP2MAN)' '$(srcdir)'

man/%.1: src/%$(EXEEXT) man/%.x man/mkman.sh man/objects.x
	$(AM_V_GEN)$(mkman) $*

# In a VPATH build (distcheck) the regenerated pages live in the build tree
# and must go with it; in the source tree they are the shipped pages.
distclean-local: distclean-man-local
distclean-man-local:
	$(AM_V_at)if test '$(srcdir)' != .; then rm -f $(dist_man_MANS); fi
.PHONY: distclean-man-local
