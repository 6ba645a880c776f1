#ifndef KEEPSAFE_CNCURSESW_SHIM_H
#define KEEPSAFE_CNCURSESW_SHIM_H

// SwiftPM drops pkg-config's -D_XOPEN_SOURCE, which hides the wide-character API.
#define NCURSES_WIDECHAR 1
#include <langinfo.h>
#include <locale.h>
#include <ncursesw/curses.h>
#include <ncursesw/term.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>

// Globals and macros that Swift cannot import (or refuses as shared mutable state)
// are reached through these accessors. Call them from one thread only.
static inline WINDOW *ks_stdscr(void) { return stdscr; }
static inline int ks_lines(void) { return LINES; }
static inline int ks_cols(void) { return COLS; }
static inline int ks_colors(void) { return COLORS; }
static inline int ks_color_pairs(void) { return COLOR_PAIRS; }
static inline int ks_key_f(int n) { return KEY_F(n); }
static inline int ks_key_code_yes(void) { return KEY_CODE_YES; }
static inline int ks_err(void) { return ERR; }
static inline attr_t ks_a_bold(void) { return A_BOLD; }
static inline attr_t ks_a_reverse(void) { return A_REVERSE; }
static inline attr_t ks_a_underline(void) { return A_UNDERLINE; }
static inline attr_t ks_a_dim(void) { return A_DIM; }
static inline attr_t ks_a_normal(void) { return A_NORMAL; }
static inline attr_t ks_color_pair(int n) { return COLOR_PAIR(n); }
static inline int ks_getmaxy(WINDOW *w) { return getmaxy(w); }
static inline int ks_getmaxx(WINDOW *w) { return getmaxx(w); }

// The C library's stdout/stdin streams (globals Swift 6 refuses).
static inline FILE *ks_stdout(void) { return stdout; }
static inline FILE *ks_stdin(void) { return stdin; }

// Whether the locale chosen by setlocale(LC_ALL, "") encodes text as UTF-8.
static inline int ks_locale_is_utf8(void) {
    const char *codeset = nl_langinfo(CODESET);
    return codeset != NULL && (strcmp(codeset, "UTF-8") == 0 || strcmp(codeset, "utf8") == 0);
}

// 1 when terminfo knows `term` (probed without starting curses), else 0.
static inline int ks_terminal_known(const char *term, int fd) {
    int status = 0;
    if (setupterm(term, fd, &status) != OK || status != 1) { return 0; }
    TERMINAL *probe = set_curterm(NULL);
    if (probe != NULL) { del_curterm(probe); }
    return 1;
}

// Draws `count` wide characters at (y, x) with attributes and colour pair.
static inline int ks_put(WINDOW *w, int y, int x, const wchar_t *text, int count, attr_t attrs, int pair) {
    wattr_set(w, attrs, (short)pair, NULL);
    return mvwaddnwstr(w, y, x, text, count);
}

#endif
