#include "model/loadable_module.hpp"

#include <dlfcn.h>

#include <filesystem>
#include <map>
#include <mutex>
#include <system_error>
#include <vector>

namespace karta {

std::filesystem::path code_file() {
  Dl_info info{};
  if (::dladdr(reinterpret_cast<void*>(&code_file), &info) == 0 || info.dli_fname == nullptr) return {};
  std::error_code ec;
  std::filesystem::path p = std::filesystem::canonical(info.dli_fname, ec);
  return ec ? std::filesystem::path() : p;
}

namespace {

std::vector<std::filesystem::path> places(const std::string& file) {
  std::vector<std::filesystem::path> out;
  const std::filesystem::path here = code_file().parent_path();
  if (!here.empty())
    for (const char* relative : {KARTA_MODULES_FROM_BIN, KARTA_MODULES_FROM_LIB})
      out.push_back((here / relative / file).lexically_normal());
  out.push_back(std::filesystem::path(KARTA_BUILD_MODULES) / file);
  return out;
}

struct Loaded {
  void* handle = nullptr;
  std::string error;
};

}  // namespace

void* module_symbol(const std::string& name, const char* symbol) {
  static std::mutex lock;
  static std::map<std::string, Loaded> loaded;   // never closed: their code stays in use
  const std::lock_guard<std::mutex> hold(lock);
  auto [it, fresh] = loaded.try_emplace(name);
  if (fresh) {
    std::string tried;
    for (const std::filesystem::path& p : places(name + ".so")) {
      std::error_code ec;
      if (!std::filesystem::exists(p, ec)) {
        tried += (tried.empty() ? "" : ", ") + p.string();
        continue;
      }
      it->second.handle = ::dlopen(p.c_str(), RTLD_NOW | RTLD_LOCAL);
      if (it->second.handle) break;
      const char* why = ::dlerror();
      it->second.error = p.string() + ": " + (why ? why : "cannot be loaded");
      break;
    }
    if (!it->second.handle && it->second.error.empty()) it->second.error = "not found (looked in " + tried + ")";
  }
  if (!it->second.handle) throw ModuleUnavailable("karta's module " + name + " is not available: " + it->second.error);
  void* address = ::dlsym(it->second.handle, symbol);
  if (!address) throw ModuleUnavailable("karta's module " + name + " lacks " + symbol + " (a module of another build?)");
  return address;
}

}  // namespace karta
