// One reader per input format (pandoc's shape): bytes in, Document out.
// Each throws ReadError naming `file` and the reason; warnings go to
// `diagnostics`.
#pragma once

#include <string>
#include <string_view>

#include "karta/diagnostic.hpp"
#include "karta/document.hpp"
#include "karta/read.hpp"

namespace karta {

void read_docx(std::string_view bytes, const std::string& file, const ReadOptions& options,
               Document& out, Diagnostics& diagnostics);

// Word 2003 XML (w:wordDocument), Flat OPC (pkg:package) or a bare
// WordprocessingML document part. Returns which of them it was.
Format read_word_xml(std::string_view bytes, const std::string& file, const ReadOptions& options,
                     Document& out, Diagnostics& diagnostics);

// An HTML page (<!DOCTYPE html>, <html>, <table> … at the start), and its
// reader; `encoding` receives the charset the bytes were decoded from.
bool looks_like_html(std::string_view bytes);
void read_html(std::string_view bytes, const std::string& file, const ReadOptions& options,
               Document& out, std::string& encoding, Diagnostics& diagnostics);

// OpenDocument text: a package (.odt) and Flat ODT (.fodt).
void read_odt(std::string_view bytes, const std::string& file, const ReadOptions& options,
              Document& out, Diagnostics& diagnostics);
void read_flat_odt(std::string_view bytes, const std::string& file, const ReadOptions& options,
                   Document& out, Diagnostics& diagnostics);

// RTF (Word, LibreOffice, ГАРАНТ and КонсультантПлюс exports).
void read_rtf(std::string_view bytes, const std::string& file, const ReadOptions& options,
              Document& out, Diagnostics& diagnostics);

// PDF with a text layer (poppler-cpp).
void read_pdf(std::string_view bytes, const std::string& file, const ReadOptions& options,
              Document& out, Diagnostics& diagnostics);

// Plain text in any of the supported encodings; `encoding` receives the one detected.
void read_text(std::string_view bytes, const std::string& file, const ReadOptions& options,
               Document& out, std::string& encoding, Diagnostics& diagnostics);

}  // namespace karta
