// gettext glue: every user-visible string goes through _().
#pragma once
#include <config.h>

#if ENABLE_NLS
#include <libintl.h>
#define _(msgid) gettext(msgid)
#else
#define _(msgid) (msgid)
#define ngettext(s, p, n) ((n) == 1 ? (s) : (p))
#endif
// Marks a string for extraction where it cannot be translated yet.
#define N_(msgid) msgid
