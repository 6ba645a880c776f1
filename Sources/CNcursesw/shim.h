#ifndef KEEPSAFE_CNCURSESW_SHIM_H
#define KEEPSAFE_CNCURSESW_SHIM_H

// SwiftPM drops pkg-config's -D_XOPEN_SOURCE, which hides the wide-character API.
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <ncursesw/curses.h>

// Globals and macros that Swift cannot import (or refuses as shared mutable state)
// are reached through these accessors. Call them from one thread only.
static inline WINDOW *ks_stdscr(void) { return stdscr; }
static inline int ks_lines(void) { return LINES; }
static inline int ks_cols(void) { return COLS; }
static inline int ks_key_f(int n) { return KEY_F(n); }
static inline attr_t ks_a_bold(void) { return A_BOLD; }
static inline attr_t ks_a_reverse(void) { return A_REVERSE; }
static inline attr_t ks_a_underline(void) { return A_UNDERLINE; }
static inline attr_t ks_a_dim(void) { return A_DIM; }
static inline attr_t ks_a_normal(void) { return A_NORMAL; }
static inline attr_t ks_color_pair(int n) { return COLOR_PAIR(n); }
static inline int ks_getmaxy(WINDOW *w) { return getmaxy(w); }
static inline int ks_getmaxx(WINDOW *w) { return getmaxx(w); }

#endif
