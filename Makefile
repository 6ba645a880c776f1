# keepsafe: build and install one static binary with its man page and completions.
#
#   make                          release build (Swift runtime linked statically)
#   make install                  into /usr/local (PREFIX=$HOME/.local needs no root)
#   make install DESTDIR=/tmp/pkg PREFIX=/usr    staged, for packagers
#   make uninstall                removes exactly what install put there
#
# The binary carries every asset (strings, brand, countries, passwords, walkthroughs);
# nothing else is installed beside it.

PREFIX ?= /usr/local
DESTDIR ?=
SWIFT ?= swift
STRIP ?= strip
INSTALL ?= install
# Extra flags for swift build, e.g. SWIFT_FLAGS="-j 2" or "--scratch-path .build-install".
SWIFT_FLAGS ?=

BUILD_FLAGS = -c release --static-swift-stdlib --product keepsafe $(SWIFT_FLAGS)
BINDIR = $(PREFIX)/bin
MAN1DIR = $(PREFIX)/share/man/man1
BASHDIR = $(PREFIX)/share/bash-completion/completions
ZSHDIR = $(PREFIX)/share/zsh/site-functions
FISHDIR = $(PREFIX)/share/fish/vendor_completions.d

# The manual page's date: the last commit's, so the same sources give the same page
# (only `keepsafe manual` sees it: the compilers refuse an empty one).
MANUAL_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null)

.PHONY: all build install uninstall

all: build

build:
	$(SWIFT) build $(BUILD_FLAGS)

install: build
	@bin="$$($(SWIFT) build $(BUILD_FLAGS) --show-bin-path)/keepsafe"; \
	set -e; \
	$(INSTALL) -d "$(DESTDIR)$(BINDIR)" "$(DESTDIR)$(MAN1DIR)" "$(DESTDIR)$(BASHDIR)" \
		"$(DESTDIR)$(ZSHDIR)" "$(DESTDIR)$(FISHDIR)"; \
	$(INSTALL) -m 755 "$$bin" "$(DESTDIR)$(BINDIR)/keepsafe"; \
	$(STRIP) "$(DESTDIR)$(BINDIR)/keepsafe"; \
	if [ -n "$(MANUAL_DATE_EPOCH)" ]; then \
		SOURCE_DATE_EPOCH="$(MANUAL_DATE_EPOCH)" "$$bin" manual > "$(DESTDIR)$(MAN1DIR)/keepsafe.1"; \
	else "$$bin" manual > "$(DESTDIR)$(MAN1DIR)/keepsafe.1"; fi; \
	"$$bin" --generate-completion-script bash > "$(DESTDIR)$(BASHDIR)/keepsafe"; \
	"$$bin" --generate-completion-script zsh > "$(DESTDIR)$(ZSHDIR)/_keepsafe"; \
	"$$bin" --generate-completion-script fish > "$(DESTDIR)$(FISHDIR)/keepsafe.fish"; \
	chmod 644 "$(DESTDIR)$(MAN1DIR)/keepsafe.1" "$(DESTDIR)$(BASHDIR)/keepsafe" \
		"$(DESTDIR)$(ZSHDIR)/_keepsafe" "$(DESTDIR)$(FISHDIR)/keepsafe.fish"; \
	echo "installed $(DESTDIR)$(BINDIR)/keepsafe ($$(wc -c < "$(DESTDIR)$(BINDIR)/keepsafe") bytes)," \
		"its man page and bash, zsh and fish completions under $(DESTDIR)$(PREFIX)/share"

uninstall:
	rm -f "$(DESTDIR)$(BINDIR)/keepsafe" "$(DESTDIR)$(MAN1DIR)/keepsafe.1" \
		"$(DESTDIR)$(BASHDIR)/keepsafe" "$(DESTDIR)$(ZSHDIR)/_keepsafe" \
		"$(DESTDIR)$(FISHDIR)/keepsafe.fish"
