#!/usr/bin/env python3
"""Hostile inputs for the formats karta reads beyond the published DOCX/text
set (make_hostile.py, a copy of ../shared that must stay byte-identical):
HTML, ODT and Flat ODT, RTF and PDF. The same rules hold for every file (see
README.md): a clean error naming the file or a parse, never a crash, a hang,
unbounded memory, a file read or a network request because of content.

    python3 make_format_hostile.py OUTDIR        # writes the files and format_manifest.tsv

Deterministic, Python 3 standard library only; reuses make_hostile's zip
writer and its 2 GB deflate stream.
"""
import os
import sys
import zlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_hostile as mh  # noqa: E402

PASSWD = mh.PASSWD
XXE_HTTP = mh.XXE_HTTP          # http://127.0.0.1:47321, repointed by the harness
E_PARSE, E_ERROR, E_EITHER = mh.E_PARSE, mh.E_ERROR, mh.E_EITHER

ODF_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"')
ODT_MIME = b"application/vnd.oasis.opendocument.text"


def html_table():
    rows = "".join("<tr>%s</tr>" % "".join("<td>%s</td>" % mh.esc(c) for c in r) for r in mh.ROWS)
    head = "<tr>%s</tr>" % "".join("<th>%s</th>" % c for c in mh.HEADER)
    return "<h1>%s</h1><table>%s%s</table>" % (mh.TITLE, head, rows)


def g_html_control():
    return ('<!DOCTYPE html><html><head><meta charset="utf-8"><title>План</title></head><body>'
            + html_table() + "</body></html>").encode()


def g_html_cp1251():
    return ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251"></head><body>'
            + html_table() + "</body></html>").encode("cp1251")


def g_html_nested():
    n = 1000000
    return ("<!DOCTYPE html><html><body>" + "<div>" * n + "Мероприятие" + "</div>" * n + "</body></html>").encode()


def g_html_nested_tables():
    n = 20000
    return ("<html><body>" + "<table><tr><td>" * n + "Мероприятие" + "</td></tr></table>" * n + "</body></html>").encode()


def g_html_entities():
    doctype = ('<!DOCTYPE html [<!ENTITY xxe SYSTEM "file:///etc/passwd">'
               '<!ENTITY xxeh SYSTEM "%s/html-entity"> <!ENTITY %% pe SYSTEM "%s/html-pe"> %%pe;]>' % (XXE_HTTP, XXE_HTTP))
    return (doctype + '<html><head><link rel="stylesheet" href="%s/style.css"><script src="%s/s.js"></script></head>'
            '<body><img src="%s/pixel.png"><iframe src="file:///etc/passwd"></iframe>'
            '<p>Мероприятие &laquo;раз&raquo;&nbsp;&xxe;&xxeh;</p></body></html>' % (XXE_HTTP, XXE_HTTP, XXE_HTTP)).encode()


def g_html_garbage():
    return ("<html><body><table><tr><td>Мероприятие<td><table><tr><<td>></tr></ta" + "<" * 5000 + "\x00\x01").encode()


def odt(content, extra=()):
    return mh.build_zip([dict(name="mimetype", data=ODT_MIME, method=0),
                         dict(name="content.xml", data=content)] + list(extra))


def content_xml(body, doctype=""):
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + doctype + '<office:document-content ' + ODF_NS +
            '><office:body><office:text>' + body + '</office:text></office:body></office:document-content>').encode()


def odt_table():
    def row(cells):
        return "<table:table-row>%s</table:table-row>" % "".join(
            "<table:table-cell><text:p>%s</text:p></table:table-cell>" % mh.esc(c) for c in cells)
    return "<text:p>%s</text:p><table:table>%s</table:table>" % (mh.TITLE, "".join(row(r) for r in [mh.HEADER] + mh.ROWS))


def g_odt_control():
    return odt(content_xml(odt_table()))


def g_odt_zip_bomb():
    # The same 2 GB stream as zip_bomb_2gb.docx: well-formed XML (of another
    # vocabulary) whose size alone must stop the reader.
    raw, crc, usize = mh._bomb()
    return mh.build_zip([dict(name="mimetype", data=ODT_MIME, method=0),
                         dict(name="content.xml", raw=raw, crc=crc, usize=usize)])


def g_odt_repeat_bomb():
    cell = ('<table:table-cell table:number-columns-repeated="1000000000"><text:p>Мероприятие</text:p></table:table-cell>')
    row = '<table:table-row table:number-rows-repeated="1000000000">%s</table:table-row>' % cell
    return odt(content_xml("<table:table>%s</table:table>" % row))


def g_odt_xxe():
    doctype = ('<!DOCTYPE office:document-content [<!ENTITY xxe SYSTEM "file:///etc/passwd">'
               '<!ENTITY xxeh SYSTEM "%s/odt-entity">]>\n' % XXE_HTTP)
    return odt(content_xml("<text:p>Мероприятие &xxe;&xxeh;</text:p>", doctype))


