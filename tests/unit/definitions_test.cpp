// Definitions and references an act makes: "(далее – X)" expansions that start where the
// name starts, a lower-case head noun as the short, glossaries; and the
// kinds mentions of the shorts get from them.
#include <gtest/gtest.h>

#include "extract/mention_splitter.hpp"
#include "karta/extract.hpp"
#include "test_support.hpp"

namespace karta::test {
namespace {

const std::string kAct =
    "ПРИКАЗ\n\n"
    "1. Участниками являются: Министерство образования Пензенской области (далее – Министерство), ГАУ ДПО ИРР ПО, "
    "ЦНППМ, федеральное государственное бюджетное образовательное учреждение высшего образования «Пензенский "
    "государственный университет» (далее – ПГУ).\n\n"
    "2. Возложить на государственное автономное учреждение дополнительного профессионального образования «Институт "
    "регионального развития» (Далее – ИРР) функции оператора.\n\n"
    "3. Создать отдел в структуре управления образования администрации Грязовецкого округа (далее – управление).\n\n"
    "Принятые сокращения:\n\n"
    "КОИРО – Курганский областной институт развития образования;\n\n"
    "Отдел – отдел образования администрации Шадринского района.\n\n"
    "План мероприятий по развитию наставничества на 2025 год\n\n"
    "N п/п\tМероприятие\tСрок\tОтветственный\n"
    "1\tСеминар\tмарт 2025 г.\tОтдел, управление, ПГУ\n";

std::string term_of(const Extraction& x, const std::string& short_name) {
  for (const Definition& d : x.document.definitions)
    if (d.short_name.value_or("") == short_name) return d.term;
  return "(none)";
}

TEST(Definitions, AnExpansionStartsWhereTheNameStarts) {
  const FileExtraction f = extract_bytes("penza.txt", kAct, repository_rules());
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(term_of(f.extraction, "ПГУ"),
            "федеральное государственное бюджетное образовательное учреждение высшего образования «Пензенский "
            "государственный университет»")
      << "cut at the last comma of the list, not at the list's start";
  EXPECT_EQ(term_of(f.extraction, "Министерство"), "Министерство образования Пензенской области");
  EXPECT_EQ(term_of(f.extraction, "ИРР"),
            "государственное автономное учреждение дополнительного профессионального образования «Институт "
            "регионального развития»")
      << "the verb dropped, a capital «Далее», a head noun inside the quoted name";
}

TEST(Definitions, ALowerCaseHeadNounIsTheShort) {
  const FileExtraction f = extract_bytes("penza.txt", kAct, repository_rules());
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(term_of(f.extraction, "управление"), "Управление образования администрации Грязовецкого округа");
}

TEST(Definitions, AGlossaryDefinesItsShortsAndTheirKinds) {
  const FileExtraction f = extract_bytes("penza.txt", kAct, repository_rules());
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(term_of(f.extraction, "КОИРО"), "Курганский областной институт развития образования");
  EXPECT_EQ(term_of(f.extraction, "Отдел"), "отдел образования администрации Шадринского района");
  const std::vector<Measure> measures = all_measures(f.extraction);
  ASSERT_EQ(measures.size(), 1u);
  ASSERT_EQ(measures[0].responsible.size(), 3u) << "a defined short is a name of its own";
  EXPECT_EQ(measures[0].responsible[0].kind, "municipal_authority");
  EXPECT_EQ(measures[0].responsible[1].kind, "municipal_authority");
  EXPECT_EQ(measures[0].responsible[2].kind, "higher_education");
}

}  // namespace
}  // namespace karta::test

