#ifndef GONGWEN_CLIBXML2_SHIM_H
#define GONGWEN_CLIBXML2_SHIM_H
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/xmlwriter.h>
#include <libxml/xmlerror.h>
#endif
