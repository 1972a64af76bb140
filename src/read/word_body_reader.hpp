// WordprocessingML body → Document, shared by the DOCX, Flat OPC and Word
// 2003 readers: the same element names in three namespaces (transitional and
// strict OOXML, Word 2003 wordml), matched by namespace URI and local name,
// never by prefix.
#pragma once

#include <string_view>

#include "karta/diagnostic.hpp"
#include "karta/document.hpp"
#include "read/list_numbering.hpp"
#include "read/xml_stream.hpp"

namespace karta {

bool is_wordprocessing_ns(std::string_view ns);

// Reads everything inside the current element (w:document, w:body or
// w:wordDocument) and appends its paragraphs and tables to `out`.
void read_word_body(XmlStream& xml, ListNumbering& lists, Document& out);

}  // namespace karta
