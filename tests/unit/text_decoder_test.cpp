#include <gtest/gtest.h>

#include "karta/read.hpp"
#include "read/text_decoder.hpp"
#include "test_support.hpp"

namespace karta::test {
namespace {

std::string hostile(const std::string& name) { return slurp(hostile_path(name)); }

std::string decoded(const std::string& bytes, std::string* encoding = nullptr, Diagnostics* diags = nullptr) {
  Diagnostics local;
  DecodedText d = decode_text(bytes, diags ? *diags : local);
  if (encoding) *encoding = d.encoding;
  return d.utf8;
}

TEST(TextDecoder, DetectsEachEncodingOfTheControlRoadmap) {
  std::string control = decoded(hostile("control_roadmap_utf8.txt"));
  struct Case { const char* file; const char* encoding; };
  for (Case c : {Case{"roadmap_koi8r.txt", "KOI8-R"}, Case{"roadmap_cp1251.txt", "windows-1251"},
                 Case{"roadmap_utf16le_bom.txt", "UTF-16LE"}, Case{"roadmap_utf8_bom_crlf.txt", "UTF-8"}}) {
    std::string enc;
    std::string text = decoded(hostile(c.file), &enc);
    EXPECT_EQ(enc, c.encoding) << c.file;
    EXPECT_NE(text.find("Мероприятие"), std::string::npos) << c.file;
    EXPECT_EQ(text.find("\xEF\xBB\xBF"), std::string::npos) << c.file << ": BOM kept";
  }
  // KOI8-R carries ё/Ё exactly as the UTF-8 control does.
  EXPECT_NE(decoded(hostile("roadmap_koi8r.txt")).find("Ёлкин"), std::string::npos);
  EXPECT_NE(control.find("Ёлкин"), std::string::npos);
}

TEST(TextDecoder, CyrillicOnlyCp1251CharactersSurvive) {
  std::string text = decoded(hostile("roadmap_cp1251.txt"));
  for (const char* s : {"«", "»", "—", "№"}) EXPECT_NE(text.find(s), std::string::npos) << s;
}

TEST(TextDecoder, Utf16BigEndianAndWithoutBom) {
  std::u16string s = u"Срок исполнения\tОтветственный\n";
  std::string le, be;
  for (char16_t c : s) {
    le += static_cast<char>(c & 0xFF), le += static_cast<char>(c >> 8);
    be += static_cast<char>(c >> 8), be += static_cast<char>(c & 0xFF);
  }
  std::string enc;
  EXPECT_EQ(decoded("\xFE\xFF" + be, &enc), "Срок исполнения\tОтветственный\n");
  EXPECT_EQ(enc, "UTF-16BE");
  std::string ascii_le;   // Latin UTF-16 without a BOM: NULs in every odd byte
  for (char c : std::string("Plan of measures\t2024\n")) ascii_le += c, ascii_le += '\0';
  EXPECT_EQ(decoded(ascii_le, &enc), "Plan of measures\t2024\n");
  EXPECT_EQ(enc, "UTF-16LE");
}

TEST(TextDecoder, NulBytesAreRemovedWithoutLosingText) {
  Diagnostics diags;
  std::string text = decoded(hostile("text_with_nul_bytes.txt"), nullptr, &diags);
  EXPECT_EQ(text.find('\0'), std::string::npos);
  EXPECT_NE(text.find("Сидоров"), std::string::npos);
  ASSERT_FALSE(diags.empty());
  EXPECT_EQ(diags.front().code, "text.nul_bytes");
}

TEST(TextDecoder, MixedFileDecodesForeignLinesOnTheirOwn) {
  Diagnostics diags;
  std::string enc;
  std::string text = decoded(hostile("mixed_utf8_cp1251_koi8r.txt"), &enc, &diags);
  EXPECT_EQ(enc, "UTF-8");
  EXPECT_NE(text.find("Согласование архитектуры с заказчиком"), std::string::npos);   // the cp1251 line
  EXPECT_NE(text.find("Закупка серверного оборудования"), std::string::npos);         // the KOI8-R line
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_EQ(diags[0].code, "text.mixed_encoding");
  EXPECT_EQ(diags[0].where, "lines 3, 4");
}

TEST(TextDecoder, UndecodableBytesInUtf8BecomeReplacementCharacters) {
  Diagnostics diags;
  std::string text = decoded("Срок исполнения: апрель\nещё строка\nплохой байт \xFF здесь\nи ещё одна строка\n",
                             nullptr, &diags);
  EXPECT_NE(text.find("Срок исполнения"), std::string::npos);
  // The line stays UTF-8 (not re-decoded as a code page into mojibake).
  EXPECT_NE(text.find("плохой байт \xEF\xBF\xBD здесь\n"), std::string::npos);
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_EQ(diags[0].code, "text.stray_bytes");
  EXPECT_EQ(diags[0].where, "lines 3");
}

TEST(TextDecoder, BinaryIsRecognised) {
  EXPECT_TRUE(looks_binary(hostile("random_bytes.docx")));
  EXPECT_FALSE(looks_binary(hostile("text_with_nul_bytes.txt")));
  EXPECT_FALSE(looks_binary(hostile("roadmap_utf16le_bom.txt")));
  ReadResult r = read_bytes("random.bin", hostile("random_bytes.docx"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error->kind(), ErrorKind::unsupported_format);
}

}  // namespace
}  // namespace karta::test
