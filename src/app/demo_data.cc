#include "app/demo_data.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "app/calendars.h"
#include "app/clocks.h"
#include "domain/aln_case.h"
#include "domain/bank_holidays.h"
#include "domain/family.h"
#include "domain/family_contact.h"
#include "domain/idp.h"
#include "domain/learner.h"
#include "domain/legacy_sen.h"
#include "domain/one_page_profile.h"
#include "domain/organisation.h"
#include "domain/panel.h"
#include "domain/provision.h"
#include "domain/specialist_places.h"
#include "domain/statutory_clock.h"
#include "domain/upn.h"

namespace cynnal::app {
namespace {

using domain::Date;
using domain::Error;
using domain::FamilyLink;
using domain::FamilyMember;
using domain::FamilyMemberId;
using domain::LanguageMedium;
using domain::Learner;
using domain::LetterLanguage;
using domain::Registration;
using domain::Role;
using domain::SettingType;
using Names = std::span<const std::string_view>;

constexpr std::string_view kDemoPassword = "cynnal-demo";
constexpr int kMainLaNumber = 680;
constexpr int kOtherLaNumber = 661;

// Draws by modulo from std::mt19937, whose output the standard fixes, so that a seed gives the
// same data with every standard library (the std distributions are implementation-defined).
class Random {
 public:
  explicit Random(unsigned seed) : engine_(seed) {}

  // A whole number from lo to hi inclusive.
  int Between(int lo, int hi) {
    auto span = static_cast<std::uint32_t>(hi - lo + 1);
    return lo + static_cast<int>(engine_() % span);
  }
  bool Chance(int percent) { return Between(0, 99) < percent; }
  std::string_view Pick(Names names) {
    return names[static_cast<std::size_t>(Between(0, static_cast<int>(names.size()) - 1))];
  }

 private:
  std::mt19937 engine_;
};

// Names, all in common use in Wales; no person is meant.
constexpr auto kWelshChildNames = std::to_array<std::string_view>(
    {"Gwenllian", "Dafydd", "Cerys",  "Rhys",   "Elis",   "Mali",  "Ffion",    "Siôn",
     "Owain",     "Nia",    "Llŷr",   "Tomos",  "Osian",  "Efa",   "Lowri",    "Gruffudd",
     "Megan",     "Alaw",   "Cai",    "Hedd",   "Elan",   "Gwion", "Seren",    "Nel",
     "Ifan",      "Macsen", "Leusa",  "Begw",   "Tirion", "Deio",  "Heledd",   "Anest",
     "Iolo",      "Rhodri", "Catrin", "Sioned", "Lleucu", "Harri", "Llywelyn", "Rhiannon",
     "Elisabeth", "Math",   "Erin",   "Gethin", "Non",    "Cadi",  "Hanna",    "Jac"});
constexpr auto kEnglishChildNames = std::to_array<std::string_view>(
    {"Olivia", "Jack",     "Amelia",   "Noah",      "Isla",     "Oliver",  "Ava",    "George",
     "Freya",  "Harry",    "Lily",     "Leo",       "Evie",     "Charlie", "Grace",  "Alfie",
     "Ruby",   "Oscar",    "Poppy",    "Jacob",     "Sophie",   "Ethan",   "Ella",   "Mason",
     "Millie", "Theodore", "Isabella", "Alexander", "Benjamin", "Elsie",   "Arthur", "Maisie",
     "Finley", "Rosie",    "Logan",    "Willow",    "Riley",    "Ivy",     "Joshua", "Harper"});
constexpr auto kPolishChildNames = std::to_array<std::string_view>(
    {"Zofia", "Jakub", "Julia", "Antoni", "Maja", "Szymon", "Katarzyna", "Aleksander", "Zuzanna",
     "Filip", "Lena", "Kacper"});
constexpr auto kArabicChildNames =
    std::to_array<std::string_view>({"Amir", "Yusuf", "Maryam", "Zainab", "Omar", "Layla",
                                     "Ibrahim", "Aisha", "Nour", "Karim", "Hana", "Adam"});
constexpr auto kRomanianChildNames = std::to_array<std::string_view>(
    {"Andrei", "Ioana", "Darius", "Sofia", "Luca", "Maria", "Matei", "Ana"});
constexpr auto kUrduChildNames = std::to_array<std::string_view>(
    {"Ayaan", "Hamza", "Anaya", "Zara", "Ali", "Inaya", "Zayn", "Aleena"});

// "ap Rhys" is left out: it is kept for the family of the "parent" account, so that a search for
// it finds only them.
constexpr auto kWelshSurnames = std::to_array<std::string_view>(
    {"Jones",    "Williams",  "Davies",    "Evans",     "Thomas",  "Roberts", "Hughes",
     "Lewis",    "Morgan",    "Griffiths", "Pritchard", "Price",   "Parry",   "Owen",
     "Rees",     "Jenkins",   "Lloyd",     "Powell",    "Vaughan", "Bowen",   "Prosser",
     "Llywelyn", "ap Dafydd", "Gruffydd",  "Huws",      "Tudur",   "Pugh",    "Howells",
     "Edwards",  "Phillips",  "James",     "Bevan",     "Watkins", "Prys",    "Elis"});
constexpr auto kEnglishSurnames = std::to_array<std::string_view>(
    {"Smith", "Taylor", "Brown", "Wilson",  "Walker", "Wright", "Clarke",
     "Hall",  "Green",  "Baker", "Harris",  "Cooper", "King",   "Turner",
     "Hill",  "Ward",   "Moore", "Collins", "Murphy", "O'Brien"});
constexpr auto kPolishSurnames = std::to_array<std::string_view>(
    {"Nowak", "Wójcik", "Mazur", "Krawczyk", "Zając", "Król", "Wieczorek", "Kaczmarek"});
constexpr auto kArabicSurnames = std::to_array<std::string_view>(
    {"Haddad", "Al-Masri", "Nasser", "Khalil", "Saleh", "Mansour", "Abbas", "Hassan"});
constexpr auto kRomanianSurnames = std::to_array<std::string_view>(
    {"Popescu", "Ionescu", "Dumitru", "Stan", "Munteanu", "Constantin"});
constexpr auto kUrduSurnames = std::to_array<std::string_view>(
    {"Khan", "Hussain", "Ahmed", "Ali", "Iqbal", "Malik", "Rashid", "Shah"});

constexpr auto kWelshWomen = std::to_array<std::string_view>(
    {"Elin", "Siân", "Rhian", "Catrin", "Eleri", "Nerys", "Meinir", "Llinos", "Angharad", "Manon",
     "Gwawr", "Bethan", "Mererid", "Lisa"});
constexpr auto kWelshMen = std::to_array<std::string_view>(
    {"Huw", "Gareth", "Emyr", "Dylan", "Iwan", "Geraint", "Gethin", "Aled", "Rhodri", "Dewi",
     "Meilir", "Rhydian", "Owain", "Siôn"});
constexpr auto kEnglishWomen = std::to_array<std::string_view>(
    {"Sarah", "Emma", "Laura", "Rebecca", "Claire", "Gemma", "Kelly", "Stacey", "Hannah", "Amy",
     "Jessica", "Charlotte", "Natalie", "Victoria"});
constexpr auto kEnglishMen = std::to_array<std::string_view>(
    {"James", "Daniel", "Matthew", "Christopher", "Mark", "Lee", "Ryan", "Craig", "Jamie", "Thomas",
     "Adam", "Paul", "Liam", "Stuart"});
constexpr auto kPolishWomen = std::to_array<std::string_view>(
    {"Agnieszka", "Katarzyna", "Magdalena", "Anna", "Monika", "Joanna"});
constexpr auto kPolishMen =
    std::to_array<std::string_view>({"Marek", "Piotr", "Tomasz", "Paweł", "Krzysztof", "Łukasz"});
constexpr auto kArabicWomen =
    std::to_array<std::string_view>({"Fatima", "Rania", "Layla", "Noor", "Huda", "Samira"});
constexpr auto kArabicMen =
    std::to_array<std::string_view>({"Omar", "Yusuf", "Ahmed", "Khaled", "Tariq", "Sami"});
constexpr auto kRomanianWomen =
    std::to_array<std::string_view>({"Elena", "Ioana", "Andreea", "Mihaela", "Cristina"});
constexpr auto kRomanianMen =
    std::to_array<std::string_view>({"Andrei", "Mihai", "Florin", "Gabriel", "Adrian"});
constexpr auto kUrduWomen =
    std::to_array<std::string_view>({"Ayesha", "Sana", "Nadia", "Amina", "Saima"});
constexpr auto kUrduMen =
    std::to_array<std::string_view>({"Imran", "Bilal", "Asif", "Kamran", "Faisal"});

// Legal first names and the shorter names some learners use.
constexpr std::array<std::pair<std::string_view, std::string_view>, 12> kPreferredNames{{
    {"Gwenllian", "Gwen"},
    {"Elisabeth", "Beth"},
    {"Rhiannon", "Rhi"},
    {"Llywelyn", "Llew"},
    {"Gruffudd", "Guto"},
    {"Alexander", "Alex"},
    {"Benjamin", "Ben"},
    {"Oliver", "Ollie"},
    {"Isabella", "Bella"},
    {"Theodore", "Theo"},
    {"Katarzyna", "Kasia"},
    {"Aleksander", "Olek"},
}};

constexpr auto kStreets = std::to_array<std::string_view>(
    {"Heol y Felin", "Stryd Fawr", "Maes y Deri", "Ffordd yr Orsaf", "Lôn Las", "Heol yr Ysgol",
     "Bryn Glas", "Clos y Wern", "Church Street", "Station Road", "Oakfield Road", "Castle View",
     "Riverside Terrace", "Mill Lane", "Victoria Avenue", "Heol Hafod", "Llys Derw",
     "Maes Hyfryd"});
constexpr auto kMainTowns = std::to_array<std::string_view>(
    {"Cynnal", "Aberdderw", "Llanfair Cynnal", "Pentre Hafod", "Nant y Wern", "Bryn Derw"});
constexpr auto kOtherTowns = std::to_array<std::string_view>({"Cyfagos", "Llan-y-ffin"});

// A family background: the language spoken at home and the names a family of it may carry.
struct Culture {
  std::string_view home_language;  // as the family says it
  Names children, other_children;
  Names surnames, other_surnames;
  Names women, other_women;
  Names men, other_men;
  int other_names_percent;     // first names from the `other_` lists
  int other_surnames_percent;  // surnames from `other_surnames`
};

enum CultureIndex { kWelsh, kEnglish, kPolish, kArabic, kRomanian, kUrdu };

const std::array<Culture, 6>& Cultures() {
  static const std::array<Culture, 6> cultures{{
      {"Cymraeg", kWelshChildNames, kEnglishChildNames, kWelshSurnames, kEnglishSurnames,
       kWelshWomen, kEnglishWomen, kWelshMen, kEnglishMen, 10, 8},
      {"English", kEnglishChildNames, kWelshChildNames, kWelshSurnames, kEnglishSurnames,
       kEnglishWomen, kWelshWomen, kEnglishMen, kWelshMen, 35, 45},
      {"Polski", kPolishChildNames, kEnglishChildNames, kPolishSurnames, kPolishSurnames,
       kPolishWomen, kPolishWomen, kPolishMen, kPolishMen, 15, 0},
      {"العربية", kArabicChildNames, kEnglishChildNames, kArabicSurnames, kArabicSurnames,
       kArabicWomen, kArabicWomen, kArabicMen, kArabicMen, 10, 0},
      {"Română", kRomanianChildNames, kEnglishChildNames, kRomanianSurnames, kRomanianSurnames,
       kRomanianWomen, kRomanianWomen, kRomanianMen, kRomanianMen, 15, 0},
      {"اردو", kUrduChildNames, kEnglishChildNames, kUrduSurnames, kUrduSurnames, kUrduWomen,
       kUrduWomen, kUrduMen, kUrduMen, 10, 0},
  }};
  return cultures;
}

// The settings of the demo, in the order they are stored.
enum SettingIndex {
  kRiverside,
  kBrynDerw,
  kNantYWern,
  kLlanfair,
  kOakfield,
  kCastleView,
  kCynnalHigh,
  kCwmCynnal,
  kBroHafod,
  kMaesGlas,
  kTyNant,
  kColeg,
  kCyfagos,
  kSettingCount,
};

struct SettingPlan {
  std::string_view name;
  std::string_view establishment_number;
  SettingType type;
  LanguageMedium medium;
  int first_year;  // year groups taught, as domain::YearGroupOn numbers them
  int last_year;
  int generated;  // generated learners on roll today, besides the named ones and the stories
  bool other_la;
  std::vector<domain::ResourceBase> resource_bases;
};

const std::vector<SettingPlan>& SettingPlans() {
  static const std::vector<SettingPlan> plans{
      {"Riverside Nursery School",
       "1001",
       SettingType::kNursery,
       LanguageMedium::kBilingual,
       -1,
       -1,
       16,
       false,
       {}},
      {"Ysgol Gymraeg Bryn Derw",
       "2001",
       SettingType::kPrimary,
       LanguageMedium::kWelsh,
       0,
       6,
       28,
       false,
       {}},
      {"Ysgol Gymraeg Nant y Wern",
       "2002",
       SettingType::kPrimary,
       LanguageMedium::kWelsh,
       0,
       6,
       28,
       false,
       {{"Canolfan Gyfathrebu Nant y Wern", "Speech, language and communication", 8}}},
      {"Ysgol Gynradd Llanfair Cynnal",
       "2003",
       SettingType::kPrimary,
       LanguageMedium::kDualStream,
       0,
       6,
       28,
       false,
       {}},
      {"Oakfield Primary School",
       "2004",
       SettingType::kPrimary,
       LanguageMedium::kEnglish,
       0,
       6,
       32,
       false,
       {{"Oakfield Learning Support Centre", "Autism and social communication", 8}}},
      {"Castle View Primary School",
       "2005",
       SettingType::kPrimary,
       LanguageMedium::kEnglish,
       0,
       6,
       28,
       false,
       {}},
      {"Cynnal Vale High School",
       "4001",
       SettingType::kSecondary,
       LanguageMedium::kEnglish,
       7,
       13,
       40,
       false,
       {{"Hearing Impairment Resource Base", "Hearing impairment", 6}}},
      {"Ysgol Gyfun Cwm Cynnal",
       "4002",
       SettingType::kSecondary,
       LanguageMedium::kWelsh,
       7,
       13,
       36,
       false,
       {}},
      {"Ysgol Bro Hafod",
       "4003",
       SettingType::kAllThrough,
       LanguageMedium::kBilingual,
       -1,
       11,
       24,
       false,
       {}},
      {"Ysgol Maes Glas",
       "7001",
       SettingType::kSpecial,
       LanguageMedium::kBilingual,
       -1,
       14,
       12,
       false,
       {}},
      {"Canolfan Tŷ Nant Pupil Referral Unit",
       "1101",
       SettingType::kPru,
       LanguageMedium::kEnglish,
       1,
       11,
       0,
       false,
       {}},
      {"Coleg Cynnal",
       "8001",
       SettingType::kFei,
       LanguageMedium::kBilingual,
       12,
       14,
       19,
       false,
       {}},
      {"Ysgol Gynradd Cyfagos",
       "2001",
       SettingType::kPrimary,
       LanguageMedium::kBilingual,
       0,
       6,
       9,
       true,
       {}},
  };
  return plans;
}

constexpr std::array<SettingIndex, 5> kPrimaries{kBrynDerw, kNantYWern, kLlanfair, kOakfield,
                                                 kCastleView};

// What sets a learner's record apart, for the cases the Act treats differently.
enum class Story {
  kOrdinary,
  kMoved,         // left another setting of the same kind earlier
  kLookedAfter,   // looked after by the main LA
  kDual,          // on the roll of a secondary and the PRU at once
  kExcluded,      // left a secondary for the PRU
  kHomeEducated,  // electively home educated, no current registration
};

struct Slot {
  int setting;  // SettingIndex of the current setting; for kHomeEducated, the setting left
  int year_group;
  Story story = Story::kOrdinary;
  bool referred = false;
};

// Parents and carers a learner's record links to, and who may join them as a sibling.
struct Family {
  bool other_la = false;
  bool welsh_medium = false;
  int culture = kEnglish;
  LetterLanguage letters = LetterLanguage::kEnglish;
  std::string surname;
  std::vector<FamilyLink> links;
  std::vector<int> year_groups;  // of the children so far
  bool open = true;              // whether generated learners may join as siblings
};

std::string Pad(int value, int width) {
  std::string text = std::to_string(value);
  if (static_cast<int>(text.size()) < width)
    text.insert(0, static_cast<std::size_t>(width) - text.size(), '0');
  return text;
}

Date SeptemberFirst(int year) {
  return Date{std::chrono::year{year}, std::chrono::September, std::chrono::day{1}};
}

// Lower-case ASCII for an email address: letters with diacritics lose them, anything else that
// is not a letter or digit is dropped.
std::string Slug(std::string_view text) {
  static const std::array<std::pair<std::string_view, char>, 26> kFolds{{
      {"â", 'a'}, {"ê", 'e'}, {"î", 'i'}, {"ô", 'o'}, {"û", 'u'}, {"ŵ", 'w'}, {"ŷ", 'y'},
      {"ï", 'i'}, {"ë", 'e'}, {"é", 'e'}, {"ł", 'l'}, {"Ł", 'l'}, {"ś", 's'}, {"Ś", 's'},
      {"ą", 'a'}, {"ę", 'e'}, {"ć", 'c'}, {"ń", 'n'}, {"ó", 'o'}, {"ź", 'z'}, {"ż", 'z'},
      {"Ż", 'z'}, {"ă", 'a'}, {"ș", 's'}, {"ț", 't'}, {"ç", 'c'},
  }};
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      if (c >= 'A' && c <= 'Z') out += static_cast<char>(c - 'A' + 'a');
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out += static_cast<char>(c);
      ++i;
      continue;
    }
    bool folded = false;
    for (const auto& [from, to] : kFolds) {
      if (text.substr(i, from.size()) == from) {
        out += to;
        i += from.size();
        folded = true;
        break;
      }
    }
    if (!folded) ++i;
  }
  return out;
}

