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
