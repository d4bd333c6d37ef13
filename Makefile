# make install [PREFIX=/usr/local] [DESTDIR=…] · make deb · make test-install
PREFIX ?= /usr/local
DESTDIR ?=

.PHONY: build install uninstall deb test-install

build:
	swift build -c release --static-swift-stdlib --product gongwen

install:
	scripts/install.sh "$(DESTDIR)$(PREFIX)"

uninstall:
	rm -f "$(DESTDIR)$(PREFIX)/bin/gongwen"
	rm -rf "$(DESTDIR)$(PREFIX)/share/gongwen"

deb:
	scripts/make-deb.sh

test-install:
	Tests/Install/run.sh
