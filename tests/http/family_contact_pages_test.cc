// What an ALNCo, a teacher, a governor, a parent, an LA officer and an API client notice about
// family liaison: a contact recorded from its form that comes first on the learner's contacts and
// joins the school's liaison figures, a learner leaving the list of those not contacted this year,
// bad input refused with a message on each field and what was typed kept, an overdue follow-up
// warned of until it is recorded, a contact recorded in error removed with the audit keeping who
// did it, a teacher who records but may not remove a colleague's contact, a governor and a parent
// refused without a name, the pages in Welsh, the JSON API, and the LA's figures matching the
// school's own page.
//
// The fixture's today is Friday 20 November 2026, in the autumn term of the 2026/27 school year.
// At the demo's Ysgol Gymraeg Bryn Derw (the school of the "alnco", "teacher" and "governor"
// accounts) the ALNCo has recorded four contacts this year: two with Mali ap Rhys's mother (a
// phone call whose follow-up was made, and a meeting whose follow-up was due on 17 November and is
// overdue), one with Tomos ap Rhys's mother whose follow-up is due next week, and a home visit to
// another pupil's grandmother, Eirlys Hughes. The LA wrote to Mali's mother about its decision on
// 11 November. Mali is the only learner on the school's ALN register contacted this year.
#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/family_contact.h"
#include "html_text.h"
#include "web_fixture.h"

namespace cynnal::testing {
namespace {

using nlohmann::json;

const char* const kBrynDerw = "Ysgol Gymraeg Bryn Derw";

// The value of the text input named `name` on a form ("" when it has none).
std::string InputValue(const std::string& html, const std::string& name) {
  const auto at = html.find("name=\"" + name + "\"");
  if (at == std::string::npos) return "";
  const auto end = html.find('>', at);
  const auto value = html.find("value=\"", at);
  if (value == std::string::npos || value > end) return "";
  const auto start = value + 7;
  return Decoded(html.substr(start, html.find('"', start) - start));
}

// The text in the textarea named `name` ("" when there is none).
std::string TextareaText(const std::string& html, const std::string& name) {
  const auto at = html.find("<textarea");
  for (auto tag = at; tag != std::string::npos; tag = html.find("<textarea", tag + 1)) {
    const auto open_end = html.find('>', tag);
    if (html.substr(tag, open_end - tag).find("name=\"" + name + "\"") == std::string::npos)
      continue;
    const auto end = html.find("</textarea>", open_end);
    return Decoded(html.substr(open_end + 1, end - open_end - 1));
  }
  return "";
}

// The value of the checked radio named `name` ("" when none is checked).
std::string CheckedRadio(const std::string& html, const std::string& name) {
  const std::string marker = "name=\"" + name + "\" type=\"radio\" value=\"";
  for (auto at = html.find(marker); at != std::string::npos; at = html.find(marker, at + 1)) {
    const auto start = at + marker.size();
    const auto end = html.find('"', start);
    const auto tag_end = html.find('>', end);
    if (html.substr(end, tag_end - end).find(" checked") != std::string::npos)
      return html.substr(start, end - start);
  }
  return "";
}

// The ids of the contacts on a learner's contacts page, in the order shown.
std::vector<long long> ContactIds(const std::string& html) {
  std::vector<long long> ids;
  const std::string marker = "data-contact=\"";
  for (auto at = html.find(marker); at != std::string::npos; at = html.find(marker, at + 1))
    ids.push_back(std::stoll(html.substr(at + marker.size())));
  return ids;
}

// A figure of the school liaison page's summary ("contacts", "learners", "register", "family",
// "welsh", "overdue") as shown.
std::string Figure(const std::string& html, const std::string& name) {
  const std::string marker = "data-figure=\"" + name + "\">";
  const auto at = html.find(marker);
  if (at == std::string::npos) return "";
  const auto start = at + marker.size();
  return TextOf(html.substr(start, html.find("</dd>", start) - start));
}

// The number a figure shows (-1 when it shows none).
long long Count(const std::string& html, const std::string& name) {
  const auto numbers = Numbers(Figure(html, name));
  return numbers.empty() ? -1 : numbers.front();
}

// The id of the learner whose page a table row links to (0 when it links to none).
long long LinkedLearner(const std::string& row) {
  const std::string html = Decoded(row);
  const std::string href = "href=\"/learners/";
  const auto at = html.find(href);
  return at == std::string::npos ? 0 : std::stoll(html.substr(at + href.size()));
}

class FamilyContactPages : public WebFixture {
 protected:
  std::string Today() { return domain::FormatIsoDate(clock_.Today()); }
  std::string DaysAgo(int days) {
    return domain::FormatIsoDate(domain::AddDays(clock_.Today(), -days));
  }

  static std::string ContactsPath(const domain::Learner& l) {
    return "/learners/" + Id(l.id.value()) + "/family-contacts";
  }
  static std::string ContactPath(long long id) { return "/family-contacts/" + Id(id); }
  static std::string LiaisonPath(const domain::Setting& s) {
    return "/settings/" + Id(s.id.value()) + "/family-contacts";
  }