class Seeder {
 public:
  Seeder(UnitOfWork& uow, const PasswordHasher& hasher, Date today, unsigned seed)
      : uow_(uow),
        hasher_(hasher),
        today_(today),
        school_year_(static_cast<int>(domain::SchoolYearStart(today).year())),
        rng_(seed) {}

  domain::Result<DemoSummary> Run() {
    if (auto ok = AddOrganisations(); !ok) return ok.error();
    if (auto ok = AddNamedLearners(); !ok) return ok.error();
    for (const Slot& slot : PlanSlots()) {
      if (auto ok = AddGeneratedLearner(slot); !ok) return ok.error();
    }
    if (auto ok = AddUsers(); !ok) return ok.error();
    if (auto ok = AddCalendars(); !ok) return ok.error();
    if (auto ok = AddClocks(); !ok) return ok.error();
    if (auto ok = AddCases(); !ok) return ok.error();
    if (auto ok = AddPlans(); !ok) return ok.error();
    if (auto ok = AddPanels(); !ok) return ok.error();
    if (auto ok = AddProvision(); !ok) return ok.error();
    if (auto ok = AddSpecialistPlaces(); !ok) return ok.error();
    if (auto ok = AddFamilyContacts(); !ok) return ok.error();
    return summary_;
  }

 private:
  const SettingPlan& Plan(int index) const {
    return SettingPlans()[static_cast<std::size_t>(index)];
  }
  domain::LocalAuthorityId LaOf(bool other_la) const { return other_la ? other_la_ : main_la_; }
  int LaNumberOf(bool other_la) const { return other_la ? kOtherLaNumber : kMainLaNumber; }

  domain::Status AddOrganisations() {
    auto main = uow_.LocalAuthorities().Add(
        {{}, "Cynnal Vale Council", "Cyngor Bro Cynnal", kMainLaNumber});
    if (!main) return main.error();
    main_la_ = *main;
    auto other = uow_.LocalAuthorities().Add(
        {{}, "Neighbouring County Council", "Cyngor Sir Cyfagos", kOtherLaNumber});
    if (!other) return other.error();
    other_la_ = *other;
    auto board = uow_.LocalAuthorities().AddHealthBoard(
        {{}, "Cynnal University Health Board", "Bwrdd Iechyd Prifysgol Cynnal"});
    if (!board) return board.error();
    health_board_ = *board;

    for (const SettingPlan& plan : SettingPlans()) {
      domain::Setting setting;
      setting.local_authority = LaOf(plan.other_la);
      setting.name = plan.name;
      setting.establishment_number = plan.establishment_number;
      setting.type = plan.type;
      setting.language_medium = plan.medium;
      setting.resource_bases = plan.resource_bases;
      auto id = uow_.Settings().Add(setting);
      if (!id) return id.error();
      settings_.push_back(*id);
      ++summary_.settings;
    }
    return domain::Ok();
  }

  // A year group the setting teaches, fewer in the sixth form and the FEI's third year.
  int PickYearGroup(const SettingPlan& plan) {
    std::vector<int> weighted;
    for (int year = plan.first_year; year <= plan.last_year; ++year) {
      int weight = 3;
      if (plan.type == SettingType::kSecondary && year >= 12) weight = 2;
      if (plan.type == SettingType::kFei && year == 14) weight = 2;
      weighted.insert(weighted.end(), static_cast<std::size_t>(weight), year);
    }
    return weighted[static_cast<std::size_t>(Between(0, static_cast<int>(weighted.size()) - 1))];
  }

  int Between(int lo, int hi) { return rng_.Between(lo, hi); }

  // Index of a not yet special slot at `setting` whose year group is from lo to hi, or -1.
  int FindOrdinary(const std::vector<Slot>& slots, int setting, int lo, int hi) {
    std::vector<int> candidates;
    for (std::size_t i = 0; i < slots.size(); ++i) {
      const Slot& s = slots[i];
      if (s.setting == setting && s.story == Story::kOrdinary && s.year_group >= lo &&
          s.year_group <= hi)
        candidates.push_back(static_cast<int>(i));
    }
    if (candidates.empty()) return -1;
    return candidates[static_cast<std::size_t>(
        Between(0, static_cast<int>(candidates.size()) - 1))];
  }

  std::vector<Slot> PlanSlots() {
    std::vector<Slot> slots;
    for (int index = 0; index < kSettingCount; ++index) {
      const SettingPlan& plan = Plan(index);
      for (int n = 0; n < plan.generated; ++n) slots.push_back({index, PickYearGroup(plan)});
    }
    auto mark = [&](int setting, int lo, int hi, Story story) {
      int i = FindOrdinary(slots, setting, lo, hi);
      if (i >= 0) slots[static_cast<std::size_t>(i)].story = story;
    };
    for (int setting : {kBrynDerw, kOakfield, kCastleView, kCynnalHigh, kMaesGlas})
      mark(setting, -1, 14, Story::kLookedAfter);
    for (int n = 0; n < 5; ++n) mark(kCynnalHigh, 8, 11, Story::kDual);
    for (int n = 0; n < 2; ++n) mark(kCwmCynnal, 8, 11, Story::kDual);
    for (Slot& slot : slots) {
      const SettingPlan& plan = Plan(slot.setting);
      bool can_move =
          (plan.type == SettingType::kPrimary && slot.year_group > 0 && !plan.other_la) ||
          (plan.type == SettingType::kSecondary && slot.year_group > 7);
      if (slot.story == Story::kOrdinary && can_move && rng_.Chance(9)) slot.story = Story::kMoved;
      if (plan.other_la) continue;
      int percent = plan.type == SettingType::kSpecial   ? 75
                    : plan.type == SettingType::kNursery ? 12
                                                         : 3;
      slot.referred = rng_.Chance(percent);
    }
    slots.push_back({kCynnalHigh, 10, Story::kExcluded, false});
    slots.push_back({kCynnalHigh, 11, Story::kExcluded, true});
    slots.push_back({kCastleView, 5, Story::kHomeEducated, true});
    slots.push_back({kCynnalHigh, 9, Story::kHomeEducated, false});
    // Looked after by the main LA, on the roll of a school in the neighbouring LA.
    slots.push_back({kCyfagos, 4, Story::kLookedAfter, false});
    return slots;
  }

  int PickCulture(bool welsh_medium, bool other_la) {
    int roll = Between(0, 99);
    if (welsh_medium) return roll < 60 ? kWelsh : roll < 97 ? kEnglish : kPolish;
    if (other_la) return roll < 20 ? kWelsh : kEnglish;
    if (roll < 4) return kWelsh;
    if (roll < 82) return kEnglish;
    if (roll < 88) return kPolish;
    if (roll < 93) return kArabic;
    if (roll < 96) return kRomanian;
    return kUrdu;
  }

  std::string_view PickName(Names usual, Names other, int other_percent) {
    return rng_.Chance(other_percent) ? rng_.Pick(other) : rng_.Pick(usual);
  }

  std::string Surname(const Culture& culture) {
    return std::string(
        PickName(culture.surnames, culture.other_surnames, culture.other_surnames_percent));
  }

