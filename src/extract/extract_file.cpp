#include <Poco/DigestEngine.h>
#include <Poco/SHA2Engine.h>

#include <fstream>

#include "karta/extract.hpp"

namespace karta {
namespace {

// Hashes the bytes on disk, not the decoded text, so that two renderings of
// one act are told apart and a re-run on the same file gives the same id.
std::string sha256_of(const std::string& path, std::uint64_t& bytes) {
  std::ifstream in(path, std::ios::binary);
  Poco::SHA2Engine engine(Poco::SHA2Engine::SHA_256);
  char buf[1 << 16];
  bytes = 0;
  while (in.read(buf, sizeof buf), in.gcount() > 0) {
    engine.update(buf, static_cast<unsigned>(in.gcount()));
    bytes += static_cast<std::uint64_t>(in.gcount());
  }
  return Poco::DigestEngine::digestToHex(engine.digest());
}

}  // namespace

FileExtraction extract_file(const std::string& path, const RuleSet& rules, const ReadOptions& options) {
  FileExtraction out;
  ReadResult read = read_file(path, options);
  if (!read.ok()) {
    out.error = read.error;
    return out;
  }
  Extraction& x = out.extraction;
  x = extract(read.document, rules);
  x.source.path = path;
  x.source.sha256 = sha256_of(path, x.source.bytes);
  x.source.format = format_name(read.format);
  if (!read.encoding.empty()) x.source.encoding = read.encoding;
  x.diagnostics.insert(x.diagnostics.begin(), read.diagnostics.begin(), read.diagnostics.end());
  return out;
}

}  // namespace karta
