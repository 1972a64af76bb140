// Alphabetical order as a Russian reader expects it (ICU's "ru" collator):
// ё beside е, case ignored at first, Cyrillic before Latin.
#pragma once

#include <memory>
#include <string>

#include <unicode/uversion.h>

U_NAMESPACE_BEGIN
class Collator;
U_NAMESPACE_END

namespace karta {

class RussianCollation {
 public:
  RussianCollation();
  bool operator()(const std::string& a, const std::string& b) const;   // a before b

 private:
  std::shared_ptr<icu::Collator> collator_;   // shared: std::sort copies comparators
};

}  // namespace karta