  std::string Address(bool other_la) {
    static constexpr std::string_view kInward = "ABDEFGHJLNPQRSTUWXYZ";
    auto letter = [&] { return kInward[static_cast<std::size_t>(Between(0, 19))]; };
    std::string postcode = "CY" + std::to_string(Between(1, 9)) + " " +
                           std::to_string(Between(1, 9)) + letter() + letter();
    return std::to_string(Between(1, 120)) + " " + std::string(rng_.Pick(kStreets)) + ", " +
           std::string(rng_.Pick(other_la ? Names(kOtherTowns) : Names(kMainTowns))) + ", " +
           postcode;
  }

  // Adds a parent or carer with fictional contact details (Ofcom's drama numbers, example
  // domains) and returns the link a learner's record holds.
  domain::Result<FamilyLink> AddMember(bool other_la, std::string first, std::string last,
                                       std::string relationship, bool parental_responsibility,
                                       LetterLanguage language, const std::string& address) {
    FamilyMember member;
    member.local_authority = LaOf(other_la);
    member.full_name = first + " " + last;
    int number = next_phone_++ % 1000;
    member.phone = rng_.Chance(25) ? "01632 960" + Pad(number, 3) : "07700 900" + Pad(number, 3);
    if (rng_.Chance(80)) {
      std::string local = Slug(first) + "." + Slug(last);
      std::string domain_name = rng_.Chance(50) ? "@example.org" : "@example.com";
      std::string email = local + domain_name;
      for (int n = 2; used_emails_.count(email) > 0; ++n)
        email = local + std::to_string(n) + domain_name;
      used_emails_.insert(email);
      member.email = email;
    }
    member.address = address;
    member.preferred_language = language;
    auto id = uow_.Families().Add(member);
    if (!id) return id.error();
    ++summary_.family_members;
    return FamilyLink{*id, std::move(relationship), parental_responsibility};
  }

  // A new family of the given background, with one or two parents holding parental
  // responsibility and, now and then, a grandparent or partner without it.
  domain::Result<Family> NewFamily(bool other_la, bool welsh_medium, int culture_index,
                                   LetterLanguage letters, std::string surname) {
    const Culture& culture = Cultures()[static_cast<std::size_t>(culture_index)];
    Family family;
    family.other_la = other_la;
    family.welsh_medium = welsh_medium;
    family.culture = culture_index;
    family.letters = letters;
    family.surname = std::move(surname);
    std::string home = Address(other_la);
    bool mother = rng_.Chance(88);
    bool father = !mother || rng_.Chance(62);
    auto add = [&](std::string first, std::string last, std::string relationship, bool pr,
                   const std::string& address) -> domain::Status {
      auto link = AddMember(other_la, std::move(first), std::move(last), std::move(relationship),
                            pr, letters, address);
      if (!link) return link.error();
      family.links.push_back(*link);
      return domain::Ok();
    };
    if (mother) {
      std::string last = rng_.Chance(80) ? family.surname : Surname(culture);
      auto first = PickName(culture.women, culture.other_women, culture.other_names_percent);
      if (auto ok = add(std::string(first), last, "mother", true, home); !ok) return ok.error();
    }
    if (father) {
      std::string address = mother && rng_.Chance(12) ? Address(other_la) : home;
      auto first = PickName(culture.men, culture.other_men, culture.other_names_percent);
      if (auto ok = add(std::string(first), family.surname, "father", true, address); !ok)
        return ok.error();
    }
    if (rng_.Chance(6)) {
      auto first = PickName(culture.women, culture.other_women, culture.other_names_percent);
      if (auto ok =
              add(std::string(first), Surname(culture), "grandparent", false, Address(other_la));
          !ok)
        return ok.error();
    }
    if (mother && !father && rng_.Chance(25)) {
      auto first = PickName(culture.men, culture.other_men, culture.other_names_percent);
      if (auto ok = add(std::string(first), Surname(culture), "carer", false, home); !ok)
        return ok.error();
    }
    return family;
  }

  // Foster carers, who do not hold parental responsibility (the LA shares it), and now and then
  // a birth parent who still does.
  domain::Result<Family> NewFosterFamily(bool other_la, const Culture& child_culture,
                                         const std::string& child_surname) {
    Family family;
    family.other_la = other_la;
    family.open = false;
    const Culture& carers = Cultures()[kEnglish];
    std::string surname = Surname(carers);
    std::string home = Address(other_la);
    auto woman = PickName(carers.women, carers.other_women, carers.other_names_percent);
    auto first = AddMember(other_la, std::string(woman), surname, "foster_carer", false,
                           LetterLanguage::kEnglish, home);
    if (!first) return first.error();
    family.links.push_back(*first);
    if (rng_.Chance(60)) {
      auto man = PickName(carers.men, carers.other_men, carers.other_names_percent);
      auto second = AddMember(other_la, std::string(man), surname, "foster_carer", false,
                              LetterLanguage::kEnglish, home);
      if (!second) return second.error();
      family.links.push_back(*second);
    }
    if (rng_.Chance(40)) {
      auto mother = PickName(child_culture.women, child_culture.other_women,
                             child_culture.other_names_percent);
      auto link = AddMember(other_la, std::string(mother), child_surname, "mother", true,
                            LetterLanguage::kEnglish, Address(other_la));
      if (!link) return link.error();
      family.links.push_back(*link);
    }
    return family;
  }

  // An open family of the same LA and language of schooling that has room for another child
  // in a different year group, or -1.
  int FindSiblingFamily(bool other_la, bool welsh_medium, int year_group) {
    std::vector<int> candidates;
    for (std::size_t i = 0; i < families_.size(); ++i) {
      const Family& f = families_[i];
      if (!f.open || f.other_la != other_la || f.welsh_medium != welsh_medium ||
          f.year_groups.size() >= 3)
        continue;
      if (std::find(f.year_groups.begin(), f.year_groups.end(), year_group) != f.year_groups.end())
        continue;
      candidates.push_back(static_cast<int>(i));
    }
    if (candidates.empty()) return -1;
    return candidates[static_cast<std::size_t>(
        Between(0, static_cast<int>(candidates.size()) - 1))];
  }

  Date BirthDateFor(int year_group) {
    int cohort = school_year_ - year_group - 5;
    Date first = SeptemberFirst(cohort);
    int days = domain::DaysBetween(first, SeptemberFirst(cohort + 1)) - 1;
    return domain::AddDays(first, Between(0, days));
  }

  // 1 September of the school year in which a learner now in `year_group` was in `entry_year`.
  Date SeptemberWhenIn(int year_group, int entry_year) const {
    return SeptemberFirst(school_year_ - (year_group - entry_year));
  }

  Date DaysAgo(int days) const { return domain::AddDays(today_, -days); }
  Date Earlier(Date a, Date b) const { return a < b ? a : b; }
  Date Later(Date a, Date b) const { return a < b ? b : a; }

  // The UPN a learner was given when first registered at `establishment`, in `year`. A temporary
  // UPN ends in a letter.
  domain::Result<domain::Upn> NewUpn(bool other_la, std::string_view establishment, int year,
                                     bool temporary) {
    static constexpr std::string_view kAlphabet = "ABCDEFGHJKLMNPQRTUVWXYZ";
    std::string prefix =
        Pad(LaNumberOf(other_la), 3) + std::string(establishment) + Pad(year % 100, 2);
    for (;;) {
      int& serial = serials_[prefix];
      serial += Between(1, 6);
      std::string rest = prefix;
      if (temporary) {
        rest += Pad(serial % 100, 2) + kAlphabet[static_cast<std::size_t>(Between(0, 22))];
      } else {
        rest += Pad(serial % 1000, 3);
      }
      auto check = domain::UpnCheckLetter(rest);
      if (!check) return Error::Internal("demo_error_upn");
      std::string text = *check + rest;
      if (!used_upns_.insert(text).second) continue;
      return domain::Upn::Parse(text);
    }
  }

  // Gives the learner a UPN: from the setting where they started school, or where they arrived
  // this year from outside Wales; otherwise from a primary school of the LA in their Reception
  // year.
  domain::Status AssignUpn(Learner& learner, bool other_la, int year_group, bool arrived,
                           bool temporary) {
    const Registration* first = nullptr;
    for (const auto& r : learner.registrations)
      if (!first || r.start < first->start) first = &r;
    std::string_view establishment;
    int year = school_year_ - year_group;
    if (first) {
      auto index =
          std::find(settings_.begin(), settings_.end(), first->setting) - settings_.begin();
      const SettingPlan& plan = Plan(static_cast<int>(index));
      bool from_the_start = plan.first_year <= 0 && first->start <= SeptemberWhenIn(year_group, 0);
      if (arrived || from_the_start) {
        establishment = plan.establishment_number;
        year = static_cast<int>(first->start.year());
      }
    }
    if (establishment.empty()) {
      establishment =
          other_la ? Plan(kCyfagos).establishment_number
                   : Plan(kPrimaries[static_cast<std::size_t>(Between(0, 4))]).establishment_number;
    }
    auto upn = NewUpn(other_la, establishment, year, temporary);
    if (!upn) return upn.error();
    learner.upn = *upn;
    return domain::Ok();
  }

  domain::Result<domain::LearnerId> AddLearner(const Learner& learner) {
    auto id = uow_.Learners().Add(learner);
    if (!id) return id.error();
    ++summary_.learners;
    return id;
  }

  // The family whose mother holds the "parent" account: two children at Ysgol Gymraeg Bryn
  // Derw; and the young person at Coleg Cynnal who holds the "young.person" account.
  domain::Status AddNamedLearners() {
    std::string home = "7 Heol y Felin, Bryn Derw, CY2 4DW";
    auto elin = AddMember(false, "Elin", "ap Rhys", "mother", true, LetterLanguage::kWelsh, home);
    if (!elin) return elin.error();
    parent_member_ = elin->member;
    auto huw = AddMember(false, "Huw", "ap Rhys", "father", true, LetterLanguage::kWelsh, home);
    if (!huw) return huw.error();
    for (auto [first, year_group] : {std::pair<std::string, int>{"Mali", 5}, {"Tomos", 2}}) {
      Learner child;
      child.local_authority = main_la_;
      child.legal_first_name = first;
      child.legal_last_name = "ap Rhys";
      child.date_of_birth = BirthDateFor(year_group);
      child.home_language = "Cymraeg";
      child.letter_language = LetterLanguage::kWelsh;
      child.welsh_medium = true;
      child.registrations.push_back(
          {settings_[kBrynDerw], SeptemberWhenIn(year_group, 0), std::nullopt});
      child.family = {*elin, *huw};
      if (year_group == 2) child.health_board_referrals.push_back(health_board_);
      if (auto ok = AssignUpn(child, false, year_group, false, false); !ok) return ok;
      if (auto id = AddLearner(child); !id) return id.error();
    }

    auto nerys = AddMember(false, "Nerys", "Pritchard", "mother", true, LetterLanguage::kEnglish,
                           "31 Maes Hyfryd, Aberdderw, CY5 2HL");
    if (!nerys) return nerys.error();
    Learner cerys;
    cerys.local_authority = main_la_;
    cerys.legal_first_name = "Cerys";
    cerys.legal_last_name = "Pritchard";
    cerys.date_of_birth = BirthDateFor(13);
    cerys.home_language = "English";
    cerys.welsh_medium = true;
    cerys.registrations.push_back(
        {settings_[kCwmCynnal], SeptemberWhenIn(13, 7),
         Date{std::chrono::year{school_year_ - 1}, std::chrono::July, std::chrono::day{17}}});
    cerys.registrations.push_back({settings_[kColeg], SeptemberWhenIn(13, 12), std::nullopt});
    cerys.family = {*nerys};
    if (auto ok = AssignUpn(cerys, false, 13, false, false); !ok) return ok;
    auto id = AddLearner(cerys);
    if (!id) return id.error();
    young_person_ = *id;
    return domain::Ok();
  }