  // A contact as the form posts it: a video call with `member` (a family member's id, or "other")
  // about how the learner is getting on, held today in English, with a follow-up by `follow_up`
  // ("" for none).
  httplib::Params ContactForm(const std::string& member, const std::string& summary,
                              const std::string& follow_up) {
    httplib::Params p{{"family_member", member},
                      {"method", "video_call"},
                      {"purpose", "progress"},
                      {"started_by", "school"},
                      {"language", "en"},
                      {"summary", summary},
                      {"actions", "Send the reading targets home."}};
    AddDate(p, "on", Today());
    if (!follow_up.empty()) AddDate(p, "follow_up_by", follow_up);
    return p;
  }

  // Records a contact through the form; answers its id (0 on failure).
  long long Record(const Session& s, const domain::Learner& l, const httplib::Params& form) {
    const std::string to = PostStep(s, ContactsPath(l) + "/new", form);
    EXPECT_EQ(to, ContactsPath(l) + "?done=recorded");
    const auto ids = ContactIds(Page(s, ContactsPath(l)));
    return to.empty() || ids.empty() ? 0 : ids.front();
  }

  // Posts a form as a browser sends these forms: multipart/form-data, which a long text in Welsh
  // needs (the server takes at most 8 KB URL-encoded, where "ŵ" takes 6 bytes).
  httplib::Result PostMultipart(const Session& s, const std::string& path,
                                const httplib::Params& params) {
    httplib::MultipartFormDataItems items{{"csrf_token", s.csrf, "", ""}};
    for (const auto& [name, value] : params) items.push_back({name, value, "", ""});
    auto client = Client();
    return client.Post(path, {{"Cookie", s.cookie}}, items);
  }

  // The learner's contacts as stored, latest first.
  std::vector<domain::FamilyContact> Stored(const domain::Learner& l) {
    auto uow = store_.Begin(app::TxMode::kRead);
    app::ContactQuery q;
    q.learner = l.id;
    q.from = domain::Date{std::chrono::year{2000}, std::chrono::January, std::chrono::day{1}};
    q.through = domain::AddDays(clock_.Today(), 366);
    return (*uow)->FamilyContacts().ListContacts(q);
  }

  // The first of the learner's stored contacts whose follow-up stands at `state`.
  std::optional<domain::FamilyContact> WithFollowUp(const domain::Learner& l,
                                                    domain::FollowUpState state) {
    for (const auto& c : Stored(l))
      if (domain::FollowUpOf(c, clock_.Today()) == state) return c;
    return std::nullopt;
  }

  // The learner's linked parent or carer named `name`, with how the pages describe them.
  struct Relative {
    long long id = 0;
    std::string with;  // "Huw ap Rhys (Father)"
  };
  Relative RelativeNamed(const domain::Learner& l, const std::string& name) {
    auto uow = store_.Begin(app::TxMode::kRead);
    for (const auto& link : l.family) {
      auto member = (*uow)->Families().Get(link.member);
      if (member && member->full_name == name)
        return {link.member.value(),
                name + " (" + catalog_->Get(http::Lang::kEn, "relationship_" + link.relationship) +
                    ")"};
    }
    ADD_FAILURE() << l.DisplayName() << " has no " << name;
    return {};
  }

