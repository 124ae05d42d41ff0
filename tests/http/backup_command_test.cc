// `cynnal backup` and `cynnal restore`: what an operator running Cynnal on SQLite does to keep a
// copy of the data and to bring it back.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "main/wiring.h"
#include "storage/sqlite/sqlite_store.h"

namespace cynnal::main {
namespace {

class BackupCommand : public ::testing::Test {
 protected:
  void SetUp() override {
    char name[] = "/tmp/cynnal-backup-XXXXXX";
    ASSERT_NE(mkdtemp(name), nullptr);
    dir_ = name;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string File(const std::string& name) const { return dir_ + "/" + name; }

  // Runs the command line; what it printed on standard error goes to `errors`.
  int Cynnal(std::vector<std::string> args, std::string* errors = nullptr) {
    args.insert(args.begin(), "cynnal");
    std::vector<char*> argv;
    for (std::string& arg : args) argv.push_back(arg.data());
    ::testing::internal::CaptureStderr();
    int code = main::Run(static_cast<int>(argv.size()), argv.data());
    std::string err = ::testing::internal::GetCapturedStderr();
    if (errors) *errors = err;
    return code;
  }

  // The learners of a database, as "UPN name" lines.
  static std::vector<std::string> Learners(const std::string& path) {
    auto store = storage::SqliteStore::Open(path, 1);
    if (!store) return {"cannot open: " + store.error().message};
    auto uow = (*store)->Begin(app::TxMode::kRead);
    if (!uow) return {"cannot read"};
    std::vector<std::string> out;
    for (const auto& la : (*uow)->LocalAuthorities().List()) {
      app::LearnerQuery query;
      query.scope.local_authority = la.id;
      query.limit = 1000;
      for (const auto& learner : (*uow)->Learners().Search(query).items) {
        out.push_back(learner.upn.str() + " " + learner.legal_first_name + " " +
                      learner.legal_last_name);
      }
    }
    return out;
  }

  std::string dir_;
};

TEST_F(BackupCommand, ABackupRestoredToANewFileHoldsEveryLearner) {
  std::string db = File("cynnal.db"), backup = File("backup.db"), restored = File("restored.db");
  ASSERT_EQ(Cynnal({"demo", "--database", db}), 0);
  ASSERT_EQ(Cynnal({"backup", "--database", db, "--to", backup}), 0);
  ASSERT_EQ(Cynnal({"restore", "--from", backup, "--database", restored}), 0);
  auto original = Learners(db);
  EXPECT_GT(original.size(), 10u);
  EXPECT_EQ(Learners(restored), original);
}

TEST_F(BackupCommand, ABackupNeverOverwritesAFile) {
  std::string db = File("cynnal.db"), backup = File("backup.db");
  ASSERT_EQ(Cynnal({"demo", "--database", db}), 0);
  {
    std::ofstream out(backup);
    out << "last week's minutes";
  }
  std::string errors;
  EXPECT_NE(Cynnal({"backup", "--database", db, "--to", backup}, &errors), 0);
  EXPECT_NE(errors.find("already exists"), std::string::npos) << errors;
  std::ifstream in(backup);
  std::string kept((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(kept, "last week's minutes");
}

TEST_F(BackupCommand, RestoringOverLearnersNeedsReplaceAndThenBringsBackTheBackup) {
  std::string db = File("cynnal.db"), backup = File("backup.db"), other = File("other.db");
  ASSERT_EQ(Cynnal({"demo", "--database", db}), 0);
  ASSERT_EQ(Cynnal({"backup", "--database", db, "--to", backup}), 0);
  auto before = Learners(db);
  // A second database whose data the restore would replace.
  ASSERT_EQ(Cynnal({"demo", "--database", other}), 0);
  {
    auto store = storage::SqliteStore::Open(other, 1);
    ASSERT_TRUE(store);
    auto uow = (*store)->Begin(app::TxMode::kWrite);
    ASSERT_TRUE(uow);
    auto learner = (*uow)->Learners().FindByUpn(before.front().substr(0, 13));
    ASSERT_TRUE(learner);
    learner->legal_first_name = "Changed";
    ASSERT_TRUE((*uow)->Learners().Update(*learner));
    ASSERT_TRUE((*uow)->Commit());
  }
  std::string errors;
  EXPECT_NE(Cynnal({"restore", "--from", backup, "--database", other}, &errors), 0);
  EXPECT_NE(errors.find("--replace"), std::string::npos) << errors;
  EXPECT_NE(Learners(other), before);  // nothing was restored
  EXPECT_EQ(Cynnal({"restore", "--from", backup, "--database", other, "--replace"}), 0);
  EXPECT_EQ(Learners(other), before);
}

TEST_F(BackupCommand, AFileThatIsNotABackupIsRefusedAndNothingChanges) {
  std::string db = File("cynnal.db"), letter = File("letter.txt");
  {
    std::ofstream out(letter);
    out << "Annwyl riant, ... " << std::string(4096, 'x');
  }
  std::string errors;
  EXPECT_NE(Cynnal({"restore", "--from", letter, "--database", db}, &errors), 0);
  EXPECT_NE(errors.find("not a Cynnal backup"), std::string::npos) << errors;
  EXPECT_FALSE(std::filesystem::exists(db));
  EXPECT_NE(Cynnal({"restore", "--from", File("missing.db"), "--database", db}, &errors), 0);
  EXPECT_NE(errors.find("does not exist"), std::string::npos) << errors;
  EXPECT_NE(Cynnal({"backup", "--database", File("missing.db"), "--to", File("b.db")}, &errors), 0);
  EXPECT_NE(errors.find("no database"), std::string::npos) << errors;
}

TEST_F(BackupCommand, RestoringADatabaseOntoItselfIsRefusedAndItsLearnersStay) {
  std::string db = File("cynnal.db");
  ASSERT_EQ(Cynnal({"demo", "--database", db}), 0);
  auto before = Learners(db);
  std::string errors;
  EXPECT_NE(Cynnal({"restore", "--from", db, "--database", db, "--replace"}, &errors), 0);
  EXPECT_NE(errors.find("is the database itself"), std::string::npos) << errors;
  EXPECT_EQ(Learners(db), before);
}

TEST_F(BackupCommand, APostgresDatabaseIsPointedToPgDump) {
  std::string errors;
  EXPECT_EQ(Cynnal({"backup", "--database", "postgresql://cynnal@127.0.0.1:1/cynnal", "--to",
                    File("b.dump")},
                   &errors),
            2);
  EXPECT_NE(errors.find("pg_dump"), std::string::npos) << errors;
  EXPECT_FALSE(std::filesystem::exists(File("b.dump")));
}

}  // namespace
}  // namespace cynnal::main
