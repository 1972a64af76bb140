#include "normalize/russian_collation.hpp"

#include <unicode/coll.h>

#include <stdexcept>

namespace karta {

RussianCollation::RussianCollation() {
  UErrorCode status = U_ZERO_ERROR;
  collator_.reset(icu::Collator::createInstance(icu::Locale("ru"), status));
  if (U_FAILURE(status) || !collator_) throw std::runtime_error(std::string("ICU collator: ") + u_errorName(status));
}

bool RussianCollation::operator()(const std::string& a, const std::string& b) const {
  UErrorCode status = U_ZERO_ERROR;
  const UCollationResult r = collator_->compareUTF8(a, b, status);
  if (U_FAILURE(status)) return a < b;
  return r == UCOL_LESS;
}

}  // namespace karta
