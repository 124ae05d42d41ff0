#include <algorithm>
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/text.h"
#include "domain/upn.h"
#include "storage/case_codec.h"
#include "storage/panel_codec.h"
#include "storage/plan_codec.h"
#include "storage/provision_codec.h"
#include "storage/sql/sql.h"

namespace cynnal::storage::sql {
namespace {

using app::Result;
using app::Status;
using app::TxMode;
using domain::Error;

// Normalised paging: no negative offsets or limits.
std::int64_t NonNegative(int value) { return std::max(value, 0); }

class SqlLocalAuthorityRepository final : public app::LocalAuthorityRepository {
 public:
  explicit SqlLocalAuthorityRepository(Tx& tx) : tx_(tx) {}

  Result<domain::LocalAuthorityId> Add(const domain::LocalAuthority& la) override {
    return tx_.Write([&]() -> Result<domain::LocalAuthorityId> {
      Query(tx_.conn(),
            "INSERT INTO local_authorities (name_en, name_cy, la_number) VALUES (?, ?, ?)")
          .OnConflict("local_authority_error_duplicate", "la_number")
          .Bind(la.name_en, la.name_cy, la.la_number)
          .Run();
      return domain::LocalAuthorityId{tx_.conn().LastInsertId()};
    });
  }

  std::optional<domain::LocalAuthority> Get(domain::LocalAuthorityId id) override {
    auto rows = Select(" WHERE id = ?", id.value());
    if (rows.empty()) return std::nullopt;
    return rows.front();
  }

  std::vector<domain::LocalAuthority> List() override {
    return Select(" ORDER BY la_number, id", std::nullopt);
  }

  Result<domain::HealthBoardId> AddHealthBoard(const domain::HealthBoard& board) override {
    return tx_.Write([&]() -> Result<domain::HealthBoardId> {
      Query(tx_.conn(), "INSERT INTO health_boards (name_en, name_cy) VALUES (?, ?)")
          .Bind(board.name_en, board.name_cy)
          .Run();
      return domain::HealthBoardId{tx_.conn().LastInsertId()};
    });
  }

  std::optional<domain::HealthBoard> GetHealthBoard(domain::HealthBoardId id) override {
    auto rows = SelectBoards(" WHERE id = ?", id.value());
    if (rows.empty()) return std::nullopt;
    return rows.front();
  }

  std::vector<domain::HealthBoard> ListHealthBoards() override {
    return SelectBoards(" ORDER BY name_en COLLATE NOCASE, id", std::nullopt);
  }

 private:
  std::vector<domain::LocalAuthority> Select(const std::string& tail,
                                             std::optional<std::int64_t> id) {
    Query q(tx_.conn(), "SELECT id, name_en, name_cy, la_number FROM local_authorities" + tail);
    if (id) q.Bind(*id);
    std::vector<domain::LocalAuthority> out;
    while (q.Next()) {
      out.push_back(
          {q.Id<domain::LocalAuthorityId>(0), q.Text(1), q.Text(2), static_cast<int>(q.Int(3))});
    }
    return out;
  }

  std::vector<domain::HealthBoard> SelectBoards(const std::string& tail,
                                                std::optional<std::int64_t> id) {
    Query q(tx_.conn(), "SELECT id, name_en, name_cy FROM health_boards" + tail);
    if (id) q.Bind(*id);
    std::vector<domain::HealthBoard> out;
    while (q.Next()) out.push_back({q.Id<domain::HealthBoardId>(0), q.Text(1), q.Text(2)});
    return out;
  }

  Tx& tx_;
};

// Whether the learner has a registration at `setting` active on `on` (SQL over learners l).
constexpr const char* kRegisteredAt =
    "l.id IN (SELECT r.learner_id FROM registrations r WHERE r.setting_id = ? AND "
    "r.start_date <= ? AND (r.end_date IS NULL OR r.end_date >= ?))";

class SqlSettingRepository final : public app::SettingRepository {
 public:
  explicit SqlSettingRepository(Tx& tx) : tx_(tx) {}

  Result<domain::SettingId> Add(const domain::Setting& setting) override {
    return tx_.Write([&]() -> Result<domain::SettingId> {
      Query(tx_.conn(),
            "INSERT INTO settings (local_authority_id, name, establishment_number, type, "
            "language_medium) VALUES (?, ?, ?, ?, ?)")
          .OnConflict("establishment_error_duplicate", "establishment_number")
          .Bind(setting.local_authority, setting.name, setting.establishment_number,
                domain::Code(setting.type), domain::Code(setting.language_medium))
          .Run();
      domain::SettingId id{tx_.conn().LastInsertId()};
      int position = 0;
      for (const domain::ResourceBase& base : setting.resource_bases) {
        Query(tx_.conn(),
              "INSERT INTO resource_bases (setting_id, position, name, area_of_need, places) "
              "VALUES (?, ?, ?, ?, ?)")
            .Bind(id, position++, base.name, base.area_of_need, base.places)
            .Run();
      }
      return id;
    });
  }

  std::optional<domain::Setting> Get(domain::SettingId id) override {
    auto rows = Select(" WHERE id = ?", id.value());
    if (rows.empty()) return std::nullopt;
    return rows.front();
  }

  std::vector<domain::Setting> ListByLocalAuthority(domain::LocalAuthorityId la) override {
    return Select(" WHERE local_authority_id = ? ORDER BY name COLLATE NOCASE, id", la.value());
  }

  std::map<int, int> CountLearnersByYearGroup(domain::SettingId id, domain::Date on) override {
    Query q(tx_.conn(),
            std::string("SELECT l.date_of_birth FROM learners l WHERE ") + kRegisteredAt);
    q.Bind(id, on, on);
    std::map<int, int> out;
    while (q.Next()) ++out[domain::YearGroupOn(q.DateAt(0), on)];
    return out;
  }

 private:
  std::vector<domain::Setting> Select(const std::string& tail, std::int64_t key) {
    std::vector<domain::Setting> out;
    {
      Query q(tx_.conn(),
              "SELECT id, local_authority_id, name, establishment_number, type, language_medium "
              "FROM settings" +
                  tail);
      q.Bind(key);
      while (q.Next()) {
        domain::Setting setting;
        setting.id = q.Id<domain::SettingId>(0);
        setting.local_authority = q.Id<domain::LocalAuthorityId>(1);
        setting.name = q.Text(2);
        setting.establishment_number = q.Text(3);
        setting.type =
            Decode<domain::SettingType>(q.Text(4), domain::SettingTypeFromCode, "a setting type");
        setting.language_medium = Decode<domain::LanguageMedium>(
            q.Text(5), domain::LanguageMediumFromCode, "a language medium");
        out.push_back(std::move(setting));
      }
    }
    for (domain::Setting& setting : out) {
      Query q(tx_.conn(),
              "SELECT name, area_of_need, places FROM resource_bases WHERE setting_id = ? "
              "ORDER BY position");
      q.Bind(setting.id);
      while (q.Next()) {
        setting.resource_bases.push_back({q.Text(0), q.Text(1), static_cast<int>(q.Int(2))});
      }
    }
    return out;
  }

  Tx& tx_;
};

// A LIKE pattern matching `term` anywhere, with LIKE's own characters escaped by '\'.
std::string ContainsPattern(const std::string& term) {
  std::string pattern = "%";
  for (char c : term) {
    if (c == '%' || c == '_' || c == '\\') pattern += '\\';
    pattern += c;
  }
  return pattern + "%";
}

constexpr const char* kLearnerColumns =
    "id, local_authority_id, legal_first_name, legal_last_name, preferred_name, date_of_birth, "
    "upn, home_language, letter_language, welsh_medium, looked_after, looked_after_by, "
    "electively_home_educated, version";

class SqlLearnerRepository final : public app::LearnerRepository {
 public:
  explicit SqlLearnerRepository(Tx& tx) : tx_(tx) {}

  Result<domain::LearnerId> Add(const domain::Learner& learner) override {
    return tx_.Write([&]() -> Result<domain::LearnerId> {
      Query(tx_.conn(),
            "INSERT INTO learners (local_authority_id, legal_first_name, legal_last_name, "
            "preferred_name, date_of_birth, upn, home_language, letter_language, welsh_medium, "
            "looked_after, looked_after_by, electively_home_educated, version) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)")
          .OnConflict("upn_error_duplicate", "upn")
          .Bind(learner.local_authority, learner.legal_first_name, learner.legal_last_name,
                learner.preferred_name, learner.date_of_birth, learner.upn.str(),
                learner.home_language, domain::Code(learner.letter_language), learner.welsh_medium,
                learner.looked_after, learner.looked_after_by, learner.electively_home_educated)
          .Run();
      domain::LearnerId id{tx_.conn().LastInsertId()};
      InsertLists(id, learner);
      return id;
    });
  }

  Status Update(const domain::Learner& learner) override {
    return tx_.Write([&]() -> Status {
      Query(tx_.conn(),
            "UPDATE learners SET local_authority_id = ?, legal_first_name = ?, "
            "legal_last_name = ?, preferred_name = ?, date_of_birth = ?, upn = ?, "
            "home_language = ?, letter_language = ?, welsh_medium = ?, looked_after = ?, "
            "looked_after_by = ?, electively_home_educated = ?, version = version + 1 "
            "WHERE id = ? AND version = ?")
          .OnConflict("upn_error_duplicate", "upn")
          .Bind(learner.local_authority, learner.legal_first_name, learner.legal_last_name,
                learner.preferred_name, learner.date_of_birth, learner.upn.str(),
                learner.home_language, domain::Code(learner.letter_language), learner.welsh_medium,
                learner.looked_after, learner.looked_after_by, learner.electively_home_educated,
                learner.id, learner.version)
          .Run();
      if (tx_.conn().Changes() == 0) {
        Query exists(tx_.conn(), "SELECT 1 FROM learners WHERE id = ?");
        exists.Bind(learner.id);
        if (!exists.Next()) return Error::NotFound("learner_error_not_found");
        return Error::Conflict("learner_error_stale");
      }
      for (const char* sql : {"DELETE FROM registrations WHERE learner_id = ?",
                              "DELETE FROM learner_family WHERE learner_id = ?",
                              "DELETE FROM learner_health_referrals WHERE learner_id = ?"}) {
        Query(tx_.conn(), sql).Bind(learner.id).Run();
      }
      InsertLists(learner.id, learner);
      return domain::Ok();
    });
  }

  std::optional<domain::Learner> Get(domain::LearnerId id) override {
    return LoadOne(std::string("SELECT ") + kLearnerColumns + " FROM learners WHERE id = ?",
                   Param{id.value()});
  }

  std::optional<domain::Learner> FindByUpn(const std::string& upn) override {
    return LoadOne(std::string("SELECT ") + kLearnerColumns + " FROM learners WHERE upn = ?",
                   Param{upn});
  }

