#include "storage/memory/memory_store.h"

#include <algorithm>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/bank_holidays.h"
#include "domain/text.h"
#include "domain/upn.h"

namespace cynnal::storage {

// Everything the store holds. Maps are keyed by row id; ids start at 1 in each table, as in SQL.
struct MemoryState {
  std::map<std::int64_t, domain::LocalAuthority> local_authorities;
  std::map<std::int64_t, domain::HealthBoard> health_boards;
  std::map<std::int64_t, domain::Setting> settings;
  std::map<std::int64_t, domain::Learner> learners;
  std::map<std::int64_t, domain::FamilyMember> family_members;
  std::map<std::int64_t, domain::User> users;
  std::map<std::string, app::Session> sessions;
  std::vector<domain::AuditEvent> audit;                                 // in id order
  std::map<std::pair<std::int64_t, int>, domain::TermDates> term_dates;  // by (LA, year)
  std::map<std::int64_t, domain::SettingDay> setting_days;
  std::map<std::pair<std::int64_t, int>, domain::TermDates> setting_terms;  // by (setting, year)
  std::vector<domain::Date> imported_bank_holidays;                         // sorted
  std::map<std::int64_t, domain::LocalTimescales> local_timescales;         // by LA
  std::map<std::int64_t, domain::StatutoryClock> clocks;
  std::map<std::int64_t, domain::AlnCase> cases;
  std::map<std::int64_t, app::CaseDocument> case_documents;
  std::map<std::int64_t, domain::LaDecisionSettings> decision_settings;  // by LA
  std::map<std::int64_t, domain::Idp> idps;
  std::map<std::int64_t, domain::OnePageProfile> profiles;
  std::map<std::int64_t, app::ProfilePhoto> photos;
  std::map<std::int64_t, domain::LegacySenRecord> legacy;
  std::map<std::int64_t, domain::Panel> panels;
  std::map<std::int64_t, domain::PanelMeeting> meetings;
  std::map<std::int64_t, domain::PanelReferral> referrals;
  std::map<std::int64_t, app::PanelPaper> papers;
  std::map<std::int64_t, domain::ProvisionMap> provision_maps;
  std::map<std::int64_t, domain::DeliveryRecord> deliveries;
  std::map<std::int64_t, domain::SpecialistProvision> specialist_provisions;
  std::map<std::int64_t, domain::SpecialistEquipment> equipment;
  std::map<std::int64_t, domain::SchoolReview> school_reviews;
  std::map<std::int64_t, domain::FamilyContact> family_contacts;

  // The id given to the next row of a table.
  template <typename Row>
  static std::int64_t NextId(const std::map<std::int64_t, Row>& rows) {
    return rows.empty() ? 1 : rows.rbegin()->first + 1;
  }
};

namespace {

using app::Result;
using app::Status;
using app::TxMode;
using domain::Error;

// SQLite's NOCASE collation: bytes compared with only ASCII A-Z folded to a-z.
char FoldAscii(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

std::string FoldAscii(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = FoldAscii(c);
  return out;
}

int CompareNoCase(std::string_view a, std::string_view b) {
  return std::string_view(FoldAscii(a)).compare(FoldAscii(b));
}

bool MatchesText(const domain::Learner& learner, const std::string& term) {
  if (term.empty()) return true;
  std::string folded = FoldAscii(term);
  for (const std::string& haystack : {learner.legal_first_name + " " + learner.legal_last_name,
                                      learner.preferred_name + " " + learner.legal_last_name}) {
    if (FoldAscii(haystack).find(folded) != std::string::npos) return true;
  }
  auto prefix = domain::UpnSearchPrefix(term);
  return prefix && learner.upn.str().rfind(*prefix, 0) == 0;
}

bool RegisteredAt(const domain::Learner& learner, domain::SettingId setting, domain::Date on) {
  return std::any_of(
      learner.registrations.begin(), learner.registrations.end(),
      [&](const domain::Registration& r) { return r.setting == setting && r.ActiveOn(on); });
}

bool LearnerOrder(const domain::Learner* a, const domain::Learner* b) {
  if (int c = CompareNoCase(a->legal_last_name, b->legal_last_name); c != 0) return c < 0;
  if (int c = CompareNoCase(a->legal_first_name, b->legal_first_name); c != 0) return c < 0;
  return a->id < b->id;
}

template <typename T>
std::vector<T> Page(const std::vector<T>& all, int offset, int limit) {
  std::size_t from = static_cast<std::size_t>(std::max(offset, 0));
  std::size_t count = static_cast<std::size_t>(std::max(limit, 0));
  if (from >= all.size()) return {};
  return std::vector<T>(
      all.begin() + static_cast<std::ptrdiff_t>(from),
      all.begin() + static_cast<std::ptrdiff_t>(std::min(all.size(), from + count)));
}

template <typename Row, typename IdT>
bool Has(const std::map<std::int64_t, Row>& rows, IdT id) {
  return rows.count(id.value()) > 0;
}

template <typename Row, typename IdT>
std::optional<Row> Find(const std::map<std::int64_t, Row>& rows, IdT id) {
  auto it = rows.find(id.value());
  if (it == rows.end()) return std::nullopt;
  return it->second;
}

Error MissingReference() { return Error::Internal("store_error_missing_reference"); }

class MemoryUnitOfWork;

// What every repository of one unit of work shares.
class Context {
 public:
  Context(std::unique_lock<std::mutex> lock, MemoryState& live, TxMode mode)
      : lock_(std::move(lock)), live_(live), mode_(mode) {
    if (mode == TxMode::kWrite) working_ = std::make_unique<MemoryState>(live);
  }

  // The state this unit of work reads: its own copy while writing, else the committed state.
  MemoryState& state() { return working_ ? *working_ : live_; }

  // Ok if this unit of work may still write.
  Status Writable() const {
    if (mode_ == TxMode::kRead) return Error::Internal("store_error_read_only");
    if (committed_) return Error::Internal("store_error_finished");
    return domain::Ok();
  }

  Status Commit() {
    if (committed_) return Error::Internal("store_error_finished");
    if (working_) {
      std::swap(live_, *working_);
      working_.reset();
    }
    committed_ = true;
    return domain::Ok();
  }

 private:
  std::unique_lock<std::mutex> lock_;
  MemoryState& live_;
  TxMode mode_;
  std::unique_ptr<MemoryState> working_;
  bool committed_ = false;
};

// Adds a versioned row (version 0) under the next id, if its references exist.
template <typename Row>
auto Insert(Context& tx, std::map<std::int64_t, Row>& rows, const Row& row, bool references_exist)
    -> Result<decltype(row.id)> {
  if (auto ok = tx.Writable(); !ok) return ok.error();
  if (!references_exist) return MissingReference();
  Row stored = row;
  stored.id = decltype(row.id){MemoryState::NextId(rows)};
  stored.version = 0;
  rows[stored.id.value()] = stored;
  return stored.id;
}

// Replaces a versioned row when the versions match; the stored version goes up by one.
template <typename Row>
Status Replace(Context& tx, std::map<std::int64_t, Row>& rows, const Row& row,
               bool references_exist, const char* not_found, const char* conflict) {
  if (auto ok = tx.Writable(); !ok) return ok;
  auto it = rows.find(row.id.value());
  if (it == rows.end()) return Error::NotFound(not_found);
  if (it->second.version != row.version) return Error::Conflict(conflict);
  if (!references_exist) return MissingReference();
  it->second = row;
  ++it->second.version;
  return domain::Ok();
}

class InMemoryLocalAuthorityRepository final : public app::LocalAuthorityRepository {
 public:
  explicit InMemoryLocalAuthorityRepository(Context& tx) : tx_(tx) {}

  Result<domain::LocalAuthorityId> Add(const domain::LocalAuthority& la) override {
    if (auto ok = tx_.Writable(); !ok) return ok.error();
    auto& rows = tx_.state().local_authorities;
    for (const auto& [id, row] : rows) {
      if (row.la_number == la.la_number) {
        return Error::Conflict("local_authority_error_duplicate",
                               {{"la_number", "local_authority_error_duplicate"}});
      }
    }
    domain::LocalAuthority stored = la;
    stored.id = domain::LocalAuthorityId{MemoryState::NextId(rows)};
    rows[stored.id.value()] = stored;
    return stored.id;
  }

  std::optional<domain::LocalAuthority> Get(domain::LocalAuthorityId id) override {
    return Find(tx_.state().local_authorities, id);
  }

  std::vector<domain::LocalAuthority> List() override {
    std::vector<domain::LocalAuthority> out;
    for (const auto& [id, row] : tx_.state().local_authorities) out.push_back(row);
    std::stable_sort(out.begin(), out.end(),
                     [](const auto& a, const auto& b) { return a.la_number < b.la_number; });
    return out;
  }

  Result<domain::HealthBoardId> AddHealthBoard(const domain::HealthBoard& board) override {
    if (auto ok = tx_.Writable(); !ok) return ok.error();
    auto& rows = tx_.state().health_boards;
    domain::HealthBoard stored = board;
    stored.id = domain::HealthBoardId{MemoryState::NextId(rows)};
    rows[stored.id.value()] = stored;
    return stored.id;
  }

  std::optional<domain::HealthBoard> GetHealthBoard(domain::HealthBoardId id) override {
    return Find(tx_.state().health_boards, id);
  }

  std::vector<domain::HealthBoard> ListHealthBoards() override {
    std::vector<domain::HealthBoard> out;
    for (const auto& [id, row] : tx_.state().health_boards) out.push_back(row);
    std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
      return CompareNoCase(a.name_en, b.name_en) < 0;
    });
    return out;
  }

