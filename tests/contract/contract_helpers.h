#pragma once

// Helpers shared by the store contract suites.

#include <gtest/gtest.h>
#include <stdlib.h>

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <system_error>
#include <type_traits>
#include <vector>

#include "app/ports/unit_of_work.h"
#include "domain/aln_case.h"
#include "domain/date.h"
#include "domain/learner.h"
#include "domain/organisation.h"
#include "domain/result.h"
#include "domain/upn.h"
#include "domain/user.h"
#include "storage/memory/memory_store.h"
#include "storage/postgres/postgres_store.h"
#include "storage/sqlite/sqlite_store.h"
#include "support/postgres_scratch.h"

namespace cynnal::storage::contract {

// The value of a result the test expects to succeed; throws (failing the test) otherwise.
template <typename T>
T Must(domain::Result<T> result) {
  if (!result) throw std::runtime_error("unexpected error: " + result.error().message);
  return std::move(result).value();
}

inline void Must(const domain::Status& status) {
  if (!status) throw std::runtime_error("unexpected error: " + status.error().message);
}

inline domain::Date D(const char* iso) { return *domain::ParseIsoDate(iso); }
inline domain::Timestamp T(const char* iso) { return *domain::ParseTimestamp(iso); }

// A valid UPN: check letter, LA number, establishment 1234, year 24, serial.
inline domain::Upn MakeUpn(int la_number, int serial) {
  char rest[32];
  std::snprintf(rest, sizeof rest, "%03d%04d%02d%03d", la_number, 1234, 24, serial % 1000);
  std::string text = std::string(1, *domain::UpnCheckLetter(rest)) + rest;
  return *domain::Upn::Parse(text);
}

// A temporary folder, removed with everything in it when destroyed.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "cynnal-test-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("cannot make a temp folder");
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  std::string File(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

inline domain::Learner MakeLearner(domain::LocalAuthorityId la, std::string first, std::string last,
                                   domain::Date dob, domain::Upn upn) {
  domain::Learner l;
  l.local_authority = la;
  l.legal_first_name = std::move(first);
  l.legal_last_name = std::move(last);
  l.date_of_birth = dob;
  l.upn = std::move(upn);
  l.home_language = "Cymraeg";
  return l;
}

inline domain::User MakeUser(domain::LocalAuthorityId la, std::string username, domain::Role role) {
  domain::User u;
  u.local_authority = la;
  u.username = std::move(username);
  u.display_name = "Display " + u.username;
  u.role = role;
  u.password_hash = "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA";
  return u;
}

inline domain::LocalAuthority MakeLa(int number, std::string en, std::string cy) {
  domain::LocalAuthority la;
  la.la_number = number;
  la.name_en = std::move(en);
  la.name_cy = std::move(cy);
  return la;
}

inline domain::Setting MakeSetting(domain::LocalAuthorityId la, std::string name,
                                   std::string number, domain::SettingType type) {
  domain::Setting s;
  s.local_authority = la;
  s.name = std::move(name);
  s.establishment_number = std::move(number);
  s.type = type;
  return s;
}

// A case brought by a teacher's concern and now at the notice, decided by `body` for a learner at
// `setting` of `la`.
inline domain::AlnCase MakeCase(domain::LocalAuthorityId la, domain::LearnerId learner,
                                domain::SettingId setting, domain::DecidingBody body) {
  domain::AlnCase c;
  c.local_authority = la;
  c.learner = learner;
  c.concern.source = domain::ConcernSource::kTeacher;
  c.concern.raised_by = "Mr Evans";
  c.concern.brought_on = D("2023-09-22");
  c.concern.description = "Reading well behind the class";
  c.responsibility.body = body;
  c.responsibility.local_authority = la;
  c.responsibility.setting = setting;
  c.responsibility.reason = domain::ResponsibilityReason::kMaintainedSchool;
  c.stage = domain::CaseStage::kNoticeGiven;
  return c;
}

// Adds, in one unit of work, the rows a suite's records refer to, each under the next id in the
// order asked for: first the two LAs every suite's world has, Gwynedd (661) then Conwy (662), then
// the settings, learners and users the suite asks for. Fails the test if the store refuses one.
class Seeder {
 public:
  explicit Seeder(app::UnitOfWork& uow)
      : uow_(uow),
        gwynedd_(Must(uow.LocalAuthorities().Add(MakeLa(661, "Gwynedd", "Gwynedd")))),
        conwy_(Must(uow.LocalAuthorities().Add(MakeLa(662, "Conwy", "Conwy")))) {}

  domain::LocalAuthorityId gwynedd() const { return gwynedd_; }
  domain::LocalAuthorityId conwy() const { return conwy_; }

  domain::SettingId AddSetting(domain::LocalAuthorityId la, std::string name, std::string number,
                               domain::SettingType type) {
    return Must(uow_.Settings().Add(MakeSetting(la, std::move(name), std::move(number), type)));
  }

  // A learner of Gwynedd or Conwy born on `dob` (ISO), with a valid UPN of their LA's number and
  // `serial`.
  domain::LearnerId AddLearner(domain::LocalAuthorityId la, std::string first, std::string last,
                               const char* dob, int serial) {
    const int la_number = la == gwynedd_ ? 661 : 662;
    return Must(uow_.Learners().Add(
        MakeLearner(la, std::move(first), std::move(last), D(dob), MakeUpn(la_number, serial))));
  }

  domain::UserId AddUser(domain::LocalAuthorityId la, std::string username, domain::Role role) {
    return Must(uow_.Users().Add(MakeUser(la, std::move(username), role)));
  }

 private:
  app::UnitOfWork& uow_;
  domain::LocalAuthorityId gwynedd_;
  domain::LocalAuthorityId conwy_;
};

// A store under test, and what must be cleaned up after it.
struct StoreUnderTest {
  std::unique_ptr<app::Store> store;
  std::unique_ptr<TempDir> dir;
  std::unique_ptr<testing::PostgresScratch> schema;
  ~StoreUnderTest() { store.reset(); }  // close the store before its folder or schema goes
};

struct Adapter {
  std::string name;
  // An empty, ready store; null when the adapter's server is not available (PostgreSQL).
  std::function<std::unique_ptr<StoreUnderTest>()> make;
};

inline void PrintTo(const Adapter& adapter, std::ostream* out) { *out << adapter.name; }

inline std::unique_ptr<StoreUnderTest> MakeMemory() {
  auto under_test = std::make_unique<StoreUnderTest>();
  under_test->store = std::make_unique<MemoryStore>();
  return under_test;
}

inline std::unique_ptr<StoreUnderTest> MakeSqlite() {
  auto under_test = std::make_unique<StoreUnderTest>();
  under_test->dir = std::make_unique<TempDir>();
  auto store = Must(SqliteStore::Open(under_test->dir->File("cynnal.db"), 4));
  Must(store->Migrate());
  under_test->store = std::move(store);
  return under_test;
}

// A PostgreSQL store in a schema of its own on the test server, or null without one.
inline std::unique_ptr<StoreUnderTest> MakePostgres() {
  auto server = testing::PostgresServerUrl();
  if (!server) return nullptr;
  auto under_test = std::make_unique<StoreUnderTest>();
  under_test->schema = std::make_unique<testing::PostgresScratch>(*server);
  auto store = Must(PostgresStore::Open(under_test->schema->url(), 4));
  Must(store->Migrate());
  under_test->store = std::move(store);
  return under_test;
}

// Every adapter the contract runs against.
inline const Adapter kAdapters[] = {
    {"Memory", MakeMemory},
    {"Sqlite", MakeSqlite},
    {"Postgres", MakePostgres},
};

// A fresh, empty store of the adapter under test for each test, with helpers to run units of work.
class StoreFixture : public ::testing::TestWithParam<Adapter> {
 protected:
  void SetUp() override {
    if (GetParam().name == "Postgres") CYNNAL_SKIP_WITHOUT_POSTGRES();
    under_test_ = GetParam().make();
  }

  // False when the test was skipped or failed for want of its store.
  bool Ready() const { return under_test_ != nullptr; }

  app::Store& store() { return *under_test_->store; }

  std::unique_ptr<app::UnitOfWork> Begin(app::TxMode mode) { return Must(store().Begin(mode)); }

  // Runs `body` in a write unit of work and commits it; returns what `body` returns.
  template <typename F>
  auto Write(F body) {
    auto uow = Begin(app::TxMode::kWrite);
    if constexpr (std::is_void_v<decltype(body(*uow))>) {
      body(*uow);
      Must(uow->Commit());
    } else {
      auto result = body(*uow);
      Must(uow->Commit());
      return result;
    }
  }

  // Runs `body` in a read unit of work; returns what `body` returns.
  template <typename F>
  auto Read(F body) {
    auto uow = Begin(app::TxMode::kRead);
    return body(*uow);
  }

  std::unique_ptr<StoreUnderTest> under_test_;
};

// A StoreFixture whose store holds, before each test, the world `AddWorld` adds in one committed
// unit of work; the test reads the world's ids from `p_`.
template <typename World, World (*AddWorld)(app::UnitOfWork&)>
class SeededStoreFixture : public StoreFixture {
 protected:
  void SetUp() override {
    StoreFixture::SetUp();
    if (!Ready()) return;
    Write([&](app::UnitOfWork& uow) { p_ = AddWorld(uow); });
  }

  World p_;
};

// Describing a record, one field a line, so that two records compare field by field (and a
// difference names the field) without going through the codec a store writes them with.
inline std::string Text(domain::Date date) { return domain::FormatIsoDate(date); }
inline std::string Text(domain::Timestamp at) { return domain::FormatTimestamp(at); }
inline std::string Text(const std::optional<domain::Date>& date) {
  return date ? Text(*date) : "(none)";
}
template <typename Tag>
std::string Text(domain::Id<Tag> id) {
  return std::to_string(id.value());
}
template <typename Tag>
std::string Text(const std::optional<domain::Id<Tag>>& id) {
  return id ? Text(*id) : "(none)";
}
inline std::string Text(bool value) { return value ? "true" : "false"; }
inline std::string Text(int value) { return std::to_string(value); }
inline std::string Text(const std::string& value) { return "[" + value + "]"; }
template <typename E>
requires std::is_enum_v<E> std::string Text(E value) {
  return "<" + std::string(domain::Code(value)) + ">";
}
template <typename E>
requires std::is_enum_v<E> std::string Text(const std::optional<E>& value) {
  return value ? Text(*value) : "(none)";
}
template <typename V>
std::string Text(const std::set<V>& values) {
  std::string out;
  for (const auto& v : values) out += Text(v) + ",";
  return out;
}
template <typename V>
std::string Text(const std::vector<V>& values) {
  std::string out;
  for (const auto& v : values) out += Text(v) + ",";
  return out;
}
inline std::string Text(const std::map<std::string, int>& values) {
  std::string out;
  for (const auto& [k, v] : values) out += Text(k) + "=" + Text(v) + ",";
  return out;
}

// The ids of `rows`, in the order given.
template <typename Row>
std::vector<std::int64_t> Ids(const std::vector<Row>& rows) {
  std::vector<std::int64_t> out;
  for (const auto& row : rows) out.push_back(row.id.value());
  return out;
}

// The lines of a description: "name = value", one a field.
class Lines {
 public:
  template <typename V>
  void Add(const std::string& name, const V& value) {
    out_ << name << " = " << Text(value) << "\n";
  }
  void Count(const std::string& name, std::size_t size) { Add(name, static_cast<int>(size)); }
  void Present(const std::string& name, bool present) {
    Add(name, std::string(present ? "set" : "(none)"));
  }
  std::string str() const { return out_.str(); }

 private:
  std::ostringstream out_;
};

}  // namespace cynnal::storage::contract