  app::LearnerPage Search(const app::LearnerQuery& query) override {
    app::LearnerPage page;
    const domain::LearnerScope& scope = query.scope;
    if (scope.Empty()) return page;
    std::vector<Param> params;
    std::string on = domain::FormatIsoDate(scope.on);

    // The scope: any one of its conditions admits a learner (domain::LearnerScope::Matches). Each
    // is written as "l.id IN (...)" so that it is answered from an index, not a scan of learners.
    std::vector<std::string> any;
    if (scope.local_authority) {
      any.push_back("l.local_authority_id = ? OR (l.looked_after = 1 AND l.looked_after_by = ?)");
      params.insert(params.end(), {scope.local_authority->value(), scope.local_authority->value()});
    }
    if (!scope.settings.empty()) {
      std::string ids = "[";
      for (std::size_t i = 0; i < scope.settings.size(); ++i)
        ids += (i ? "," : "") + std::to_string(scope.settings[i].value());
      any.push_back(
          std::string("l.id IN (SELECT r.learner_id FROM registrations r WHERE r.setting_id IN (") +
          tx_.conn().dialect().json_ids + ") AND (r.end_date IS NULL OR r.end_date >= ?))");
      params.insert(params.end(), {ids + "]", on});
    }
    if (scope.family_member) {
      any.push_back(
          "l.id IN (SELECT f.learner_id FROM learner_family f WHERE f.family_member_id = ? AND "
          "f.parental_responsibility = 1)");
      params.push_back(scope.family_member->value());
    }
    if (scope.learner) {
      any.push_back("l.id = ?");
      params.push_back(scope.learner->value());
    }
    if (scope.health_board) {
      any.push_back(
          "l.id IN (SELECT h.learner_id FROM learner_health_referrals h WHERE "
          "h.health_board_id = ?)");
      params.push_back(scope.health_board->value());
    }
    if (!scope.learners.empty()) {
      std::string ids = "[";
      for (std::size_t i = 0; i < scope.learners.size(); ++i)
        ids += (i ? "," : "") + std::to_string(scope.learners[i].value());
      any.push_back(std::string("l.id IN (") + tx_.conn().dialect().json_ids + ")");
      params.push_back(ids + "]");
    }
    std::string where = " WHERE (";
    for (std::size_t i = 0; i < any.size(); ++i) where += (i ? ") OR (" : "(") + any[i];
    where += "))";

    // Part of "first last" or "preferred last" (case folded), or the start
    // of a UPN.
    std::string term = domain::Trim(query.text);
    if (!term.empty()) {
      std::string pattern = ContainsPattern(term);
      std::string like = tx_.conn().dialect().like;
      where += " AND ((l.legal_first_name || ' ' || l.legal_last_name) " + like +
               " ? ESCAPE '\\' OR (l.preferred_name || ' ' || l.legal_last_name) " + like +
               " ? ESCAPE '\\'";
      params.insert(params.end(), {pattern, pattern});
      if (auto prefix = domain::UpnSearchPrefix(term)) {
        std::string after = *prefix;
        ++after.back();
        where += " OR (l.upn >= ? AND l.upn < ?)";
        params.insert(params.end(), {*prefix, after});
      }
      where += ")";
    }
    if (query.setting) {
      where += std::string(" AND ") + kRegisteredAt;
      params.insert(params.end(), {query.setting->value(), on, on});
    }
    if (query.year_group) {
      // Year group g on `on` means born in the school year (1 September to 31 August) that
      // began g + 5 years before the current one (domain::YearGroupOn).
      int current = static_cast<int>(domain::SchoolYearStart(scope.on).year());
      long long cohort = static_cast<long long>(current) - 5 - *query.year_group;
      if (cohort < 1000 || cohort > 9998) {
        where += " AND 1 = 0";
      } else {
        using namespace std::chrono;
        int c = static_cast<int>(cohort);
        where += " AND l.date_of_birth BETWEEN ? AND ?";
        params.insert(params.end(),
                      {domain::FormatIsoDate(domain::Date{year{c}, September, day{1}}),
                       domain::FormatIsoDate(domain::Date{year{c + 1}, August, day{31}})});
      }
    }

    {
      Query count(tx_.conn(), "SELECT COUNT(*) FROM learners l" + where);
      count.BindAll(params);
      if (count.Next()) page.total = static_cast<int>(count.Int(0));
    }
    std::vector<std::int64_t> ids;
    {
      Query q(tx_.conn(),
              "SELECT l.id FROM learners l" + where +
                  " ORDER BY l.legal_last_name COLLATE NOCASE, l.legal_first_name COLLATE NOCASE,"
                  " l.id LIMIT ? OFFSET ?");
      q.BindAll(params).Bind(NonNegative(query.limit), NonNegative(query.offset));
      while (q.Next()) ids.push_back(q.Int(0));
    }
    for (std::int64_t id : ids) {
      if (auto learner = Get(domain::LearnerId{id})) page.items.push_back(std::move(*learner));
    }
    return page;
  }

  int Count() override {
    Query q(tx_.conn(), "SELECT COUNT(*) FROM learners");
    return q.Next() ? static_cast<int>(q.Int(0)) : 0;
  }

 private:
  void InsertLists(domain::LearnerId id, const domain::Learner& learner) {
    int position = 0;
    for (const domain::Registration& r : learner.registrations) {
      Query(tx_.conn(),
            "INSERT INTO registrations (learner_id, position, setting_id, start_date, end_date) "
            "VALUES (?, ?, ?, ?, ?)")
          .Bind(id, position++, r.setting, r.start, r.end)
          .Run();
    }
    position = 0;
    for (const domain::FamilyLink& link : learner.family) {
      Query(tx_.conn(),
            "INSERT INTO learner_family (learner_id, family_member_id, position, relationship, "
            "parental_responsibility) VALUES (?, ?, ?, ?, ?)")
          .OnConflict("family_error_duplicate")
          .Bind(id, link.member, position++, link.relationship, link.parental_responsibility)
          .Run();
    }
    position = 0;
    for (domain::HealthBoardId board : learner.health_board_referrals) {
      Query(tx_.conn(),
            "INSERT INTO learner_health_referrals (learner_id, health_board_id, position) "
            "VALUES (?, ?, ?)")
          .OnConflict("referral_error_duplicate")
          .Bind(id, board, position++)
          .Run();
    }
  }

  std::optional<domain::Learner> LoadOne(const std::string& sql, const Param& key) {
    domain::Learner learner;
    {
      Query q(tx_.conn(), sql);
      q.BindAll({key});
      if (!q.Next()) return std::nullopt;
      learner.id = q.Id<domain::LearnerId>(0);
      learner.local_authority = q.Id<domain::LocalAuthorityId>(1);
      learner.legal_first_name = q.Text(2);
      learner.legal_last_name = q.Text(3);
      learner.preferred_name = q.Text(4);
      learner.date_of_birth = q.DateAt(5);
      auto upn = domain::Upn::Parse(q.Text(6));
      if (!upn) Corrupt("a UPN");
      learner.upn = *upn;
      learner.home_language = q.Text(7);
      learner.letter_language = Decode<domain::LetterLanguage>(
          q.Text(8), domain::LetterLanguageFromCode, "a letter language");
      learner.welsh_medium = q.Bool(9);
      learner.looked_after = q.Bool(10);
      learner.looked_after_by = q.OptionalId<domain::LocalAuthorityId>(11);
      learner.electively_home_educated = q.Bool(12);
      learner.version = static_cast<int>(q.Int(13));
    }
    {
      Query q(tx_.conn(),
              "SELECT setting_id, start_date, end_date FROM registrations WHERE learner_id = ? "
              "ORDER BY position");
      q.Bind(learner.id);
      while (q.Next()) {
        learner.registrations.push_back(
            {q.Id<domain::SettingId>(0), q.DateAt(1), q.OptionalDateAt(2)});
      }
    }
    {
      Query q(tx_.conn(),
              "SELECT family_member_id, relationship, parental_responsibility FROM "
              "learner_family WHERE learner_id = ? ORDER BY position");
      q.Bind(learner.id);
      while (q.Next()) {
        learner.family.push_back({q.Id<domain::FamilyMemberId>(0), q.Text(1), q.Bool(2)});
      }
    }
    {
      Query q(tx_.conn(),
              "SELECT health_board_id FROM learner_health_referrals WHERE learner_id = ? "
              "ORDER BY position");
      q.Bind(learner.id);
      while (q.Next()) learner.health_board_referrals.push_back(q.Id<domain::HealthBoardId>(0));
    }
    return learner;
  }

  Tx& tx_;
};

class SqlFamilyRepository final : public app::FamilyRepository {
 public:
  explicit SqlFamilyRepository(Tx& tx) : tx_(tx) {}

  Result<domain::FamilyMemberId> Add(const domain::FamilyMember& member) override {
    return tx_.Write([&]() -> Result<domain::FamilyMemberId> {
      Query(tx_.conn(),
            "INSERT INTO family_members (local_authority_id, full_name, phone, email, address, "
            "preferred_language) VALUES (?, ?, ?, ?, ?, ?)")
          .Bind(member.local_authority, member.full_name, member.phone, member.email,
                member.address, domain::Code(member.preferred_language))
          .Run();
      return domain::FamilyMemberId{tx_.conn().LastInsertId()};
    });
  }

  std::optional<domain::FamilyMember> Get(domain::FamilyMemberId id) override {
    Query q(tx_.conn(),
            "SELECT id, local_authority_id, full_name, phone, email, address, preferred_language "
            "FROM family_members WHERE id = ?");
    q.Bind(id);
    if (!q.Next()) return std::nullopt;
    domain::FamilyMember member;
    member.id = q.Id<domain::FamilyMemberId>(0);
    member.local_authority = q.Id<domain::LocalAuthorityId>(1);
    member.full_name = q.Text(2);
    member.phone = q.Text(3);
    member.email = q.Text(4);
    member.address = q.Text(5);
    member.preferred_language = Decode<domain::LetterLanguage>(
        q.Text(6), domain::LetterLanguageFromCode, "a preferred language");
    return member;
  }

  std::vector<domain::FamilyMember> GetMany(
      const std::vector<domain::FamilyMemberId>& ids) override {
    std::vector<domain::FamilyMember> out;
    for (domain::FamilyMemberId id : ids)
      if (auto member = Get(id)) out.push_back(std::move(*member));
    return out;
  }

 private:
  Tx& tx_;
};

constexpr const char* kUserColumns =
    "SELECT id, username, display_name, role, local_authority_id, family_member_id, learner_id, "
    "health_board_id, language, password_hash, disabled, failed_sign_ins, locked_until "
    "FROM users";

class SqlUserRepository final : public app::UserRepository {
 public:
  explicit SqlUserRepository(Tx& tx) : tx_(tx) {}

