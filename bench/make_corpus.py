#!/usr/bin/env python3
"""Synthetic corpus for the benchmark: N regional roadmap orders as DOCX (a
requisites block, a preamble and a roadmap table of about 45 measures, the
size of the corpus documents), the same N as tab-separated text and as an
HTML page, and one DOCX
whose word/document.xml is about 20 MB. Deterministic (seeded, fixed zip
timestamps). Python standard library only.

usage: make_corpus.py OUT_DIR [N]
"""
import os
import random
import sys
import zipfile
from xml.sax.saxutils import escape

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
STAMP = (2024, 1, 1, 0, 0, 0)

REGIONS = ["Тюменской области", "Новгородской области", "Ярославской области", "Калужской области",
           "Республики Мордовия", "Пермского края", "Омской области", "Республики Татарстан"]
BODIES = ["ДОН", "ИРО", "ЦНППМ", "ММС", "ОО", "ВУЗы", "СУЗы", "РУМО", "ЦОК", "МОУО"]
ACTIONS = ["Разработка", "Организация", "Проведение", "Обеспечение", "Формирование", "Мониторинг", "Внедрение",
           "Сопровождение", "Актуализация", "Подготовка"]
OBJECTS = ["программ дополнительного профессионального образования", "индивидуальных образовательных маршрутов",
           "стажировочных площадок", "методических рекомендаций", "регионального банка эффективных практик",
           "диагностики профессиональных дефицитов", "системы наставничества", "семинаров-совещаний",
           "профессиональных конкурсов", "мониторинга эффективности деятельности методических служб"]
AUDIENCE = ["педагогических работников", "управленческих кадров", "молодых педагогов", "региональных методистов",
            "руководителей общеобразовательных организаций"]
DEADLINES = ["До 05.04.23", "Апрель 2023 года", "II квартал 2023 г.", "Ежегодно", "Июнь, ноябрь (ежегодно)",
             "В течение года", "2024 год", "Май – октябрь 2023", "По плану ДОН", "Ежеквартально",
             "до 1 сентября 2024 г.", "Декабрь (ежегодно)", "2023–2024 гг."]
RESULTS = ["Приказ", "Аналитическая справка", "Не менее 20% от общего количества программ", "План мероприятий",
           "Банк данных", "Методические рекомендации", "Соглашения о взаимодействии", "Отчет о мониторинге"]
DIRECTIONS = ["Управление системой научно-методического сопровождения педагогических работников и управленческих кадров",
              "Непрерывное повышение профессионального мастерства педагогических работников и управленческих кадров",
              "Содержательно-методическое обеспечение непрерывного профессионального (педагогического) образования"]
HEADER = ["Наименование системообразующего мероприятия", "Наименование мероприятия", "Ответственный исполнитель",
          "Соисполнители", "Срок исполнения", "Результат"]


def p(text):
    return f'<w:p><w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'


def cell(text, span=1, vmerge=None):
    pr = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
    if vmerge == "restart":
        pr += '<w:vMerge w:val="restart"/>'
    elif vmerge == "continue":
        pr += "<w:vMerge/>"
    # Word splits text into runs freely; so does this.
    words = text.split(" ")
    runs = "".join(f'<w:r><w:rPr><w:sz w:val="24"/></w:rPr><w:t xml:space="preserve">{escape(" ".join(words[i:i + 3]) + " ")}</w:t></w:r>'
                   for i in range(0, len(words), 3)) if text else ""
    return f"<w:tc><w:tcPr><w:tcW w:w=\"2000\" w:type=\"dxa\"/>{pr}</w:tcPr><w:p>{runs}</w:p></w:tc>"