  // The audit trail's rows about `learner` by `username`, newest first.
  std::vector<domain::AuditEvent> AuditRows(const domain::Learner& learner,
                                            const std::string& username) {
    auto uow = store_.Begin(app::TxMode::kRead);
    app::AuditQuery q;
    q.local_authority = learner.local_authority;
    q.learner = learner.id;
    q.username = username;
    q.limit = 200;
    return (*uow)->Audit().Search(q).items;
  }
};

// ---- Recording a contact ----

TEST_F(FamilyContactPages, AnAlncoRecordsAContactThatComesFirstAndJoinsTheSchoolsFigures) {
  Session alnco = SignIn("alnco");
  const domain::Learner mali = Mali();
  const domain::Setting school = SettingNamed(kBrynDerw);
  const Relative huw = RelativeNamed(mali, "Huw ap Rhys");

  // The way in: the learner's record and the school's page link to the pages.
  std::string page = Page(alnco, "/learners/" + Id(mali.id.value()));
  EXPECT_TRUE(Links(page, ContactsPath(mali)));
  EXPECT_TRUE(Has(page, "id=\"contacts-link\""));
  EXPECT_TRUE(Links(Page(alnco, "/settings/" + Id(school.id.value())), LiaisonPath(school)));

  const std::string liaison_before = Page(alnco, LiaisonPath(school));
  const long long contacts_before = Count(liaison_before, "contacts");
  const long long learners_before = Count(liaison_before, "learners");
  const auto follow_ups_before = TableRows(liaison_before, "follow-ups").size();
  EXPECT_EQ(contacts_before, 4) << "the demo's four contacts this year";
  page = Page(alnco, ContactsPath(mali));
  const auto ids_before = ContactIds(page);
  ASSERT_EQ(ids_before.size(), 3u) << "Mali's three contacts";
  EXPECT_TRUE(Links(page, ContactsPath(mali) + "/new"));

  // The form offers Mali's parents and someone else.
  const std::string form = Page(alnco, ContactsPath(mali) + "/new");
  EXPECT_TRUE(Has(form, "name=\"family_member\" type=\"radio\" value=\"" + Id(huw.id) + "\""));
  EXPECT_TRUE(Has(form, "name=\"family_member\" type=\"radio\" value=\"other\""));

  const std::string follow_up = domain::FormatIsoDate(domain::AddDays(clock_.Today(), 7));
  const long long id = Record(
      alnco, mali, ContactForm(Id(huw.id), "Huw asked how Mali's reading is going.", follow_up));
  ASSERT_GT(id, 0);

  // First on her contacts page, with the banner, and nothing else changed.
  page = Page(alnco, ContactsPath(mali) + "?done=recorded");
  EXPECT_TRUE(Has(TextOf(page), "The contact has been recorded."));
  const auto ids = ContactIds(page);
  ASSERT_EQ(ids.size(), ids_before.size() + 1);
  EXPECT_EQ(ids.front(), id) << "the latest comes first";
  EXPECT_TRUE(std::equal(ids_before.begin(), ids_before.end(), ids.begin() + 1));
  const std::string card = TextOf(Element(page, "contacts", "</dl>"));
  EXPECT_TRUE(Has(card, Written(clock_.Today()) + " · Video call")) << card;
  EXPECT_TRUE(Has(card, "With " + huw.with)) << card;
  EXPECT_TRUE(Has(card, "Huw asked how Mali's reading is going.")) << card;
  EXPECT_TRUE(Has(card, "What was agreed Send the reading targets home.")) << card;
  EXPECT_TRUE(Has(card, "By " + Written(*domain::ParseIsoDate(follow_up)) + " Due")) << card;
  EXPECT_TRUE(Has(card, "Recorded by " + alnco.user.display_name + " · " + kBrynDerw)) << card;

  // Its own page.
  page = Page(alnco, ContactPath(id));
  EXPECT_EQ(TextOf(Element(page, "main-content", "</h1>")),
            "Back Mali ap Rhys " + Written(clock_.Today()) + " · Video call");
  EXPECT_TRUE(Has(page, "id=\"record-follow-up\""));
  EXPECT_TRUE(Has(page, "id=\"remove-contact\""));

  // The school's liaison: one contact more, no learner more (Mali had contacts), its follow-up
  // waiting, and the contact first among this year's.
  const std::string liaison = Page(alnco, LiaisonPath(school));
  EXPECT_EQ(Count(liaison, "contacts"), contacts_before + 1);
  EXPECT_EQ(Count(liaison, "learners"), learners_before);
  EXPECT_EQ(Count(liaison, "overdue"), Count(liaison_before, "overdue"));
  const auto follow_ups = TableRows(liaison, "follow-ups");
  ASSERT_EQ(follow_ups.size(), follow_ups_before + 1);
  bool waiting = false;
  for (const auto& cells : follow_ups) {
    ASSERT_GE(cells.size(), 5u);
    if (cells[0] == "By " + Written(*domain::ParseIsoDate(follow_up))) {
      waiting = true;
      EXPECT_EQ(cells[1], mali.DisplayName());
      EXPECT_EQ(cells[2], huw.with);
      EXPECT_EQ(cells[4], "Due");
    }
  }
  EXPECT_TRUE(waiting) << "the new follow-up is waiting";
  const auto rows = TableRows(liaison, "contacts");
  ASSERT_EQ(rows.size(), static_cast<std::size_t>(contacts_before + 1));
  ASSERT_GE(rows.front().size(), 6u);
  EXPECT_EQ(rows.front()[0], Written(clock_.Today()));
  EXPECT_EQ(rows.front()[1], mali.DisplayName());
  EXPECT_EQ(rows.front()[2], huw.with);
  EXPECT_EQ(rows.front()[3], "Video call");
  EXPECT_EQ(rows.front()[4], "How the learner is getting on");
  EXPECT_EQ(rows.front()[5], alnco.user.display_name);
  EXPECT_TRUE(Links(liaison, ContactPath(id)));
}

TEST_F(FamilyContactPages, ARegisterLearnerNotContactedLeavesTheListOnceContacted) {
  Session alnco = SignIn("alnco");
  const domain::Setting school = SettingNamed(kBrynDerw);
  const std::string before = Page(alnco, LiaisonPath(school));
  const auto register_before = Numbers(Figure(before, "register"));
  ASSERT_EQ(register_before.size(), 2u) << Figure(before, "register");
  EXPECT_EQ(Figure(before, "register"), "1 of 6") << "only Mali has had a contact this year";
  const auto missing = Rows(Element(before, "not-contacted", "</table>"));
  ASSERT_EQ(missing.size(), 5u);
  ASSERT_EQ(static_cast<long long>(missing.size()), register_before[1] - register_before[0]);

  // The first learner not contacted, whose contacts page the row links to.
  const long long learner_id = LinkedLearner(missing.front());
  ASSERT_GT(learner_id, 0);
  EXPECT_TRUE(Links(missing.front(), "/learners/" + Id(learner_id) + "/family-contacts"));
  domain::Learner learner;
  for (const auto& l : AllLearners())
    if (l.id.value() == learner_id) learner = l;
  ASSERT_EQ(Cells(missing.front()).front(), learner.DisplayName());
  std::string page = Page(alnco, ContactsPath(learner));
  EXPECT_TRUE(Has(page, "id=\"no-contacts\""));
  EXPECT_TRUE(ContactIds(page).empty());

  // A contact with someone who is not a linked parent: their name as typed.
  httplib::Params form = ContactForm("other", "Spoke to the learner's aunt at pick-up.", "");
  form.emplace("with_name", "  Ffion Lewis, aunt  ");
  const long long id = Record(alnco, learner, form);
  ASSERT_GT(id, 0);
  page = Page(alnco, ContactsPath(learner));
  EXPECT_FALSE(Has(page, "id=\"no-contacts\""));
  EXPECT_TRUE(Has(TextOf(Element(page, "contacts", "</dl>")), "With Ffion Lewis, aunt About"))
      << TextOf(Element(page, "contacts", "</dl>"));

  const std::string after = Page(alnco, LiaisonPath(school));
  EXPECT_EQ(Figure(after, "register"),
            Id(register_before[0] + 1) + " of " + Id(register_before[1]));
  EXPECT_EQ(Count(after, "learners"), Count(before, "learners") + 1);
  EXPECT_EQ(Count(after, "contacts"), Count(before, "contacts") + 1);
  const auto still_missing = Rows(Element(after, "not-contacted", "</table>"));
  EXPECT_EQ(still_missing.size(), missing.size() - 1);
  for (const auto& row : still_missing) {
    EXPECT_NE(LinkedLearner(row), learner_id) << learner.DisplayName() << " has had a contact";
  }
}

// ---- Bad input ----

TEST_F(FamilyContactPages, BadInputIsRefusedWithItsMessagesAndKeepsWhatWasTyped) {
  Session alnco = SignIn("alnco");
  const domain::Learner mali = Mali();
  const Relative elin = RelativeNamed(mali, "Elin ap Rhys");
  const std::string path = ContactsPath(mali) + "/new";
  const auto stored = Stored(mali).size();

  // Nothing typed: a message on each field that needs an answer.
  std::string page = PostRefused(alnco, path, {}, 422);
  EXPECT_TRUE(Has(ErrorSummary(page), "There is a problem")) << ErrorSummary(page);
  EXPECT_EQ(FieldError(page, "on"), "Enter the date.");
  EXPECT_EQ(FieldError(page, "family_member"),
            "Choose who the contact was with, or write their name");
  for (const std::string field : {"method", "purpose", "started_by", "language"}) {
    EXPECT_EQ(FieldError(page, field), "Choose one of the options") << field;
  }
  EXPECT_EQ(FieldError(page, "summary"), "Write what was discussed");
  EXPECT_EQ(FieldError(page, "actions"), "") << "what was agreed is optional";
  EXPECT_EQ(FieldError(page, "follow_up_by"), "") << "the follow-up is optional";

  // A date in the future, and someone who is not one of Mali's family: what was typed stays.
  httplib::Params form = ContactForm("999999", "Rhoddodd Elin ŵyl i'r athrawes.", "");
  form.erase("on-day");
  form.emplace("on-day", "21");
  page = PostRefused(alnco, path, form, 422);
  EXPECT_EQ(FieldError(page, "on"), "The date cannot be in the future");
  EXPECT_EQ(FieldError(page, "family_member"),
            "Choose one of the learner's family, or someone else");
  EXPECT_EQ(InputValue(page, "on-day"), "21");
  EXPECT_EQ(InputValue(page, "on-month"), "11");
  EXPECT_EQ(InputValue(page, "on-year"), "2026");
  EXPECT_EQ(TextareaText(page, "summary"), "Rhoddodd Elin ŵyl i'r athrawes.");
  EXPECT_EQ(TextareaText(page, "actions"), "Send the reading targets home.");
  EXPECT_EQ(CheckedRadio(page, "method"), "video_call");
  EXPECT_EQ(CheckedRadio(page, "purpose"), "progress");
  EXPECT_EQ(CheckedRadio(page, "started_by"), "school");
  EXPECT_EQ(CheckedRadio(page, "language"), "en") << "as typed, not the family's Welsh";

  // A follow-up before the contact.
  form = ContactForm(Id(elin.id), "Elin rang about homework.", DaysAgo(3));
  form.erase("on-day");
  form.erase("on-month");
  form.erase("on-year");
  AddDate(form, "on", DaysAgo(2));
  page = PostRefused(alnco, path, form, 422);
  EXPECT_EQ(FieldError(page, "follow_up_by"),
            "The follow-up date must be on or after the date of the contact");
  EXPECT_EQ(FieldError(page, "on"), "");
  EXPECT_EQ(CheckedRadio(page, "family_member"), Id(elin.id));
  EXPECT_EQ(InputValue(page, "follow_up_by-day"),
            Id(static_cast<unsigned>(domain::AddDays(clock_.Today(), -3).day())));

  // Someone else, with no name.
  page = PostRefused(alnco, path, ContactForm("other", "A call.", ""), 422);
  EXPECT_EQ(FieldError(page, "with_name"), "Choose who the contact was with, or write their name");

  // What was discussed: 4,000 characters at most, "ŵ" counting as one.
  std::string long_summary;
  for (int i = 0; i < 4001; ++i) long_summary += "ŵ";
  auto res = PostMultipart(alnco, path, ContactForm(Id(elin.id), long_summary, ""));
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 422);
  EXPECT_EQ(FieldError(res->body, "summary"),
            "What was discussed must be 4,000 characters or fewer");
  EXPECT_TRUE(TextareaText(res->body, "summary") == long_summary)
      << "the summary typed is kept: " << TextareaText(res->body, "summary").size() << " bytes";
  EXPECT_EQ(Stored(mali).size(), stored) << "nothing was recorded";