  // Registrations for the slot's story; sets `joined_in_year` when the learner arrived during
  // this school year from outside the LA.
  std::vector<Registration> RegistrationsFor(const Slot& slot, bool& joined_in_year) {
    const SettingPlan& plan = Plan(slot.setting);
    domain::SettingId here = settings_[static_cast<std::size_t>(slot.setting)];
    int year = slot.year_group;
    int entry = std::max(plan.first_year,
                         plan.type == SettingType::kSpecial || plan.type == SettingType::kAllThrough
                             ? year - Between(0, 5)
                             : plan.first_year);
    Date start = SeptemberWhenIn(year, entry);
    Date this_year = SeptemberFirst(school_year_);
    joined_in_year = false;

    switch (slot.story) {
      case Story::kMoved: {
        int previous_index = slot.setting;
        while (previous_index == slot.setting) {
          previous_index = plan.type == SettingType::kPrimary
                               ? kPrimaries[static_cast<std::size_t>(Between(0, 4))]
                               : (slot.setting == kCynnalHigh ? kCwmCynnal : kCynnalHigh);
        }
        int days = domain::DaysBetween(start, this_year);
        Date left = domain::AddDays(start, Between(60, days - 1));
        Date joined = Earlier(domain::AddDays(left, Between(1, 12)), today_);
        return {{settings_[static_cast<std::size_t>(previous_index)], start, left},
                {here, joined, std::nullopt}};
      }
      case Story::kDual: {
        Date placed = Later(DaysAgo(Between(10, 120)), domain::AddDays(start, 1));
        std::optional<Date> until;
        if (rng_.Chance(50)) until = domain::AddDays(today_, Between(14, 70));
        return {{here, start, std::nullopt}, {settings_[kTyNant], Earlier(placed, today_), until}};
      }
      case Story::kExcluded: {
        Date left = Later(DaysAgo(Between(30, 150)), domain::AddDays(start, 30));
        Date joined = Earlier(domain::AddDays(left, Between(1, 10)), today_);
        return {{here, start, left}, {settings_[kTyNant], joined, std::nullopt}};
      }
      case Story::kHomeEducated: {
        Date left = year >= 7 ? Later(DaysAgo(Between(40, 200)), domain::AddDays(start, 30))
                              : domain::AddDays(this_year, -Between(30, 200));
        return {{here, start, Earlier(left, DaysAgo(1))}};
      }
      case Story::kOrdinary:
      case Story::kLookedAfter:
        break;
    }
    int days_this_year = domain::DaysBetween(this_year, today_);
    if (days_this_year > 30 && rng_.Chance(7)) {
      start = domain::AddDays(this_year, Between(14, days_this_year));
      joined_in_year = true;
    }
    return {{here, start, std::nullopt}};
  }

  domain::Status AddGeneratedLearner(const Slot& slot) {
    const SettingPlan& plan = Plan(slot.setting);
    bool other_la = plan.other_la;
    bool welsh_medium = false;
    switch (plan.medium) {
      case LanguageMedium::kWelsh:
        welsh_medium = true;
        break;
      case LanguageMedium::kDualStream:
        welsh_medium = rng_.Chance(50);
        break;
      case LanguageMedium::kBilingual:
        welsh_medium = rng_.Chance(60);
        break;
      case LanguageMedium::kEnglish:
        welsh_medium = false;
        break;
    }

    Learner learner;
    learner.local_authority = LaOf(other_la);
    learner.welsh_medium = welsh_medium;
    learner.date_of_birth = BirthDateFor(slot.year_group);

    int family_index = -1;
    bool looked_after = slot.story == Story::kLookedAfter;
    if (!looked_after && rng_.Chance(20))
      family_index = FindSiblingFamily(other_la, welsh_medium, slot.year_group);
    int culture_index = family_index >= 0
                            ? families_[static_cast<std::size_t>(family_index)].culture
                            : PickCulture(welsh_medium, other_la);
    const Culture& culture = Cultures()[static_cast<std::size_t>(culture_index)];
    std::string surname = family_index >= 0
                              ? families_[static_cast<std::size_t>(family_index)].surname
                              : Surname(culture);
    LetterLanguage letters = LetterLanguage::kEnglish;
    if (family_index >= 0) {
      letters = families_[static_cast<std::size_t>(family_index)].letters;
    } else if (welsh_medium) {
      int percent = culture_index == kWelsh ? 95 : culture_index == kEnglish ? 35 : 0;
      if (rng_.Chance(percent)) letters = LetterLanguage::kWelsh;
    } else if (culture_index == kWelsh && rng_.Chance(70)) {
      letters = LetterLanguage::kWelsh;
    }

    if (looked_after) {
      auto family = NewFosterFamily(other_la, culture, surname);
      if (!family) return family.error();
      families_.push_back(std::move(*family));
      family_index = static_cast<int>(families_.size()) - 1;
      learner.looked_after = true;
      learner.looked_after_by = main_la_;
    } else if (family_index < 0) {
      auto family = NewFamily(other_la, welsh_medium, culture_index, letters, surname);
      if (!family) return family.error();
      families_.push_back(std::move(*family));
      family_index = static_cast<int>(families_.size()) - 1;
    }
    Family& family = families_[static_cast<std::size_t>(family_index)];
    family.year_groups.push_back(slot.year_group);
    learner.family = family.links;

    learner.legal_first_name = std::string(
        PickName(culture.children, culture.other_children, culture.other_names_percent));
    learner.legal_last_name = surname;
    for (const auto& [legal, preferred] : kPreferredNames) {
      if (learner.legal_first_name == legal && rng_.Chance(70))
        learner.preferred_name = std::string(preferred);
    }
    learner.home_language = std::string(culture.home_language);
    learner.letter_language = letters;
    learner.electively_home_educated = slot.story == Story::kHomeEducated;

    bool joined_in_year = false;
    learner.registrations = RegistrationsFor(slot, joined_in_year);
    if (slot.referred) learner.health_board_referrals.push_back(health_board_);

    bool new_arrival = joined_in_year && culture_index != kWelsh && culture_index != kEnglish;
    bool temporary = new_arrival || rng_.Chance(1);
    if (auto ok = AssignUpn(learner, other_la, slot.year_group, joined_in_year, temporary); !ok)
      return ok;
    if (auto id = AddLearner(learner); !id) return id.error();
    return domain::Ok();
  }

  std::string_view DisplayName(std::string_view username) const {
    static const std::map<std::string_view, std::string_view> kNames{
        {"la.admin", "Alys Morgan"},        {"la.officer", "Gareth Bowen"},
        {"panel.member", "Dr Helen Price"}, {"alnco", "Eleri Prosser"},
        {"teacher", "Iwan Tudur"},          {"governor", "Margaret Lloyd"},
        {"parent", "Elin ap Rhys"},         {"young.person", "Cerys Pritchard"},
        {"health.officer", "Sam Rees"},     {"other.la.officer", "Rhian Powell"},
    };
    auto it = kNames.find(username);
    return it == kNames.end() ? username : it->second;
  }

  domain::Status AddUsers() {
    for (const DemoAccount& account : DemoAccounts()) {
      domain::User user;
      user.username = account.username;
      user.display_name = std::string(DisplayName(account.username));
      user.role = account.role;
      user.local_authority = account.username == "other.la.officer" ? other_la_ : main_la_;
      switch (account.role) {
        case Role::kAlnco:
        case Role::kTeacher:
        case Role::kGovernor:
          user.settings = {settings_[kBrynDerw]};
          break;
        case Role::kParent:
          user.family_member = parent_member_;
          user.language = LetterLanguage::kWelsh;
          break;
        case Role::kYoungPerson:
          user.learner = young_person_;
          break;
        case Role::kHealthBoardOfficer:
          user.health_board = health_board_;
          break;
        case Role::kLaAdministrator:
        case Role::kLaOfficer:
        case Role::kPanelMember:
          break;
      }
      user.password_hash = hasher_.Hash(account.password);
      auto id = uow_.Users().Add(user);
      if (!id) return id.error();
      ++summary_.users;
    }
    return domain::Ok();
  }

  // Term dates on the all-Wales pattern: autumn from the first weekday of September to the last
  // Friday before 21 December with the last week of October off; spring from the first Monday
  // after 2 January to a week before Good Friday with the third week of February off; summer from
  // a week after Easter Monday to 20 July (or the Friday before) with the spring bank holiday
  // week off. For 2025/26 these are the published all-Wales dates (REFERENCE section 9).
  static domain::TermDates PatternTermDates(domain::LocalAuthorityId la, int y) {
    using namespace std::chrono;
    auto ymd = [](int yy, unsigned m, unsigned d) { return Date{year{yy}, month{m}, day{d}}; };
    auto weekday_of = [](Date d) { return weekday{sys_days{d}}; };
    auto on_or_after = [&](Date d, weekday wd) {
      while (weekday_of(d) != wd) d = domain::AddDays(d, 1);
      return d;
    };
    auto on_or_before = [&](Date d, weekday wd) {
      while (weekday_of(d) != wd) d = domain::AddDays(d, -1);
      return d;
    };
    Date autumn_start = ymd(y, 9, 1);
    while (weekday_of(autumn_start) == Saturday || weekday_of(autumn_start) == Sunday)
      autumn_start = domain::AddDays(autumn_start, 1);
    const Date autumn_half = on_or_before(ymd(y, 10, 31), Monday);
    const Date easter = domain::EasterSunday(y + 1);
    const Date spring_half = on_or_after(ymd(y + 1, 2, 15), Monday);
    const Date summer_half = on_or_before(ymd(y + 1, 5, 31), Monday);
    Date summer_end = ymd(y + 1, 7, 20);
    while (weekday_of(summer_end) == Saturday || weekday_of(summer_end) == Sunday)
      summer_end = domain::AddDays(summer_end, -1);
    domain::TermDates dates;
    dates.local_authority = la;
    dates.academic_year = y;
    dates.terms = {
        {domain::TermName::kAutumn, autumn_start, on_or_before(ymd(y, 12, 20), Friday), autumn_half,
         domain::AddDays(autumn_half, 4)},
        {domain::TermName::kSpring, on_or_after(ymd(y + 1, 1, 3), Monday),
         domain::AddDays(easter, -9), spring_half, domain::AddDays(spring_half, 4)},
        {domain::TermName::kSummer, domain::AddDays(easter, 8), summer_end, summer_half,
         domain::AddDays(summer_half, 4)},
    };
    return dates;
  }

  // Term dates from the year before this one to the year after, for both LAs; Bryn Derw's INSET
  // days on the first day of autumn and spring terms and the last of summer, each year.
  domain::Status AddCalendars() {
    for (int y = school_year_ - 1; y <= school_year_ + 1; ++y) {
      for (auto la : {main_la_, other_la_}) {
        if (auto ok = uow_.Calendars().PutTermDates(PatternTermDates(la, y)); !ok) return ok;
      }
      const auto dates = PatternTermDates(main_la_, y);
      for (Date inset : {dates.terms[0].start, dates.terms[1].start, dates.terms[2].end}) {
        auto id = uow_.Calendars().AddSettingDay({0, settings_[kBrynDerw], inset,
                                                  domain::CalendarEntryKind::kInset,
                                                  "Diwrnod HMS / INSET day"});
        if (!id) return id.error();
      }
    }
    return domain::Ok();
  }

  // Clocks on Bryn Derw learners in each state a caseworker meets: overdue, at risk and on track
  // school decisions, an LA decision whose deadline was waived, one met. Start dates are found
  // from today so that each shows its state whenever the demo is loaded; one that cannot be
  // placed (today in a long holiday) is left out.
  domain::Status AddClocks() {
    LearnerQuery query;
    query.scope.settings = {settings_[kBrynDerw]};
    query.scope.on = today_;
    query.limit = 8;
    auto page = uow_.Learners().Search(query);
    if (page.items.size() < 5) return domain::Ok();
    auto setting = uow_.Settings().Get(settings_[kBrynDerw]);
    if (!setting) return domain::Ok();
    auto calendar = CalendarFor(uow_, &*setting, main_la_);
    if (!calendar) return calendar.error();
    std::optional<domain::UserId> officer, alnco;
    for (const auto& user : uow_.Users().ListByLocalAuthority(main_la_)) {
      if (user.username == "la.officer") officer = user.id;
      if (user.username == "alnco") alnco = user.id;
    }
    if (!officer || !alnco) return domain::Ok();
    const domain::Timestamp at{std::chrono::sys_days{today_} + std::chrono::hours{9}};
    auto base = [&](const domain::Learner& learner, const char* timescale) {
      domain::StatutoryClock clock;
      clock.local_authority = main_la_;
      clock.learner = learner.id;
      clock.timescale = timescale;
      const auto* t = domain::FindTimescale(timescale);
      clock.count = t->count;
      if (domain::NeedsSchoolCalendar(*t)) clock.calendar_setting = settings_[kBrynDerw];
      clock.start_event = domain::ClockEvent::kConcernRaised;
      clock.started_by = *alnco;
      clock.started_at = at;
      return clock;
    };
    // The latest start date, going back from today, at which the clock shows `wanted`.
    auto place = [&](domain::StatutoryClock clock, domain::ForecastStatus wanted,
                     int min_left) -> std::optional<domain::StatutoryClock> {
      const auto* t = domain::FindTimescale(clock.timescale);
      for (int back = 1; back <= 200; ++back) {
        clock.started_on = domain::AddDays(today_, -back);
        auto forecast = domain::Forecast(clock, *t, *calendar, today_);
        if (forecast && forecast->status == wanted && forecast->days_left <= min_left) {
          return clock;
        }
      }
      return std::nullopt;
    };
    std::vector<domain::StatutoryClock> clocks;
    auto overdue = base(page.items[0], "school-decision");
    overdue.reference = "Pryder gan yr athro dosbarth / Concern from the class teacher";
    if (auto c = place(overdue, domain::ForecastStatus::kOverdue, -2)) clocks.push_back(*c);
    auto at_risk = base(page.items[1], "school-decision");
    at_risk.reference = "Pryder gan y rhieni / Concern from the parents";
    if (auto c = place(at_risk, domain::ForecastStatus::kAtRisk, 4)) clocks.push_back(*c);
    auto on_track = base(page.items[2], "school-decision");
    on_track.reference = "Pryder gan yr ALNCo / Concern from the ALNCo";
    if (auto c = place(on_track, domain::ForecastStatus::kOnTrack, 30)) clocks.push_back(*c);
    auto waived = base(page.items[3], "la-decision");
    waived.start_event = domain::ClockEvent::kReferralReceived;
    waived.started_by = *officer;
    waived.reference = "Atgyfeiriad i'r ALl / Referral to the LA";
    waived.started_on = domain::AddDays(today_, -70);
    waived.waiver = domain::Waiver{domain::WaiverReason::kAwaitingAnotherBody,
                                   "Awaiting the health board's report (Regs reg 10(4))", *officer,
                                   at, domain::AddDays(today_, 21)};
    clocks.push_back(waived);
    auto met = base(page.items[4], "school-decision");
    met.reference = "Pryder gan y rhieni / Concern from the parents";
    met.started_on = domain::AddDays(today_, -120);
    if (auto due = domain::DueDate(*domain::FindTimescale("school-decision"), 35, met.started_on,
                                   *calendar)) {
      met.stopped_on = domain::AddDays(*due, -3);
      met.due_when_stopped = *due;
      met.stop_note = "Hysbysiad CDU wedi'i roi / IDP notice given";
      if (!(today_ < *met.stopped_on)) clocks.push_back(met);
    }
    for (const auto& clock : clocks) {
      auto id = uow_.Clocks().Add(clock);
      if (!id) return id.error();
    }
    return domain::Ok();
  }

