## Fuzzing (tests/fuzz/README).  Each harness tests/fuzz/fuzz_NAME.cc is
## built twice: with the ordinary compiler and a small driver as a check
## program, which replay.sh runs over the seed corpus and the regression
## inputs under make check; and, when configure found clang++ with
## libFuzzer, with clang's fuzzer and sanitizers in rules of their own
## under tests/fuzz/clang/, for `make fuzz`.

fuzz_harnesses = parse signals sigformat framing procscan escape

check_PROGRAMS += tests/fuzz/fuzz_parse tests/fuzz/fuzz_signals \
	tests/fuzz/fuzz_sigformat tests/fuzz/fuzz_framing \
	tests/fuzz/fuzz_procscan tests/fuzz/fuzz_escape
fuzz_driver_sources = tests/fuzz/driver.cc tests/fuzz/fuzz.hh
tests_fuzz_fuzz_parse_SOURCES = tests/fuzz/fuzz_parse.cc $(fuzz_driver_sources)
tests_fuzz_fuzz_parse_LDADD = $(LIBIPCUTIL)
tests_fuzz_fuzz_signals_SOURCES = tests/fuzz/fuzz_signals.cc \
	$(fuzz_driver_sources)
tests_fuzz_fuzz_signals_LDADD = $(LIBIPCUTIL)
tests_fuzz_fuzz_sigformat_SOURCES = tests/fuzz/fuzz_sigformat.cc \
	$(fuzz_driver_sources)
tests_fuzz_fuzz_sigformat_LDADD = $(LIBIPCUTIL)
tests_fuzz_fuzz_framing_SOURCES = tests/fuzz/fuzz_framing.cc \
	$(fuzz_driver_sources)
tests_fuzz_fuzz_framing_LDADD = $(LIBIPCUTIL)
tests_fuzz_fuzz_procscan_SOURCES = tests/fuzz/fuzz_procscan.cc \
	$(fuzz_driver_sources)
tests_fuzz_fuzz_procscan_LDADD = $(LIBIPCUTIL)
tests_fuzz_fuzz_escape_SOURCES = tests/fuzz/fuzz_escape.cc \
	$(fuzz_driver_sources)
tests_fuzz_fuzz_escape_LDADD = $(LIBIPCUTIL)

TESTS += tests/fuzz/replay.sh
EXTRA_DIST += tests/fuzz/README tests/fuzz/replay.sh tests/fuzz/run-fuzzers.sh \
	tests/fuzz/corpus tests/fuzz/regress

# The clang build: libipcutil's sources and the harnesses compiled with
# -fsanitize=fuzzer-no-link (coverage for libFuzzer) and the sanitizers,
# never mixed with the objects above.
FUZZ_CXXFLAGS = $(CXX_STD) -g -O1 -fno-omit-frame-pointer \
	-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all
FUZZ_CPPFLAGS = $(DEFS) $(DEFAULT_INCLUDES) $(AM_CPPFLAGS) $(CPPFLAGS)
fuzz_lib_sources = $(filter %.cc,$(src_libipcutil_libipcutil_a_SOURCES))
fuzz_lib_headers = $(filter %.hh,$(src_libipcutil_libipcutil_a_SOURCES))
fuzz_lib_objects = $(fuzz_lib_sources:src/libipcutil/%.cc=tests/fuzz/clang/lib/%.o)
fuzz_programs = $(fuzz_harnesses:%=tests/fuzz/clang/fuzz_%)

tests/fuzz/clang/lib/%.o: $(srcdir)/src/libipcutil/%.cc \
		$(fuzz_lib_headers:%=$(srcdir)/%) config.h
	@$(MKDIR_P) $(@D)
	$(AM_V_CXX)$(FUZZ_CXX) $(FUZZ_CPPFLAGS) $(FUZZ_CXXFLAGS) -c -o $@ $<
tests/fuzz/clang/%.o: $(srcdir)/tests/fuzz/%.cc $(srcdir)/tests/fuzz/fuzz.hh \
		$(fuzz_lib_headers:%=$(srcdir)/%) config.h
	@$(MKDIR_P) $(@D)
	$(AM_V_CXX)$(FUZZ_CXX) $(FUZZ_CPPFLAGS) -I$(srcdir)/tests/fuzz \
	  $(FUZZ_CXXFLAGS) -c -o $@ $<
tests/fuzz/clang/fuzz_%: tests/fuzz/clang/fuzz_%.o $(fuzz_lib_objects)
	$(AM_V_CXXLD)$(FUZZ_CXX) $(FUZZ_CXXFLAGS) -fsanitize=fuzzer -o $@ \
	  $< $(fuzz_lib_objects) $(LIBINTL) $(LIBS)

FUZZ_TIME = 60
if HAVE_FUZZER
fuzz: $(fuzz_programs)
	$(AM_V_at)FUZZ_TIME='$(FUZZ_TIME)' $(SHELL) \
	  $(srcdir)/tests/fuzz/run-fuzzers.sh '$(srcdir)/tests/fuzz' \
	  tests/fuzz/clang tests/fuzz/run $(fuzz_harnesses)
else
fuzz:
	@echo "make fuzz: fuzzing needs clang++ with libFuzzer" \
	  "(-fsanitize=fuzzer), which configure did not find; nothing done"
endif
.PHONY: fuzz

clean-local: clean-fuzz
clean-fuzz:
	-rm -rf tests/fuzz/clang tests/fuzz/run
.PHONY: clean-fuzz

# Keep the objects of the chain of pattern rules above between runs.
.SECONDARY: $(fuzz_lib_objects) $(fuzz_programs:%=%.o)