namespace karta::test {
namespace {

// Issue 15 item 13: citations in table cells (role mention), and numbers
// after a citation that share its date, type and issuer.
TEST(References, CellsAndNumbersSharingADate) {
  const std::string text =
      "ПРИКАЗ\n\nот 3 апреля 2024 г. № 118\n\n"
      "В соответствии с приказами Министерства просвещения Российской Федерации от 18 мая 2023 г. № 370 «Об "
      "утверждении программы» и № 372 «О федеральной программе» приказываю:\n\n"
      "План мероприятий на 2024 год\n\n"
      "N п/п\tМероприятие\tСрок\tОтветственный\n"
      "1\tРеализация распоряжения Правительства области от 12.02.2024 № 45-р\tмарт 2024 г.\tИРО\n";
  const FileExtraction f = extract_bytes("refs.txt", text, repository_rules());
  ASSERT_TRUE(f.ok());
  const std::vector<Reference>& refs = f.extraction.document.references;
  ASSERT_EQ(refs.size(), 3u);
  EXPECT_EQ(refs[1].number.value_or(""), "372");
  EXPECT_EQ(refs[1].date.value_or(""), "2023-05-18");
  EXPECT_EQ(refs[1].type.value_or(""), "приказ");
  EXPECT_EQ(refs[1].title.value_or(""), "О федеральной программе");
  EXPECT_EQ(refs[1].role, "basis");
  EXPECT_EQ(refs[2].number.value_or(""), "45-р");
  EXPECT_EQ(refs[2].role, "mention") << "a citation in a table cell";
}

}  // namespace
}  // namespace karta::test

namespace karta::test {
namespace {

// Issue 15 item 12: a town written without "г." between the number and the
// title is the act's place, and the title is the title.
TEST(Requisites, APlaceWithoutItsPrefixIsNoTitle) {
  const std::string text =
      "МИНИСТЕРСТВО ОБРАЗОВАНИЯ И НАУКИ РЕСПУБЛИКИ МАРИЙ ЭЛ\n\nПРИКАЗ\n\n14 марта 2025 г. № 212\n\nЙошкар-Ола\n\n"
      "Об утверждении плана мероприятий по развитию наставничества на 2025 год\n\nПриказываю:\n\n1. Утвердить план.\n";
  const FileExtraction f = extract_bytes("mari.txt", text, repository_rules());
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(f.extraction.document.place.value_or(""), "Йошкар-Ола");
  EXPECT_EQ(f.extraction.document.title.value_or(""),
            "Об утверждении плана мероприятий по развитию наставничества на 2025 год");
  EXPECT_EQ(f.extraction.document.number.value_or(""), "212");
}

}  // namespace
}  // namespace karta::test