 private:
  Context& tx_;
};

class InMemorySettingRepository final : public app::SettingRepository {
 public:
  explicit InMemorySettingRepository(Context& tx) : tx_(tx) {}

  Result<domain::SettingId> Add(const domain::Setting& setting) override {
    if (auto ok = tx_.Writable(); !ok) return ok.error();
    MemoryState& state = tx_.state();
    for (const auto& [id, row] : state.settings) {
      if (row.local_authority == setting.local_authority &&
          row.establishment_number == setting.establishment_number) {
        return Error::Conflict("establishment_error_duplicate",
                               {{"establishment_number", "establishment_error_duplicate"}});
      }
    }
    if (!Has(state.local_authorities, setting.local_authority)) return MissingReference();
    domain::Setting stored = setting;
    stored.id = domain::SettingId{MemoryState::NextId(state.settings)};
    state.settings[stored.id.value()] = stored;
    return stored.id;
  }

  std::optional<domain::Setting> Get(domain::SettingId id) override {
    return Find(tx_.state().settings, id);
  }

  std::vector<domain::Setting> ListByLocalAuthority(domain::LocalAuthorityId la) override {
    std::vector<domain::Setting> out;
    for (const auto& [id, row] : tx_.state().settings)
      if (row.local_authority == la) out.push_back(row);
    std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
      return CompareNoCase(a.name, b.name) < 0;
    });
    return out;
  }

  std::map<int, int> CountLearnersByYearGroup(domain::SettingId id, domain::Date on) override {
    std::map<int, int> out;
    for (const auto& [learner_id, learner] : tx_.state().learners)
      if (RegisteredAt(learner, id, on)) ++out[domain::YearGroupOn(learner.date_of_birth, on)];
    return out;
  }

 private:
  Context& tx_;
};

class InMemoryLearnerRepository final : public app::LearnerRepository {
 public:
  explicit InMemoryLearnerRepository(Context& tx) : tx_(tx) {}

  Result<domain::LearnerId> Add(const domain::Learner& learner) override {
    if (auto ok = tx_.Writable(); !ok) return ok.error();
    MemoryState& state = tx_.state();
    if (auto ok = Check(learner, domain::LearnerId{}); !ok) return ok.error();
    domain::Learner stored = learner;
    stored.id = domain::LearnerId{MemoryState::NextId(state.learners)};
    stored.version = 0;
    state.learners[stored.id.value()] = stored;
    return stored.id;
  }

  Status Update(const domain::Learner& learner) override {
    if (auto ok = tx_.Writable(); !ok) return ok;
    MemoryState& state = tx_.state();
    auto it = state.learners.find(learner.id.value());
    if (it == state.learners.end()) return Error::NotFound("learner_error_not_found");
    if (it->second.version != learner.version) return Error::Conflict("learner_error_stale");
    if (auto ok = Check(learner, learner.id); !ok) return ok;
    it->second = learner;
    it->second.version = learner.version + 1;
    return domain::Ok();
  }

  std::optional<domain::Learner> Get(domain::LearnerId id) override {
    return Find(tx_.state().learners, id);
  }

  std::optional<domain::Learner> FindByUpn(const std::string& upn) override {
    for (const auto& [id, learner] : tx_.state().learners)
      if (learner.upn.str() == upn) return learner;
    return std::nullopt;
  }

  app::LearnerPage Search(const app::LearnerQuery& query) override {
    app::LearnerPage page;
    if (query.scope.Empty()) return page;
    std::string term = domain::Trim(query.text);
    std::vector<const domain::Learner*> hits;
    for (const auto& [id, learner] : tx_.state().learners) {
      if (!query.scope.Matches(learner)) continue;
      if (!MatchesText(learner, term)) continue;
      if (query.setting && !RegisteredAt(learner, *query.setting, query.scope.on)) continue;
      if (query.year_group &&
          domain::YearGroupOn(learner.date_of_birth, query.scope.on) != *query.year_group)
        continue;
      hits.push_back(&learner);
    }
    std::sort(hits.begin(), hits.end(), LearnerOrder);
    page.total = static_cast<int>(hits.size());
    for (const domain::Learner* learner : Page(hits, query.offset, query.limit))
      page.items.push_back(*learner);
    return page;
  }

  int Count() override { return static_cast<int>(tx_.state().learners.size()); }

 private:
  // The unique and foreign keys of a learner and its lists; `self` is the learner's own id when
  // updating.
  Status Check(const domain::Learner& learner, domain::LearnerId self) {
    const MemoryState& state = tx_.state();
    for (const auto& [id, other] : state.learners) {
      if (domain::LearnerId{id} != self && other.upn == learner.upn) {
        return Error::Conflict("upn_error_duplicate", {{"upn", "upn_error_duplicate"}});
      }
    }
    std::set<domain::FamilyMemberId> members;
    for (const auto& link : learner.family) {
      if (!members.insert(link.member).second) return Error::Conflict("family_error_duplicate");
    }
    std::set<domain::HealthBoardId> boards(learner.health_board_referrals.begin(),
                                           learner.health_board_referrals.end());
    if (boards.size() != learner.health_board_referrals.size()) {
      return Error::Conflict("referral_error_duplicate");
    }
    bool references_ok =
        Has(state.local_authorities, learner.local_authority) &&
        (!learner.looked_after_by || Has(state.local_authorities, *learner.looked_after_by)) &&
        std::all_of(learner.registrations.begin(), learner.registrations.end(),
                    [&](const auto& r) { return Has(state.settings, r.setting); }) &&
        std::all_of(members.begin(), members.end(),
                    [&](auto id) { return Has(state.family_members, id); }) &&
        std::all_of(boards.begin(), boards.end(),
                    [&](auto id) { return Has(state.health_boards, id); });
    if (!references_ok) return MissingReference();
    return domain::Ok();
  }

