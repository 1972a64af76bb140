// An output that cannot be written (a folder that cannot be created, a file
// that cannot be opened or written, a full disk): not a fault of any input,
// so the command line reports it with its own exit status (3).
#pragma once

#include <stdexcept>
#include <string>

namespace karta {

class OutputError : public std::runtime_error {
 public:
  // what(): "cannot write PATH: REASON" (REASON from errno).
  OutputError(const std::string& path, const std::string& reason)
      : std::runtime_error("cannot write " + path + ": " + reason) {}
};

}  // namespace karta