def roadmap(rnd, region, measures):
    """Rows: (kind, cells) with kind direction | measure; system measures merge down."""
    rows = []
    for d, title in enumerate(DIRECTIONS, 1):
        rows.append(("direction", f"Направление {d} «{title}»"))
        for s in range(1, 5):
            system = f"{s}. {rnd.choice(ACTIONS)} {rnd.choice(OBJECTS)} {rnd.choice(AUDIENCE)}"
            for k in range(max(1, measures // 12 + rnd.randint(-1, 1))):
                rows.append(("measure", [system if k == 0 else "",
                                         f"{rnd.choice(ACTIONS)} {rnd.choice(OBJECTS)} для {rnd.choice(AUDIENCE)} {region}",
                                         rnd.choice(BODIES[:3]), ", ".join(rnd.sample(BODIES, 3)),
                                         rnd.choice(DEADLINES), rnd.choice(RESULTS)], k))
    return rows


def preamble(rnd, region, n):
    return [f"ДЕПАРТАМЕНТ ОБРАЗОВАНИЯ И НАУКИ {region.upper()}", "ПРИКАЗ", f"от {rnd.randint(1, 28):02d}.0{rnd.randint(1, 9)}.2023 № {n}",
            f"Об утверждении комплекса мер («дорожной карты») по созданию и функционированию региональной системы "
            f"научно-методического сопровождения педагогических работников и управленческих кадров {region}",
            "В соответствии с распоряжением Министерства просвещения Российской Федерации от 04.02.2021 № Р-33 "
            "приказываю:", "1. Утвердить комплекс мер («дорожную карту») согласно приложению.",
            "2. Контроль за исполнением настоящего приказа оставляю за собой.", "Директор департамента", "И.И. Иванов",
            f"Комплекс мер («дорожная карта») на период до 2024 года"]


def docx_xml(paragraphs, rows):
    body = [p(t) for t in paragraphs]
    table = ['<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid>' + '<w:gridCol w:w="2000"/>' * 6 + "</w:tblGrid>",
             "<w:tr><w:trPr><w:tblHeader/></w:trPr>" + "".join(cell(h) for h in HEADER) + "</w:tr>"]
    for kind, *rest in rows:
        if kind == "direction":
            table.append("<w:tr>" + cell(rest[0], span=6) + "</w:tr>")
        else:
            cells, k = rest
            table.append("<w:tr>" + cell(cells[0], vmerge="restart" if k == 0 else "continue") +
                         "".join(cell(c) for c in cells[1:]) + "</w:tr>")
    table.append("</w:tbl>")
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W}><w:body>' + "".join(body) +
            "".join(table) + "<w:sectPr/></w:body></w:document>")


def write_docx(path, xml):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        def put(name, data):
            z.writestr(zipfile.ZipInfo(name, STAMP), data, zipfile.ZIP_DEFLATED)
        put("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
        put("_rels/.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
        put("word/document.xml", xml)


def text_version(paragraphs, rows):
    lines = paragraphs + ["", "\t".join(HEADER)]
    for kind, *rest in rows:
        lines.append(rest[0] if kind == "direction" else "\t".join(rest[0]))
    return "\n".join(lines) + "\n"


def html_version(paragraphs, rows):
    """The act as a regional portal page: paragraphs, then the roadmap as an HTML table."""
    def tr(cells, tag="td", span=None):
        attr = f' colspan="{span}"' if span else ""
        return "<tr>" + "".join(f"<{tag}{attr}>{escape(c)}</{tag}>" for c in cells) + "</tr>"
    out = ['<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8"><title>Приказ</title></head><body>']
    out += [f"<p>{escape(t)}</p>" for t in paragraphs]
    out.append('<table border="1">' + tr(HEADER, "th"))
    for kind, *rest in rows:
        out.append(tr([rest[0]], span=len(HEADER)) if kind == "direction" else tr(rest[0]))
    out.append("</table></body></html>")
    return "\n".join(out) + "\n"


def main():
    out = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
    os.makedirs(os.path.join(out, "docx"), exist_ok=True)
    os.makedirs(os.path.join(out, "text"), exist_ok=True)
    os.makedirs(os.path.join(out, "html"), exist_ok=True)
    for i in range(n):
        rnd = random.Random(i)
        region = REGIONS[i % len(REGIONS)]
        paragraphs, rows = preamble(rnd, region, 100 + i), roadmap(rnd, region, 45)
        write_docx(os.path.join(out, "docx", f"roadmap-{i:04d}.docx"), docx_xml(paragraphs, rows))
        with open(os.path.join(out, "text", f"roadmap-{i:04d}.txt"), "w", encoding="utf-8") as f:
            f.write(text_version(paragraphs, rows))
        with open(os.path.join(out, "html", f"roadmap-{i:04d}.html"), "w", encoding="utf-8") as f:
            f.write(html_version(paragraphs, rows))
    # One large act: the same roadmap grown to ~20 MB of document.xml.
    rnd = random.Random(-1)
    paragraphs, rows = preamble(rnd, REGIONS[0], 1), []
    while len(rows) < 14000:
        rows += roadmap(rnd, REGIONS[0], 45)
    write_docx(os.path.join(out, "large.docx"), docx_xml(paragraphs, rows))


if __name__ == "__main__":
    main()