  Context& tx_;
};

class InMemoryFamilyRepository final : public app::FamilyRepository {
 public:
  explicit InMemoryFamilyRepository(Context& tx) : tx_(tx) {}

  Result<domain::FamilyMemberId> Add(const domain::FamilyMember& member) override {
    if (auto ok = tx_.Writable(); !ok) return ok.error();
    MemoryState& state = tx_.state();
    if (!Has(state.local_authorities, member.local_authority)) return MissingReference();
    domain::FamilyMember stored = member;
    stored.id = domain::FamilyMemberId{MemoryState::NextId(state.family_members)};
    state.family_members[stored.id.value()] = stored;
    return stored.id;
  }

  std::optional<domain::FamilyMember> Get(domain::FamilyMemberId id) override {
    return Find(tx_.state().family_members, id);
  }

  std::vector<domain::FamilyMember> GetMany(
      const std::vector<domain::FamilyMemberId>& ids) override {
    std::vector<domain::FamilyMember> out;
    for (auto id : ids)
      if (auto member = Get(id)) out.push_back(std::move(*member));
    return out;
  }

 private:
  Context& tx_;
};

class InMemoryUserRepository final : public app::UserRepository {
 public:
  explicit InMemoryUserRepository(Context& tx) : tx_(tx) {}

  Result<domain::UserId> Add(const domain::User& user) override {
    if (auto ok = tx_.Writable(); !ok) return ok.error();
    if (auto ok = Check(user, domain::UserId{}); !ok) return ok.error();
    MemoryState& state = tx_.state();
    domain::User stored = user;
    stored.id = domain::UserId{MemoryState::NextId(state.users)};
    state.users[stored.id.value()] = stored;
    return stored.id;
  }

  Status Update(const domain::User& user) override {
    if (auto ok = tx_.Writable(); !ok) return ok;
    MemoryState& state = tx_.state();
    auto it = state.users.find(user.id.value());
    if (it == state.users.end()) return Error::NotFound("user_error_not_found");
    if (auto ok = Check(user, user.id); !ok) return ok;
    it->second = user;
    return domain::Ok();
  }

  std::optional<domain::User> Get(domain::UserId id) override {
    return Find(tx_.state().users, id);
  }

  std::optional<domain::User> FindByUsername(const std::string& username) override {
    for (const auto& [id, user] : tx_.state().users)
      if (user.username == username) return user;
    return std::nullopt;
  }

  std::vector<domain::User> ListByLocalAuthority(domain::LocalAuthorityId la) override {
    std::vector<domain::User> out;
    for (const auto& [id, user] : tx_.state().users)
      if (user.local_authority == la) out.push_back(user);
    std::sort(out.begin(), out.end(),
              [](const auto& a, const auto& b) { return a.username < b.username; });
    return out;
  }

 private:
  Status Check(const domain::User& user, domain::UserId self) {
    const MemoryState& state = tx_.state();
    for (const auto& [id, other] : state.users) {
      if (domain::UserId{id} != self && other.username == user.username) {
        return Error::Conflict("username_error_taken", {{"username", "username_error_taken"}});
      }
    }
    std::set<domain::SettingId> settings(user.settings.begin(), user.settings.end());
    if (settings.size() != user.settings.size()) {
      return Error::Conflict("user_settings_error_duplicate");
    }
    bool references_ok = Has(state.local_authorities, user.local_authority) &&
                         std::all_of(settings.begin(), settings.end(),
                                     [&](auto id) { return Has(state.settings, id); }) &&
                         (!user.family_member || Has(state.family_members, *user.family_member)) &&
                         (!user.learner || Has(state.learners, *user.learner)) &&
                         (!user.health_board || Has(state.health_boards, *user.health_board));
    if (!references_ok) return MissingReference();
    return domain::Ok();
  }

  Context& tx_;
};

class InMemorySessionRepository final : public app::SessionRepository {
 public:
  explicit InMemorySessionRepository(Context& tx) : tx_(tx) {}

  Status Add(const app::Session& session) override {
    if (auto ok = tx_.Writable(); !ok) return ok;
    MemoryState& state = tx_.state();
    if (state.sessions.count(session.token_digest) > 0) {
      return Error::Conflict("session_error_duplicate");
    }
    if (!Has(state.users, session.user)) return MissingReference();
    state.sessions[session.token_digest] = session;
    return domain::Ok();
  }

  std::optional<app::Session> Find(const std::string& token_digest) override {
    const auto& sessions = tx_.state().sessions;
    auto it = sessions.find(token_digest);
    if (it == sessions.end()) return std::nullopt;
    return it->second;
  }

  Status Touch(const std::string& token_digest, domain::Timestamp at) override {
    if (auto ok = tx_.Writable(); !ok) return ok;
    auto& sessions = tx_.state().sessions;
    auto it = sessions.find(token_digest);
    if (it == sessions.end()) return Error::NotFound("session_error_not_found");
    it->second.last_seen_at = at;
    return domain::Ok();
  }

  Status Remove(const std::string& token_digest) override {
    if (auto ok = tx_.Writable(); !ok) return ok;
    tx_.state().sessions.erase(token_digest);
    return domain::Ok();
  }

  Status RemoveForUser(domain::UserId user) override {
    if (auto ok = tx_.Writable(); !ok) return ok;
    std::erase_if(tx_.state().sessions,
                  [&](const auto& entry) { return entry.second.user == user; });
    return domain::Ok();
  }

  Status RemoveExpired(domain::Timestamp idle_before, domain::Timestamp created_before) override {
    if (auto ok = tx_.Writable(); !ok) return ok;
    std::erase_if(tx_.state().sessions, [&](const auto& entry) {
      return entry.second.last_seen_at < idle_before || entry.second.created_at < created_before;
    });
    return domain::Ok();
  }

 private:
  Context& tx_;
};

class InMemoryAuditLog final : public app::AuditLog {
 public:
  explicit InMemoryAuditLog(Context& tx) : tx_(tx) {}

  Status Append(const domain::AuditEvent& event) override {
    if (auto ok = tx_.Writable(); !ok) return ok;
    MemoryState& state = tx_.state();
    if (!Has(state.local_authorities, event.local_authority)) return MissingReference();
    domain::AuditEvent stored = event;
    stored.id = domain::AuditEventId{state.audit.empty() ? 1 : state.audit.back().id.value() + 1};
    state.audit.push_back(std::move(stored));
    return domain::Ok();
  }

  app::AuditPage Search(const app::AuditQuery& query) override {
    std::vector<const domain::AuditEvent*> hits;
    for (const auto& event : tx_.state().audit) {
      if (event.local_authority != query.local_authority &&
          event.learner_local_authority != query.local_authority)
        continue;
      if (query.learner && event.learner != query.learner) continue;
      if (!query.username.empty() && event.username != query.username) continue;
      hits.push_back(&event);
    }
    std::sort(hits.begin(), hits.end(), [](const auto* a, const auto* b) {
      return a->at != b->at ? a->at > b->at : a->id > b->id;
    });
    app::AuditPage page;
    page.total = static_cast<int>(hits.size());
    for (const auto* event : Page(hits, query.offset, query.limit)) page.items.push_back(*event);
    return page;
  }

 private:
  Context& tx_;
};

class InMemoryCalendarRepository final : public app::CalendarRepository {
 public:
  explicit InMemoryCalendarRepository(Context& tx) : tx_(tx) {}