def g_fodt_billion_laughs():
    doctype = mh.LOL_DOCTYPE.replace("w:document", "office:document")
    return ('<?xml version="1.0"?>\n' + doctype + '<office:document ' + ODF_NS +
            ' office:mimetype="application/vnd.oasis.opendocument.text"><office:body><office:text>'
            '<text:p>&lol9;</text:p></office:text></office:body></office:document>').encode()


def g_odt_deep_lists():
    n = 100000
    return odt(content_xml("<text:list><text:list-item>" * n + "<text:p>Мероприятие</text:p>" +
                           "</text:list-item></text:list>" * n))


def rtf(body):
    return ("{\\rtf1\\ansi\\ansicpg1251{\\fonttbl{\\f0\\fcharset204 Times New Roman;}}" + body + "}").encode("cp1251")


def g_rtf_control():
    cells = "".join("\\intbl %s\\cell " % c for c in mh.HEADER)
    rows = "\\trowd\\cellx3000\\cellx6000\\cellx9000 " + cells + "\\row "
    for r in mh.ROWS:
        rows += "\\trowd\\cellx3000\\cellx6000\\cellx9000 " + "".join("\\intbl %s\\cell " % c for c in r) + "\\row "
    return rtf("\\pard %s\\par " % mh.TITLE + rows + "\\pard\\par ")


def g_rtf_deep_groups():
    n = 1000000
    return b"{\\rtf1 " + b"{" * n + b"\xd2\xe5\xea\xf1\xf2" + b"}" * n + b"}"


def g_rtf_huge_bin():
    # \binN claims 4 GB of picture data the 60-byte file does not have.
    return b"{\\rtf1{\\pict\\pngblip\\bin4000000000 \x89PNG}\\par}"


def g_rtf_long_word():
    return b"{\\rtf1 \\" + b"a" * 100000 + b"1 x}"


def g_rtf_unicode_fallback_flood():
    # \uc9999 would swallow the rest of the document as fallback bytes.
    return rtf("\\uc9999\\u1052?" + "\\pard Мероприятие\\par " * 1000)