  // ALN cases on Bryn Derw learners at the stages a caseworker meets: a concern awaiting the
  // school's decision, a decision awaiting its notice, a no-ALN notice given (which the family may
  // ask the LA to reconsider), and a concern brought directly to the LA awaiting its triage. Each
  // has its clock, started and stopped as the case's steps would.
  domain::Status AddCases() {
    LearnerQuery query;
    query.scope.settings = {settings_[kBrynDerw]};
    query.scope.on = today_;
    query.limit = 12;
    auto page = uow_.Learners().Search(query);
    if (page.items.size() < 12) return domain::Ok();
    std::optional<domain::UserId> officer, alnco;
    for (const auto& user : uow_.Users().ListByLocalAuthority(main_la_)) {
      if (user.username == "la.officer") officer = user.id;
      if (user.username == "alnco") alnco = user.id;
    }
    if (!officer || !alnco) return domain::Ok();
    const domain::Timestamp at{std::chrono::sys_days{today_} + std::chrono::hours{9}};
    const domain::StepContext by_school{*alnco, at, today_};
    const domain::StepContext by_la{*officer, at, today_};

    auto settings_of = [&](const domain::Learner& learner) {
      std::vector<domain::Setting> out;
      for (const auto& r : learner.registrations)
        if (auto s = uow_.Settings().Get(r.setting)) out.push_back(*s);
      return out;
    };
    // Opens a case `days_ago` days back and starts the deciding body's clock.
    auto open = [&](const domain::Learner& learner, domain::ConcernSource source,
                    const char* raised_by, const char* description, int days_ago,
                    bool to_la) -> domain::Result<domain::AlnCase> {
      domain::Concern concern;
      concern.source = source;
      concern.raised_by = raised_by;
      concern.brought_on = domain::AddDays(today_, -days_ago);
      concern.to_la = to_la;
      concern.description = description;
      const auto who = domain::WhoDecides(learner, settings_of(learner), concern.brought_on);
      auto c = domain::OpenCase(learner, concern, who, to_la ? by_la : by_school);
      if (!c) return c.error();
      auto id = uow_.Cases().Add(*c);
      if (!id) return id.error();
      c->id = *id;
      domain::StatutoryClock clock;
      clock.local_authority = c->responsibility.local_authority;
      clock.learner = learner.id;
      const bool school = !to_la && c->responsibility.body == domain::DecidingBody::kSchool;
      clock.timescale = school ? "school-decision" : "la-decision";
      clock.count = domain::FindTimescale(clock.timescale)->count;
      if (school) clock.calendar_setting = c->responsibility.setting;
      clock.started_on = c->DutyStartsOn();
      clock.reference = "ALN case " + std::to_string(c->id.value());
      clock.aln_case = c->id;
      clock.started_by = to_la ? *officer : *alnco;
      clock.started_at = at;
      auto clock_id = StartClockIn(uow_, clock, "brought_on");
      if (!clock_id) return clock_id.error();
      c->duty_clock = *clock_id;
      return c;
    };
    auto decide = [&](domain::AlnCase& c, bool has_aln, int days_ago) -> domain::Status {
      domain::AlnDecision d;
      d.body = c.responsibility;
      d.decided_on = domain::AddDays(today_, -days_ago);
      auto& t = d.test;
      t.greater_difficulty = has_aln ? domain::Answer::kYes : domain::Answer::kNo;
      t.greater_difficulty_evidence =
          has_aln ? "Reading age 3 years below chronological age; progress slower than peers "
                    "after two terms of targeted support"
                  : "";
      t.disability = domain::Answer::kNo;
      t.evidence = {domain::EvidenceKind::kStandardisedAssessment,
                    domain::EvidenceKind::kTeacherAssessment, domain::EvidenceKind::kParentsViews};
      if (has_aln) {
        t.progress = {domain::ProgressIndicator::kSlowerThanPeers,
                      domain::ProgressIndicator::kGapNotClosing};
        t.language_only = domain::Answer::kNo;
        t.calls_for_alp = domain::Answer::kYes;
        t.alp = "Structured literacy programme, 3 x 30 minutes a week in a group of 3";
        t.areas = {domain::AreaOfNeed::kCognitionLearning};
        t.types = {"dyslexia"};
        d.assessment = domain::MaintainerAssessment{false, false, false, false, 5};
      }
      return domain::RecordDecision(c, d, domain::kDefaultTaHoursThreshold, by_school);
    };
    auto save = [&](const domain::AlnCase& c) { return uow_.Cases().Update(c); };

    // Awaiting the school's decision.
    auto waiting = open(page.items[8], domain::ConcernSource::kParent, "Mrs Eleri Morgan",
                        "Finds reading and spelling much harder than classmates; upset before "
                        "literacy lessons.",
                        12, false);
    if (!waiting) return waiting.error();
    if (auto ok = save(*waiting); !ok) return ok;

    // Decided (has ALN), notice due.
    auto decided =
        open(page.items[9], domain::ConcernSource::kTeacher, "Mr Dafydd Owen",
             "Slow progress in reading despite two terms of small-group support.", 40, false);
    if (!decided) return decided.error();
    if (auto ok = decide(*decided, true, 1); !ok) return ok;
    if (auto ok = save(*decided); !ok) return ok;

    // Decided (no ALN), notice given by email: the school's clock stopped that day.
    auto notified = open(page.items[10], domain::ConcernSource::kParent, "Mr Tomasz Nowak",
                         "Concern about handwriting and keeping up with written work.", 60, false);
    if (!notified) return notified.error();
    if (auto ok = decide(*notified, false, 20); !ok) return ok;
    domain::DecisionNotice notice;
    notice.method = domain::NoticeMethod::kEmail;
    notice.sent_on = domain::AddDays(today_, -18);
    notice.given_on = notice.sent_on;
    notice.language = page.items[10].letter_language;
    if (auto ok = domain::RecordNotice(*notified, notice, by_school); !ok) return ok;
    if (auto ok = StopClockIn(uow_, *notified->duty_clock, notice.given_on, "Notice given", today_);
        !ok)
      return ok;
    notified->duty_clock.reset();
    if (auto ok = save(*notified); !ok) return ok;

    // Brought directly to the LA: it must take it on or send it back.
    auto direct = open(
        page.items[11], domain::ConcernSource::kHealthBody, "Dr Nia Rees, community paediatrician",
        "Referral after assessment: possible developmental coordination disorder.", 5, true);
    if (!direct) return direct.error();
    if (auto ok = save(*direct); !ok) return ok;
    return domain::Ok();
  }

