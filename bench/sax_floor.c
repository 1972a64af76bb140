/* The floor for reading a DOCX: libxml2's SAX2 push parser over standard
 * input with handlers that do nothing — what parsing word/document.xml costs
 * before karta builds anything. bench/measure.py runs it behind
 * `unzip -p FILE word/document.xml`, so inflating (Info-ZIP, zlib) and
 * parsing overlap on two cores, as a pipelined reader would. */
#include <libxml/parser.h>
#include <stdio.h>
#include <string.h>

static void start_element(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri, int nns,
                          const xmlChar **ns, int nattr, int ndef, const xmlChar **attrs) {
  (void)ctx; (void)local; (void)prefix; (void)uri; (void)nns; (void)ns; (void)nattr; (void)ndef; (void)attrs;
}
static void end_element(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri) {
  (void)ctx; (void)local; (void)prefix; (void)uri;
}
static void characters(void *ctx, const xmlChar *text, int len) { (void)ctx; (void)text; (void)len; }

int main(void) {
  xmlSAXHandler sax;
  memset(&sax, 0, sizeof sax);
  sax.initialized = XML_SAX2_MAGIC;
  sax.startElementNs = start_element;
  sax.endElementNs = end_element;
  sax.characters = characters;
  char buffer[65536];
  size_t n = fread(buffer, 1, sizeof buffer, stdin);
  xmlParserCtxtPtr ctxt = xmlCreatePushParserCtxt(&sax, NULL, buffer, (int)n, "stdin");
  if (!ctxt) return 2;
  xmlCtxtUseOptions(ctxt, XML_PARSE_NONET);
  while ((n = fread(buffer, 1, sizeof buffer, stdin)) > 0)
    if (xmlParseChunk(ctxt, buffer, (int)n, 0) != 0) return 1;
  int bad = xmlParseChunk(ctxt, NULL, 0, 1) != 0 || !ctxt->wellFormed;
  xmlFreeParserCtxt(ctxt);
  return bad;
}