  Result<domain::UserId> Add(const domain::User& user) override {
    return tx_.Write([&]() -> Result<domain::UserId> {
      Query(tx_.conn(),
            "INSERT INTO users (username, display_name, role, local_authority_id, "
            "family_member_id, learner_id, health_board_id, language, password_hash, disabled, "
            "failed_sign_ins, locked_until) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
          .OnConflict("username_error_taken", "username")
          .Bind(user.username, user.display_name, domain::Code(user.role), user.local_authority,
                user.family_member, user.learner, user.health_board, domain::Code(user.language),
                user.password_hash, user.disabled, user.failed_sign_ins, user.locked_until)
          .Run();
      domain::UserId id{tx_.conn().LastInsertId()};
      InsertSettings(id, user.settings);
      return id;
    });
  }

  Status Update(const domain::User& user) override {
    return tx_.Write([&]() -> Status {
      Query(tx_.conn(),
            "UPDATE users SET username = ?, display_name = ?, role = ?, local_authority_id = ?, "
            "family_member_id = ?, learner_id = ?, health_board_id = ?, language = ?, "
            "password_hash = ?, disabled = ?, failed_sign_ins = ?, locked_until = ? "
            "WHERE id = ?")
          .OnConflict("username_error_taken", "username")
          .Bind(user.username, user.display_name, domain::Code(user.role), user.local_authority,
                user.family_member, user.learner, user.health_board, domain::Code(user.language),
                user.password_hash, user.disabled, user.failed_sign_ins, user.locked_until, user.id)
          .Run();
      if (tx_.conn().Changes() == 0) return Error::NotFound("user_error_not_found");
      Query(tx_.conn(), "DELETE FROM user_settings WHERE user_id = ?").Bind(user.id).Run();
      InsertSettings(user.id, user.settings);
      return domain::Ok();
    });
  }

  std::optional<domain::User> Get(domain::UserId id) override {
    auto users = Select(" WHERE id = ?", Param{id.value()});
    if (users.empty()) return std::nullopt;
    return users.front();
  }

  std::optional<domain::User> FindByUsername(const std::string& username) override {
    auto users = Select(" WHERE username = ?", Param{username});
    if (users.empty()) return std::nullopt;
    return users.front();
  }

  std::vector<domain::User> ListByLocalAuthority(domain::LocalAuthorityId la) override {
    return Select(" WHERE local_authority_id = ? ORDER BY username, id", Param{la.value()});
  }

 private:
  void InsertSettings(domain::UserId id, const std::vector<domain::SettingId>& settings) {
    int position = 0;
    for (domain::SettingId setting : settings) {
      Query(tx_.conn(),
            "INSERT INTO user_settings (user_id, setting_id, position) VALUES (?, ?, ?)")
          .OnConflict("user_settings_error_duplicate")
          .Bind(id, setting, position++)
          .Run();
    }
  }

  std::vector<domain::User> Select(const std::string& tail, const Param& key) {
    std::vector<domain::User> out;
    {
      Query q(tx_.conn(), kUserColumns + tail);
      q.BindAll({key});
      while (q.Next()) {
        domain::User user;
        user.id = q.Id<domain::UserId>(0);
        user.username = q.Text(1);
        user.display_name = q.Text(2);
        user.role = Decode<domain::Role>(q.Text(3), domain::RoleFromCode, "a role");
        user.local_authority = q.Id<domain::LocalAuthorityId>(4);
        user.family_member = q.OptionalId<domain::FamilyMemberId>(5);
        user.learner = q.OptionalId<domain::LearnerId>(6);
        user.health_board = q.OptionalId<domain::HealthBoardId>(7);
        user.language =
            Decode<domain::LetterLanguage>(q.Text(8), domain::LetterLanguageFromCode, "a language");
        user.password_hash = q.Text(9);
        user.disabled = q.Bool(10);
        user.failed_sign_ins = static_cast<int>(q.Int(11));
        user.locked_until = q.OptionalTimestampAt(12);
        out.push_back(std::move(user));
      }
    }
    for (domain::User& user : out) {
      Query q(tx_.conn(),
              "SELECT setting_id FROM user_settings WHERE user_id = ? ORDER BY position");
      q.Bind(user.id);
      while (q.Next()) user.settings.push_back(q.Id<domain::SettingId>(0));
    }
    return out;
  }

  Tx& tx_;
};

class SqlSessionRepository final : public app::SessionRepository {
 public:
  explicit SqlSessionRepository(Tx& tx) : tx_(tx) {}

  Status Add(const app::Session& session) override {
    return tx_.Write([&]() -> Status {
      Query(tx_.conn(),
            "INSERT INTO sessions (token_digest, user_id, csrf_token, created_at, last_seen_at) "
            "VALUES (?, ?, ?, ?, ?)")
          .OnConflict("session_error_duplicate")
          .Bind(session.token_digest, session.user, session.csrf_token, session.created_at,
                session.last_seen_at)
          .Run();
      return domain::Ok();
    });
  }

  std::optional<app::Session> Find(const std::string& token_digest) override {
    Query q(tx_.conn(),
            "SELECT token_digest, user_id, csrf_token, created_at, last_seen_at FROM sessions "
            "WHERE token_digest = ?");
    q.Bind(token_digest);
    if (!q.Next()) return std::nullopt;
    return app::Session{q.Text(0), q.Id<domain::UserId>(1), q.Text(2), q.TimestampAt(3),
                        q.TimestampAt(4)};
  }

  Status Touch(const std::string& token_digest, domain::Timestamp at) override {
    return tx_.Write([&]() -> Status {
      Query(tx_.conn(), "UPDATE sessions SET last_seen_at = ? WHERE token_digest = ?")
          .Bind(at, token_digest)
          .Run();
      if (tx_.conn().Changes() == 0) return Error::NotFound("session_error_not_found");
      return domain::Ok();
    });
  }

  Status Remove(const std::string& token_digest) override {
    return tx_.Write([&]() -> Status {
      Query(tx_.conn(), "DELETE FROM sessions WHERE token_digest = ?").Bind(token_digest).Run();
      return domain::Ok();
    });
  }

  Status RemoveForUser(domain::UserId user) override {
    return tx_.Write([&]() -> Status {
      Query(tx_.conn(), "DELETE FROM sessions WHERE user_id = ?").Bind(user).Run();
      return domain::Ok();
    });
  }

  Status RemoveExpired(domain::Timestamp idle_before, domain::Timestamp created_before) override {
    return tx_.Write([&]() -> Status {
      Query(tx_.conn(), "DELETE FROM sessions WHERE last_seen_at < ? OR created_at < ?")
          .Bind(idle_before, created_before)
          .Run();
      return domain::Ok();
    });
  }

 private:
  Tx& tx_;
};

class SqlAuditLog final : public app::AuditLog {
 public:
  explicit SqlAuditLog(Tx& tx) : tx_(tx) {}

  Status Append(const domain::AuditEvent& event) override {
    return tx_.Write([&]() -> Status {
      Query(tx_.conn(),
            "INSERT INTO audit_events (local_authority_id, at, user_id, username, role, action, "
            "learner_id, learner_local_authority_id, route, request_id, detail) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
          .Bind(event.local_authority, event.at, event.user, event.username,
                domain::Code(event.role), domain::Code(event.action), event.learner,
                event.learner_local_authority, event.route, event.request_id, event.detail)
          .Run();
      return domain::Ok();
    });
  }

  app::AuditPage Search(const app::AuditQuery& query) override {
    std::string where = " WHERE (local_authority_id = ? OR learner_local_authority_id = ?)";
    std::vector<Param> params{query.local_authority.value(), query.local_authority.value()};
    if (query.learner) {
      where += " AND learner_id = ?";
      params.push_back(query.learner->value());
    }
    if (!query.username.empty()) {
      where += " AND username = ?";
      params.push_back(query.username);
    }
    app::AuditPage page;
    {
      Query count(tx_.conn(), "SELECT COUNT(*) FROM audit_events" + where);
      count.BindAll(params);
      if (count.Next()) page.total = static_cast<int>(count.Int(0));
    }
    Query q(tx_.conn(),
            "SELECT id, local_authority_id, at, user_id, username, role, action, learner_id, "
            "route, request_id, detail, learner_local_authority_id FROM audit_events" +
                where + " ORDER BY at DESC, id DESC LIMIT ? OFFSET ?");
    q.BindAll(params).Bind(NonNegative(query.limit), NonNegative(query.offset));
    while (q.Next()) {
      domain::AuditEvent event;
      event.id = q.Id<domain::AuditEventId>(0);
      event.local_authority = q.Id<domain::LocalAuthorityId>(1);
      event.at = q.TimestampAt(2);
      event.user = q.OptionalId<domain::UserId>(3);
      event.username = q.Text(4);
      event.role = Decode<domain::Role>(q.Text(5), domain::RoleFromCode, "a role");
      event.action =
          Decode<domain::AuditAction>(q.Text(6), domain::AuditActionFromCode, "an audit action");
      event.learner = q.OptionalId<domain::LearnerId>(7);
      event.route = q.Text(8);
      event.request_id = q.Text(9);
      event.detail = q.Text(10);
      event.learner_local_authority = q.OptionalId<domain::LocalAuthorityId>(11);
      page.items.push_back(std::move(event));
    }
    return page;
  }

 private:
  Tx& tx_;
};

class SqlCalendarRepository final : public app::CalendarRepository {
 public:
  explicit SqlCalendarRepository(Tx& tx) : tx_(tx) {}

  std::optional<domain::TermDates> GetTermDates(domain::LocalAuthorityId la,
                                                int academic_year) override {
    auto years = Read(la, academic_year);
    if (years.empty()) return std::nullopt;
    return years.front();
  }

  std::vector<domain::TermDates> ListTermDates(domain::LocalAuthorityId la) override {
    return Read(la, std::nullopt);
  }

  Status PutTermDates(const domain::TermDates& dates) override {
    return WriteTerms("terms", "local_authority_id", dates.local_authority.value(), dates);
  }

  std::vector<domain::TermDates> ListSettingTermDates(domain::SettingId setting) override {
    domain::LocalAuthorityId la;
    {
      Query q(tx_.conn(), "SELECT local_authority_id FROM settings WHERE id = ?");
      q.Bind(setting);
      if (!q.Next()) return {};
      la = q.Id<domain::LocalAuthorityId>(0);
    }
    return ReadTerms("setting_terms", "setting_id", setting.value(), la, std::nullopt);
  }

  Status PutSettingTermDates(domain::SettingId setting, const domain::TermDates& dates) override {
    return WriteTerms("setting_terms", "setting_id", setting.value(), dates);
  }

  Status RemoveSettingTermDates(domain::SettingId setting, int academic_year) override {
    return tx_.Write([&]() -> Status {
      Query(tx_.conn(), "DELETE FROM setting_terms WHERE setting_id = ? AND academic_year = ?")
          .Bind(setting, academic_year)
          .Run();
      if (tx_.conn().Changes() == 0) return Error::NotFound("term_error_year_missing");
      return domain::Ok();
    });
  }

  Result<std::int64_t> AddSettingDay(const domain::SettingDay& day) override {
    return tx_.Write([&]() -> Result<std::int64_t> {
      Query(tx_.conn(),
            "INSERT INTO setting_days (setting_id, day, kind, label) VALUES (?, ?, ?, ?)")
          .OnConflict("calendar_error_day_taken", "date")
          .Bind(day.setting, day.date, domain::Code(day.kind), day.label)
          .Run();
      return tx_.conn().LastInsertId();
    });
  }