  // The LA's two ALN panels (REFERENCE section 6): ages 3-11 and 11-16, with their standing
  // members (the "panel.member" account is the 3-11 panel's educational psychologist) and a
  // fortnightly Wednesday schedule for this school year. At the latest meeting before today the
  // panel agreed a resource base place for one Bryn Derw pupil and its minutes went out two
  // working days later; the next meeting has the direct approach to the LA on its agenda, with
  // Bryn Derw's representative excused; a managed move waits to be listed.
  domain::Status AddPanels() {
    std::optional<domain::UserId> officer, panel_member;
    for (const auto& user : uow_.Users().ListByLocalAuthority(main_la_)) {
      if (user.username == "la.officer") officer = user.id;
      if (user.username == "panel.member") panel_member = user.id;
    }
    if (!officer || !panel_member) return domain::Ok();
    const domain::Timestamp at{std::chrono::sys_days{today_} + std::chrono::hours{11}};
    using domain::PanelRole;
    domain::Panel primary;
    primary.local_authority = main_la_;
    primary.name_en = "ALN panel, ages 3 to 11";
    primary.name_cy = "Panel ADY, oedran 3 i 11";
    primary.min_age = 3;
    primary.max_age = 11;
    struct Member {
      const char* name;
      PanelRole role;
      const char* organisation;
      const char* email;
    };
    const Member members[] = {
        {"Gwen Davies", PanelRole::kChair, "Cynnal Vale Council", "gwen.davies@cynnalvale.example"},
        {"Dr Aled Hughes", PanelRole::kActingChair, "Educational psychology service",
         "aled.hughes@cynnalvale.example"},
        {"Dr Helen Price", PanelRole::kEducationalPsychologist, "Educational psychology service",
         "helen.price@cynnalvale.example"},
        {"Rhian Jenkins", PanelRole::kInclusionOfficer, "Cynnal Vale Council",
         "rhian.jenkins@cynnalvale.example"},
        {"Eleri Prosser", PanelRole::kSchoolRepresentative, "", "alnco@brynderw.example"},
        {"Sioned Lewis", PanelRole::kParentalRepresentative, "SNAP Cymru",
         "sioned.lewis@snapcymru.example"},
        {"Mark Evans", PanelRole::kAdministrator, "Cynnal Vale Council",
         "mark.evans@cynnalvale.example"},
        {"Carys Thomas", PanelRole::kLacCoordinator, "Cynnal Vale Council",
         "carys.thomas@cynnalvale.example"},
    };
    for (const Member& m : members) {
      domain::PanelMember member;
      member.name = m.name;
      member.role = m.role;
      member.organisation = m.organisation;
      member.email = m.email;
      if (m.role == PanelRole::kEducationalPsychologist) member.user = *panel_member;
      if (m.role == PanelRole::kSchoolRepresentative) {
        member.setting = settings_[kBrynDerw];
        member.organisation = "Ysgol Gymraeg Bryn Derw";
      }
      if (auto key = domain::AddMember(primary, member); !key) return key.error();
    }
    auto primary_id = uow_.Panels().AddPanel(primary);
    if (!primary_id) return primary_id.error();
    primary.id = *primary_id;

    domain::Panel secondary;
    secondary.local_authority = main_la_;
    secondary.name_en = "ALN panel, ages 11 to 16";
    secondary.name_cy = "Panel ADY, oedran 11 i 16";
    secondary.min_age = 11;
    secondary.max_age = 16;
    for (const Member& m : {members[0], members[1], members[3], members[5], members[6]}) {
      domain::PanelMember member;
      member.name = m.name;
      member.role = m.role;
      member.organisation = m.organisation;
      member.email = m.email;
      if (auto key = domain::AddMember(secondary, member); !key) return key.error();
    }
    if (auto id = uow_.Panels().AddPanel(secondary); !id) return id.error();

    // Fortnightly on Wednesdays from the second week of the school year to its end.
    auto calendar = CalendarFor(uow_, nullptr, main_la_);
    if (!calendar) return domain::Ok();
    Date first = domain::AddDays(SeptemberFirst(school_year_), 7);
    while (std::chrono::weekday{std::chrono::sys_days{first}} != std::chrono::Wednesday)
      first = domain::AddDays(first, 1);
    auto dates =
        domain::FortnightlySchedule(first, domain::AcademicYearEnd(school_year_), *calendar);
    if (!dates) return domain::Ok();
    std::optional<domain::PanelMeeting> last_held, next;
    for (Date date : *dates) {
      domain::PanelMeeting meeting;
      meeting.panel = primary.id;
      meeting.local_authority = main_la_;
      meeting.date = date;
      meeting.time = "09:30";
      meeting.location = "Civic Centre, Committee Room 2";
      auto id = uow_.Panels().AddMeeting(meeting);
      if (!id) return id.error();
      meeting.id = *id;
      if (date < today_) last_held = meeting;
      if (date > today_ && !next) next = meeting;
    }

    LearnerQuery query;
    query.scope.settings = {settings_[kBrynDerw]};
    query.scope.on = today_;
    query.limit = 12;
    auto page = uow_.Learners().Search(query);
    if (page.items.size() < 12) return domain::Ok();
    auto refer = [&](const domain::Learner& learner, domain::PanelCaseType type,
                     domain::AreaOfNeed area, const char* summary,
                     int days_ago) -> domain::Result<domain::PanelReferral> {
      domain::PanelReferral r;
      r.local_authority = main_la_;
      r.panel = primary.id;
      r.learner = learner.id;
      r.setting = settings_[kBrynDerw];
      r.type = type;
      r.area = area;
      r.summary = summary;
      r.referred_on = domain::AddDays(today_, -days_ago);
      r.referred_by = *officer;
      r.referred_at = at;
      for (const auto& c : uow_.Cases().ListForLearner(learner.id)) {
        r.aln_case = c.id;
        r.clock = c.duty_clock;
      }
      auto id = uow_.Panels().AddReferral(r);
      if (!id) return id.error();
      r.id = *id;
      return r;
    };

    // Decided at the latest meeting held, with its minutes distributed.
    if (last_held) {
      auto placed = refer(page.items[5], domain::PanelCaseType::kSpecialistPlacement,
                          domain::AreaOfNeed::kCommunicationInteraction,
                          "A place at the Bryn Derw communication resource base from next term.",
                          domain::DaysBetween(domain::AddDays(last_held->date, -10), today_));
      if (!placed) return placed.error();
      domain::PanelMeeting& m = *last_held;
      m.items.push_back({placed->id, {{5, true, ""}}, std::nullopt});
      placed->state = domain::ReferralState::kListed;
      placed->meeting = m.id;
      for (const auto& member : primary.members)
        if (member.role != PanelRole::kLacCoordinator) m.present.push_back(member.key);
      domain::PanelDecision decision;
      decision.outcome = domain::PanelOutcome::kAgreed;
      decision.agreed =
          "A place at the communication resource base, with 10 hours a week of "
          "teaching assistant support in the mainstream class.";
      decision.reasons =
          "Speech and language therapy and EP reports show needs the class "
          "cannot meet with targeted support alone.";
      decision.placement = domain::Placement::kResourceBase;
      decision.setting = settings_[kBrynDerw];
      decision.hours_per_week_tenths = 100;
      decision.places = 1;
      decision.annual_cost_pounds = 18500;
      decision.by = *officer;
      decision.at = at;
      if (auto ok = domain::DecideItem(m, primary, *placed, decision, std::nullopt, today_); !ok)
        return ok;
      if (auto ok = uow_.Panels().UpdateReferral(*placed); !ok) return ok;
      const int count = uow_.Calendars().GetLocalTimescales(main_la_).panel_minutes_working_days;
      if (auto ok = domain::CloseMeeting(m, count, *officer, at, today_); !ok) return ok;
      auto due = domain::DueDate(*domain::FindTimescale("panel-minutes"), count, m.date, *calendar);
      auto sent = calendar->NthWorkingDayAfter(m.date, 2);
      if (due && sent && *sent <= today_) {
        std::vector<std::string> to;
        for (const auto& member : primary.members)
          to.push_back(member.name + " <" + member.email + ">");
        if (auto ok = domain::DistributeMinutes(m, *sent, to, *due, *officer, at, today_); !ok)
          return ok;
      }
      if (auto ok = uow_.Panels().UpdateMeeting(m); !ok) return ok;
    }

    // On the next meeting's agenda: the concern brought directly to the LA.
    if (next) {
      auto direct = refer(page.items[11], domain::PanelCaseType::kLaDecision,
                          domain::AreaOfNeed::kSensoryPhysical,
                          "Whether the LA decides the learner has ALN after the paediatrician's "
                          "referral, and the support while it decides.",
                          4);
      if (!direct) return direct.error();
      if (auto ok = domain::ListOnAgenda(*next, primary, *direct, today_); !ok) return ok;
      if (auto ok = uow_.Panels().UpdateReferral(*direct); !ok) return ok;
      if (auto ok = uow_.Panels().UpdateMeeting(*next); !ok) return ok;
    }

    // Waiting to be listed.
    auto move = refer(page.items[7], domain::PanelCaseType::kManagedMove,
                      domain::AreaOfNeed::kBehaviourEmotionalSocial,
                      "A managed move to Ysgol Nant y Wern with a six-week review.", 2);
    if (!move) return move.error();
    return domain::Ok();
  }

  // Plans at the stages a caseworker meets: Mali ap Rhys (the "parent" account's daughter) has a
  // school plan given ten months ago, its review due soon; Cerys Pritchard (the "young.person"
  // account) has a plan that moved with her to Coleg Cynnal; the learner whose decision awaits its
  // notice has a draft started from the case. One learner has a One Page Profile with a photo,
  // and Mali has a legacy School Action Plus record converted by an IDP notice.
  domain::Status AddPlans() {
    std::optional<domain::UserId> officer, alnco;
    for (const auto& user : uow_.Users().ListByLocalAuthority(main_la_)) {
      if (user.username == "la.officer") officer = user.id;
      if (user.username == "alnco") alnco = user.id;
    }
    if (!officer || !alnco) return domain::Ok();
    const domain::Timestamp at{std::chrono::sys_days{today_} + std::chrono::hours{10}};
    auto find = [&](const std::string& text) -> std::optional<domain::Learner> {
      LearnerQuery query;
      query.scope.local_authority = main_la_;
      query.scope.on = today_;
      query.text = text;
      auto page = uow_.Learners().Search(query);
      if (page.items.empty()) return std::nullopt;
      return page.items.front();
    };
    auto content_for = [&](const std::string& name, bool nhs) {
      domain::IdpContent c;
      c.about = {"Mrs Siân Roberts", "ALNCo", "01234 567890, alnco@brynderw.example",
                 "Letters in Welsh; Mam prefers a phone call after 3pm."};
      c.profile = {name + " is kind, funny and a loyal friend; great at drawing and football.",
                   "My family, my dog Mabon, playing football at break, knowing what happens next.",
                   "Tell me what we are going to do before we start; give me time to answer; "
                   "let me use my reading ruler.",
                   "Mam and Mrs Roberts", std::nullopt};
      c.needs = {{domain::AreaOfNeed::kCognitionLearning},
                 {"dyslexia"},
                 "Significant difficulty with decoding and spelling; reading age about two years "
                 "below chronological age; strong oral comprehension."};
      domain::AlpElement reading;
      reading.key = c.next_key++;
      reading.outcome = "Read a Year 4 level text aloud with 95% accuracy";
      reading.measure = "Running record each half term";
      reading.outcome_by = domain::AddDays(today_, 120);
      reading.provision =
          "Structured synthetic phonics programme with a trained teaching assistant";
      reading.minutes = 30;
      reading.sessions = 3;
      reading.per = domain::ProvisionPeriod::kWeek;
      reading.group = domain::GroupSize::kSmallGroup;
      reading.in_welsh = domain::Answer::kYes;
      reading.provider = domain::ProviderKind::kSchool;
      reading.provider_name = "Ysgol Gymraeg Bryn Derw";
      reading.starts_on = domain::AddDays(today_, -300);
      reading.review_on = domain::AddDays(today_, 60);
      reading.rationale =
          "Standardised scores show phonics is the gap; small-group work has "
          "helped before.";
      c.elements.push_back(reading);
      if (nhs) {
        domain::AlpElement therapy;
        therapy.key = c.next_key++;
        therapy.outcome = "Use a three-part sentence to explain a choice in class";
        therapy.measure = "Therapist's assessment each term";
        therapy.outcome_by = domain::AddDays(today_, 150);
        therapy.provision =
            "Speech and language therapy programme, carried out by the class "
            "teaching assistant between visits";
        therapy.minutes = 45;
        therapy.sessions = 1;
        therapy.per = domain::ProvisionPeriod::kHalfTerm;
        therapy.group = domain::GroupSize::kOneToOne;
        therapy.in_welsh = domain::Answer::kYes;
        therapy.provider = domain::ProviderKind::kNhsBody;
        therapy.provider_name = "Speech and Language Therapy, Bwrdd Iechyd Cynnal";
        therapy.starts_on = domain::AddDays(today_, -280);
        therapy.review_on = domain::AddDays(today_, 80);
        therapy.rationale = "Assessment by the therapist found an expressive language delay.";
        c.elements.push_back(therapy);
      }
      c.information = {
          {"Educational psychologist's report", "Dr Gareth Hughes", domain::AddDays(today_, -330)},
          {"Parents' views", "Elin and Huw ap Rhys", domain::AddDays(today_, -320)}};
      c.key_events = {{domain::AddDays(today_, -360), "Concern raised by class teacher"},
                      {domain::AddDays(today_, -310), "Decision: has ALN; IDP notice given"}};
      c.transition = {"Visits to the Year 6 classroom in the summer term.",
                      "Walks to school with a parent."};
      return c;
    };
    auto finalise = [&](domain::Idp& idp, domain::IdpContent content, int days_ago,
                        domain::UserId by) -> domain::Status {
      const domain::StepContext step{by, at, today_};
      idp.draft = std::move(content);
      domain::FinaliseInput in;
      in.method = domain::NoticeMethod::kEmail;
      in.sent_on = domain::AddDays(today_, -days_ago);
      in.given_on = in.sent_on;
      auto v = domain::Finalise(idp, in, step);
      if (!v) return v.error();
      domain::StatutoryClock clock;
      clock.local_authority = idp.maintaining_la;
      clock.learner = idp.learner;
      clock.timescale = "idp-review";
      clock.count = 12;
      clock.start_event = domain::ClockEvent::kPlanGiven;
      clock.started_on = in.given_on;
      clock.reference = "IDP " + std::to_string(idp.id.value());
      clock.idp = idp.id;
      clock.started_by = by;
      clock.started_at = at;
      auto id = StartClockIn(uow_, clock, "sent_on");
      if (!id) return id.error();
      idp.review_clock = *id;
      return uow_.Plans().Update(idp);
    };
    auto start = [&](const domain::Learner& learner, domain::DecidingBody body,
                     std::optional<domain::SettingId> setting, std::optional<domain::AlnCaseId> c,
                     std::vector<domain::KeyEvent> events, domain::UserId by,
                     int days_ago) -> domain::Result<domain::Idp> {
      // The plan's timeline starts on the day it was started, before it was given.
      auto idp = domain::StartPlan(learner, body, main_la_, setting, c, std::move(events),
                                   {by, at, domain::AddDays(today_, -days_ago)});
      if (!idp) return idp.error();
      auto id = uow_.Plans().Add(*idp);
      if (!id) return id.error();
      idp->id = *id;
      return idp;
    };

    if (auto mali = find("Mali")) {
      // Her speech and language therapy comes from the health board, which sees her record.
      mali->health_board_referrals.push_back(health_board_);
      if (auto ok = uow_.Learners().Update(*mali); !ok) return ok;
      mali = uow_.Learners().Get(mali->id);
      auto idp = start(*mali, domain::DecidingBody::kSchool, settings_[kBrynDerw], std::nullopt, {},
                       *alnco, 310);
      if (!idp) return idp.error();
      if (auto ok = finalise(*idp, content_for(mali->DisplayName(), true), 300, *alnco); !ok)
        return ok;
      domain::LegacySenRecord legacy;
      legacy.local_authority = main_la_;
      legacy.learner = mali->id;
      legacy.status = domain::LegacySenStatus::kSchoolActionPlus;
      legacy.since = domain::AddDays(mali->date_of_birth, 4 * 365);
      legacy.outcome = domain::ConversionOutcome::kIdpNotice;
      legacy.converted_on = std::max(domain::AddDays(legacy.since, 30), domain::kAlnSystemStarts);
      if (legacy.converted_on && today_ < *legacy.converted_on) {
        legacy.outcome.reset();
        legacy.converted_on.reset();
      }
      if (auto ok = uow_.Plans().PutLegacy(legacy); !ok) return ok.error();
    }
    if (auto cerys = find("Cerys")) {
      auto idp = start(*cerys, domain::DecidingBody::kFei, settings_[kColeg], std::nullopt, {},
                       *officer, 70);
      if (!idp) return idp.error();
      idp->entitlement_until = domain::AddMonthsClamped(SeptemberFirst(school_year_), 24);
      auto content = content_for(cerys->DisplayName(), false);
      content.about = {"Mr Rhodri Price", "ALN co-ordinator, Coleg Cynnal", "01234 500600",
                       "Email Cerys directly."};
      content.elements[0].provider = domain::ProviderKind::kFei;
      content.elements[0].provider_name = "Coleg Cynnal learning support";
      content.elements[0].outcome = "Complete written assignments on time with assistive software";
      content.elements[0].provision = "Study skills support with a learning support tutor";
      if (auto ok = finalise(*idp, content, 60, *officer); !ok) return ok;
    }
    // A draft started from the case whose decision found ALN and awaits its notice.
    LearnerQuery query;
    query.scope.settings = {settings_[kBrynDerw]};
    query.scope.on = today_;
    query.limit = 12;
    auto page = uow_.Learners().Search(query);
    if (page.items.size() >= 12) {
      const auto& learner = page.items[9];
      for (const auto& c : uow_.Cases().ListForLearner(learner.id)) {
        const auto* decision = c.LastDecision();
        if (!decision || !decision->has_aln) continue;
        std::vector<domain::KeyEvent> events;
        for (const auto& e : c.timeline) {
          events.push_back({e.on, e.kind == domain::CaseEventKind::kDecided
                                      ? "Decision: has additional learning needs"
                                      : "Concern raised"});
        }
        auto idp = start(learner, domain::DecidingBody::kSchool, decision->body.setting, c.id,
                         events, *alnco, 0);
        if (!idp) return idp.error();
        idp->draft->profile = {"Always helps younger pupils.", "Football and my cousins.", "", "",
                               std::nullopt};
        domain::AlpElement e;
        e.key = idp->draft->next_key++;
        e.outcome = "Spell common words correctly in independent writing";
        e.provision = "Daily precision teaching of spellings";
        e.minutes = 10;
        idp->draft->elements.push_back(e);
        if (auto ok = uow_.Plans().Update(*idp); !ok) return ok;
        break;
      }
      // A One Page Profile for a learner with targeted support, written eleven months ago.
      domain::OnePageProfile profile;
      profile.local_authority = main_la_;
      profile.learner = page.items[5].id;
      profile.setting = settings_[kBrynDerw];
      profile.level = domain::SupportLevel::kTargeted;
      profile.content = {"Brave and always willing to try.", "Swimming, my little brother.",
                         "Sit me near the front; check I have understood the task.",
                         "Dad and Mr Owen", std::nullopt};
      profile.written_on = domain::AddDays(today_, -330);
      profile.by = *alnco;
      profile.at = at;
      ProfilePhoto photo;
      photo.learner = page.items[5].id;
      photo.content_type = "image/png";
      // A 1 x 1 pixel PNG: the demo's stand-in for a photo the learner chose.
      photo.bytes = std::string(
          "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89\0\0\0\r"
          "IDATx\x9c"
          "c\xf8\x0f\0\0\x01\x01\0\x05\x18\xd8N\0\0\0\0IEND\xae"
          "B`\x82",
          67);
      photo.uploaded_by = *alnco;
      photo.uploaded_at = at;
      auto photo_id = uow_.Plans().AddPhoto(photo);
      if (!photo_id) return photo_id.error();
      profile.content.photo = *photo_id;
      auto id = uow_.Plans().AddProfile(profile);
      if (!id) return id.error();
      profile.id = *id;
      domain::StatutoryClock clock;
      clock.local_authority = main_la_;
      clock.learner = profile.learner;
      clock.timescale = "opp-review";
      clock.count = 12;
      clock.start_event = domain::ClockEvent::kPlanGiven;
      clock.started_on = profile.written_on;
      clock.reference = "One Page Profile " + std::to_string(id->value());
      clock.profile = *id;
      clock.started_by = *alnco;
      clock.started_at = at;
      auto clock_id = StartClockIn(uow_, clock, "written_on");
      if (!clock_id) return clock_id.error();
      profile.review_clock = *clock_id;
      if (auto ok = uow_.Plans().UpdateProfile(profile); !ok) return ok;
    }
    return domain::Ok();
  }