def pdf(objects, xref=True, broken_xref=False):
    """A PDF from its objects' bodies (object 1 is the catalog)."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    start = len(out)
    if xref:
        out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
        for o in offsets:
            out += b"%010d 00000 n \n" % (o + (7919 if broken_xref else 0))
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, start + (123456 if broken_xref else 0))
    return bytes(out)


def g_pdf_empty_pages():
    # 10^5 pages sharing one empty content stream: a scan without its images.
    n = 100000
    kids = b" ".join(b"%d 0 R" % (4 + i) for i in range(n))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % n,
               b"<< /Length 0 >>\nstream\n\nendstream"]
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R >>"] * n
    return pdf(objects)


def _text_pdf(broken_xref=False, drawing=b"", media=b"0 0 595 842"):
    text = drawing + b"BT /F1 12 Tf 72 720 Td (Meropriyatie) Tj ET"
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [" + media + b"] /Contents 4 0 R "
               b"/Resources << /Font << /F1 5 0 R >> >> >>",
               b"<< /Length %d >>\nstream\n" % len(text) + text + b"\nendstream",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    return pdf(objects, broken_xref=broken_xref)


def g_pdf_control():
    return _text_pdf()


def g_pdf_hatched():
    # 300 x 300 crossing hairlines over the page: a grid of 90 000 cells with
    # one word in them is no table, and finding it stays cheap.
    lines = b"".join(b"0 %.1f m 595 %.1f l " % (2.8 * i, 2.8 * i) for i in range(300))
    lines += b"".join(b"%.1f 0 m %.1f 842 l " % (1.98 * i, 1.98 * i) for i in range(300))
    return _text_pdf(drawing=b"0.3 w " + lines + b"S ")


def g_pdf_huge_page():
    # A 200 x 200 inch MediaBox (the PDF maximum): not rendered, its text still read.
    return _text_pdf(media=b"0 0 14400 14400")


def g_pdf_malformed_xref():
    return _text_pdf(broken_xref=True)


def g_pdf_truncated():
    return _text_pdf()[:300]


def g_pdf_encrypted_dictionary():
    # An /Encrypt entry with a standard handler and a user password nobody knows.
    data = _text_pdf().replace(b"/Root 1 0 R", b"/Root 1 0 R /Encrypt 6 0 R /ID [<00112233445566778899aabbccddeeff><00112233445566778899aabbccddeeff>]")
    enc = b"6 0 obj\n<< /Filter /Standard /V 2 /R 3 /Length 128 /P -4 /O <" + b"41" * 32 + b"> /U <" + b"42" * 32 + b"> >>\nendobj\n"
    at = data.index(b"xref")
    return data[:at] + enc + data[at:]


CASES = [
    ("html_control_roadmap.html", g_html_control, E_PARSE, "Ввод в промышленную эксплуатацию", "",
     "A saved HTML page with the control roadmap as a <table>."),
    ("html_cp1251_meta.html", g_html_cp1251, E_PARSE, "Ввод в промышленную эксплуатацию", "",
     "The same page in windows-1251 declared by <meta http-equiv>: must decode, never mojibake."),
    ("html_nested_1e6_tags.html", g_html_nested, E_EITHER, "", "",
     "10^6 nested <div> elements (12 MB): bounded depth, no stack overflow."),
    ("html_nested_tables_20k.html", g_html_nested_tables, E_EITHER, "", "",
     "20 000 nested tables: the reader's own recursion must be bounded."),
    ("html_external_entities.html", g_html_entities, E_EITHER, "", PASSWD,
     "Internal DTD with file:// and http:// entities, a parameter entity, stylesheet, script, image and iframe URLs: no file read, no request."),
    ("html_garbage.html", g_html_garbage, E_EITHER, "", "",
     "Unclosed and broken tags, 5000 '<', NUL and control bytes."),
    ("odt_control_roadmap.odt", g_odt_control, E_PARSE, "Ввод в промышленную эксплуатацию", "",
     "A minimal ODT (mimetype + content.xml) with the control roadmap as a table."),
    ("odt_zip_bomb_2gb.odt", g_odt_zip_bomb, E_ERROR, "", "",
     "content.xml inflates to 2 GB (declared honestly): stop at the part limit, bounded memory."),
    ("odt_repeat_bomb.odt", g_odt_repeat_bomb, E_ERROR, "", "",
     "One cell repeated 10^9 times in a row repeated 10^9 times: a few bytes that must not become 10^18 cells."),
    ("odt_external_entities.odt", g_odt_xxe, E_EITHER, "", PASSWD,
     "content.xml declares file:// and http:// entities: no file read, no request."),
    ("fodt_billion_laughs.fodt", g_fodt_billion_laughs, E_ERROR, "", "",
     "Flat ODT with the lol1..lol9 entities: refused quickly."),
    ("odt_deep_lists_100k.odt", g_odt_deep_lists, E_ERROR, "", "",
     "100 000 nested text:list levels: refused by the depth limit."),
    ("rtf_control_roadmap.rtf", g_rtf_control, E_PARSE, "Ввод в промышленную эксплуатацию", "",
     "The control roadmap as an RTF table in windows-1251."),
    ("rtf_deep_groups_1e6.rtf", g_rtf_deep_groups, E_ERROR, "", "",
     "10^6 nested groups: refused at the group-depth limit, no recursion."),
    ("rtf_huge_bin.rtf", g_rtf_huge_bin, E_ERROR, "", "",
     "\\bin4000000000 in a 60-byte file: refused, never allocated or read past the end."),
    ("rtf_long_control_word.rtf", g_rtf_long_word, E_ERROR, "", "",
     "A control word of 100 000 letters (the format allows 32)."),
    ("rtf_fallback_flood.rtf", g_rtf_unicode_fallback_flood, E_EITHER, "", "",
     "\\uc9999: fallback counts are bounded, the document's text survives or a clean error."),
    ("pdf_control.pdf", g_pdf_control, E_PARSE, "Meropriyatie", "",
     "A one-page PDF with one line of text (Helvetica)."),
    ("pdf_hatched_lines.pdf", g_pdf_hatched, E_PARSE, "Meropriyatie", "",
     "600 crossing hairlines behind the text (a 90 000-cell grid): no table, bounded time, the text is read."),
    ("pdf_huge_page.pdf", g_pdf_huge_page, E_PARSE, "Meropriyatie", "",
     "A 14400 x 14400 pt page: never rendered to a 200-megapixel bitmap, its text is read."),
    ("pdf_1e5_empty_pages.pdf", g_pdf_empty_pages, E_ERROR, "", "",
     "10^5 pages with no text (4 MB): 'no text layer' quickly, not 10^5 pages of work."),
    ("pdf_malformed_xref.pdf", g_pdf_malformed_xref, E_EITHER, "", "",
     "Every xref offset and startxref wrong: poppler reconstructs, or a clean error."),
    ("pdf_truncated.pdf", g_pdf_truncated, E_EITHER, "", "",
     "The control PDF cut at 300 bytes: no xref, no trailer."),
    ("pdf_encrypted.pdf", g_pdf_encrypted_dictionary, E_ERROR, "", "",
     "A standard security handler with an unknown user password: 'needs a password', never garbage."),
]


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 1:
        print(__doc__)
        return 2
    out = argv[0]
    os.makedirs(out, exist_ok=True)
    for name, gen, *_ in CASES:
        with open(os.path.join(out, name), "wb") as f:
            f.write(gen())
    with open(os.path.join(out, "format_manifest.tsv"), "w", encoding="utf-8") as f:
        f.write("file\texpect\tmust_contain\tmust_not_contain\tbig\tdescription\n")
        for name, _g, expect, must, mustnot, desc in CASES:
            f.write("\t".join([name, expect, must, mustnot, "0", desc]) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