  Status RemoveSettingDay(domain::SettingId setting, std::int64_t id) override {
    return tx_.Write([&]() -> Status {
      Query(tx_.conn(), "DELETE FROM setting_days WHERE id = ? AND setting_id = ?")
          .Bind(id, setting)
          .Run();
      if (tx_.conn().Changes() == 0) return Error::NotFound("calendar_error_day_not_found");
      return domain::Ok();
    });
  }

  std::vector<domain::SettingDay> ListSettingDays(domain::SettingId setting) override {
    Query q(tx_.conn(),
            "SELECT id, setting_id, day, kind, label FROM setting_days WHERE setting_id = ? "
            "ORDER BY day, id");
    q.Bind(setting);
    std::vector<domain::SettingDay> out;
    while (q.Next()) {
      domain::SettingDay day;
      day.id = q.Int(0);
      day.setting = q.Id<domain::SettingId>(1);
      day.date = q.DateAt(2);
      day.kind = Decode<domain::CalendarEntryKind>(q.Text(3), domain::CalendarEntryKindFromCode,
                                                   "a calendar day kind");
      day.label = q.Text(4);
      out.push_back(std::move(day));
    }
    return out;
  }

  std::vector<domain::Date> ImportedBankHolidays() override {
    Query q(tx_.conn(), "SELECT day FROM imported_bank_holidays ORDER BY day");
    std::vector<domain::Date> out;
    while (q.Next()) out.push_back(q.DateAt(0));
    return out;
  }

  Status PutImportedBankHolidays(const std::vector<domain::Date>& dates) override {
    return tx_.Write([&]() -> Status {
      std::set<int> years;
      for (domain::Date d : dates) years.insert(static_cast<int>(d.year()));
      for (int year : years) {
        Query(tx_.conn(), "DELETE FROM imported_bank_holidays WHERE day >= ? AND day <= ?")
            .Bind(std::to_string(year) + "-01-01", std::to_string(year) + "-12-31")
            .Run();
      }
      for (domain::Date d : dates) {
        Query(tx_.conn(),
              "INSERT INTO imported_bank_holidays (day) VALUES (?) ON CONFLICT DO NOTHING")
            .Bind(d)
            .Run();
      }
      return domain::Ok();
    });
  }

  domain::LocalTimescales GetLocalTimescales(domain::LocalAuthorityId la) override {
    Query q(tx_.conn(),
            "SELECT school_referral_school_days, panel_minutes_working_days FROM local_timescales "
            "WHERE local_authority_id = ?");
    q.Bind(la);
    if (!q.Next()) return {};
    return domain::LocalTimescales{static_cast<int>(q.Int(0)), static_cast<int>(q.Int(1))};
  }

  Status PutLocalTimescales(domain::LocalAuthorityId la,
                            const domain::LocalTimescales& values) override {
    return tx_.Write([&]() -> Status {
      Query(tx_.conn(),
            "INSERT INTO local_timescales (local_authority_id, school_referral_school_days, "
            "panel_minutes_working_days) VALUES (?, ?, ?) ON CONFLICT (local_authority_id) DO "
            "UPDATE SET school_referral_school_days = excluded.school_referral_school_days, "
            "panel_minutes_working_days = excluded.panel_minutes_working_days")
          .Bind(la, values.school_referral_school_days, values.panel_minutes_working_days)
          .Run();
      return domain::Ok();
    });
  }

 private:
  std::vector<domain::TermDates> Read(domain::LocalAuthorityId la, std::optional<int> year) {
    return ReadTerms("terms", "local_authority_id", la.value(), la, year);
  }

  // Replaces one owner's terms of dates.academic_year.
  Status WriteTerms(const std::string& table, const std::string& owner, std::int64_t key,
                    const domain::TermDates& dates) {
    return tx_.Write([&]() -> Status {
      Query(tx_.conn(), "DELETE FROM " + table + " WHERE " + owner + " = ? AND academic_year = ?")
          .Bind(key, dates.academic_year)
          .Run();
      for (const domain::Term& term : dates.terms) {
        Query(tx_.conn(), "INSERT INTO " + table + " (" + owner +
                              ", academic_year, name, start_date, end_date, half_term_start, "
                              "half_term_end) VALUES (?, ?, ?, ?, ?, ?, ?)")
            .OnConflict("term_error_duplicate")
            .Bind(key, dates.academic_year, domain::Code(term.name), term.start, term.end,
                  term.half_term_start, term.half_term_end)
            .Run();
      }
      return domain::Ok();
    });
  }

  // The terms of one owner (an LA in `terms`, a setting in `setting_terms`), by year.
  std::vector<domain::TermDates> ReadTerms(const std::string& table, const std::string& owner,
                                           std::int64_t key, domain::LocalAuthorityId la,
                                           std::optional<int> year) {
    std::string sql =
        "SELECT academic_year, name, start_date, end_date, half_term_start, half_term_end "
        "FROM " +
        table + " WHERE " + owner + " = ?";
    if (year) sql += " AND academic_year = ?";
    sql += " ORDER BY academic_year, start_date";
    Query q(tx_.conn(), sql);
    q.Bind(key);
    if (year) q.Bind(*year);
    std::vector<domain::TermDates> out;
    while (q.Next()) {
      const int academic_year = static_cast<int>(q.Int(0));
      if (out.empty() || out.back().academic_year != academic_year) {
        out.push_back(domain::TermDates{la, academic_year, {}});
      }
      domain::Term term;
      term.name = Decode<domain::TermName>(q.Text(1), domain::TermNameFromCode, "a term name");
      term.start = q.DateAt(2);
      term.end = q.DateAt(3);
      term.half_term_start = q.OptionalDateAt(4);
      term.half_term_end = q.OptionalDateAt(5);
      out.back().terms.push_back(term);
    }
    for (auto& dates : out) {
      std::sort(dates.terms.begin(), dates.terms.end(),
                [](const auto& a, const auto& b) { return a.name < b.name; });
    }
    return out;
  }

  Tx& tx_;
};

class SqlClockRepository final : public app::ClockRepository {
 public:
  explicit SqlClockRepository(Tx& tx) : tx_(tx) {}

  Result<domain::ClockId> Add(const domain::StatutoryClock& clock) override {
    return tx_.Write([&]() -> Result<domain::ClockId> {
      Query(tx_.conn(),
            "INSERT INTO clocks (local_authority_id, learner_id, calendar_setting_id, timescale, "
            "count, start_event, started_on, reference, started_by, started_at, stopped_on, "
            "due_when_stopped, stop_note, waiver_reason, waiver_details, waiver_by, waiver_at, "
            "waiver_new_target, aln_case_id, idp_id, profile_id) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
          .Bind(clock.local_authority, clock.learner, clock.calendar_setting, clock.timescale,
                clock.count, domain::Code(clock.start_event), clock.started_on, clock.reference,
                clock.started_by, clock.started_at, clock.stopped_on, clock.due_when_stopped,
                clock.stop_note)
          .BindAll(WaiverParams(clock))
          .Bind(clock.aln_case, clock.idp, clock.profile)
          .Run();
      return domain::ClockId{tx_.conn().LastInsertId()};
    });
  }

  Status Update(const domain::StatutoryClock& clock) override {
    return tx_.Write([&]() -> Status {
      Query(tx_.conn(),
            "UPDATE clocks SET calendar_setting_id = ?, timescale = ?, count = ?, start_event = ?, "
            "started_on = ?, reference = ?, stopped_on = ?, due_when_stopped = ?, stop_note = ?, "
            "waiver_reason = ?, waiver_details = ?, waiver_by = ?, waiver_at = ?, "
            "waiver_new_target = ?, aln_case_id = ?, idp_id = ?, profile_id = ? WHERE id = ?")
          .Bind(clock.calendar_setting, clock.timescale, clock.count,
                domain::Code(clock.start_event), clock.started_on, clock.reference,
                clock.stopped_on, clock.due_when_stopped, clock.stop_note)
          .BindAll(WaiverParams(clock))
          .Bind(clock.aln_case, clock.idp, clock.profile, clock.id)
          .Run();
      if (tx_.conn().Changes() == 0) return Error::NotFound("clock_error_not_found");
      return domain::Ok();
    });
  }

  std::optional<domain::StatutoryClock> Get(domain::ClockId id) override {
    auto rows = Select("WHERE id = ?", id.value());
    if (rows.empty()) return std::nullopt;
    return rows.front();
  }

  std::vector<domain::StatutoryClock> ListForLearner(domain::LearnerId learner) override {
    return Select("WHERE learner_id = ? ORDER BY started_on DESC, id DESC", learner.value());
  }

  std::vector<domain::StatutoryClock> ListOpen(domain::LocalAuthorityId la) override {
    return Select("WHERE local_authority_id = ? AND stopped_on IS NULL ORDER BY started_on, id",
                  la.value());
  }

 private:
  static std::vector<Param> WaiverParams(const domain::StatutoryClock& clock) {
    if (!clock.waiver) return {nullptr, nullptr, nullptr, nullptr, nullptr};
    const domain::Waiver& w = *clock.waiver;
    return {std::string(domain::Code(w.reason)), w.details, w.by.value(),
            domain::FormatTimestamp(w.at), domain::FormatIsoDate(w.new_target)};
  }

  std::vector<domain::StatutoryClock> Select(const std::string& where, std::int64_t key) {
    Query q(tx_.conn(),
            "SELECT id, local_authority_id, learner_id, calendar_setting_id, timescale, count, "
            "start_event, started_on, reference, started_by, started_at, stopped_on, "
            "due_when_stopped, stop_note, waiver_reason, waiver_details, waiver_by, waiver_at, "
            "waiver_new_target, aln_case_id, idp_id, profile_id FROM clocks " +
                where);
    q.Bind(key);
    std::vector<domain::StatutoryClock> out;
    while (q.Next()) {
      domain::StatutoryClock c;
      c.id = q.Id<domain::ClockId>(0);
      c.local_authority = q.Id<domain::LocalAuthorityId>(1);
      c.learner = q.Id<domain::LearnerId>(2);
      c.calendar_setting = q.OptionalId<domain::SettingId>(3);
      c.timescale = q.Text(4);
      c.count = static_cast<int>(q.Int(5));
      c.start_event =
          Decode<domain::ClockEvent>(q.Text(6), domain::ClockEventFromCode, "a clock event");
      c.started_on = q.DateAt(7);
      c.reference = q.Text(8);
      c.started_by = q.Id<domain::UserId>(9);
      c.started_at = q.TimestampAt(10);
      c.stopped_on = q.OptionalDateAt(11);
      c.due_when_stopped = q.OptionalDateAt(12);
      c.stop_note = q.Text(13);
      if (!q.Null(14)) {
        domain::Waiver w;
        w.reason = Decode<domain::WaiverReason>(q.Text(14), domain::WaiverReasonFromCode,
                                                "a waiver reason");
        w.details = q.Text(15);
        w.by = q.Id<domain::UserId>(16);
        w.at = q.TimestampAt(17);
        w.new_target = q.DateAt(18);
        c.waiver = std::move(w);
      }
      c.aln_case = q.OptionalId<domain::AlnCaseId>(19);
      c.idp = q.OptionalId<domain::IdpId>(20);
      c.profile = q.OptionalId<domain::OnePageProfileId>(21);
      out.push_back(std::move(c));
    }
    return out;
  }

  Tx& tx_;
};

// Uploaded files kept as rows (id, owner, filename, content_type, size, uploaded_by, uploaded_at,
// bytes): case documents and panel papers. `bytes_column` is "bytes", or "''" to leave them out;
// `owner` is the member that holds the owner's id.
template <typename Row, typename IdT, typename OwnerId>
std::vector<Row> SelectFiles(Tx& tx, const std::string& table, const std::string& owner_column,
                             OwnerId Row::*owner, const std::string& bytes_column,
                             const std::string& where, std::int64_t key) {
  Query q(tx.conn(), "SELECT id, " + owner_column +
                         ", filename, content_type, size, uploaded_by, uploaded_at, " +
                         bytes_column + " FROM " + table + " " + where);
  q.Bind(key);
  std::vector<Row> out;
  while (q.Next()) {
    Row d;
    d.id = q.Id<IdT>(0);
    d.*owner = q.Id<OwnerId>(1);
    d.filename = q.Text(2);
    d.content_type = q.Text(3);
    d.size = q.Int(4);
    d.uploaded_by = q.Id<domain::UserId>(5);
    d.uploaded_at = q.TimestampAt(6);
    d.bytes = q.Bytes(7);
    out.push_back(std::move(d));
  }
  return out;
}

class SqlCaseRepository final : public app::CaseRepository {
 public:
  explicit SqlCaseRepository(Tx& tx) : tx_(tx) {}