  long_summary.resize(long_summary.size() - std::string("ŵ").size());
  res = PostMultipart(alnco, path, ContactForm(Id(elin.id), long_summary, ""));
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 303) << "4,000 characters are enough: " << ErrorSummary(res->body);
  EXPECT_EQ(res->get_header_value("Location"), ContactsPath(mali) + "?done=recorded");
  ASSERT_EQ(Stored(mali).size(), stored + 1);
  EXPECT_TRUE(Stored(mali).front().summary == long_summary) << "stored whole";
}

// ---- Follow-ups ----

TEST_F(FamilyContactPages, AnOverdueFollowUpIsWarnedOfUntilItIsRecorded) {
  Session alnco = SignIn("alnco");
  const domain::Learner mali = Mali();
  const domain::Setting school = SettingNamed(kBrynDerw);
  const auto overdue = WithFollowUp(mali, domain::FollowUpState::kOverdue);
  ASSERT_TRUE(overdue.has_value());
  ASSERT_TRUE(overdue->follow_up_by.has_value());
  const std::string path = ContactPath(overdue->id.value());
  const std::string learner_path = "/learners/" + Id(mali.id.value());

  // Mali's record, her contacts page and the school's page warn of it.
  std::string record = Page(alnco, learner_path);
  const std::string section = TextOf(Element(record, "family-contacts", "id=\"contacts-link\""));
  EXPECT_TRUE(Has(section, "Follow-ups past their date: 1")) << section;
  EXPECT_EQ(TextOf(Element(record, "contacts-summary", "</p>")),
            "Contacts recorded: 3, the latest on " + Written(Stored(mali).front().on));
  std::string page = Page(alnco, ContactsPath(mali));
  EXPECT_EQ(TextOf(Element(page, "overdue-warning", "</div>")),
            "! Warning Follow-ups past their date: 1");
  std::string liaison = Page(alnco, LiaisonPath(school));
  EXPECT_EQ(Figure(liaison, "overdue"), "1");
  ASSERT_FALSE(TableRows(liaison, "follow-ups").empty());
  EXPECT_EQ(TableRows(liaison, "follow-ups").front().back(), "Overdue")
      << "the earliest comes first";
  page = Page(alnco, path);
  EXPECT_TRUE(Has(page, "data-state=\"overdue\">Overdue</strong>"));
  EXPECT_TRUE(Has(TextOf(page), "By " + Written(*overdue->follow_up_by) + " Overdue"));
  EXPECT_TRUE(Links(page, path + "/follow-up"));

  // The form says what was agreed; a date it cannot be is refused.
  page = Page(alnco, path + "/follow-up");
  EXPECT_TRUE(Has(TextOf(page), "The family was to be contacted again by " +
                                    Written(*overdue->follow_up_by) +
                                    ". What was agreed: " + overdue->actions))
      << TextOf(Element(page, "main-content", "</main>"));
  page = PostRefused(alnco, path + "/follow-up", {}, 422);
  EXPECT_EQ(FieldError(page, "followed_up_on"), "Enter the date.");
  httplib::Params early;
  AddDate(early, "followed_up_on", domain::FormatIsoDate(domain::AddDays(overdue->on, -1)));
  page = PostRefused(alnco, path + "/follow-up", early, 422);
  EXPECT_EQ(FieldError(page, "followed_up_on"), "The follow-up cannot be before the contact");
  httplib::Params late;
  AddDate(late, "followed_up_on", domain::FormatIsoDate(domain::AddDays(clock_.Today(), 1)));
  page = PostRefused(alnco, path + "/follow-up", late, 422);
  EXPECT_EQ(FieldError(page, "followed_up_on"), "The date cannot be in the future");

  // Recorded today: done, and no warning anywhere.
  httplib::Params done;
  AddDate(done, "followed_up_on", Today());
  EXPECT_EQ(PostStep(alnco, path + "/follow-up", done), path + "?done=followed_up");
  page = Page(alnco, path + "?done=followed_up");
  EXPECT_TRUE(Has(TextOf(page), "The follow-up has been recorded."));
  EXPECT_TRUE(Has(page, "data-state=\"done\">Done</strong>"));
  EXPECT_TRUE(Has(TextOf(page), "Followed up on " + Written(clock_.Today()) + " Done"));
  EXPECT_FALSE(Has(page, "id=\"record-follow-up\""));
  page = Page(alnco, ContactsPath(mali));
  EXPECT_FALSE(Has(page, "id=\"overdue-warning\""));
  EXPECT_FALSE(Has(TextOf(page), "Follow-ups past their date"));
  record = Page(alnco, learner_path);
  EXPECT_FALSE(Has(TextOf(record), "Follow-ups past their date"));
  EXPECT_TRUE(Has(record, "id=\"contacts-summary\""));
  liaison = Page(alnco, LiaisonPath(school));
  EXPECT_EQ(Figure(liaison, "overdue"), "0");
  for (const auto& cells : TableRows(liaison, "follow-ups")) {
    EXPECT_NE(cells.back(), "Overdue");
    EXPECT_NE(cells.at(1), mali.DisplayName()) << "Mali has no follow-up waiting";
  }

  // Once done, there is nothing more to record.
  auto again = Get(alnco, path + "/follow-up");
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 403);
  EXPECT_TRUE(Has(TextOf(again->body), "No follow-up is waiting on this contact"));
  page = PostRefused(alnco, path + "/follow-up", done, 403);
  EXPECT_TRUE(Has(TextOf(page), "No follow-up is waiting on this contact"));
}

