// karta watch DIR --store DB: files dropped into DIR are stored (DIR/done/)
// or refused with their reason (DIR/failed/), until SIGINT or SIGTERM
// (karta/watch.hpp). inotify (Poco::DirectoryWatcher) wakes it as files
// arrive; a rescan every --interval seconds finds what it missed, and the
// first pass takes what arrived while it was down.
#include <Poco/Delegate.h>
#include <Poco/DirectoryWatcher.h>
#include <Poco/Exception.h>

#include <atomic>
#include <condition_variable>
#include <iostream>
#include <memory>
#include <mutex>
#include <thread>

#include "batch/output_lock.hpp"
#include "cli/commands.hpp"
#include "cli/limit_options.hpp"
#include "cli/stop_signals.hpp"
#include "karta/output_error.hpp"
#include "karta/watch.hpp"

namespace karta::cli {
namespace {

struct WatchArgs {
  std::string dir, store, rules;
  double settle = 1, interval = 10;
  bool once = false;
  LimitArgs limits;
};

// Wakes the loop: an inotify event, a signal, or the rescan's timeout.
class Wakeup {
 public:
  void ring() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      rung_ = true;
    }
    cv_.notify_all();
  }
  void on_event(const void*, const Poco::DirectoryWatcher::DirectoryEvent&) { ring(); }
  void wait(double seconds) {
    std::unique_lock<std::mutex> lock(mutex_);
    cv_.wait_for(lock, std::chrono::duration<double>(seconds), [&] { return rung_; });
    rung_ = false;
  }

 private:
  std::mutex mutex_;
  std::condition_variable cv_;
  bool rung_ = false;
};

int report(const std::vector<DropOutcome>& outcomes) {
  int failed = 0;
  for (const DropOutcome& o : outcomes) {
    if (o.id && !o.moved_to.empty()) {
      std::cout << "done " << o.name << " -> document " << *o.id << (o.created ? "" : " (stored already)") << ", "
                << o.moved_to << std::endl;
    } else if (!o.moved_to.empty()) {
      ++failed;
      std::cout << "failed " << o.name << " -> " << o.moved_to << ".error.txt: " << o.error << std::endl;
    } else {
      ++failed;
      std::cerr << "karta watch: " << o.name << ": " << o.error << " (left in place; tried again)" << std::endl;
    }
  }
  return failed;
}

int run(const WatchArgs& a) {
  DropFolderOptions options;
  options.settle_s = a.once ? 0 : a.settle;
  options.read = read_options(a.limits);
  const RuleSet rules = load_rule_set(a.rules);
  rules.prepare_in_background();
  std::unique_ptr<OutputLock> lock;
  std::unique_ptr<DocumentStore> store;
  std::unique_ptr<DropFolder> folder;
  try {
    lock = std::make_unique<OutputLock>(a.dir, 0, 1);
    store = std::make_unique<DocumentStore>(a.store, rules);
    folder = std::make_unique<DropFolder>(a.dir, *store, rules, options);
  } catch (const OutputError& e) {
    std::cerr << "karta watch: " << e.what() << "\n";
    return unwritable;
  } catch (const std::runtime_error& e) {   // StoreError, a DIR that is none
    std::cerr << "karta watch: " << e.what() << "\n";
    return unwritable;
  }
  if (a.once) return report(folder->scan()) ? inputs_failed : ok;

  const StopSignals stop_signals;   // before the threads below start: they inherit the mask
  Wakeup wakeup;
  std::atomic<bool> stop{false};
  std::thread signals([&] {
    std::cerr << "karta watch: " << stop_signals.wait() << ": finishing the file in hand\n";
    stop = true;
    wakeup.ring();
  });
  std::unique_ptr<Poco::DirectoryWatcher> watcher;
  try {
    watcher = std::make_unique<Poco::DirectoryWatcher>(
        a.dir, Poco::DirectoryWatcher::DW_ITEM_ADDED | Poco::DirectoryWatcher::DW_ITEM_MODIFIED |
                   Poco::DirectoryWatcher::DW_ITEM_MOVED_TO);
    watcher->itemAdded += Poco::delegate(&wakeup, &Wakeup::on_event);
    watcher->itemModified += Poco::delegate(&wakeup, &Wakeup::on_event);
    watcher->itemMovedTo += Poco::delegate(&wakeup, &Wakeup::on_event);
  } catch (const Poco::Exception& e) {
    std::cerr << "karta watch: " << a.dir << ": no change notification (" << e.displayText() << "); rescanning every "
              << a.interval << " s\n";
  }
  std::cout << "karta watch: " << a.dir << " into " << a.store << " (" << store->count() << " documents)" << std::endl;
  while (!stop) {
    try {
      report(folder->scan(&stop));
    } catch (const std::runtime_error& e) {   // DIR unlistable for a while: said, and tried again
      std::cerr << "karta watch: " << e.what() << "\n";
    }
    if (stop) break;
    wakeup.wait(folder->waiting() ? std::min(a.interval, std::max(0.05, a.settle / 2)) : a.interval);
  }
  if (watcher) {
    watcher->itemAdded -= Poco::delegate(&wakeup, &Wakeup::on_event);
    watcher->itemModified -= Poco::delegate(&wakeup, &Wakeup::on_event);
    watcher->itemMovedTo -= Poco::delegate(&wakeup, &Wakeup::on_event);
    watcher.reset();
  }
  signals.join();
  return ok;
}

}  // namespace

Command add_watch_command(CLI::App& app) {
  auto a = std::make_shared<WatchArgs>();
  CLI::App* c = app.add_subcommand("watch", "Store the files dropped into a folder (moved to DIR/done/, or to "
                                            "DIR/failed/ with the reason) until SIGINT or SIGTERM");
  c->add_option("DIR", a->dir, "the drop folder")->required();
  c->add_option("--store", a->store, "the store karta serve uses: a SQLite file (created when absent) or postgresql://…")->required();
  c->add_option("--settle", a->settle, "seconds a file's size and time must stay unchanged before it is taken")
      ->check(CLI::NonNegativeNumber)->capture_default_str();
  c->add_option("--interval", a->interval, "seconds between rescans (change notification wakes it sooner)")
      ->check(CLI::PositiveNumber)->capture_default_str();
  c->add_flag("--once", a->once, "one pass over what is there now, then exit (1 if any file failed)");
  c->add_option("--rules", a->rules, "rule files (default: $KARTA_RULES, else the installed or bundled rules)");
  add_limit_options(c, a->limits);
  return {c, [a] { return run(*a); }};
}

}  // namespace karta::cli