  Result<domain::AlnCaseId> Add(const domain::AlnCase& c) override {
    return tx_.Write([&]() -> Result<domain::AlnCaseId> {
      Query(tx_.conn(),
            "INSERT INTO aln_cases (local_authority_id, learner_id, stage, deciding_body, "
            "deciding_local_authority_id, deciding_setting_id, brought_on, version, record) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?)")
          .Bind(c.local_authority, c.learner, domain::Code(c.stage),
                domain::Code(c.responsibility.body), c.responsibility.local_authority,
                c.responsibility.setting, c.concern.brought_on, EncodeCase(c))
          .Run();
      return domain::AlnCaseId{tx_.conn().LastInsertId()};
    });
  }

  Status Update(const domain::AlnCase& c) override {
    return tx_.Write([&]() -> Status {
      Query(tx_.conn(),
            "UPDATE aln_cases SET stage = ?, deciding_body = ?, deciding_local_authority_id = ?, "
            "deciding_setting_id = ?, brought_on = ?, version = version + 1, record = ? "
            "WHERE id = ? AND version = ?")
          .Bind(domain::Code(c.stage), domain::Code(c.responsibility.body),
                c.responsibility.local_authority, c.responsibility.setting, c.concern.brought_on,
                EncodeCase(c), c.id, c.version)
          .Run();
      if (tx_.conn().Changes() > 0) return domain::Ok();
      Query exists(tx_.conn(), "SELECT 1 FROM aln_cases WHERE id = ?");
      exists.Bind(c.id);
      if (!exists.Next()) return Error::NotFound("case_error_not_found");
      return Error::Conflict("case_error_conflict");
    });
  }

  std::optional<domain::AlnCase> Get(domain::AlnCaseId id) override {
    auto rows = Select("WHERE id = ?", id.value());
    if (rows.empty()) return std::nullopt;
    return rows.front();
  }

  std::vector<domain::AlnCase> ListForLearner(domain::LearnerId learner) override {
    return Select("WHERE learner_id = ? ORDER BY id DESC", learner.value());
  }

  Result<domain::CaseDocumentId> AddDocument(const app::CaseDocument& d) override {
    return tx_.Write([&]() -> Result<domain::CaseDocumentId> {
      Query(tx_.conn(),
            "INSERT INTO case_documents (case_id, filename, content_type, size, uploaded_by, "
            "uploaded_at, bytes) VALUES (?, ?, ?, ?, ?, ?, ?)")
          .Bind(d.aln_case, d.filename, d.content_type, static_cast<std::int64_t>(d.bytes.size()),
                d.uploaded_by, d.uploaded_at, Blob{d.bytes})
          .Run();
      return domain::CaseDocumentId{tx_.conn().LastInsertId()};
    });
  }

  std::optional<app::CaseDocument> GetDocument(domain::CaseDocumentId id) override {
    auto rows = Documents("bytes", "WHERE id = ?", id.value());
    if (rows.empty()) return std::nullopt;
    return rows.front();
  }

  std::vector<app::CaseDocument> ListDocuments(domain::AlnCaseId aln_case) override {
    return Documents("''", "WHERE case_id = ? ORDER BY id", aln_case.value());
  }

  domain::LaDecisionSettings GetDecisionSettings(domain::LocalAuthorityId la) override {
    Query q(tx_.conn(),
            "SELECT ta_hours_threshold, post_working_days, service_phone, service_email "
            "FROM la_decision_settings WHERE local_authority_id = ?");
    q.Bind(la);
    domain::LaDecisionSettings settings;
    if (q.Next()) {
      settings.ta_hours_threshold = static_cast<int>(q.Int(0));
      settings.post_working_days = static_cast<int>(q.Int(1));
      settings.service_phone = q.Text(2);
      settings.service_email = q.Text(3);
    }
    return settings;
  }

  Status PutDecisionSettings(domain::LocalAuthorityId la,
                             const domain::LaDecisionSettings& settings) override {
    return tx_.Write([&]() -> Status {
      Query(tx_.conn(),
            "INSERT INTO la_decision_settings (local_authority_id, ta_hours_threshold, "
            "post_working_days, service_phone, service_email) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (local_authority_id) DO UPDATE SET "
            "ta_hours_threshold = excluded.ta_hours_threshold, "
            "post_working_days = excluded.post_working_days, "
            "service_phone = excluded.service_phone, service_email = excluded.service_email")
          .Bind(la, settings.ta_hours_threshold, settings.post_working_days, settings.service_phone,
                settings.service_email)
          .Run();
      return domain::Ok();
    });
  }

 private:
  std::vector<domain::AlnCase> Select(const std::string& where, std::int64_t key) {
    Query q(tx_.conn(), "SELECT id, version, record FROM aln_cases " + where);
    q.Bind(key);
    std::vector<domain::AlnCase> out;
    while (q.Next()) {
      auto decoded = DecodeCase(q.Text(2));
      if (!decoded) Corrupt("an ALN case record (" + decoded.error().message + ")");
      decoded->id = q.Id<domain::AlnCaseId>(0);
      decoded->version = static_cast<int>(q.Int(1));
      out.push_back(std::move(*decoded));
    }
    return out;
  }

  std::vector<app::CaseDocument> Documents(const std::string& bytes_column,
                                           const std::string& where, std::int64_t key) {
    return SelectFiles<app::CaseDocument, domain::CaseDocumentId>(
        tx_, "case_documents", "case_id", &app::CaseDocument::aln_case, bytes_column, where, key);
  }

  Tx& tx_;
};

// After an UPDATE ... WHERE id = ? AND version = ?: Ok when a row changed; otherwise
// kNotFound when the row is gone, kConflict when its version moved on.
Status Changed(Tx& tx, const std::string& table, std::int64_t id, const char* not_found,
               const char* conflict) {
  if (tx.conn().Changes() > 0) return domain::Ok();
  Query exists(tx.conn(), "SELECT 1 FROM " + table + " WHERE id = ?");
  exists.Bind(id);
  if (!exists.Next()) return Error::NotFound(not_found);
  return Error::Conflict(conflict);
}

// Rows of a table kept as (id, version, record), decoded; `params` bind the ?s of `where`.
template <typename Row, typename IdT, typename Decode>
std::vector<Row> SelectRecords(Tx& tx, const std::string& table, const std::string& where,
                               const std::vector<Param>& params, Decode decode, const char* what) {
  Query q(tx.conn(), "SELECT id, version, record FROM " + table + " " + where);
  q.BindAll(params);
  std::vector<Row> out;
  while (q.Next()) {
    auto decoded = decode(q.Text(2));
    if (!decoded) Corrupt(std::string(what) + " (" + decoded.error().message + ")");
    decoded->id = q.Id<IdT>(0);
    decoded->version = static_cast<int>(q.Int(1));
    out.push_back(std::move(*decoded));
  }
  return out;
}

// The first of `rows`, if any.
template <typename Row>
std::optional<Row> First(std::vector<Row> rows) {
  if (rows.empty()) return std::nullopt;
  return std::move(rows.front());
}

class SqlPlanRepository final : public app::PlanRepository {
 public:
  explicit SqlPlanRepository(Tx& tx) : tx_(tx) {}

  Result<domain::IdpId> Add(const domain::Idp& idp) override {
    return tx_.Write([&]() -> Result<domain::IdpId> {
      Query(tx_.conn(),
            "INSERT INTO idps (local_authority_id, learner_id, aln_case_id, status, body, "
            "maintaining_local_authority_id, setting_id, version, record) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?)")
          .Bind(idp.local_authority, idp.learner, idp.aln_case, domain::Code(idp.Status()),
                domain::Code(idp.body), idp.maintaining_la, idp.setting, EncodeIdp(idp))
          .Run();
      return domain::IdpId{tx_.conn().LastInsertId()};
    });
  }

  Status Update(const domain::Idp& idp) override {
    return tx_.Write([&]() -> Status {
      Query(tx_.conn(),
            "UPDATE idps SET status = ?, body = ?, maintaining_local_authority_id = ?, "
            "setting_id = ?, version = version + 1, record = ? WHERE id = ? AND version = ?")
          .Bind(domain::Code(idp.Status()), domain::Code(idp.body), idp.maintaining_la, idp.setting,
                EncodeIdp(idp), idp.id, idp.version)
          .Run();
      return Changed(tx_, "idps", idp.id.value(), "idp_error_not_found", "idp_error_conflict");
    });
  }

  std::optional<domain::Idp> Get(domain::IdpId id) override {
    auto rows = SelectPlans("WHERE id = ?", id.value());
    if (rows.empty()) return std::nullopt;
    return rows.front();
  }

  std::vector<domain::Idp> ListForLearner(domain::LearnerId learner) override {
    return SelectPlans("WHERE learner_id = ? ORDER BY id DESC", learner.value());
  }

  Result<domain::OnePageProfileId> AddProfile(const domain::OnePageProfile& p) override {
    return tx_.Write([&]() -> Result<domain::OnePageProfileId> {
      Query(tx_.conn(),
            "INSERT INTO one_page_profiles (local_authority_id, learner_id, setting_id, closed, "
            "version, record) VALUES (?, ?, ?, ?, 0, ?)")
          .Bind(p.local_authority, p.learner, p.setting, p.closed ? 1 : 0, EncodeProfile(p))
          .Run();
      return domain::OnePageProfileId{tx_.conn().LastInsertId()};
    });
  }