  std::optional<domain::TermDates> GetTermDates(domain::LocalAuthorityId la,
                                                int academic_year) override {
    auto& rows = tx_.state().term_dates;
    auto it = rows.find({la.value(), academic_year});
    if (it == rows.end()) return std::nullopt;
    return it->second;
  }

  std::vector<domain::TermDates> ListTermDates(domain::LocalAuthorityId la) override {
    std::vector<domain::TermDates> out;
    for (const auto& [key, dates] : tx_.state().term_dates)
      if (key.first == la.value()) out.push_back(dates);
    return out;
  }

  Status PutTermDates(const domain::TermDates& dates) override {
    if (auto ok = tx_.Writable(); !ok) return ok;
    MemoryState& state = tx_.state();
    if (!Has(state.local_authorities, dates.local_authority)) return MissingReference();
    domain::TermDates stored = dates;
    std::sort(stored.terms.begin(), stored.terms.end(),
              [](const auto& a, const auto& b) { return a.name < b.name; });
    state.term_dates[{dates.local_authority.value(), dates.academic_year}] = std::move(stored);
    return domain::Ok();
  }

  std::vector<domain::TermDates> ListSettingTermDates(domain::SettingId setting) override {
    std::vector<domain::TermDates> out;
    for (const auto& [key, dates] : tx_.state().setting_terms)
      if (key.first == setting.value()) out.push_back(dates);
    return out;
  }

  Status PutSettingTermDates(domain::SettingId setting, const domain::TermDates& dates) override {
    if (auto ok = tx_.Writable(); !ok) return ok;
    MemoryState& state = tx_.state();
    auto it = state.settings.find(setting.value());
    if (it == state.settings.end()) return MissingReference();
    domain::TermDates stored = dates;
    stored.local_authority = it->second.local_authority;
    std::sort(stored.terms.begin(), stored.terms.end(),
              [](const auto& a, const auto& b) { return a.name < b.name; });
    state.setting_terms[{setting.value(), dates.academic_year}] = std::move(stored);
    return domain::Ok();
  }

  Status RemoveSettingTermDates(domain::SettingId setting, int academic_year) override {
    if (auto ok = tx_.Writable(); !ok) return ok;
    if (tx_.state().setting_terms.erase({setting.value(), academic_year}) == 0)
      return Error::NotFound("term_error_year_missing");
    return domain::Ok();
  }

  Result<std::int64_t> AddSettingDay(const domain::SettingDay& day) override {
    if (auto ok = tx_.Writable(); !ok) return ok.error();
    MemoryState& state = tx_.state();
    if (!Has(state.settings, day.setting)) return MissingReference();
    for (const auto& [id, existing] : state.setting_days) {
      if (existing.setting == day.setting && existing.date == day.date)
        return Error::Conflict("calendar_error_day_taken", {{"date", "calendar_error_day_taken"}});
    }
    domain::SettingDay stored = day;
    stored.id = MemoryState::NextId(state.setting_days);
    state.setting_days[stored.id] = stored;
    return stored.id;
  }

  Status RemoveSettingDay(domain::SettingId setting, std::int64_t id) override {
    if (auto ok = tx_.Writable(); !ok) return ok;
    auto& rows = tx_.state().setting_days;
    auto it = rows.find(id);
    if (it == rows.end() || it->second.setting != setting)
      return Error::NotFound("calendar_error_day_not_found");
    rows.erase(it);
    return domain::Ok();
  }

  std::vector<domain::SettingDay> ListSettingDays(domain::SettingId setting) override {
    std::vector<domain::SettingDay> out;
    for (const auto& [id, day] : tx_.state().setting_days)
      if (day.setting == setting) out.push_back(day);
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
      return a.date != b.date ? a.date < b.date : a.id < b.id;
    });
    return out;
  }

  std::vector<domain::Date> ImportedBankHolidays() override {
    return tx_.state().imported_bank_holidays;
  }

  Status PutImportedBankHolidays(const std::vector<domain::Date>& dates) override {
    if (auto ok = tx_.Writable(); !ok) return ok;
    auto& stored = tx_.state().imported_bank_holidays;
    stored = domain::WithImported(stored, dates);
    return domain::Ok();
  }

  domain::LocalTimescales GetLocalTimescales(domain::LocalAuthorityId la) override {
    auto& rows = tx_.state().local_timescales;
    auto it = rows.find(la.value());
    return it == rows.end() ? domain::LocalTimescales{} : it->second;
  }

  Status PutLocalTimescales(domain::LocalAuthorityId la,
                            const domain::LocalTimescales& values) override {
    if (auto ok = tx_.Writable(); !ok) return ok;
    if (!Has(tx_.state().local_authorities, la)) return MissingReference();
    tx_.state().local_timescales[la.value()] = values;
    return domain::Ok();
  }

 private:
  Context& tx_;
};

class InMemoryClockRepository final : public app::ClockRepository {
 public:
  explicit InMemoryClockRepository(Context& tx) : tx_(tx) {}

  Result<domain::ClockId> Add(const domain::StatutoryClock& clock) override {
    if (auto ok = tx_.Writable(); !ok) return ok.error();
    MemoryState& state = tx_.state();
    if (!Has(state.learners, clock.learner) || !Has(state.local_authorities, clock.local_authority))
      return MissingReference();
    if (clock.calendar_setting && !Has(state.settings, *clock.calendar_setting))
      return MissingReference();
    domain::StatutoryClock stored = clock;
    stored.id = domain::ClockId{MemoryState::NextId(state.clocks)};
    state.clocks[stored.id.value()] = stored;
    return stored.id;
  }

  Status Update(const domain::StatutoryClock& clock) override {
    if (auto ok = tx_.Writable(); !ok) return ok;
    auto& rows = tx_.state().clocks;
    auto it = rows.find(clock.id.value());
    if (it == rows.end()) return Error::NotFound("clock_error_not_found");
    it->second = clock;
    return domain::Ok();
  }

  std::optional<domain::StatutoryClock> Get(domain::ClockId id) override {
    return Find(tx_.state().clocks, id);
  }

  std::vector<domain::StatutoryClock> ListForLearner(domain::LearnerId learner) override {
    std::vector<domain::StatutoryClock> out;
    for (const auto& [id, clock] : tx_.state().clocks)
      if (clock.learner == learner) out.push_back(clock);
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
      return a.started_on != b.started_on ? a.started_on > b.started_on : a.id > b.id;
    });
    return out;
  }

  std::vector<domain::StatutoryClock> ListOpen(domain::LocalAuthorityId la) override {
    std::vector<domain::StatutoryClock> out;
    for (const auto& [id, clock] : tx_.state().clocks)
      if (clock.local_authority == la && !clock.stopped_on) out.push_back(clock);
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
      return a.started_on != b.started_on ? a.started_on < b.started_on : a.id < b.id;
    });
    return out;
  }

 private:
  Context& tx_;
};

class InMemoryCaseRepository final : public app::CaseRepository {
 public:
  explicit InMemoryCaseRepository(Context& tx) : tx_(tx) {}

  // The rows a case refers to, as SQLite's foreign keys require them.
  static bool ReferencesExist(const MemoryState& state, const domain::AlnCase& c) {
    const auto& r = c.responsibility;
    return Has(state.learners, c.learner) && Has(state.local_authorities, c.local_authority) &&
           Has(state.local_authorities, r.local_authority) &&
           (!r.setting || Has(state.settings, *r.setting));
  }

