#pragma once

#include <memory>
#include <mutex>

#include "app/ports/unit_of_work.h"

namespace cynnal::storage {

struct MemoryState;

// Keeps everything in process memory: for fast tests, examples and demonstrations. One unit of
// work at a time: Begin() waits for the previous one to end, so a thread must not hold two.
// Behaves as the SQLite store does (the contract suite checks it), including its foreign keys
// and unique keys.
class MemoryStore final : public app::Store {
 public:
  // An empty store. It must outlive every unit of work it begins.
  MemoryStore();
  ~MemoryStore() override;
  MemoryStore(const MemoryStore&) = delete;
  MemoryStore& operator=(const MemoryStore&) = delete;

  // Waits until no other unit of work is open, then begins one that holds the store until it is
  // destroyed. A kWrite unit of work changes a copy that Commit() puts in place; a kRead one
  // refuses writes. Never fails.
  app::Result<std::unique_ptr<app::UnitOfWork>> Begin(app::TxMode mode) override;

 private:
  std::mutex mutex_;
  std::unique_ptr<MemoryState> state_;  // guarded by mutex_
};

}  // namespace cynnal::storage