namespace karta::test {
namespace {

// A name the order addresses in the dative is defined in the nominative: the
// adjectives before the head noun and a participle after a comma too.
TEST(Definitions, ADativeNameIsDefinedInTheNominative) {
  const std::string text =
      "ПРИКАЗ\n\n"
      "1. Поручить Государственному бюджетному учреждению Калининградской области «Центр диагностики и "
      "консультирования» (далее – ЦДК) подготовить план.\n\n"
      "2. Рекомендовать органам местного самоуправления Калининградской области, осуществляющим управление в сфере "
      "образования (далее – органы управления образованием), принять участие.\n\n"
      "3. Поручить Педагогическому институту (далее – ПИ) провести семинары.\n";
  const FileExtraction f = extract_bytes("kaliningrad.txt", text, repository_rules());
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(term_of(f.extraction, "ЦДК"),
            "Государственное бюджетное учреждение Калининградской области «Центр диагностики и консультирования»");
  EXPECT_EQ(term_of(f.extraction, "органы управления образованием"),
            "органы местного самоуправления Калининградской области, осуществляющие управление в сфере образования");
  EXPECT_EQ(term_of(f.extraction, "ПИ"), "Педагогический институт");
}

// A bracket inside the name ("(«дорожную карту»)") does not cut it; an
// earlier "(далее – X)" does.
TEST(Definitions, OnlyAnEarlierDefinitionsBracketCutsTheName) {
  const std::string text =
      "ПРИКАЗ\n\n"
      "1. Утвердить прилагаемый комплекс мер («дорожную карту») по развитию школьного спорта в Ивановской области "
      "(далее – комплекс мер).\n\n"
      "2. Департаменту образования (далее – Департамент) и Ивановскому институту развития образования (далее – "
      "ИИРО) обеспечить его выполнение.\n";
  const FileExtraction f = extract_bytes("ivanovo.txt", text, repository_rules());
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(term_of(f.extraction, "комплекс мер"),
            "комплекс мер («дорожную карту») по развитию школьного спорта в Ивановской области");
  EXPECT_EQ(term_of(f.extraction, "ИИРО"), "Ивановский институт развития образования");
}

// Issue 15 item 9 on paragraphs (HTML, DOCX): a heading set over several
// paragraphs is one title and gives the period; in capitals too.
TEST(Requisites, ARoadmapHeadingOverParagraphsIsOneTitle) {
  const std::string page =
      "<html><body><p>УТВЕРЖДЕН приказом от 10.02.2025 № 77</p>"
      "<p>ПЛАН-ГРАФИК</p><p>ВНЕДРЕНИЯ ЦИФРОВЫХ СЕРВИСОВ В ШКОЛАХ</p><p>на 2025 – 2026 годы</p>"
      "<table><tr><td>N</td><td>Мероприятие</td><td>Срок</td><td>Ответственный</td></tr>"
      "<tr><td>1</td><td>Обучение учителей</td><td>ежегодно</td><td>ИРО</td></tr></table></body></html>";
  const FileExtraction f = extract_bytes("plan.html", page, repository_rules());
  ASSERT_TRUE(f.ok());
  ASSERT_EQ(f.extraction.roadmaps.size(), 1u);
  const Roadmap& r = f.extraction.roadmaps[0];
  EXPECT_EQ(r.title.value_or(""), "ПЛАН-ГРАФИК ВНЕДРЕНИЯ ЦИФРОВЫХ СЕРВИСОВ В ШКОЛАХ на 2025 - 2026 годы");
  EXPECT_EQ(r.period_end.value_or(""), "2026-12-31");
  const Deadline& d = r.directions.at(0).system_measures.at(0).measures.at(0).deadline;
  EXPECT_EQ(d.end.value_or(""), "2026-12-31") << "a recurrence is bounded by the whole heading's period";
}

// The authority written in capitals in the heading, and nowhere else whole:
// the words of a name that go on capitalised in the text keep their capital.
TEST(Requisites, AnAuthorityKeepsEveryCapitalOfItsName) {
  const std::string text =
      "МИНИСТЕРСТВО ОБРАЗОВАНИЯ РЕСПУБЛИКИ АДЫГЕЯ\n\nПРИКАЗ\n\n12.03.2025 № 301\n\n"
      "Об утверждении плана\n\nВ целях развития образования в Республике Адыгея приказываю:\n\n1. Утвердить план.\n";
  const FileExtraction f = extract_bytes("adygea.txt", text, repository_rules());
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(f.extraction.document.authority.value_or(""), "Министерство образования Республики Адыгея");
}

// An expansion is typed by the kind nearest its parenthesis, not by rule
// order: a list in front of the name does not type it.
TEST(Definitions, AnExpansionTakesTheKindNearestItsParenthesis) {
  const MentionSplitter splitter(repository_rules());
  const std::string expansion = "Министерство образования, ЦНППМ и Марийский государственный университет";
  EXPECT_EQ(splitter.kind_nearest_the_end(expansion), "higher_education");
  EXPECT_NE(splitter.kind_of(expansion), "higher_education") << "rule order alone types it otherwise";
  EXPECT_EQ(splitter.kind_nearest_the_end("областной центр оценки качества образования"), "assessment_center");
  EXPECT_EQ(splitter.kind_nearest_the_end("сеть стажировочных площадок"), "sites");
}

}  // namespace
}  // namespace karta::test