  Status UpdateProfile(const domain::OnePageProfile& p) override {
    return tx_.Write([&]() -> Status {
      Query(tx_.conn(),
            "UPDATE one_page_profiles SET setting_id = ?, closed = ?, version = version + 1, "
            "record = ? WHERE id = ? AND version = ?")
          .Bind(p.setting, p.closed ? 1 : 0, EncodeProfile(p), p.id, p.version)
          .Run();
      return Changed(tx_, "one_page_profiles", p.id.value(), "profile_error_not_found",
                     "profile_error_conflict");
    });
  }

  std::optional<domain::OnePageProfile> GetProfile(domain::OnePageProfileId id) override {
    auto rows = SelectProfiles("WHERE id = ?", id.value());
    if (rows.empty()) return std::nullopt;
    return rows.front();
  }

  std::vector<domain::OnePageProfile> ListProfilesForLearner(domain::LearnerId learner) override {
    return SelectProfiles("WHERE learner_id = ? ORDER BY id DESC", learner.value());
  }

  Result<domain::PhotoId> AddPhoto(const app::ProfilePhoto& photo) override {
    return tx_.Write([&]() -> Result<domain::PhotoId> {
      Query(tx_.conn(),
            "INSERT INTO profile_photos (learner_id, content_type, uploaded_by, uploaded_at, "
            "bytes) VALUES (?, ?, ?, ?, ?)")
          .Bind(photo.learner, photo.content_type, photo.uploaded_by, photo.uploaded_at,
                Blob{photo.bytes})
          .Run();
      return domain::PhotoId{tx_.conn().LastInsertId()};
    });
  }

  std::optional<app::ProfilePhoto> GetPhoto(domain::PhotoId id) override {
    Query q(tx_.conn(),
            "SELECT id, learner_id, content_type, uploaded_by, uploaded_at, bytes "
            "FROM profile_photos WHERE id = ?");
    q.Bind(id);
    if (!q.Next()) return std::nullopt;
    app::ProfilePhoto photo;
    photo.id = q.Id<domain::PhotoId>(0);
    photo.learner = q.Id<domain::LearnerId>(1);
    photo.content_type = q.Text(2);
    photo.uploaded_by = q.Id<domain::UserId>(3);
    photo.uploaded_at = q.TimestampAt(4);
    photo.bytes = q.Bytes(5);
    return photo;
  }

  Result<domain::LegacySenRecordId> PutLegacy(const domain::LegacySenRecord& r) override {
    return tx_.Write([&]() -> Result<domain::LegacySenRecordId> {
      const Param outcome =
          r.outcome ? Param(std::string(domain::Code(*r.outcome))) : Param(nullptr);
      if (!r.id.valid()) {
        Query exists(tx_.conn(), "SELECT 1 FROM legacy_sen_records WHERE learner_id = ?");
        exists.Bind(r.learner);
        if (exists.Next()) return Error::Conflict("legacy_error_exists");
        Query(tx_.conn(),
              "INSERT INTO legacy_sen_records (local_authority_id, learner_id, status, outcome, "
              "converted_on, version, record) VALUES (?, ?, ?, ?, ?, 0, ?)")
            .Bind(r.local_authority, r.learner, domain::Code(r.status))
            .BindAll({outcome})
            .Bind(r.converted_on, EncodeLegacy(r))
            .Run();
        return domain::LegacySenRecordId{tx_.conn().LastInsertId()};
      }
      Query(tx_.conn(),
            "UPDATE legacy_sen_records SET status = ?, outcome = ?, converted_on = ?, "
            "version = version + 1, record = ? WHERE id = ? AND version = ?")
          .Bind(domain::Code(r.status))
          .BindAll({outcome})
          .Bind(r.converted_on, EncodeLegacy(r), r.id, r.version)
          .Run();
      if (auto ok = Changed(tx_, "legacy_sen_records", r.id.value(), "legacy_error_not_found",
                            "legacy_error_conflict");
          !ok) {
        return ok.error();
      }
      return r.id;
    });
  }

  std::optional<domain::LegacySenRecord> GetLegacyForLearner(domain::LearnerId learner) override {
    auto rows = SelectLegacy("WHERE learner_id = ?", learner.value());
    if (rows.empty()) return std::nullopt;
    return rows.front();
  }

  std::vector<domain::LegacySenRecord> ListLegacy(domain::LocalAuthorityId la) override {
    return SelectLegacy("WHERE local_authority_id = ? ORDER BY id", la.value());
  }

 private:
  std::vector<domain::Idp> SelectPlans(const std::string& where, std::int64_t key) {
    return SelectRecords<domain::Idp, domain::IdpId>(tx_, "idps", where, {key}, DecodeIdp,
                                                     "an IDP record");
  }
  std::vector<domain::OnePageProfile> SelectProfiles(const std::string& where, std::int64_t key) {
    return SelectRecords<domain::OnePageProfile, domain::OnePageProfileId>(
        tx_, "one_page_profiles", where, {key}, DecodeProfile, "a One Page Profile record");
  }
  std::vector<domain::LegacySenRecord> SelectLegacy(const std::string& where, std::int64_t key) {
    return SelectRecords<domain::LegacySenRecord, domain::LegacySenRecordId>(
        tx_, "legacy_sen_records", where, {key}, DecodeLegacy, "a legacy SEN record");
  }

  Tx& tx_;
};

class SqlPanelRepository final : public app::PanelRepository {
 public:
  explicit SqlPanelRepository(Tx& tx) : tx_(tx) {}

  Result<domain::PanelId> AddPanel(const domain::Panel& panel) override {
    return tx_.Write([&]() -> Result<domain::PanelId> {
      Query(tx_.conn(),
            "INSERT INTO panels (local_authority_id, min_age, version, record) "
            "VALUES (?, ?, 0, ?)")
          .Bind(panel.local_authority, panel.min_age, EncodePanel(panel))
          .Run();
      domain::PanelId id{tx_.conn().LastInsertId()};
      PutMembers(id, panel);
      return id;
    });
  }

  Status UpdatePanel(const domain::Panel& panel) override {
    return tx_.Write([&]() -> Status {
      Query(tx_.conn(),
            "UPDATE panels SET local_authority_id = ?, min_age = ?, version = version + 1, "
            "record = ? WHERE id = ? AND version = ?")
          .Bind(panel.local_authority, panel.min_age, EncodePanel(panel), panel.id, panel.version)
          .Run();
      if (auto ok = Changed(tx_, "panels", panel.id.value(), "panel_error_not_found",
                            "panel_error_conflict");
          !ok)
        return ok;
      PutMembers(panel.id, panel);
      return domain::Ok();
    });
  }

  std::optional<domain::Panel> GetPanel(domain::PanelId id) override {
    return First(SelectRecords<domain::Panel, domain::PanelId>(
        tx_, "panels", "WHERE id = ?", {id.value()}, DecodePanel, "an ALN panel record"));
  }

  std::vector<domain::Panel> ListPanels(domain::LocalAuthorityId la) override {
    return SelectRecords<domain::Panel, domain::PanelId>(
        tx_, "panels", "WHERE local_authority_id = ? ORDER BY min_age, id", {la.value()},
        DecodePanel, "an ALN panel record");
  }

  Result<domain::PanelMeetingId> AddMeeting(const domain::PanelMeeting& m) override {
    return tx_.Write([&]() -> Result<domain::PanelMeetingId> {
      Query(tx_.conn(),
            "INSERT INTO panel_meetings (panel_id, local_authority_id, date, state, version, "
            "record) VALUES (?, ?, ?, ?, 0, ?)")
          .OnConflict("panel_error_meeting_exists", "date")
          .Bind(m.panel, m.local_authority, m.date, domain::Code(m.state), EncodeMeeting(m))
          .Run();
      domain::PanelMeetingId id{tx_.conn().LastInsertId()};
      PutItems(id, m);
      return id;
    });
  }

  Status UpdateMeeting(const domain::PanelMeeting& m) override {
    return tx_.Write([&]() -> Status {
      Query(tx_.conn(),
            "UPDATE panel_meetings SET panel_id = ?, local_authority_id = ?, date = ?, state = ?, "
            "version = version + 1, record = ? WHERE id = ? AND version = ?")
          .OnConflict("panel_error_meeting_exists", "date")
          .Bind(m.panel, m.local_authority, m.date, domain::Code(m.state), EncodeMeeting(m), m.id,
                m.version)
          .Run();
      if (auto ok = Changed(tx_, "panel_meetings", m.id.value(), "panel_error_meeting_not_found",
                            "panel_error_conflict");
          !ok)
        return ok;
      PutItems(m.id, m);
      return domain::Ok();
    });
  }

  std::optional<domain::PanelMeeting> GetMeeting(domain::PanelMeetingId id) override {
    return First(Meetings("WHERE id = ?", {id.value()}));
  }

  std::vector<domain::PanelMeeting> ListMeetings(domain::PanelId panel, domain::Date from,
                                                 domain::Date to) override {
    return Meetings("WHERE panel_id = ? AND date >= ? AND date <= ? ORDER BY date, id",
                    {panel.value(), domain::FormatIsoDate(from), domain::FormatIsoDate(to)});
  }

  Result<domain::PanelReferralId> AddReferral(const domain::PanelReferral& r) override {
    return tx_.Write([&]() -> Result<domain::PanelReferralId> {
      Query(tx_.conn(),
            "INSERT INTO panel_referrals (local_authority_id, panel_id, learner_id, aln_case_id, "
            "idp_id, setting_id, clock_id, meeting_id, referred_by, state, referred_on, version, "
            "record) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)")
          .Bind(r.local_authority, r.panel, r.learner, r.aln_case, r.idp, r.setting, r.clock,
                r.meeting, r.referred_by, domain::Code(r.state), r.referred_on, EncodeReferral(r))
          .Run();
      return domain::PanelReferralId{tx_.conn().LastInsertId()};
    });
  }

  Status UpdateReferral(const domain::PanelReferral& r) override {
    return tx_.Write([&]() -> Status {
      Query(tx_.conn(),
            "UPDATE panel_referrals SET local_authority_id = ?, panel_id = ?, learner_id = ?, "
            "aln_case_id = ?, idp_id = ?, setting_id = ?, clock_id = ?, meeting_id = ?, "
            "referred_by = ?, state = ?, referred_on = ?, version = version + 1, record = ? "
            "WHERE id = ? AND version = ?")
          .Bind(r.local_authority, r.panel, r.learner, r.aln_case, r.idp, r.setting, r.clock,
                r.meeting, r.referred_by, domain::Code(r.state), r.referred_on, EncodeReferral(r),
                r.id, r.version)
          .Run();
      return Changed(tx_, "panel_referrals", r.id.value(), "panel_error_referral_not_found",
                     "panel_error_conflict");
    });
  }

  std::optional<domain::PanelReferral> GetReferral(domain::PanelReferralId id) override {
    return First(Referrals("WHERE id = ?", {id.value()}));
  }

  std::vector<domain::PanelReferral> ListReferrals(const app::ReferralQuery& q) override {
    std::string where = "WHERE local_authority_id = ?";
    std::vector<Param> params{q.local_authority.value()};
    if (q.panel) {
      where += " AND panel_id = ?";
      params.emplace_back(q.panel->value());
    }
    if (q.state) {
      where += " AND state = ?";
      params.emplace_back(std::string(domain::Code(*q.state)));
    }
    if (q.learner) {
      where += " AND learner_id = ?";
      params.emplace_back(q.learner->value());
    }
    if (q.meeting) {
      where += " AND meeting_id = ?";
      params.emplace_back(q.meeting->value());
    }
    return Referrals(where + " ORDER BY referred_on, id", params);
  }