// ---- Removing a contact recorded in error ----

TEST_F(FamilyContactPages, TheAlncoRemovesAContactSheRecordedAndTheAuditKeepsIt) {
  Session alnco = SignIn("alnco");
  const domain::Learner mali = Mali();
  const Relative elin = RelativeNamed(mali, "Elin ap Rhys");
  const auto ids_before = ContactIds(Page(alnco, ContactsPath(mali)));
  const long long id =
      Record(alnco, mali, ContactForm(Id(elin.id), "Recorded against the wrong learner.", ""));
  ASSERT_GT(id, 0);
  const std::string path = ContactPath(id);

  std::string page = Page(alnco, path + "/remove");
  EXPECT_TRUE(Has(TextOf(page),
                  "Remove the contact of " + Written(clock_.Today()) + " with " + "Elin ap Rhys?"))
      << TextOf(Element(page, "main-content", "</main>"));
  EXPECT_TRUE(Has(TextOf(page), "The audit trail keeps who removed it and when."));

  EXPECT_EQ(PostStep(alnco, path + "/remove", {}), ContactsPath(mali) + "?done=removed");
  page = Page(alnco, ContactsPath(mali) + "?done=removed");
  EXPECT_TRUE(Has(TextOf(page), "The contact has been removed."));
  EXPECT_EQ(ContactIds(page), ids_before);
  EXPECT_FALSE(Has(TextOf(page), "Recorded against the wrong learner."));
  auto gone = Get(alnco, path);
  ASSERT_TRUE(gone);
  EXPECT_EQ(gone->status, 404);
  EXPECT_TRUE(Has(TextOf(gone->body), "There is no such contact, or you may not see it"));

  // The audit trail: who removed which contact, and when it had been held.
  const auto rows = AuditRows(mali, "alnco");
  const std::string removed = "family contact id=" + Id(id) + " removed (held " + Today() + ")";
  EXPECT_TRUE(std::any_of(rows.begin(), rows.end(), [&](const domain::AuditEvent& e) {
    return e.detail == removed && e.action == domain::AuditAction::kUpdate;
  })) << removed;
  EXPECT_TRUE(std::any_of(rows.begin(), rows.end(), [&](const domain::AuditEvent& e) {
    return e.detail.rfind("family contact id=" + Id(id) + " video_call progress", 0) == 0 &&
           e.action == domain::AuditAction::kCreate;
  })) << "and who recorded it";
}

