// Modules (model/loadable_module): the build's own are found and give their
// entry points; a module that is not there is a ModuleUnavailable naming it
// and the places looked in, never a crash — the PDF reader turns it into
// the file's failure, the store into a connection error.
#include <gtest/gtest.h>

#include "model/loadable_module.hpp"
#include "read/pdf_text_layer.hpp"
#include "write/postgresql_client.hpp"
#include "write/xlsx_sheet.hpp"

namespace karta {
namespace {

TEST(LoadableModule, TheBuildsModulesGiveTheirEntryPoints) {
  EXPECT_NE(module_symbol(kPdfTextLayerModule, kPdfTextLayerSymbol), nullptr);
  EXPECT_NE(module_symbol(kPostgresqlModule, kPostgresqlSymbol), nullptr);
  EXPECT_NE(xlsx_sheet().open, nullptr);
  const PostgresqlClient& client = postgresql_client();
  EXPECT_NE(client.connection_options, nullptr);
  EXPECT_NE(client.execute, nullptr);
  EXPECT_NE(client.in_transaction, nullptr);
}

TEST(LoadableModule, AMissingModuleIsNamedWithWhereItWasLookedFor) {
  try {
    module_symbol("karta-no-such-module", "entry");
    FAIL() << "a missing module loaded";
  } catch (const ModuleUnavailable& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("karta-no-such-module is not available: not found (looked in "), std::string::npos) << what;
    EXPECT_NE(what.find(std::string(KARTA_BUILD_MODULES) + "/karta-no-such-module.so"), std::string::npos) << what;
  }
  // Asked again: the same answer, not a second search's different one.
  EXPECT_THROW(module_symbol("karta-no-such-module", "entry"), ModuleUnavailable);
}

TEST(LoadableModule, ASymbolTheModuleLacksIsNamed) {
  try {
    module_symbol(kPdfTextLayerModule, "karta_read_pdf_text_layer_v0");
    FAIL() << "an unknown entry point was found";
  } catch (const ModuleUnavailable& e) {
    EXPECT_NE(std::string(e.what()).find("lacks karta_read_pdf_text_layer_v0"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace karta