  std::vector<domain::LearnerId> AgendaLearnersFor(domain::UserId user) override {
    Query q(tx_.conn(),
            "SELECT DISTINCT r.learner_id FROM panel_member_users u "
            "JOIN panel_meetings m ON m.panel_id = u.panel_id "
            "JOIN panel_agenda_items a ON a.meeting_id = m.id "
            "JOIN panel_referrals r ON r.id = a.referral_id "
            "WHERE u.user_id = ? AND u.active = 1 ORDER BY r.learner_id");
    q.Bind(user);
    std::vector<domain::LearnerId> out;
    while (q.Next()) out.push_back(q.Id<domain::LearnerId>(0));
    return out;
  }

  Result<domain::PanelPaperId> AddPaper(const app::PanelPaper& d) override {
    return tx_.Write([&]() -> Result<domain::PanelPaperId> {
      Query(tx_.conn(),
            "INSERT INTO panel_papers (referral_id, filename, content_type, size, uploaded_by, "
            "uploaded_at, bytes) VALUES (?, ?, ?, ?, ?, ?, ?)")
          .Bind(d.referral, d.filename, d.content_type, static_cast<std::int64_t>(d.bytes.size()),
                d.uploaded_by, d.uploaded_at, Blob{d.bytes})
          .Run();
      return domain::PanelPaperId{tx_.conn().LastInsertId()};
    });
  }

  std::optional<app::PanelPaper> GetPaper(domain::PanelPaperId id) override {
    return First(Papers("bytes", "WHERE id = ?", id.value()));
  }

  std::vector<app::PanelPaper> ListPapers(domain::PanelReferralId referral) override {
    return Papers("''", "WHERE referral_id = ? ORDER BY id", referral.value());
  }

 private:
  // Rewrites the side tables of a panel's members (their accounts and schools).
  void PutMembers(domain::PanelId id, const domain::Panel& panel) {
    Query(tx_.conn(), "DELETE FROM panel_member_users WHERE panel_id = ?").Bind(id).Run();
    Query(tx_.conn(), "DELETE FROM panel_member_settings WHERE panel_id = ?").Bind(id).Run();
    for (const auto& member : panel.members) {
      if (member.user) {
        Query(tx_.conn(),
              "INSERT INTO panel_member_users (panel_id, user_id, active) VALUES (?, ?, ?) "
              "ON CONFLICT (panel_id, user_id) DO UPDATE SET "
              "active = CASE WHEN excluded.active > panel_member_users.active THEN excluded.active "
              "ELSE panel_member_users.active END")
            .Bind(id, *member.user, member.active ? 1 : 0)
            .Run();
      }
      if (member.setting) {
        Query(tx_.conn(),
              "INSERT INTO panel_member_settings (panel_id, setting_id) VALUES (?, ?) "
              "ON CONFLICT DO NOTHING")
            .Bind(id, *member.setting)
            .Run();
      }
    }
  }

  // Rewrites the side table of a meeting's agenda.
  void PutItems(domain::PanelMeetingId id, const domain::PanelMeeting& meeting) {
    Query(tx_.conn(), "DELETE FROM panel_agenda_items WHERE meeting_id = ?").Bind(id).Run();
    for (const auto& item : meeting.items) {
      Query(tx_.conn(),
            "INSERT INTO panel_agenda_items (meeting_id, referral_id) VALUES (?, ?) "
            "ON CONFLICT DO NOTHING")
          .Bind(id, item.referral)
          .Run();
    }
  }

  std::vector<domain::PanelMeeting> Meetings(const std::string& where,
                                             const std::vector<Param>& params) {
    return SelectRecords<domain::PanelMeeting, domain::PanelMeetingId>(
        tx_, "panel_meetings", where, params, DecodeMeeting, "a panel meeting record");
  }

  std::vector<domain::PanelReferral> Referrals(const std::string& where,
                                               const std::vector<Param>& params) {
    return SelectRecords<domain::PanelReferral, domain::PanelReferralId>(
        tx_, "panel_referrals", where, params, DecodeReferral, "a panel referral record");
  }

  std::vector<app::PanelPaper> Papers(const std::string& bytes_column, const std::string& where,
                                      std::int64_t key) {
    return SelectFiles<app::PanelPaper, domain::PanelPaperId>(
        tx_, "panel_papers", "referral_id", &app::PanelPaper::referral, bytes_column, where, key);
  }

  Tx& tx_;
};

class SqlProvisionRepository final : public app::ProvisionRepository {
 public:
  explicit SqlProvisionRepository(Tx& tx) : tx_(tx) {}

  Result<domain::ProvisionMapId> AddMap(const domain::ProvisionMap& m) override {
    return tx_.Write([&]() -> Result<domain::ProvisionMapId> {
      Query(tx_.conn(),
            "INSERT INTO provision_maps (local_authority_id, setting_id, academic_year, "
            "rolled_from_id, version, record) VALUES (?, ?, ?, ?, 0, ?)")
          .OnConflict("provision_error_map_exists", "academic_year")
          .Bind(m.local_authority, m.setting, m.academic_year, m.rolled_from, EncodeProvisionMap(m))
          .Run();
      return domain::ProvisionMapId{tx_.conn().LastInsertId()};
    });
  }

  Status UpdateMap(const domain::ProvisionMap& m) override {
    return tx_.Write([&]() -> Status {
      Query(tx_.conn(),
            "UPDATE provision_maps SET local_authority_id = ?, setting_id = ?, academic_year = ?, "
            "rolled_from_id = ?, version = version + 1, record = ? WHERE id = ? AND version = ?")
          .OnConflict("provision_error_map_exists", "academic_year")
          .Bind(m.local_authority, m.setting, m.academic_year, m.rolled_from, EncodeProvisionMap(m),
                m.id, m.version)
          .Run();
      return Changed(tx_, "provision_maps", m.id.value(), "provision_error_map_not_found",
                     "provision_error_conflict");
    });
  }

  std::optional<domain::ProvisionMap> GetMap(domain::ProvisionMapId id) override {
    return First(Maps("WHERE id = ?", {id.value()}));
  }

  std::optional<domain::ProvisionMap> FindMap(domain::SettingId setting,
                                              int academic_year) override {
    return First(Maps("WHERE setting_id = ? AND academic_year = ?",
                      {setting.value(), std::int64_t{academic_year}}));
  }

  std::vector<domain::ProvisionMap> ListMaps(domain::SettingId setting) override {
    return Maps("WHERE setting_id = ? ORDER BY academic_year DESC", {setting.value()});
  }

  std::vector<domain::ProvisionMap> ListMapsForYear(domain::LocalAuthorityId la,
                                                    int academic_year) override {
    return Maps("WHERE local_authority_id = ? AND academic_year = ? ORDER BY setting_id",
                {la.value(), std::int64_t{academic_year}});
  }

  Result<domain::DeliveryRecordId> AddDelivery(const domain::DeliveryRecord& d) override {
    return tx_.Write([&]() -> Result<domain::DeliveryRecordId> {
      Query(tx_.conn(),
            "INSERT INTO deliveries (local_authority_id, learner_id, setting_id, idp_id, "
            "element_key, map_id, provision_key, day, delivered, missed, reason, note, "
            "recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
          .Bind(d.local_authority, d.learner, d.setting, d.idp, d.element, d.map, d.provision, d.on,
                d.delivered, d.missed, domain::Code(d.reason), d.note, d.by, d.at)
          .Run();
      return domain::DeliveryRecordId{tx_.conn().LastInsertId()};
    });
  }

  std::optional<domain::DeliveryRecord> GetDelivery(domain::DeliveryRecordId id) override {
    return First(Deliveries("WHERE id = ?", {id.value()}));
  }

  Status RemoveDelivery(domain::DeliveryRecordId id) override {
    return tx_.Write([&]() -> Status {
      Query(tx_.conn(), "DELETE FROM deliveries WHERE id = ?").Bind(id).Run();
      if (tx_.conn().Changes() == 0) return Error::NotFound("delivery_error_not_found");
      return domain::Ok();
    });
  }

  Result<domain::SchoolReviewId> AddReview(const domain::SchoolReview& r) override {
    return tx_.Write([&]() -> Result<domain::SchoolReviewId> {
      Query(tx_.conn(),
            "INSERT INTO school_reviews (local_authority_id, setting_id, academic_year, "
            "reviewed_by, version, record) VALUES (?, ?, ?, ?, 0, ?)")
          .OnConflict("review_error_exists", "academic_year")
          .Bind(r.local_authority, r.setting, r.academic_year, r.by, EncodeSchoolReview(r))
          .Run();
      return domain::SchoolReviewId{tx_.conn().LastInsertId()};
    });
  }

  Status UpdateReview(const domain::SchoolReview& r) override {
    return tx_.Write([&]() -> Status {
      Query(tx_.conn(),
            "UPDATE school_reviews SET local_authority_id = ?, setting_id = ?, academic_year = ?, "
            "reviewed_by = ?, version = version + 1, record = ? WHERE id = ? AND version = ?")
          .OnConflict("review_error_exists", "academic_year")
          .Bind(r.local_authority, r.setting, r.academic_year, r.by, EncodeSchoolReview(r), r.id,
                r.version)
          .Run();
      return Changed(tx_, "school_reviews", r.id.value(), "review_error_not_found",
                     "review_error_conflict");
    });
  }

  std::optional<domain::SchoolReview> FindReview(domain::SettingId setting,
                                                 int academic_year) override {
    return First(SelectRecords<domain::SchoolReview, domain::SchoolReviewId>(
        tx_, "school_reviews", "WHERE setting_id = ? AND academic_year = ?",
        {setting.value(), std::int64_t{academic_year}}, DecodeSchoolReview,
        "a school review record"));
  }

  std::vector<domain::SchoolReview> ListReviews(domain::LocalAuthorityId la,
                                                int academic_year) override {
    return SelectRecords<domain::SchoolReview, domain::SchoolReviewId>(
        tx_, "school_reviews",
        "WHERE local_authority_id = ? AND academic_year = ? ORDER BY setting_id",
        {la.value(), std::int64_t{academic_year}}, DecodeSchoolReview, "a school review record");
  }

  std::vector<domain::DeliveryRecord> ListDeliveries(const app::DeliveryQuery& query) override {
    std::string where = "WHERE day >= ? AND day <= ?";
    std::vector<Param> params{domain::FormatIsoDate(query.from),
                              domain::FormatIsoDate(query.through)};
    if (query.learner) {
      where += " AND learner_id = ?";
      params.emplace_back(query.learner->value());
    }
    if (query.setting) {
      where += " AND setting_id = ?";
      params.emplace_back(query.setting->value());
    }
    return Deliveries(where + " ORDER BY day, id", params);
  }

 private:
  std::vector<domain::ProvisionMap> Maps(const std::string& where,
                                         const std::vector<Param>& params) {
    return SelectRecords<domain::ProvisionMap, domain::ProvisionMapId>(
        tx_, "provision_maps", where, params, DecodeProvisionMap, "a provision map record");
  }

  std::vector<domain::DeliveryRecord> Deliveries(const std::string& where,
                                                 const std::vector<Param>& params) {
    Query q(tx_.conn(),
            "SELECT id, local_authority_id, learner_id, setting_id, idp_id, element_key, map_id, "
            "provision_key, day, delivered, missed, reason, note, recorded_by, recorded_at "
            "FROM deliveries " +
                where);
    q.BindAll(params);
    std::vector<domain::DeliveryRecord> out;
    while (q.Next()) {
      domain::DeliveryRecord d;
      d.id = q.Id<domain::DeliveryRecordId>(0);
      d.local_authority = q.Id<domain::LocalAuthorityId>(1);
      d.learner = q.Id<domain::LearnerId>(2);
      d.setting = q.Id<domain::SettingId>(3);
      d.idp = q.OptionalId<domain::IdpId>(4);
      d.element = static_cast<int>(q.Int(5));
      d.map = q.OptionalId<domain::ProvisionMapId>(6);
      d.provision = static_cast<int>(q.Int(7));
      d.on = q.DateAt(8);
      d.delivered = static_cast<int>(q.Int(9));
      d.missed = static_cast<int>(q.Int(10));
      d.reason = Decode<domain::MissedReason>(q.Text(11), domain::MissedReasonFromCode,
                                              "a missed session reason");
      d.note = q.Text(12);
      d.by = q.Id<domain::UserId>(13);
      d.at = q.TimestampAt(14);
      out.push_back(std::move(d));
    }
    return out;
  }

  Tx& tx_;
};

class SqlSpecialistRepository final : public app::SpecialistRepository {
 public:
  explicit SqlSpecialistRepository(Tx& tx) : tx_(tx) {}

