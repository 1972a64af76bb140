/* The floor for reading a DOCX: libxml2's SAX2 push parser over standard
 * input with handlers that do nothing — what parsing word/document.xml costs
 * before karta builds anything. bench/measure.py runs it behind
 * `unzip -p FILE word/document.xml`, so inflating (Info-ZIP, zlib) and
 * parsing overlap on two cores, as a pipelined reader would.
 * With file arguments it parses each of those XML files in turn in this one
 * process — the floor of a batch (measure.py runs two, each with half of
 * the 2,000 orders' document.xml, inflated beforehand). */
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

static int parse(FILE *in, const char *name, xmlSAXHandler *sax) {
  char buffer[65536];
  size_t n = fread(buffer, 1, sizeof buffer, in);
  xmlParserCtxtPtr ctxt = xmlCreatePushParserCtxt(sax, NULL, buffer, (int)n, name);
  if (!ctxt) return 2;
  xmlCtxtUseOptions(ctxt, XML_PARSE_NONET);
  while ((n = fread(buffer, 1, sizeof buffer, in)) > 0)
    if (xmlParseChunk(ctxt, buffer, (int)n, 0) != 0) {
      xmlFreeParserCtxt(ctxt);
      return 1;
    }
  int bad = xmlParseChunk(ctxt, NULL, 0, 1) != 0 || !ctxt->wellFormed;
  xmlFreeParserCtxt(ctxt);
  return bad;
}

int main(int argc, char **argv) {
  xmlSAXHandler sax;
  memset(&sax, 0, sizeof sax);
  sax.initialized = XML_SAX2_MAGIC;
  sax.startElementNs = start_element;
  sax.endElementNs = end_element;
  sax.characters = characters;
  if (argc < 2) return parse(stdin, "stdin", &sax);
  int bad = 0;
  for (int i = 1; i < argc; ++i) {
    FILE *in = fopen(argv[i], "rb");
    if (!in) return 2;
    bad |= parse(in, argv[i], &sax);
    fclose(in);
  }
  return bad;
}