TEST_F(FamilyContactPages, ATeacherRecordsButMayNotRemoveAColleaguesContact) {
  Session teacher = SignIn("teacher");
  const domain::Learner mali = Mali();
  const Relative elin = RelativeNamed(mali, "Elin ap Rhys");
  const auto colleagues = WithFollowUp(mali, domain::FollowUpState::kOverdue);
  ASSERT_TRUE(colleagues.has_value());
  const std::string theirs = ContactPath(colleagues->id.value());

  // The teacher sees the ALNCo's contact, may record its follow-up, and may not remove it.
  std::string page = Page(teacher, theirs);
  EXPECT_TRUE(Has(page, "id=\"record-follow-up\""));
  EXPECT_FALSE(Has(page, "id=\"remove-contact\""));
  EXPECT_EQ(Status(teacher, theirs + "/remove"), 403);
  PostRefused(teacher, theirs + "/remove", {}, 403);
  EXPECT_TRUE(WithFollowUp(mali, domain::FollowUpState::kOverdue).has_value()) << "still there";

  // The teacher records a contact, and may remove their own.
  const long long id =
      Record(teacher, mali, ContactForm(Id(elin.id), "Elin asked about the school trip.", ""));
  ASSERT_GT(id, 0);
  page = Page(teacher, ContactPath(id));
  EXPECT_TRUE(Has(TextOf(page), "Recorded by " + teacher.user.display_name + " · " + kBrynDerw));
  EXPECT_TRUE(Has(page, "id=\"remove-contact\""));
  EXPECT_FALSE(Has(page, "id=\"record-follow-up\"")) << "no follow-up was agreed";
  EXPECT_EQ(PostStep(teacher, ContactPath(id) + "/remove", {}),
            ContactsPath(mali) + "?done=removed");
  EXPECT_EQ(Status(teacher, ContactPath(id)), 404);
}

// ---- Those who may not see contacts ----

TEST_F(FamilyContactPages, AGovernorAndAParentAreRefusedAndSeeNoNames) {
  const domain::Learner mali = Mali();
  const domain::Setting school = SettingNamed(kBrynDerw);
  const auto contacts = Stored(mali);
  ASSERT_FALSE(contacts.empty());
  auto expect_refused = [&](const Session& s, const std::string& path) {
    auto res = Get(s, path);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 403) << s.user.username << " " << path;
    EXPECT_FALSE(Has(res->body, mali.DisplayName())) << s.user.username << " " << path;
    EXPECT_FALSE(Has(res->body, mali.upn.str())) << s.user.username << " " << path;
    EXPECT_FALSE(Has(TextOf(res->body), "Eirlys Hughes")) << s.user.username << " " << path;
    for (const auto& c : contacts) {
      EXPECT_FALSE(Has(TextOf(res->body), c.summary)) << s.user.username << " " << path;
    }
  };

  // A governor sees the school's figures elsewhere, never its families.
  Session governor = SignIn("governor");
  expect_refused(governor, ContactsPath(mali));
  expect_refused(governor, ContactsPath(mali) + "/new");
  expect_refused(governor, LiaisonPath(school));
  EXPECT_FALSE(Has(Page(governor, "/settings/" + Id(school.id.value())), "id=\"liaison-link\""));

  // A parent sees her child's record, but not the school's notes of its contacts with her.
  Session parent = SignIn("parent");
  const std::string record = Page(parent, "/learners/" + Id(mali.id.value()));
  EXPECT_FALSE(Has(record, "id=\"contacts-summary\""));
  EXPECT_FALSE(Links(record, ContactsPath(mali)));
  auto res = Get(parent, ContactsPath(mali));
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 403);
  for (const auto& c : contacts) {
    EXPECT_FALSE(Has(TextOf(res->body), c.summary));
  }
  res = Send(parent, "GET", "/api/v1" + ContactsPath(mali), "");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 403);
  EXPECT_EQ(res->get_header_value("Content-Type").rfind("application/problem+json", 0), 0u);
  EXPECT_EQ(Status(parent, ContactPath(contacts.front().id.value())), 404);
  EXPECT_EQ(Status(parent, LiaisonPath(school)), 403);
}