  Result<domain::AlnCaseId> Add(const domain::AlnCase& aln_case) override {
    if (auto ok = tx_.Writable(); !ok) return ok.error();
    MemoryState& state = tx_.state();
    if (!ReferencesExist(state, aln_case)) return MissingReference();
    domain::AlnCase stored = aln_case;
    stored.id = domain::AlnCaseId{MemoryState::NextId(state.cases)};
    stored.version = 0;
    state.cases[stored.id.value()] = stored;
    return stored.id;
  }

  Status Update(const domain::AlnCase& aln_case) override {
    if (auto ok = tx_.Writable(); !ok) return ok;
    auto& rows = tx_.state().cases;
    auto it = rows.find(aln_case.id.value());
    if (it == rows.end()) return Error::NotFound("case_error_not_found");
    if (it->second.version != aln_case.version) return Error::Conflict("case_error_conflict");
    if (!ReferencesExist(tx_.state(), aln_case)) return MissingReference();
    it->second = aln_case;
    ++it->second.version;
    return domain::Ok();
  }

  std::optional<domain::AlnCase> Get(domain::AlnCaseId id) override {
    return Find(tx_.state().cases, id);
  }

  std::vector<domain::AlnCase> ListForLearner(domain::LearnerId learner) override {
    std::vector<domain::AlnCase> out;
    for (auto it = tx_.state().cases.rbegin(); it != tx_.state().cases.rend(); ++it)
      if (it->second.learner == learner) out.push_back(it->second);
    return out;
  }

  Result<domain::CaseDocumentId> AddDocument(const app::CaseDocument& document) override {
    if (auto ok = tx_.Writable(); !ok) return ok.error();
    MemoryState& state = tx_.state();
    if (!Has(state.cases, document.aln_case) || !Has(state.users, document.uploaded_by))
      return MissingReference();
    app::CaseDocument stored = document;
    stored.id = domain::CaseDocumentId{MemoryState::NextId(state.case_documents)};
    stored.size = static_cast<std::int64_t>(document.bytes.size());
    state.case_documents[stored.id.value()] = stored;
    return stored.id;
  }

  std::optional<app::CaseDocument> GetDocument(domain::CaseDocumentId id) override {
    return Find(tx_.state().case_documents, id);
  }

  std::vector<app::CaseDocument> ListDocuments(domain::AlnCaseId aln_case) override {
    std::vector<app::CaseDocument> out;
    for (const auto& [id, doc] : tx_.state().case_documents) {
      if (doc.aln_case != aln_case) continue;
      out.push_back(doc);
      out.back().bytes.clear();
    }
    return out;
  }

  domain::LaDecisionSettings GetDecisionSettings(domain::LocalAuthorityId la) override {
    const auto& rows = tx_.state().decision_settings;
    auto it = rows.find(la.value());
    return it == rows.end() ? domain::LaDecisionSettings{} : it->second;
  }

  Status PutDecisionSettings(domain::LocalAuthorityId la,
                             const domain::LaDecisionSettings& settings) override {
    if (auto ok = tx_.Writable(); !ok) return ok;
    if (!Has(tx_.state().local_authorities, la)) return MissingReference();
    tx_.state().decision_settings[la.value()] = settings;
    return domain::Ok();
  }

 private:
  Context& tx_;
};

class InMemoryPlanRepository final : public app::PlanRepository {
 public:
  explicit InMemoryPlanRepository(Context& tx) : tx_(tx) {}

  // The rows a plan refers to, as SQLite's foreign keys require them.
  static bool ReferencesExist(const MemoryState& state, const domain::Idp& idp) {
    return Has(state.learners, idp.learner) && Has(state.local_authorities, idp.local_authority) &&
           Has(state.local_authorities, idp.maintaining_la) &&
           (!idp.setting || Has(state.settings, *idp.setting)) &&
           (!idp.aln_case || Has(state.cases, *idp.aln_case));
  }

  Result<domain::IdpId> Add(const domain::Idp& idp) override {
    return Insert(tx_, tx_.state().idps, idp, ReferencesExist(tx_.state(), idp));
  }

  Status Update(const domain::Idp& idp) override {
    return Replace(tx_, tx_.state().idps, idp, ReferencesExist(tx_.state(), idp),
                   "idp_error_not_found", "idp_error_conflict");
  }

  std::optional<domain::Idp> Get(domain::IdpId id) override { return Find(tx_.state().idps, id); }

  std::vector<domain::Idp> ListForLearner(domain::LearnerId learner) override {
    return LatestFirst(tx_.state().idps, learner);
  }

  Result<domain::OnePageProfileId> AddProfile(const domain::OnePageProfile& p) override {
    return Insert(tx_, tx_.state().profiles, p, ProfileReferencesExist(p));
  }

  Status UpdateProfile(const domain::OnePageProfile& p) override {
    return Replace(tx_, tx_.state().profiles, p, ProfileReferencesExist(p),
                   "profile_error_not_found", "profile_error_conflict");
  }

  std::optional<domain::OnePageProfile> GetProfile(domain::OnePageProfileId id) override {
    return Find(tx_.state().profiles, id);
  }

  std::vector<domain::OnePageProfile> ListProfilesForLearner(domain::LearnerId learner) override {
    return LatestFirst(tx_.state().profiles, learner);
  }

  Result<domain::PhotoId> AddPhoto(const app::ProfilePhoto& photo) override {
    if (auto ok = tx_.Writable(); !ok) return ok.error();
    MemoryState& state = tx_.state();
    if (!Has(state.learners, photo.learner) || !Has(state.users, photo.uploaded_by)) {
      return MissingReference();
    }
    app::ProfilePhoto stored = photo;
    stored.id = domain::PhotoId{MemoryState::NextId(state.photos)};
    state.photos[stored.id.value()] = stored;
    return stored.id;
  }

  std::optional<app::ProfilePhoto> GetPhoto(domain::PhotoId id) override {
    return Find(tx_.state().photos, id);
  }

  Result<domain::LegacySenRecordId> PutLegacy(const domain::LegacySenRecord& r) override {
    MemoryState& state = tx_.state();
    const bool refs =
        Has(state.learners, r.learner) && Has(state.local_authorities, r.local_authority);
    if (!r.id.valid()) {
      if (auto ok = tx_.Writable(); !ok) return ok.error();
      for (const auto& [id, row] : state.legacy) {
        if (row.learner == r.learner) return Error::Conflict("legacy_error_exists");
      }
      return Insert(tx_, state.legacy, r, refs);
    }
    if (auto ok =
            Replace(tx_, state.legacy, r, refs, "legacy_error_not_found", "legacy_error_conflict");
        !ok) {
      return ok.error();
    }
    return r.id;
  }

  std::optional<domain::LegacySenRecord> GetLegacyForLearner(domain::LearnerId learner) override {
    for (const auto& [id, row] : tx_.state().legacy)
      if (row.learner == learner) return row;
    return std::nullopt;
  }

  std::vector<domain::LegacySenRecord> ListLegacy(domain::LocalAuthorityId la) override {
    std::vector<domain::LegacySenRecord> out;
    for (const auto& [id, row] : tx_.state().legacy)
      if (row.local_authority == la) out.push_back(row);
    return out;
  }

 private:
  bool ProfileReferencesExist(const domain::OnePageProfile& p) const {
    const MemoryState& state = tx_.state();
    return Has(state.learners, p.learner) && Has(state.local_authorities, p.local_authority) &&
           (!p.setting || Has(state.settings, *p.setting));
  }

  template <typename Row>
  static std::vector<Row> LatestFirst(const std::map<std::int64_t, Row>& rows,
                                      domain::LearnerId learner) {
    std::vector<Row> out;
    for (auto it = rows.rbegin(); it != rows.rend(); ++it)
      if (it->second.learner == learner) out.push_back(it->second);
    return out;
  }