  // Bryn Derw's provision maps: last year's, reviewed and rolled over to this year's, and the
  // sessions given this year against Mali's IDP and the catch-up reading group, some short.
  domain::Status AddProvision() {
    std::optional<domain::UserId> alnco, teacher;
    for (const auto& user : uow_.Users().ListByLocalAuthority(main_la_)) {
      if (user.username == "alnco") alnco = user.id;
      if (user.username == "teacher") teacher = user.id;
    }
    if (!alnco || !teacher) return domain::Ok();
    const domain::SettingId school = settings_[kBrynDerw];
    LearnerQuery query;
    query.scope.settings = {school};
    query.scope.on = today_;
    query.limit = 40;
    const auto pupils = uow_.Learners().Search(query).items;
    if (pupils.size() < 12) return domain::Ok();
    std::optional<domain::Learner> mali;
    query.text = "Mali";
    for (const auto& p : uow_.Learners().Search(query).items)
      if (p.legal_first_name == "Mali") mali = p;

    domain::ProvisionMap last;
    last.local_authority = main_la_;
    last.setting = school;
    last.academic_year = school_year_ - 1;
    const Date last_start = domain::AcademicYearStart(last.academic_year);
    auto provision = [](std::string name, domain::ProvisionLevel level,
                        std::optional<domain::AreaOfNeed> area, std::string staff, int hours,
                        int group, int sessions, int minutes, int cost) {
      domain::Provision p;
      p.name = std::move(name);
      p.level = level;
      p.area = area;
      p.staff = std::move(staff);
      p.staff_hours_tenths = hours;
      p.group_size = group;
      p.sessions = sessions;
      p.minutes = minutes;
      if (sessions) p.per = domain::ProvisionPeriod::kWeek;
      p.cost_per_term_pounds = cost;
      return p;
    };
    using domain::AreaOfNeed;
    using domain::ProvisionLevel;
    const std::vector<domain::Provision> provisions{
        provision("Dyslexia-friendly classrooms / Dosbarthiadau sy'n ystyriol o ddyslecsia",
                  ProvisionLevel::kUniversal, AreaOfNeed::kCognitionLearning, "Class teachers", 0,
                  0, 0, 0, 0),
        provision("Reading rulers and coloured overlays", ProvisionLevel::kUniversalPlus,
                  AreaOfNeed::kCognitionLearning, "Class teachers", 0, 0, 0, 0, 40),
        provision("Catch-up reading (Dal i Fyny)", ProvisionLevel::kTargeted,
                  AreaOfNeed::kCognitionLearning, "Teaching assistant", 25, 4, 3, 20, 450),
        provision("Nurture group (Grŵp Meithrin)", ProvisionLevel::kTargeted,
                  AreaOfNeed::kBehaviourEmotionalSocial, "Teaching assistant", 50, 6, 2, 45, 900),
        provision("Speech and language programme", ProvisionLevel::kSpecialist,
                  AreaOfNeed::kCommunicationInteraction, "Trained teaching assistant", 15, 1, 1, 30,
                  300),
    };
    for (const auto& p : provisions) {
      if (auto key = domain::SaveProvision(last, p); !key) return key.error();
    }
    auto join = [&](int key, const domain::Learner& learner, Date on, std::string entry,
                    std::optional<std::pair<Date, std::string>> left) -> domain::Status {
      if (auto ok = domain::AddLearnerToProvision(last, key, learner.id, on, entry); !ok)
        return ok.error();
      if (left) {
        if (auto ok = domain::EndLearnerProvision(last, key, learner.id, left->first, left->second);
            !ok)
          return ok.error();
      }
      return domain::Ok();
    };
    const Date autumn = domain::AddDays(last_start, 14);
    const Date spring = domain::AddDays(last_start, 130);
    const Date summer = domain::AddDays(last_start, 300);
    const std::vector<domain::Status> joined{
        join(2, pupils[5], autumn, "", std::nullopt),
        join(2, pupils[7], autumn, "", std::nullopt),
        join(3, pupils[5], autumn, "Reading age 6y 2m",
             std::make_pair(summer, "Reading age 7y 0m")),
        join(3, pupils[6], autumn, "Reading age 6y 8m", std::nullopt),
        join(3, pupils[8], spring, "Reading age 7y 1m", std::nullopt),
        join(4, pupils[10], autumn, "Boxall profile 38", std::nullopt),
        join(4, pupils[11], spring, "Boxall profile 41",
             std::make_pair(summer, "Boxall profile 55")),
    };
    for (const auto& ok : joined)
      if (!ok) return ok;
    if (mali) {
      if (auto ok = join(2, *mali, autumn, "", std::nullopt); !ok) return ok;
      if (auto ok = join(5, *mali, autumn, "CELF core score 72", std::nullopt); !ok) return ok;
    }
    if (auto ok = domain::RecordImpact(
            last, 3,
            "Five of six learners gained more than six months of reading age in two terms.");
        !ok)
      return ok.error();
    last.coordination = {"Mrs Siân Roberts", 50, domain::AlncoQualification::kStudying,
                         "ALNCo: regional ALNCo network each half term. All teaching assistants: "
                         "precision teaching (two twilight sessions).",
                         "Mr Dafydd Price"};
    auto last_id = uow_.Provision().AddMap(last);
    if (!last_id) return last_id.error();
    last.id = *last_id;
    std::set<domain::LearnerId> staying;
    for (const auto& p : pupils) staying.insert(p.id);
    const domain::ProvisionMapReview review{
        domain::AddDays(domain::AcademicYearEnd(last.academic_year), -45), *alnco,
        "Catch-up reading worked well and continues; the nurture group needs a second session "
        "for new starters. Reviewed with the ALN governor."};
    if (review.reviewed_on > today_) return uow_.Provision().UpdateMap(last);
    auto next = domain::ReviewAndRollOver(last, review, staying);
    if (!next) return next.error();
    next->coordination.training =
        "Whole staff: dyslexia-friendly classrooms (INSET, September). ALNCo: second year of the "
        "ALNCo qualification.";
    if (auto ok = uow_.Provision().UpdateMap(last); !ok) return ok;
    auto next_id = uow_.Provision().AddMap(*next);
    if (!next_id) return next_id.error();

    // Sessions this year, recorded each week on the week's last school day: the catch-up group
    // in full for one learner and one short a week for another; Mali's IDP reading sessions two
    // of the three promised each week.
    auto setting = uow_.Settings().Get(school);
    if (!setting) return domain::Ok();
    auto calendar = CalendarFor(uow_, &*setting, main_la_);
    if (!calendar) return domain::Ok();
    std::optional<domain::IdpId> mali_plan;
    int reading_key = 0;
    if (mali)
      for (const auto& idp : uow_.Plans().ListForLearner(mali->id))
        if (idp.Status() == domain::IdpStatus::kInForce && idp.Current() &&
            !idp.Current()->content.elements.empty()) {
          mali_plan = idp.id;
          reading_key = idp.Current()->content.elements.front().key;
        }
    const domain::Timestamp at{std::chrono::sys_days{today_} + std::chrono::hours{9}};
    auto record = [&](const domain::Learner& learner, std::optional<domain::IdpId> idp, int element,
                      int key, Date on, int delivered, int missed,
                      domain::MissedReason reason) -> domain::Status {
      domain::DeliveryRecord r;
      r.local_authority = main_la_;
      r.learner = learner.id;
      r.setting = school;
      r.idp = idp;
      r.element = element;
      if (!idp) {
        r.map = *next_id;
        r.provision = key;
      }
      r.on = on;
      r.delivered = delivered;
      r.missed = missed;
      r.reason = reason;
      r.by = *teacher;
      r.at = at;
      auto id = uow_.Provision().AddDelivery(r);
      if (!id) return id.error();
      return domain::Ok();
    };
    const Date first = domain::AcademicYearStart(school_year_);
    Date last_school_day_of_week = first;
    bool any = false;
    for (Date d = first; d < today_; d = domain::AddDays(d, 1)) {
      const bool school_day = calendar->TypeOf(d) == domain::DayType::kSchoolDay;
      if (school_day) {
        last_school_day_of_week = d;
        any = true;
      }
      const bool sunday = std::chrono::weekday{std::chrono::sys_days{d}} == std::chrono::Sunday;
      if (!sunday || !any) continue;
      any = false;
      const Date on = last_school_day_of_week;
      const std::vector<domain::Status> done{
          record(pupils[6], std::nullopt, 0, 3, on, 3, 0, domain::MissedReason::kNone),
          record(pupils[8], std::nullopt, 0, 3, on, 2, 1, domain::MissedReason::kStaffAbsent),
          mali_plan
              ? record(*mali, mali_plan, reading_key, 0, on, 2, 1, domain::MissedReason::kTimetable)
              : domain::Ok()};
      for (const auto& ok : done)
        if (!ok) return ok;
    }
    return domain::Ok();
  }

