// The pipeline's entry: a file or its bytes read, then extracted, under one
// work budget, with the input's SHA-256 (read → extract; the stages below
// never read files themselves).
#include <Poco/DigestEngine.h>
#include <Poco/SHA2Engine.h>

#include "karta/extract.hpp"
#include "model/stage_clock.hpp"
#include "model/work_limits.hpp"
#include "pipeline/extract_file.hpp"

namespace karta {

std::string sha256_hex(std::string_view bytes) {
  Poco::SHA2Engine engine(Poco::SHA2Engine::SHA_256);
  engine.update(bytes.data(), static_cast<unsigned>(bytes.size()));
  return Poco::DigestEngine::digestToHex(engine.digest());
}

FileExtraction extract_hashed_bytes(const std::string& name, std::string_view bytes, std::string sha256,
                                    const RuleSet& rules, const ReadOptions& options) {
  FileExtraction out;
  WorkLimits limits(name, options);   // one budget for reading and extracting
  ReadResult read = [&] {
    const StageScope scope(Stage::read);
    return read_bytes(name, bytes, options);
  }();
  if (!read.ok()) {
    out.error = read.error;
    return out;
  }
  Extraction& x = out.extraction;
  try {
    const StageScope scope(Stage::act);
    x = extract(read.document, rules);
  } catch (const ReadError& e) {   // over the document's time budget
    out.extraction = {};
    out.error = e;
    return out;
  }
  // The bytes, not the decoded text: two renderings of one act stay apart,
  // and the same file gives the same id on every run.
  x.source.path = name;
  x.source.sha256 = std::move(sha256);
  x.source.bytes = bytes.size();
  x.source.format = format_name(read.format);
  if (!read.encoding.empty()) x.source.encoding = read.encoding;
  x.diagnostics.insert(x.diagnostics.begin(), read.diagnostics.begin(), read.diagnostics.end());
  return out;
}

FileExtraction extract_bytes(const std::string& name, std::string_view bytes, const RuleSet& rules,
                             const ReadOptions& options) {
  return extract_hashed_bytes(name, bytes, sha256_hex(bytes), rules, options);
}

FileExtraction extract_file(const std::string& path, const RuleSet& rules, const ReadOptions& options) {
  std::string bytes;
  if (auto error = load_file(path, options, bytes)) {
    FileExtraction out;
    out.error = *error;
    return out;
  }
  return extract_bytes(path, bytes, rules, options);
}

}  // namespace karta