  Context& tx_;
};

class InMemoryPanelRepository final : public app::PanelRepository {
 public:
  explicit InMemoryPanelRepository(Context& tx) : tx_(tx) {}

  Result<domain::PanelId> AddPanel(const domain::Panel& panel) override {
    return Insert(tx_, tx_.state().panels, panel, PanelReferencesExist(panel));
  }

  Status UpdatePanel(const domain::Panel& panel) override {
    return Replace(tx_, tx_.state().panels, panel, PanelReferencesExist(panel),
                   "panel_error_not_found", "panel_error_conflict");
  }

  std::optional<domain::Panel> GetPanel(domain::PanelId id) override {
    return Find(tx_.state().panels, id);
  }

  std::vector<domain::Panel> ListPanels(domain::LocalAuthorityId la) override {
    std::vector<domain::Panel> out;
    for (const auto& [id, panel] : tx_.state().panels)
      if (panel.local_authority == la) out.push_back(panel);
    std::stable_sort(out.begin(), out.end(),
                     [](const auto& a, const auto& b) { return a.min_age < b.min_age; });
    return out;
  }

  Result<domain::PanelMeetingId> AddMeeting(const domain::PanelMeeting& meeting) override {
    if (auto ok = tx_.Writable(); !ok) return ok.error();
    if (Clashes(meeting)) return Error::Conflict(kMeetingExists, {{"date", kMeetingExists}});
    return Insert(tx_, tx_.state().meetings, meeting, MeetingReferencesExist(meeting));
  }

  Status UpdateMeeting(const domain::PanelMeeting& meeting) override {
    if (auto ok = tx_.Writable(); !ok) return ok;
    // A clash counts only for an update that would otherwise be stored (as SQLite's unique
    // index sees it): a stale version is a conflict of versions first.
    const auto& rows = tx_.state().meetings;
    if (auto it = rows.find(meeting.id.value());
        it != rows.end() && it->second.version == meeting.version && Clashes(meeting))
      return Error::Conflict(kMeetingExists, {{"date", kMeetingExists}});
    return Replace(tx_, tx_.state().meetings, meeting, MeetingReferencesExist(meeting),
                   "panel_error_meeting_not_found", "panel_error_conflict");
  }

  std::optional<domain::PanelMeeting> GetMeeting(domain::PanelMeetingId id) override {
    return Find(tx_.state().meetings, id);
  }

  std::vector<domain::PanelMeeting> ListMeetings(domain::PanelId panel, domain::Date from,
                                                 domain::Date to) override {
    std::vector<domain::PanelMeeting> out;
    for (const auto& [id, m] : tx_.state().meetings)
      if (m.panel == panel && m.date >= from && m.date <= to) out.push_back(m);
    std::stable_sort(out.begin(), out.end(),
                     [](const auto& a, const auto& b) { return a.date < b.date; });
    return out;
  }

  Result<domain::PanelReferralId> AddReferral(const domain::PanelReferral& referral) override {
    return Insert(tx_, tx_.state().referrals, referral, ReferralReferencesExist(referral));
  }

  Status UpdateReferral(const domain::PanelReferral& referral) override {
    return Replace(tx_, tx_.state().referrals, referral, ReferralReferencesExist(referral),
                   "panel_error_referral_not_found", "panel_error_conflict");
  }

  std::optional<domain::PanelReferral> GetReferral(domain::PanelReferralId id) override {
    return Find(tx_.state().referrals, id);
  }

  std::vector<domain::PanelReferral> ListReferrals(const app::ReferralQuery& q) override {
    std::vector<domain::PanelReferral> out;
    for (const auto& [id, r] : tx_.state().referrals) {
      if (r.local_authority != q.local_authority) continue;
      if (q.panel && r.panel != *q.panel) continue;
      if (q.state && r.state != *q.state) continue;
      if (q.learner && r.learner != *q.learner) continue;
      if (q.meeting && (!r.meeting || *r.meeting != *q.meeting)) continue;
      out.push_back(r);
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const auto& a, const auto& b) { return a.referred_on < b.referred_on; });
    return out;
  }

  std::vector<domain::LearnerId> AgendaLearnersFor(domain::UserId user) override {
    const MemoryState& state = tx_.state();
    std::set<std::int64_t> learners;
    for (const auto& [id, meeting] : state.meetings) {
      auto panel = state.panels.find(meeting.panel.value());
      if (panel == state.panels.end() || !panel->second.MemberFor(user)) continue;
      for (const auto& item : meeting.items) {
        auto referral = state.referrals.find(item.referral.value());
        if (referral != state.referrals.end()) learners.insert(referral->second.learner.value());
      }
    }
    std::vector<domain::LearnerId> out;
    for (std::int64_t id : learners) out.push_back(domain::LearnerId{id});
    return out;
  }

  Result<domain::PanelPaperId> AddPaper(const app::PanelPaper& paper) override {
    if (auto ok = tx_.Writable(); !ok) return ok.error();
    MemoryState& state = tx_.state();
    if (!Has(state.referrals, paper.referral) || !Has(state.users, paper.uploaded_by))
      return MissingReference();
    app::PanelPaper stored = paper;
    stored.id = domain::PanelPaperId{MemoryState::NextId(state.papers)};
    stored.size = static_cast<std::int64_t>(paper.bytes.size());
    state.papers[stored.id.value()] = stored;
    return stored.id;
  }

  std::optional<app::PanelPaper> GetPaper(domain::PanelPaperId id) override {
    return Find(tx_.state().papers, id);
  }

  std::vector<app::PanelPaper> ListPapers(domain::PanelReferralId referral) override {
    std::vector<app::PanelPaper> out;
    for (const auto& [id, paper] : tx_.state().papers) {
      if (paper.referral != referral) continue;
      out.push_back(paper);
      out.back().bytes.clear();
    }
    return out;
  }

 private:
  // The rows each record refers to, as SQLite's foreign keys require them.
  bool PanelReferencesExist(const domain::Panel& panel) const {
    const MemoryState& state = tx_.state();
    if (!Has(state.local_authorities, panel.local_authority)) return false;
    for (const auto& member : panel.members) {
      if (member.user && !Has(state.users, *member.user)) return false;
      if (member.setting && !Has(state.settings, *member.setting)) return false;
    }
    return true;
  }

  bool MeetingReferencesExist(const domain::PanelMeeting& meeting) const {
    const MemoryState& state = tx_.state();
    if (!Has(state.panels, meeting.panel) || !Has(state.local_authorities, meeting.local_authority))
      return false;
    for (const auto& item : meeting.items)
      if (!Has(state.referrals, item.referral)) return false;
    return true;
  }

  bool ReferralReferencesExist(const domain::PanelReferral& r) const {
    const MemoryState& state = tx_.state();
    return Has(state.local_authorities, r.local_authority) && Has(state.panels, r.panel) &&
           Has(state.learners, r.learner) && Has(state.users, r.referred_by) &&
           (!r.aln_case || Has(state.cases, *r.aln_case)) && (!r.idp || Has(state.idps, *r.idp)) &&
           (!r.setting || Has(state.settings, *r.setting)) &&
           (!r.clock || Has(state.clocks, *r.clock)) &&
           (!r.meeting || Has(state.meetings, *r.meeting));
  }

  static constexpr const char* kMeetingExists = "panel_error_meeting_exists";

  // Whether another meeting of the panel, not cancelled, is on the same date.
  bool Clashes(const domain::PanelMeeting& meeting) const {
    if (meeting.state == domain::MeetingState::kCancelled) return false;
    for (const auto& [id, m] : tx_.state().meetings) {
      if (m.id != meeting.id && m.panel == meeting.panel && m.date == meeting.date &&
          m.state != domain::MeetingState::kCancelled)
        return true;
    }
    return false;
  }

  Context& tx_;
};

