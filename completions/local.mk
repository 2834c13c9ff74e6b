## Bash completion: completions/ipcutils is one script for every program,
## installed once and then under each program's name as a symbolic link to
## it (bash-completion loads a command's completion from the file named
## after the command), the way util-linux does.  The program list comes
## from bin_PROGRAMS, so a new program needs no change here.

completion_programs = $(bin_PROGRAMS:src/%$(EXEEXT)=%)

EXTRA_DIST += completions/ipcutils.in
CLEANFILES += completions/ipcutils

completions/ipcutils: completions/ipcutils.in Makefile
	$(AM_V_GEN)$(MKDIR_P) completions && \
	sed -e 's|@PROGRAMS@|$(completion_programs)|' \
	  $(srcdir)/completions/ipcutils.in > $@-t && mv -f $@-t $@

if BASH_COMPLETION
bashcompletiondir = $(BASH_COMPLETION_DIR)
bashcompletion_DATA = completions/ipcutils

install-data-hook: install-completion-links
install-completion-links:
	$(AM_V_at)cd '$(DESTDIR)$(bashcompletiondir)' && \
	for p in $(completion_programs); do \
	  rm -f "$$p" && ln -s ipcutils "$$p" || exit 1; \
	done

uninstall-hook: uninstall-completion-links
uninstall-completion-links:
	$(AM_V_at)cd '$(DESTDIR)$(bashcompletiondir)' 2>/dev/null || exit 0; \
	rm -f $(completion_programs)
endif
.PHONY: install-completion-links uninstall-completion-links