  Result<domain::SpecialistProvisionId> AddProvision(
      const domain::SpecialistProvision& p) override {
    return tx_.Write([&]() -> Result<domain::SpecialistProvisionId> {
      Query(tx_.conn(),
            "INSERT INTO specialist_provisions (local_authority_id, setting_id, kind, name, "
            "version, record) VALUES (?, ?, ?, ?, 0, ?)")
          .Bind(p.local_authority, p.setting, domain::Code(p.kind), p.name,
                EncodeSpecialistProvision(p))
          .Run();
      domain::SpecialistProvisionId id{tx_.conn().LastInsertId()};
      PutLearners(id, p);
      return id;
    });
  }

  Status UpdateProvision(const domain::SpecialistProvision& p) override {
    return tx_.Write([&]() -> Status {
      Query(tx_.conn(),
            "UPDATE specialist_provisions SET local_authority_id = ?, setting_id = ?, kind = ?, "
            "name = ?, version = version + 1, record = ? WHERE id = ? AND version = ?")
          .Bind(p.local_authority, p.setting, domain::Code(p.kind), p.name,
                EncodeSpecialistProvision(p), p.id, p.version)
          .Run();
      if (auto ok = Changed(tx_, "specialist_provisions", p.id.value(),
                            "specialist_error_not_found", "specialist_error_conflict");
          !ok)
        return ok;
      PutLearners(p.id, p);
      return domain::Ok();
    });
  }

  std::optional<domain::SpecialistProvision> GetProvision(
      domain::SpecialistProvisionId id) override {
    return First(SelectRecords<domain::SpecialistProvision, domain::SpecialistProvisionId>(
        tx_, "specialist_provisions", "WHERE id = ?", {id.value()}, DecodeSpecialistProvision,
        "a specialist provision record"));
  }

  std::vector<domain::SpecialistProvision> ListProvisions(domain::LocalAuthorityId la) override {
    auto rows = SelectRecords<domain::SpecialistProvision, domain::SpecialistProvisionId>(
        tx_, "specialist_provisions", "WHERE local_authority_id = ? ORDER BY name, id",
        {la.value()}, DecodeSpecialistProvision, "a specialist provision record");
    std::stable_sort(rows.begin(), rows.end(),
                     [](const auto& a, const auto& b) { return a.kind < b.kind; });
    return rows;
  }

  Result<domain::EquipmentId> AddEquipment(const domain::SpecialistEquipment& e) override {
    return tx_.Write([&]() -> Result<domain::EquipmentId> {
      Query(tx_.conn(),
            "INSERT INTO specialist_equipment (local_authority_id, setting_id, learner_id, "
            "bought_on, version, record) VALUES (?, ?, ?, ?, 0, ?)")
          .Bind(e.local_authority, e.setting, e.learner, e.bought_on, EncodeEquipment(e))
          .Run();
      return domain::EquipmentId{tx_.conn().LastInsertId()};
    });
  }

  Status UpdateEquipment(const domain::SpecialistEquipment& e) override {
    return tx_.Write([&]() -> Status {
      Query(tx_.conn(),
            "UPDATE specialist_equipment SET local_authority_id = ?, setting_id = ?, "
            "learner_id = ?, bought_on = ?, version = version + 1, record = ? "
            "WHERE id = ? AND version = ?")
          .Bind(e.local_authority, e.setting, e.learner, e.bought_on, EncodeEquipment(e), e.id,
                e.version)
          .Run();
      return Changed(tx_, "specialist_equipment", e.id.value(), "equipment_error_not_found",
                     "specialist_error_conflict");
    });
  }

  std::optional<domain::SpecialistEquipment> GetEquipment(domain::EquipmentId id) override {
    return First(SelectRecords<domain::SpecialistEquipment, domain::EquipmentId>(
        tx_, "specialist_equipment", "WHERE id = ?", {id.value()}, DecodeEquipment,
        "a specialist equipment record"));
  }

  std::vector<domain::SpecialistEquipment> ListEquipment(domain::LocalAuthorityId la) override {
    return SelectRecords<domain::SpecialistEquipment, domain::EquipmentId>(
        tx_, "specialist_equipment", "WHERE local_authority_id = ? ORDER BY bought_on DESC, id",
        {la.value()}, DecodeEquipment, "a specialist equipment record");
  }

 private:
  // Rewrites the side table of the learners on a provision's lists.
  void PutLearners(domain::SpecialistProvisionId id, const domain::SpecialistProvision& p) {
    Query(tx_.conn(), "DELETE FROM specialist_placements WHERE provision_id = ?").Bind(id).Run();
    std::set<std::int64_t> learners;
    for (const auto& x : p.placements) learners.insert(x.learner.value());
    for (auto learner : learners)
      Query(tx_.conn(),
            "INSERT INTO specialist_placements (provision_id, learner_id) VALUES (?, ?)")
          .Bind(id, learner)
          .Run();
  }

  Tx& tx_;
};

class SqlFamilyContactRepository final : public app::FamilyContactRepository {
 public:
  explicit SqlFamilyContactRepository(Tx& tx) : tx_(tx) {}

  Result<domain::FamilyContactId> AddContact(const domain::FamilyContact& c) override {
    return tx_.Write([&]() -> Result<domain::FamilyContactId> {
      Query(tx_.conn(),
            "INSERT INTO family_contacts (local_authority_id, learner_id, setting_id, "
            "family_member_id, recorded_by, held_on, version, record) "
            "VALUES (?, ?, ?, ?, ?, ?, 0, ?)")
          .Bind(c.local_authority, c.learner, c.setting, c.family_member, c.by, c.on,
                EncodeFamilyContact(c))
          .Run();
      return domain::FamilyContactId{tx_.conn().LastInsertId()};
    });
  }

  Status UpdateContact(const domain::FamilyContact& c) override {
    return tx_.Write([&]() -> Status {
      Query(tx_.conn(),
            "UPDATE family_contacts SET local_authority_id = ?, learner_id = ?, setting_id = ?, "
            "family_member_id = ?, recorded_by = ?, held_on = ?, version = version + 1, "
            "record = ? WHERE id = ? AND version = ?")
          .Bind(c.local_authority, c.learner, c.setting, c.family_member, c.by, c.on,
                EncodeFamilyContact(c), c.id, c.version)
          .Run();
      return Changed(tx_, "family_contacts", c.id.value(), "family_contact_error_not_found",
                     "family_contact_error_conflict");
    });
  }

  std::optional<domain::FamilyContact> GetContact(domain::FamilyContactId id) override {
    return First(Contacts("WHERE id = ?", {id.value()}));
  }

  Status RemoveContact(domain::FamilyContactId id) override {
    return tx_.Write([&]() -> Status {
      Query(tx_.conn(), "DELETE FROM family_contacts WHERE id = ?").Bind(id).Run();
      if (tx_.conn().Changes() == 0) return Error::NotFound("family_contact_error_not_found");
      return domain::Ok();
    });
  }

  std::vector<domain::FamilyContact> ListContacts(const app::ContactQuery& query) override {
    std::string where = "WHERE held_on >= ? AND held_on <= ?";
    std::vector<Param> params{domain::FormatIsoDate(query.from),
                              domain::FormatIsoDate(query.through)};
    if (query.local_authority) {
      where += " AND local_authority_id = ?";
      params.emplace_back(query.local_authority->value());
    }
    if (query.learner) {
      where += " AND learner_id = ?";
      params.emplace_back(query.learner->value());
    }
    if (query.setting) {
      where += " AND setting_id = ?";
      params.emplace_back(query.setting->value());
    }
    return Contacts(where + " ORDER BY held_on DESC, id DESC", params);
  }

 private:
  std::vector<domain::FamilyContact> Contacts(const std::string& where,
                                              const std::vector<Param>& params) {
    return SelectRecords<domain::FamilyContact, domain::FamilyContactId>(
        tx_, "family_contacts", where, params, DecodeFamilyContact, "a family contact record");
  }

  Tx& tx_;
};

class SqlUnitOfWork final : public app::UnitOfWork {
 public:
  SqlUnitOfWork(std::unique_ptr<Lease> lease, TxMode mode) : tx_(std::move(lease), mode) {}

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
  Tx tx_;
  SqlLocalAuthorityRepository local_authorities_{tx_};
  SqlSettingRepository settings_{tx_};
  SqlLearnerRepository learners_{tx_};
  SqlFamilyRepository families_{tx_};
  SqlUserRepository users_{tx_};
  SqlSessionRepository sessions_{tx_};
  SqlAuditLog audit_{tx_};
  SqlCalendarRepository calendars_{tx_};
  SqlClockRepository clocks_{tx_};
  SqlCaseRepository cases_{tx_};
  SqlPlanRepository plans_{tx_};
  SqlPanelRepository panels_{tx_};
  SqlProvisionRepository provision_{tx_};
  SqlSpecialistRepository specialist_{tx_};
  SqlFamilyContactRepository family_contacts_{tx_};
};

}  // namespace

std::unique_ptr<app::UnitOfWork> MakeUnitOfWork(std::unique_ptr<Lease> lease, app::TxMode mode) {
  return std::make_unique<SqlUnitOfWork>(std::move(lease), mode);
}

}  // namespace cynnal::storage::sql