class InMemoryProvisionRepository final : public app::ProvisionRepository {
 public:
  explicit InMemoryProvisionRepository(Context& tx) : tx_(tx) {}

  Result<domain::ProvisionMapId> AddMap(const domain::ProvisionMap& map) override {
    if (auto ok = tx_.Writable(); !ok) return ok.error();
    if (Clashes(map)) return Error::Conflict(kMapExists, {{"academic_year", kMapExists}});
    return Insert(tx_, tx_.state().provision_maps, map, ReferencesExist(map));
  }

  Status UpdateMap(const domain::ProvisionMap& map) override {
    if (auto ok = tx_.Writable(); !ok) return ok;
    const auto& rows = tx_.state().provision_maps;
    if (auto it = rows.find(map.id.value());
        it != rows.end() && it->second.version == map.version && Clashes(map))
      return Error::Conflict(kMapExists, {{"academic_year", kMapExists}});
    return Replace(tx_, tx_.state().provision_maps, map, ReferencesExist(map),
                   "provision_error_map_not_found", "provision_error_conflict");
  }

  std::optional<domain::ProvisionMap> GetMap(domain::ProvisionMapId id) override {
    return Find(tx_.state().provision_maps, id);
  }

  std::optional<domain::ProvisionMap> FindMap(domain::SettingId setting,
                                              int academic_year) override {
    for (const auto& [id, m] : tx_.state().provision_maps)
      if (m.setting == setting && m.academic_year == academic_year) return m;
    return std::nullopt;
  }

  std::vector<domain::ProvisionMap> ListMaps(domain::SettingId setting) override {
    std::vector<domain::ProvisionMap> out;
    for (const auto& [id, m] : tx_.state().provision_maps)
      if (m.setting == setting) out.push_back(m);
    std::sort(out.begin(), out.end(),
              [](const auto& a, const auto& b) { return a.academic_year > b.academic_year; });
    return out;
  }

  std::vector<domain::ProvisionMap> ListMapsForYear(domain::LocalAuthorityId la,
                                                    int academic_year) override {
    std::vector<domain::ProvisionMap> out;
    for (const auto& [id, m] : tx_.state().provision_maps)
      if (m.local_authority == la && m.academic_year == academic_year) out.push_back(m);
    std::sort(out.begin(), out.end(),
              [](const auto& a, const auto& b) { return a.setting < b.setting; });
    return out;
  }

  Result<domain::DeliveryRecordId> AddDelivery(const domain::DeliveryRecord& record) override {
    if (auto ok = tx_.Writable(); !ok) return ok.error();
    const MemoryState& state = tx_.state();
    if (!Has(state.local_authorities, record.local_authority) ||
        !Has(state.learners, record.learner) || !Has(state.settings, record.setting) ||
        !Has(state.users, record.by) || (record.idp && !Has(state.idps, *record.idp)) ||
        (record.map && !Has(state.provision_maps, *record.map)))
      return MissingReference();
    // SQLite's CHECK constraints: exactly one target, no negative counts.
    if (record.idp.has_value() == record.map.has_value() || record.delivered < 0 ||
        record.missed < 0)
      return Error::Internal("store_error_internal");
    auto& rows = tx_.state().deliveries;
    domain::DeliveryRecord stored = record;
    stored.id = domain::DeliveryRecordId{MemoryState::NextId(rows)};
    rows[stored.id.value()] = stored;
    return stored.id;
  }

  std::optional<domain::DeliveryRecord> GetDelivery(domain::DeliveryRecordId id) override {
    return Find(tx_.state().deliveries, id);
  }

  Status RemoveDelivery(domain::DeliveryRecordId id) override {
    if (auto ok = tx_.Writable(); !ok) return ok;
    if (tx_.state().deliveries.erase(id.value()) == 0)
      return Error::NotFound("delivery_error_not_found");
    return domain::Ok();
  }

  Result<domain::SchoolReviewId> AddReview(const domain::SchoolReview& r) override {
    if (auto ok = tx_.Writable(); !ok) return ok.error();
    if (ReviewClashes(r)) return Error::Conflict(kReviewExists, {{"academic_year", kReviewExists}});
    return Insert(tx_, tx_.state().school_reviews, r, ReviewReferencesExist(r));
  }

  Status UpdateReview(const domain::SchoolReview& r) override {
    if (auto ok = tx_.Writable(); !ok) return ok;
    const auto& rows = tx_.state().school_reviews;
    if (auto it = rows.find(r.id.value());
        it != rows.end() && it->second.version == r.version && ReviewClashes(r))
      return Error::Conflict(kReviewExists, {{"academic_year", kReviewExists}});
    return Replace(tx_, tx_.state().school_reviews, r, ReviewReferencesExist(r),
                   "review_error_not_found", "review_error_conflict");
  }

  std::optional<domain::SchoolReview> FindReview(domain::SettingId setting,
                                                 int academic_year) override {
    for (const auto& [id, r] : tx_.state().school_reviews)
      if (r.setting == setting && r.academic_year == academic_year) return r;
    return std::nullopt;
  }

  std::vector<domain::SchoolReview> ListReviews(domain::LocalAuthorityId la,
                                                int academic_year) override {
    std::vector<domain::SchoolReview> out;
    for (const auto& [id, r] : tx_.state().school_reviews)
      if (r.local_authority == la && r.academic_year == academic_year) out.push_back(r);
    std::stable_sort(out.begin(), out.end(),
                     [](const auto& a, const auto& b) { return a.setting < b.setting; });
    return out;
  }

  std::vector<domain::DeliveryRecord> ListDeliveries(const app::DeliveryQuery& q) override {
    std::vector<domain::DeliveryRecord> out;
    for (const auto& [id, d] : tx_.state().deliveries) {
      if (d.on < q.from || d.on > q.through) continue;
      if (q.learner && d.learner != *q.learner) continue;
      if (q.setting && d.setting != *q.setting) continue;
      out.push_back(d);
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const auto& a, const auto& b) { return a.on < b.on; });
    return out;
  }

 private:
  static constexpr const char* kMapExists = "provision_error_map_exists";
  static constexpr const char* kReviewExists = "review_error_exists";

  bool ReviewReferencesExist(const domain::SchoolReview& r) const {
    const MemoryState& state = tx_.state();
    return Has(state.local_authorities, r.local_authority) && Has(state.settings, r.setting) &&
           Has(state.users, r.by);
  }

  bool ReviewClashes(const domain::SchoolReview& r) const {
    for (const auto& [id, other] : tx_.state().school_reviews)
      if (other.id != r.id && other.setting == r.setting && other.academic_year == r.academic_year)
        return true;
    return false;
  }

  bool ReferencesExist(const domain::ProvisionMap& map) const {
    const MemoryState& state = tx_.state();
    if (!Has(state.local_authorities, map.local_authority) || !Has(state.settings, map.setting))
      return false;
    return !map.rolled_from || Has(state.provision_maps, *map.rolled_from);
  }

  bool Clashes(const domain::ProvisionMap& map) const {
    for (const auto& [id, m] : tx_.state().provision_maps)
      if (m.id != map.id && m.setting == map.setting && m.academic_year == map.academic_year)
        return true;
    return false;
  }

  Context& tx_;
};

class InMemorySpecialistRepository final : public app::SpecialistRepository {
 public:
  explicit InMemorySpecialistRepository(Context& tx) : tx_(tx) {}