// ---- The JSON API ----

TEST_F(FamilyContactPages, TheApiRecordsAContactAndListsItFirst) {
  Session alnco = SignIn("alnco");
  const domain::Learner mali = Mali();
  const domain::Setting school = SettingNamed(kBrynDerw);
  const Relative huw = RelativeNamed(mali, "Huw ap Rhys");
  const std::string path = "/api/v1" + ContactsPath(mali);

  auto res = Send(alnco, "GET", path, "");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(res->get_header_value("Content-Type").rfind("application/json", 0), 0u);
  auto body = json::parse(res->body);
  EXPECT_EQ(body["learner_id"].get<long long>(), mali.id.value());
  EXPECT_EQ(body["overdue"].get<int>(), 1);
  const auto stored = Stored(mali);
  ASSERT_EQ(body["contacts"].size(), stored.size());
  for (std::size_t i = 0; i < stored.size(); ++i) {
    EXPECT_EQ(body["contacts"][i]["id"].get<long long>(), stored[i].id.value());
    EXPECT_EQ(body["contacts"][i]["summary"].get<std::string>(), stored[i].summary);
  }

  const json sent{{"on", Today()},
                  {"family_member", Id(huw.id)},
                  {"method", "phone"},
                  {"purpose", "concern"},
                  {"started_by", "family"},
                  {"language", "cy"},
                  {"summary", "Huw yn poeni am y daith ysgol."},
                  {"actions", "Ffonio'n ôl ddydd Llun."},
                  {"follow_up_by", domain::FormatIsoDate(domain::AddDays(clock_.Today(), 3))}};
  res = Send(alnco, "POST", path, sent.dump());
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 201) << res->body;
  body = json::parse(res->body);
  ASSERT_EQ(body["contacts"].size(), stored.size() + 1);
  const json& added = body["contacts"][0];
  EXPECT_EQ(added["id"].get<long long>(), Stored(mali).front().id.value()) << "latest first";
  EXPECT_EQ(added["on"], Today());
  EXPECT_EQ(added["family_member_id"].get<long long>(), huw.id);
  EXPECT_EQ(added["with"], "Huw ap Rhys");
  EXPECT_EQ(added["relationship"], "father");
  EXPECT_EQ(added["method"], "phone");
  EXPECT_EQ(added["purpose"], "concern");
  EXPECT_EQ(added["started_by"], "family");
  EXPECT_EQ(added["language"], "cy");
  EXPECT_EQ(added["summary"], "Huw yn poeni am y daith ysgol.");
  EXPECT_EQ(added["actions"], "Ffonio'n ôl ddydd Llun.");
  EXPECT_EQ(added["follow_up_by"], sent["follow_up_by"]);
  EXPECT_TRUE(added["followed_up_on"].is_null());
  EXPECT_EQ(added["follow_up"], "due");
  EXPECT_EQ(added["setting_id"].get<long long>(), school.id.value());
  EXPECT_EQ(added["recorded_by"], alnco.user.display_name);
  EXPECT_EQ(body["overdue"].get<int>(), 1);
  // The pages show it too.
  EXPECT_EQ(ContactIds(Page(alnco, ContactsPath(mali))).front(), added["id"].get<long long>());

  // Bad fields: problem+json naming each, nothing recorded.
  const auto count = Stored(mali).size();
  auto refused = [&](json change, const std::string& field) {
    json request = sent;
    for (const auto& [key, value] : change.items()) request[key] = value;
    auto answer = Send(alnco, "POST", path, request.dump());
    ASSERT_TRUE(answer);
    EXPECT_EQ(answer->status, 422) << request.dump() << " -> " << answer->body;
    EXPECT_EQ(answer->get_header_value("Content-Type").rfind("application/problem+json", 0), 0u);
    auto problem = json::parse(answer->body, nullptr, false);
    ASSERT_TRUE(problem.is_object()) << answer->body;
    EXPECT_EQ(problem["status"].get<int>(), 422);
    bool named = false;
    for (const auto& e : problem["errors"]) named = named || e["field"] == field;
    EXPECT_TRUE(named) << field << " in " << answer->body;
  };
  refused({{"on", domain::FormatIsoDate(domain::AddDays(clock_.Today(), 1))}}, "on");
  refused({{"on", "20 November 2026"}}, "on");
  refused({{"family_member", "999999"}}, "family_member");
  refused({{"family_member", "other"}}, "with_name");
  refused({{"method", "carrier_pigeon"}}, "method");
  refused({{"language", ""}}, "language");
  refused({{"summary", " "}}, "summary");
  refused({{"follow_up_by", DaysAgo(1)}}, "follow_up_by");
  refused({{"summary", json::object({{"text", "not a string"}})}}, "summary");
  EXPECT_EQ(Stored(mali).size(), count) << "nothing more recorded";

  // A teacher of another LA's school may not record.
  Session other = SignIn("other.la.officer");
  res = Send(other, "POST", path, sent.dump());
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 403);
  EXPECT_FALSE(Has(res->body, mali.DisplayName()));
  EXPECT_EQ(Stored(mali).size(), count);
}

