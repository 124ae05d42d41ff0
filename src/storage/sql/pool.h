#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "domain/result.h"
#include "storage/migration.h"
#include "storage/sql/sql.h"

namespace cynnal::storage::sql {

// The open connections of one database, lent to one unit of work at a time. `connect` opens
// another: to replace one left in an unknown state, or the first again when all were lost.
template <typename C>
class Pool {
 public:
  using Connect = std::function<domain::Result<std::unique_ptr<C>>()>;

  explicit Pool(Connect connect) : connect_(std::move(connect)) {}

  // Opens `size` connections (at least 1); the first failure's error otherwise.
  domain::Status Fill(int size) {
    for (int i = 0; i < std::max(size, 1); ++i) {
      auto connection = connect_();
      if (!connection) return connection.error();
      std::lock_guard<std::mutex> lock(mutex_);
      idle_.push_back(std::move(connection.value()));
      ++open_;
    }
    return domain::Ok();
  }

  // A free connection, waiting up to `wait` for one; null if none came free.
  std::unique_ptr<C> Borrow(std::chrono::milliseconds wait) {
    std::unique_lock<std::mutex> lock(mutex_);
    free_.wait_for(lock, wait, [&] { return !idle_.empty() || open_ == 0; });
    if (idle_.empty()) {
      if (open_ > 0) return nullptr;
      lock.unlock();  // every connection was lost: try to open one again
      auto fresh = connect_();
      if (!fresh) return nullptr;
      lock.lock();
      ++open_;
      return std::move(fresh.value());
    }
    std::unique_ptr<C> connection = std::move(idle_.back());
    idle_.pop_back();
    return connection;
  }

  // Takes a connection back; one left in an unknown state is closed and replaced.
  void Return(std::unique_ptr<C> connection, bool healthy) {
    if (!healthy || !connection->Healthy()) {
      connection.reset();
      auto fresh = connect_();
      if (fresh) connection = std::move(fresh.value());
    }
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (connection) {
        idle_.push_back(std::move(connection));
      } else {
        --open_;
      }
    }
    free_.notify_all();
  }

 private:
  Connect connect_;
  std::mutex mutex_;
  std::condition_variable free_;
  std::vector<std::unique_ptr<C>> idle_;  // guarded by mutex_
  int open_ = 0;                          // guarded by mutex_
};

// A connection borrowed from a pool, given back when the lease ends, with the lock of this
// process's writers when the unit of work writes (released after the connection's rollback).
template <typename C>
class PoolLease final : public Lease {
 public:
  PoolLease(Pool<C>& pool, std::unique_ptr<C> connection,
            std::unique_lock<std::timed_mutex> write_lock = {})
      : pool_(&pool), connection_(std::move(connection)), write_lock_(std::move(write_lock)) {}
  ~PoolLease() override {
    if (connection_) pool_->Return(std::move(connection_), healthy_);
  }
  PoolLease(const PoolLease&) = delete;
  PoolLease& operator=(const PoolLease&) = delete;

  C& connection() override { return *connection_; }
  void MarkBroken() override { healthy_ = false; }

 private:
  Pool<C>* pool_;
  std::unique_ptr<C> connection_;
  std::unique_lock<std::timed_mutex> write_lock_;
  bool healthy_ = true;
};

// Applies the migrations of `all` that `c` has not recorded in schema_migrations (which must
// exist), in order, each in its own transaction begun with `begin`; `now` is the SQL of the time
// recorded. Returns how many it applied; throws Failure, with `current` naming the migration.
int ApplyMigrations(Connection& c, const std::vector<Migration>& all, const std::string& begin,
                    const std::string& now, std::string& current);

}  // namespace cynnal::storage::sql