  Result<domain::SpecialistProvisionId> AddProvision(
      const domain::SpecialistProvision& p) override {
    return Insert(tx_, tx_.state().specialist_provisions, p, ReferencesExist(p));
  }

  Status UpdateProvision(const domain::SpecialistProvision& p) override {
    return Replace(tx_, tx_.state().specialist_provisions, p, ReferencesExist(p),
                   "specialist_error_not_found", "specialist_error_conflict");
  }

  std::optional<domain::SpecialistProvision> GetProvision(
      domain::SpecialistProvisionId id) override {
    return Find(tx_.state().specialist_provisions, id);
  }

  std::vector<domain::SpecialistProvision> ListProvisions(domain::LocalAuthorityId la) override {
    std::vector<domain::SpecialistProvision> out;
    for (const auto& [id, p] : tx_.state().specialist_provisions)
      if (p.local_authority == la) out.push_back(p);
    // SQLite's order: kind, then name (BINARY), then id.
    std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
      if (a.kind != b.kind) return a.kind < b.kind;
      return a.name < b.name;
    });
    return out;
  }

  Result<domain::EquipmentId> AddEquipment(const domain::SpecialistEquipment& e) override {
    return Insert(tx_, tx_.state().equipment, e, ReferencesExist(e));
  }

  Status UpdateEquipment(const domain::SpecialistEquipment& e) override {
    return Replace(tx_, tx_.state().equipment, e, ReferencesExist(e), "equipment_error_not_found",
                   "specialist_error_conflict");
  }

  std::optional<domain::SpecialistEquipment> GetEquipment(domain::EquipmentId id) override {
    return Find(tx_.state().equipment, id);
  }

  std::vector<domain::SpecialistEquipment> ListEquipment(domain::LocalAuthorityId la) override {
    std::vector<domain::SpecialistEquipment> out;
    for (const auto& [id, e] : tx_.state().equipment)
      if (e.local_authority == la) out.push_back(e);
    std::stable_sort(out.begin(), out.end(),
                     [](const auto& a, const auto& b) { return a.bought_on > b.bought_on; });
    return out;
  }

 private:
  bool ReferencesExist(const domain::SpecialistProvision& p) const {
    const MemoryState& state = tx_.state();
    if (!Has(state.local_authorities, p.local_authority) || !Has(state.settings, p.setting))
      return false;
    for (const auto& x : p.placements)
      if (!Has(state.learners, x.learner)) return false;
    return true;
  }

  bool ReferencesExist(const domain::SpecialistEquipment& e) const {
    const MemoryState& state = tx_.state();
    return Has(state.local_authorities, e.local_authority) &&
           (!e.setting || Has(state.settings, *e.setting)) &&
           (!e.learner || Has(state.learners, *e.learner));
  }

  Context& tx_;
};

class InMemoryFamilyContactRepository final : public app::FamilyContactRepository {
 public:
  explicit InMemoryFamilyContactRepository(Context& tx) : tx_(tx) {}

  Result<domain::FamilyContactId> AddContact(const domain::FamilyContact& c) override {
    return Insert(tx_, tx_.state().family_contacts, c, ReferencesExist(c));
  }

  Status UpdateContact(const domain::FamilyContact& c) override {
    return Replace(tx_, tx_.state().family_contacts, c, ReferencesExist(c),
                   "family_contact_error_not_found", "family_contact_error_conflict");
  }

  std::optional<domain::FamilyContact> GetContact(domain::FamilyContactId id) override {
    return Find(tx_.state().family_contacts, id);
  }

  Status RemoveContact(domain::FamilyContactId id) override {
    if (auto ok = tx_.Writable(); !ok) return ok;
    if (tx_.state().family_contacts.erase(id.value()) == 0)
      return Error::NotFound("family_contact_error_not_found");
    return domain::Ok();
  }

  std::vector<domain::FamilyContact> ListContacts(const app::ContactQuery& q) override {
    std::vector<domain::FamilyContact> out;
    for (const auto& [id, c] : tx_.state().family_contacts) {
      if (c.on < q.from || c.on > q.through) continue;
      if (q.local_authority && c.local_authority != *q.local_authority) continue;
      if (q.learner && c.learner != *q.learner) continue;
      if (q.setting && c.setting != q.setting) continue;
      out.push_back(c);
    }
    // SQLite's order: date, then id, both descending (the map holds them by id).
    std::reverse(out.begin(), out.end());
    std::stable_sort(out.begin(), out.end(),
                     [](const auto& a, const auto& b) { return a.on > b.on; });
    return out;
  }

 private:
  bool ReferencesExist(const domain::FamilyContact& c) const {
    const MemoryState& state = tx_.state();
    return Has(state.local_authorities, c.local_authority) && Has(state.learners, c.learner) &&
           (!c.setting || Has(state.settings, *c.setting)) &&
           (!c.family_member || Has(state.family_members, *c.family_member)) &&
           Has(state.users, c.by);
  }

  Context& tx_;
};

class MemoryUnitOfWork final : public app::UnitOfWork {
 public:
  MemoryUnitOfWork(std::unique_lock<std::mutex> lock, MemoryState& live, TxMode mode)
      : tx_(std::move(lock), live, mode) {}

  app::LocalAuthorityRepository& LocalAuthorities() override { return local_authorities_; }
  app::SettingRepository& Settings() override { return settings_; }
  app::LearnerRepository& Learners() override { return learners_; }
  app::FamilyRepository& Families() override { return families_; }
  app::UserRepository& Users() override { return users_; }
  app::SessionRepository& Sessions() override { return sessions_; }
  app::AuditLog& Audit() override { return audit_; }
  app::CalendarRepository& Calendars() override { return calendars_; }
  app::ClockRepository& Clocks() override { return clocks_; }
  app::CaseRepository& Cases() override { return cases_; }
  app::PlanRepository& Plans() override { return plans_; }
  app::PanelRepository& Panels() override { return panels_; }
  app::ProvisionRepository& Provision() override { return provision_; }
  app::SpecialistRepository& Specialist() override { return specialist_; }
  app::FamilyContactRepository& FamilyContacts() override { return family_contacts_; }
  Status Commit() override { return tx_.Commit(); }

 private:
  Context tx_;
  InMemoryLocalAuthorityRepository local_authorities_{tx_};
  InMemorySettingRepository settings_{tx_};
  InMemoryLearnerRepository learners_{tx_};
  InMemoryFamilyRepository families_{tx_};
  InMemoryUserRepository users_{tx_};
  InMemorySessionRepository sessions_{tx_};
  InMemoryAuditLog audit_{tx_};
  InMemoryCalendarRepository calendars_{tx_};
  InMemoryClockRepository clocks_{tx_};
  InMemoryCaseRepository cases_{tx_};
  InMemoryPlanRepository plans_{tx_};
  InMemoryPanelRepository panels_{tx_};
  InMemoryProvisionRepository provision_{tx_};
  InMemorySpecialistRepository specialist_{tx_};
  InMemoryFamilyContactRepository family_contacts_{tx_};
};

}  // namespace

MemoryStore::MemoryStore() : state_(std::make_unique<MemoryState>()) {}

MemoryStore::~MemoryStore() = default;

app::Result<std::unique_ptr<app::UnitOfWork>> MemoryStore::Begin(app::TxMode mode) {
  std::unique_lock<std::mutex> lock(mutex_);
  std::unique_ptr<app::UnitOfWork> uow =
      std::make_unique<MemoryUnitOfWork>(std::move(lock), *state_, mode);
  return uow;
}

}  // namespace cynnal::storage
