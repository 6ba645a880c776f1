// The ncurses front end lives in this module.