// ---- Welsh ----

TEST_F(FamilyContactPages, ThePagesInWelsh) {
  Session alnco = SignIn("alnco");
  const domain::Learner mali = Mali();
  const domain::Setting school = SettingNamed(kBrynDerw);
  const std::string contacts = ContactsPath(mali);
  EXPECT_EQ(TextOf(Element(Page(alnco, contacts), "main-content", "</h1>")),
            "Back Mali ap Rhys Contacts with the family");

  auto sw = Get(alnco, "/language/cy?next=" + httplib::detail::encode_query_param(contacts));
  ASSERT_TRUE(sw);
  ASSERT_EQ(sw->status, 303);
  std::string page = Page(alnco, contacts);
  EXPECT_TRUE(Has(page, "<html lang=\"cy\""));
  const std::string heading = TextOf(Element(page, "main-content", "</h1>"));
  EXPECT_TRUE(Has(heading, "Cysylltiadau â'r teulu")) << heading;
  EXPECT_FALSE(Has(heading, "Contacts with the family")) << heading;
  EXPECT_TRUE(Has(TextOf(page), catalog_->Get(http::Lang::kCy, "contact_method_phone")));
  EXPECT_TRUE(Has(TextOf(page), "Camau dilynol sydd wedi mynd heibio'u dyddiad: 1"));
  EXPECT_TRUE(Has(page, "data-state=\"overdue\">" +
                            catalog_->Get(http::Lang::kCy, "family_contact_state_overdue") +
                            "</strong>"));
  EXPECT_FALSE(Has(TextOf(page), "Phone call"));

  page = Page(alnco, LiaisonPath(school));
  EXPECT_TRUE(Has(TextOf(Element(page, "main-content", "</h1>")), "Cyswllt â theuluoedd"))
      << TextOf(Element(page, "main-content", "</h1>"));
  EXPECT_FALSE(Has(TextOf(page), "Family liaison"));
  EXPECT_EQ(Figure(page, "contacts"), "4");
}

// ---- The LA's figures ----

TEST_F(FamilyContactPages, TheLaSeesBrynDerwsLiaisonAsTheSchoolDoes) {
  Session officer = SignIn("la.officer");
  const domain::Setting school = SettingNamed(kBrynDerw);
  const std::string liaison = Page(officer, LiaisonPath(school));
  const std::string contacts = Figure(liaison, "contacts");
  const std::string contacted = Figure(liaison, "register");
  const std::string overdue = Figure(liaison, "overdue");
  EXPECT_EQ(contacts, "4");
  EXPECT_EQ(contacted, "1 of 6");
  EXPECT_EQ(overdue, "1");

  const std::string page = Page(officer, "/provision-oversight");
  const auto rows = TableRows(page, "liaison-table");
  ASSERT_GE(rows.size(), 2u);
  bool found = false;
  for (const auto& cells : rows) {
    ASSERT_GE(cells.size(), 5u);
    if (cells[0] != kBrynDerw) continue;
    found = true;
    EXPECT_EQ(cells[1], contacts);
    EXPECT_EQ(cells[2], contacted);
    EXPECT_EQ(cells[3], "16.6%") << "1 of 6";
    EXPECT_EQ(cells[4], overdue);
  }
  EXPECT_TRUE(found);
  EXPECT_TRUE(Links(page, LiaisonPath(school)));
  // The LA's row adds the LA's own letter to Mali's mother.
  EXPECT_EQ(rows.back()[0], "All schools of the LA");
  EXPECT_EQ(rows.back()[1], "5");

  const auto csv = Download(officer, "/provision-oversight.csv");
  const auto lines = CsvLines(csv.body);
  ASSERT_FALSE(lines.empty());
  const auto header = CsvFields(lines[0]);
  ASSERT_GE(header.size(), 3u);
  EXPECT_EQ(
      std::vector<std::string>(header.end() - 3, header.end()),
      (std::vector<std::string>{"family_contacts", "register_contacted", "follow_ups_overdue"}));
  bool in_csv = false;
  for (const auto& line : lines) {
    const auto fields = CsvFields(line);
    if (fields.front() != kBrynDerw) continue;
    in_csv = true;
    ASSERT_EQ(fields.size(), header.size());
    EXPECT_EQ(std::vector<std::string>(fields.end() - 3, fields.end()),
              (std::vector<std::string>{"4", "1", "1"}));
  }
  EXPECT_TRUE(in_csv);
  const auto la = CsvFields(lines.back());
  ASSERT_EQ(la.size(), header.size());
  EXPECT_EQ(la.front(), "LA");
  EXPECT_EQ(la[la.size() - 3], "5");
}

}  // namespace
}  // namespace cynnal::testing
