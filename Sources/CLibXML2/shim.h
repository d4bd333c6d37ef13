#ifndef GONGWEN_CLIBXML2_SHIM_H
#define GONGWEN_CLIBXML2_SHIM_H
#include <libxml/xmlversion.h>
/* Debian's libxml2 is built with ICU, so its encoding.h includes <unicode/ucnv.h>; those
   declarations clash with Foundation's own ICU module (_FoundationICU) in a clean build.
   Gongwen only reads UTF-8 and never touches the ICU fields of an encoding handler, which
   it only ever sees through pointers, so the ICU part of the headers is left out. */
#ifdef LIBXML_ICU_ENABLED
#undef LIBXML_ICU_ENABLED
#endif
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/xmlwriter.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlreader.h>
#endif