  // The LA's specialist places: each resource base and LSC of the main LA's schools, the special
  // school and the PRU. Oakfield's LSC is full, with two learners waiting and two planned to leave
  // at the end of the year; a hearing aid system and a standing frame are on loan.
  domain::Status AddSpecialistPlaces() {
    auto pupils_at = [&](int index, int limit) {
      LearnerQuery query;
      query.scope.settings = {settings_[static_cast<std::size_t>(index)]};
      query.scope.on = today_;
      query.limit = limit;
      return uow_.Learners().Search(query).items;
    };
    const Date year_end = domain::AcademicYearEnd(school_year_);
    struct Spec {
      int setting;
      domain::SpecialistKind kind;
      std::optional<domain::AreaOfNeed> area;
      int min_age, max_age, capacity, placed;
    };
    using domain::AreaOfNeed;
    using domain::SpecialistKind;
    const std::vector<Spec> specs{
        {kNantYWern, SpecialistKind::kResourceBase, AreaOfNeed::kCommunicationInteraction, 3, 11, 8,
         5},
        {kOakfield, SpecialistKind::kLearningSupportCentre, AreaOfNeed::kCommunicationInteraction,
         4, 11, 8, 8},
        {kCynnalHigh, SpecialistKind::kResourceBase, AreaOfNeed::kSensoryPhysical, 11, 16, 6, 3},
        {kMaesGlas, SpecialistKind::kSpecialSchool, std::nullopt, 3, 19, 60, 12},
        {kTyNant, SpecialistKind::kPru, AreaOfNeed::kBehaviourEmotionalSocial, 11, 16, 24, 4},
    };
    for (const Spec& spec : specs) {
      const SettingPlan& plan = Plan(spec.setting);
      domain::SpecialistProvision p;
      p.local_authority = main_la_;
      p.setting = settings_[static_cast<std::size_t>(spec.setting)];
      p.kind = spec.kind;
      p.name =
          plan.resource_bases.empty() ? std::string(plan.name) : plan.resource_bases.front().name;
      p.area = spec.area;
      p.min_age = spec.min_age;
      p.max_age = spec.max_age;
      p.capacity = spec.capacity;
      const auto pupils = pupils_at(spec.setting, spec.placed);
      int n = 0;
      for (const auto& learner : pupils) {
        const Date since = domain::AddDays(today_, -400 + 20 * n);
        auto key = domain::AddToWaitingList(p, learner.id, since, std::nullopt, "");
        if (!key) return key.error();
        const bool leaving = spec.kind == SpecialistKind::kLearningSupportCentre && n < 2;
        if (auto ok = domain::Place(
                p, *key, domain::AddDays(since, 30),
                leaving ? std::optional<Date>(domain::AddDays(year_end, -42)) : std::nullopt);
            !ok)
          return ok.error();
        ++n;
      }
      if (spec.kind == SpecialistKind::kLearningSupportCentre) {
        const auto waiting = pupils_at(kCastleView, 4);
        const std::vector<std::pair<int, std::string>> waits{
            {41, "Panel agreed an LSC place; parents visited the centre."},
            {19, "Panel agreed; awaiting a place from September."}};
        for (std::size_t i = 0; i < waits.size() && i + 2 < waiting.size(); ++i) {
          auto key = domain::AddToWaitingList(p, waiting[i + 2].id,
                                              domain::AddDays(today_, -waits[i].first),
                                              std::nullopt, waits[i].second);
          if (!key) return key.error();
        }
      }
      if (auto id = uow_.Specialist().AddProvision(p); !id) return id.error();
    }
    const auto high = pupils_at(kCynnalHigh, 2);
    const std::vector<domain::SpecialistEquipment> items{
        {{},
         main_la_,
         "Radio aid system (hearing)",
         domain::EquipmentOwner::kLocalAuthority,
         settings_[kCynnalHigh],
         high.empty() ? std::nullopt : std::optional(high.front().id),
         2450,
         domain::AddDays(today_, -200),
         std::nullopt,
         "Serviced each summer.",
         0},
        {{},
         main_la_,
         "Standing frame",
         domain::EquipmentOwner::kSchool,
         settings_[kMaesGlas],
         std::nullopt,
         1800,
         domain::AddDays(today_, -500),
         std::nullopt,
         "",
         0},
    };
    for (const auto& e : items)
      if (auto id = uow_.Specialist().AddEquipment(e); !id) return id.error();
    return domain::Ok();
  }

  // Family liaison at Bryn Derw: Mali's mother rang about the reading group and the follow-up was
  // made; a meeting about Mali's progress left a follow-up overdue; the LA wrote about its
  // decision; Tomos's follow-up is due next week; a grandmother was visited at home.
  domain::Status AddFamilyContacts() {
    std::optional<domain::UserId> alnco, officer;
    for (const auto& user : uow_.Users().ListByLocalAuthority(main_la_)) {
      if (user.username == "alnco") alnco = user.id;
      if (user.username == "la.officer") officer = user.id;
    }
    if (!alnco || !officer) return domain::Ok();
    const domain::SettingId school = settings_[kBrynDerw];
    LearnerQuery query;
    query.scope.settings = {school};
    query.scope.on = today_;
    query.limit = 40;
    const auto pupils = uow_.Learners().Search(query).items;
    const domain::Learner* mali = nullptr;
    const domain::Learner* tomos = nullptr;
    const domain::Learner* other = nullptr;
    for (const auto& p : pupils) {
      if (p.legal_last_name == "ap Rhys" && p.legal_first_name == "Mali") mali = &p;
      if (p.legal_last_name == "ap Rhys" && p.legal_first_name == "Tomos") tomos = &p;
      if (p.legal_last_name != "ap Rhys" && !p.family.empty() && !other) other = &p;
    }
    if (!mali || !tomos) return domain::Ok();
    using domain::ContactMethod;
    using domain::ContactPurpose;
    using domain::ContactStarter;
    auto contact = [&](const domain::Learner& learner, int days_ago, ContactMethod method,
                       ContactPurpose purpose, ContactStarter by_whom, LetterLanguage language,
                       std::string summary, std::string actions, std::optional<int> follow_up_in,
                       std::optional<int> followed_up_after, bool la) {
      domain::FamilyContact c;
      c.local_authority = main_la_;
      c.learner = learner.id;
      if (!la) c.setting = school;
      c.family_member = learner.family.front().member;
      c.on = domain::AddDays(today_, -days_ago);
      c.method = method;
      c.purpose = purpose;
      c.started_by = by_whom;
      c.language = language;
      c.summary = std::move(summary);
      c.actions = std::move(actions);
      if (follow_up_in) c.follow_up_by = domain::AddDays(c.on, *follow_up_in);
      if (followed_up_after) c.followed_up_on = domain::AddDays(c.on, *followed_up_after);
      c.by = la ? *officer : *alnco;
      c.at = domain::Timestamp{std::chrono::sys_days{c.on}} + std::chrono::hours{15};
      return c;
    };
    std::vector<domain::FamilyContact> contacts{
        contact(*mali, 60, ContactMethod::kPhone, ContactPurpose::kPlanning,
                ContactStarter::kFamily, LetterLanguage::kWelsh,
                "Ffoniodd Elin i ofyn sut mae'r grŵp darllen yn mynd ac a allai helpu gartref.",
                "Anfon targedau darllen Mali adref.", 10, 8, false),
        contact(*mali, 20, ContactMethod::kMeeting, ContactPurpose::kProgress,
                ContactStarter::kSchool, LetterLanguage::kWelsh,
                "Cyfarfod ag Elin a Huw i drafod cynnydd Mali yn erbyn deilliannau ei CDU.",
                "Rhannu canlyniadau'r asesiad darllen nesaf gyda'r teulu.", 14, std::nullopt,
                false),
        contact(*mali, 12, ContactMethod::kLetter, ContactPurpose::kDecision,
                ContactStarter::kLocalAuthority, LetterLanguage::kWelsh,
                "Llythyr yn esbonio penderfyniad y panel ADY a'r hawl i ofyn am ailystyried.", "",
                std::nullopt, std::nullopt, true),
        contact(*tomos, 4, ContactMethod::kPhone, ContactPurpose::kWellbeing,
                ContactStarter::kSchool, LetterLanguage::kWelsh,
                "Galwad am bresenoldeb Tomos ar ôl ei apwyntiad clinig.",
                "Ffonio eto ar ôl yr apwyntiad nesaf.", 10, std::nullopt, false),
    };
    if (other) {
      auto visit = contact(*other, 33, ContactMethod::kHomeVisit, ContactPurpose::kTransition,
                           ContactStarter::kSchool, LetterLanguage::kEnglish,
                           "Home visit with the grandmother, who cares for the family after "
                           "school, about the move to secondary school.",
                           "", std::nullopt, std::nullopt, false);
      visit.family_member.reset();
      visit.with_name = "Eirlys Hughes, grandmother";
      contacts.push_back(std::move(visit));
    }
    for (const auto& c : contacts)
      if (auto id = uow_.FamilyContacts().AddContact(c); !id) return id.error();
    return domain::Ok();
  }

  UnitOfWork& uow_;
  const PasswordHasher& hasher_;
  Date today_;
  int school_year_;  // calendar year in which the current school year began
  Random rng_;

  domain::LocalAuthorityId main_la_;
  domain::LocalAuthorityId other_la_;
  domain::HealthBoardId health_board_;
  std::vector<domain::SettingId> settings_;  // by SettingIndex
  std::vector<Family> families_;
  FamilyMemberId parent_member_;
  domain::LearnerId young_person_;
  std::map<std::string, int> serials_;  // last UPN serial by LA, establishment and year
  std::set<std::string> used_upns_;
  std::set<std::string> used_emails_;
  int next_phone_ = 101;
  DemoSummary summary_;
};

}  // namespace

const std::vector<DemoAccount>& DemoAccounts() {
  static const std::vector<DemoAccount> accounts{
      {"la.admin", Role::kLaAdministrator, std::string(kDemoPassword),
       "Alys Morgan, LA administrator at Cynnal Vale Council: every learner of the LA, user "
       "accounts and the audit trail."},
      {"la.officer", Role::kLaOfficer, std::string(kDemoPassword),
       "Gareth Bowen, ALN officer at Cynnal Vale Council: every learner of the LA and those it "
       "looks after, including one at school in the neighbouring LA."},
      {"panel.member", Role::kPanelMember, std::string(kDemoPassword),
       "Dr Helen Price, educational psychologist on the LA's ALN panel: views the LA's learners."},
      {"alnco", Role::kAlnco, std::string(kDemoPassword),
       "Eleri Prosser, ALNCo at Ysgol Gymraeg Bryn Derw: views, adds and updates the school's "
       "learners."},
      {"teacher", Role::kTeacher, std::string(kDemoPassword),
       "Iwan Tudur, teacher at Ysgol Gymraeg Bryn Derw: views the school's learners."},
      {"governor", Role::kGovernor, std::string(kDemoPassword),
       "Margaret Lloyd, ALN governor at Ysgol Gymraeg Bryn Derw: counts only, no learner's name."},
      {"parent", Role::kParent, std::string(kDemoPassword),
       "Elin ap Rhys, mother of Mali and Tomos at Ysgol Gymraeg Bryn Derw; uses Cynnal in Welsh."},
      {"young.person", Role::kYoungPerson, std::string(kDemoPassword),
       "Cerys Pritchard, a student at Coleg Cynnal aged 17 or 18: her own record."},
      {"health.officer", Role::kHealthBoardOfficer, std::string(kDemoPassword),
       "Sam Rees, Designated Education Clinical Lead Officer at Cynnal University Health Board: "
       "learners referred to the board."},
      {"other.la.officer", Role::kLaOfficer, std::string(kDemoPassword),
       "Rhian Powell, ALN officer at Neighbouring County Council: that LA's learners only."},
  };
  return accounts;
}

domain::Result<DemoSummary> SeedDemoData(Store& store, const PasswordHasher& hasher,
                                         domain::Date today, unsigned seed) {
  auto uow = store.Begin(TxMode::kWrite);
  if (!uow) return uow.error();
  UnitOfWork& work = **uow;
  bool demo_la_exists = false;
  for (const auto& la : work.LocalAuthorities().List()) {
    if (la.la_number == kMainLaNumber || la.la_number == kOtherLaNumber) demo_la_exists = true;
  }
  if (work.Learners().Count() > 0 || demo_la_exists) return Error::Conflict("demo_error_not_empty");
  auto summary = Seeder(work, hasher, today, seed).Run();
  if (!summary) return summary;
  if (auto ok = work.Commit(); !ok) return ok.error();
  return summary;
}

}  // namespace cynnal::app
