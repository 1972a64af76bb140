#include "write/atomic_file.hpp"

#include <unistd.h>

#include <fstream>
#include <stdexcept>

namespace karta {
namespace {

const char* kTempMark = ".karta-tmp-";

}  // namespace

void write_file_atomically(const std::filesystem::path& target, const std::function<void(std::ostream&)>& write) {
  if (target.has_parent_path()) std::filesystem::create_directories(target.parent_path());
  const std::filesystem::path temp = target.string() + kTempMark + std::to_string(::getpid());
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    write(out);
    out.flush();
    if (!out) throw std::runtime_error("cannot write " + temp.string());
  }
  std::filesystem::rename(temp, target);
}

bool is_leftover_temporary(const std::filesystem::path& file) {
  return file.filename().string().find(kTempMark) != std::string::npos;
}

}  // namespace karta
