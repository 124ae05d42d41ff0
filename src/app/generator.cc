#include "app/generator.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <deque>
#include <exception>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "app/calendars.h"
#include "domain/aln_case.h"
#include "domain/aln_determination.h"
#include "domain/aln_responsibility.h"
#include "domain/audit_event.h"
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
#include "domain/school_calendar.h"
#include "domain/statutory_clock.h"
#include "domain/timescale.h"
#include "domain/upn.h"
#include "domain/user.h"

namespace cynnal::app {
namespace {

using domain::AlnCase;
using domain::CaseStage;
using domain::Date;
using domain::DecidingBody;
using domain::Error;
using domain::FamilyLink;
using domain::LanguageMedium;
using domain::Learner;
using domain::LetterLanguage;
using domain::Registration;
using domain::Role;
using domain::SettingType;
using domain::StatutoryClock;
using domain::Timestamp;
using domain::User;
using Names = std::span<const std::string_view>;

// ---------------------------------------------------------------------------------------------
// Random draws

// std::mt19937_64's sequence is fixed by the standard; the std distributions are not, so draws
// are mapped to ranges here, and the same seed gives the same data with every standard library.
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : engine_(seed) {}

  // A whole number from lo to hi inclusive (lo when hi < lo).
  int Between(int lo, int hi) {
    if (hi <= lo) return lo;
    const auto span = static_cast<std::uint64_t>(static_cast<std::int64_t>(hi) - lo + 1);
    return lo + static_cast<int>(engine_() % span);
  }
  bool Chance(int percent) { return Between(0, 99) < percent; }
  bool PerMille(int n) { return Between(0, 999) < n; }
  std::string_view Pick(Names names) {
    return names[static_cast<std::size_t>(Between(0, static_cast<int>(names.size()) - 1))];
  }
  template <typename T>
  const T& PickOf(const std::vector<T>& items) {
    return items[static_cast<std::size_t>(Between(0, static_cast<int>(items.size()) - 1))];
  }
  // An index drawn with the given whole-number weights (at least one positive).
  int Weighted(std::span<const int> weights) {
    int total = 0;
    for (int w : weights) total += w;
    int roll = Between(0, total - 1);
    for (std::size_t i = 0; i < weights.size(); ++i) {
      if (roll < weights[i]) return static_cast<int>(i);
      roll -= weights[i];
    }
    return static_cast<int>(weights.size()) - 1;
  }

 private:
  std::mt19937_64 engine_;
};

// SplitMix64: spreads a seed and an LA's index into independent generator seeds.
std::uint64_t Mix(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// A record that could not be written, or a step the domain refused: generation stops and
// Generate returns the error.
struct Failed {
  Error error;
};

Error Explained(const Error& error, std::string_view what) {
  Error out = error;
  std::string message = "generating " + std::string(what) + ": " + error.message;
  for (const auto& [field, value] : error.fields) message += " " + field + "=" + value;
  out.message = std::move(message);
  if (out.code != domain::ErrorCode::kUnavailable) out.code = domain::ErrorCode::kInternal;
  return out;
}

template <typename T>
T Must(domain::Result<T> result, std::string_view what) {
  if (!result) throw Failed{Explained(result.error(), what)};
  return std::move(result).value();
}

void Must(const domain::Status& status, std::string_view what) {
  if (!status) throw Failed{Explained(status.error(), what)};
}

// ---------------------------------------------------------------------------------------------
// Wales

struct HealthBoardName {
  std::string_view en;
  std::string_view cy;
};

constexpr std::array<HealthBoardName, 7> kHealthBoards{{
    {"Betsi Cadwaladr University Health Board", "Bwrdd Iechyd Prifysgol Betsi Cadwaladr"},
    {"Powys Teaching Health Board", "Bwrdd Iechyd Addysgu Powys"},
    {"Hywel Dda University Health Board", "Bwrdd Iechyd Prifysgol Hywel Dda"},
    {"Swansea Bay University Health Board", "Bwrdd Iechyd Prifysgol Bae Abertawe"},
    {"Cwm Taf Morgannwg University Health Board", "Bwrdd Iechyd Prifysgol Cwm Taf Morgannwg"},
    {"Cardiff and Vale University Health Board", "Bwrdd Iechyd Prifysgol Caerdydd a'r Fro"},
    {"Aneurin Bevan University Health Board", "Bwrdd Iechyd Prifysgol Aneurin Bevan"},
}};

// A local authority: its number, names, health board, size and language.
struct LaProfile {
  int number;
  std::string_view name_en;
  std::string_view name_cy;
  int board;            // index into kHealthBoards
  int size;             // pupils in its schools, in hundreds (rounded): its share of learners
  int welsh_medium;     // percent of its schools teaching through Welsh
  int other_languages;  // percent of families at home in a language other than Welsh or English
};

constexpr std::array<LaProfile, 22> kWales{{
    {660, "Isle of Anglesey County Council", "Cyngor Sir Ynys Môn", 0, 96, 80, 2},
    {661, "Gwynedd Council", "Cyngor Gwynedd", 0, 176, 95, 2},
    {662, "Conwy County Borough Council", "Cyngor Bwrdeistref Sirol Conwy", 0, 154, 30, 3},
    {663, "Denbighshire County Council", "Cyngor Sir Ddinbych", 0, 158, 25, 3},
    {664, "Flintshire County Council", "Cyngor Sir y Fflint", 0, 234, 8, 4},
    {665, "Wrexham County Borough Council", "Cyngor Bwrdeistref Sirol Wrecsam", 0, 209, 12, 8},
    {666, "Powys County Council", "Cyngor Sir Powys", 1, 171, 28, 2},
    {667, "Ceredigion County Council", "Cyngor Sir Ceredigion", 2, 93, 65, 3},
    {668, "Pembrokeshire County Council", "Cyngor Sir Penfro", 2, 174, 22, 3},
    {669, "Carmarthenshire County Council", "Cyngor Sir Gâr", 2, 270, 55, 3},
    {670, "City and County of Swansea", "Dinas a Sir Abertawe", 3, 353, 12, 9},
    {671, "Neath Port Talbot County Borough Council", "Cyngor Castell-nedd Port Talbot", 3, 210, 18,
     3},
    {672, "Bridgend County Borough Council", "Cyngor Bwrdeistref Sirol Pen-y-bont ar Ogwr", 4, 223,
     10, 3},
    {673, "Vale of Glamorgan Council", "Cyngor Bro Morgannwg", 5, 216, 13, 5},
    {674, "Rhondda Cynon Taf County Borough Council", "Cyngor Bwrdeistref Sirol Rhondda Cynon Taf",
     4, 365, 18, 3},
    {675, "Merthyr Tydfil County Borough Council", "Cyngor Bwrdeistref Sirol Merthyr Tudful", 4, 88,
     8, 5},
    {676, "Caerphilly County Borough Council", "Cyngor Bwrdeistref Sirol Caerffili", 6, 273, 15, 3},
    {677, "Blaenau Gwent County Borough Council", "Cyngor Bwrdeistref Sirol Blaenau Gwent", 6, 90,
     8, 2},
    {678, "Torfaen County Borough Council", "Cyngor Bwrdeistref Sirol Torfaen", 6, 141, 8, 3},
    {679, "Monmouthshire County Council", "Cyngor Sir Fynwy", 6, 120, 6, 3},
    {680, "Newport City Council", "Cyngor Dinas Casnewydd", 6, 275, 8, 14},
    {681, "Cardiff Council", "Cyngor Caerdydd", 5, 580, 17, 16},
}};

// The profile of the LA with the given index: Wales's own, then invented ones.
struct LaIdentity {
  LaProfile profile;
  std::string name_en;
  std::string name_cy;
};

LaIdentity IdentityOf(int index) {
  if (index < static_cast<int>(kWales.size())) {
    const LaProfile& p = kWales[static_cast<std::size_t>(index)];
    return {p, std::string(p.name_en), std::string(p.name_cy)};
  }
  const int n = index + 1;
  LaProfile p{682 + index - static_cast<int>(kWales.size()), {}, {}, index % 7, 210, 20, 4};
  return {p, "Synthetic Authority " + std::to_string(n), "Awdurdod Synthetig " + std::to_string(n)};
}

// ---------------------------------------------------------------------------------------------
// Names: all in common use in Wales; no person is meant.

constexpr auto kWelshChildren = std::to_array<std::string_view>(
    {"Gwenllïan", "Cerys",    "Mali",    "Ffion",   "Nia",       "Efa",     "Lowri",  "Megan",
     "Alaw",      "Elan",     "Seren",   "Nel",     "Leusa",     "Begw",    "Tirion", "Heledd",
     "Anest",     "Catrin",   "Sioned",  "Lleucu",  "Rhiannon",  "Elin",    "Siân",   "Non",
     "Cadi",      "Erin",     "Manon",   "Gwawr",   "Mererid",   "Llio",    "Swyn",   "Eira",
     "Awen",      "Lili",     "Enfys",   "Branwen", "Angharad",  "Mirain",  "Nanw",   "Glesni",
     "Beca",      "Hawys",    "Elliw",   "Tesni",   "Lois",      "Fflur",   "Mabli",  "Dafydd",
     "Rhys",      "Elis",     "Siôn",    "Owain",   "Llŷr",      "Tomos",   "Osian",  "Gruffudd",
     "Cai",       "Hedd",     "Gwion",   "Ifan",    "Macsen",    "Deio",    "Iolo",   "Rhodri",
     "Harri",     "Llywelyn", "Math",    "Gethin",  "Jac",       "Steffan", "Ioan",   "Guto",
     "Tudur",     "Emrys",    "Aneurin", "Caradog", "Morgan",    "Celt",    "Nedw",   "Twm",
     "Trystan",   "Dyfan",    "Efan",    "Bedwyr",  "Ianto",     "Aled",    "Gwilym", "Peredur",
     "Taliesin",  "Ynyr",     "Idris",   "Meilyr",  "Elisabeth", "Huw",     "Ela",    "Tegid"});
constexpr auto kEnglishChildren = std::to_array<std::string_view>(
    {"Olivia",   "Amelia", "Isla",   "Ava",    "Freya",    "Lily",      "Evie",     "Grace",
     "Ruby",     "Poppy",  "Sophie", "Ella",   "Millie",   "Isabella",  "Elsie",    "Maisie",
     "Rosie",    "Willow", "Ivy",    "Harper", "Florence", "Mia",       "Matilda",  "Daisy",
     "Phoebe",   "Evelyn", "Sienna", "Chloe",  "Jessica",  "Emily",     "Holly",    "Lucy",
     "Scarlett", "Esme",   "Layla",  "Hallie", "Aria",     "Luna",      "Imogen",   "Bethany",
     "Jack",     "Noah",   "Oliver", "George", "Harry",    "Leo",       "Charlie",  "Alfie",
     "Oscar",    "Jacob",  "Ethan",  "Mason",  "Theodore", "Alexander", "Benjamin", "Arthur",
     "Finley",   "Logan",  "Riley",  "Joshua", "Freddie",  "Archie",    "Henry",    "Thomas",
     "William",  "Jenson", "Reggie", "Teddy",  "Tommy",    "Lucas",     "Max",      "Isaac",
     "Harrison", "Dylan",  "Callum", "Kian",   "Tyler",    "Jayden",    "Ronnie",   "Albie"});
constexpr auto kPolishChildren = std::to_array<std::string_view>(
    {"Zofia", "Jakub", "Julia", "Antoni", "Maja", "Szymon", "Katarzyna", "Aleksander", "Zuzanna",
     "Filip", "Lena", "Kacper", "Wiktoria", "Mikołaj", "Hanna", "Wojciech"});
constexpr auto kArabicChildren = std::to_array<std::string_view>(
    {"Amir", "Yusuf", "Maryam", "Zainab", "Omar", "Layla", "Ibrahim", "Aisha", "Nour", "Karim",
     "Hana", "Adam", "Mohammed", "Fatima", "Hamza", "Salma"});
constexpr auto kRomanianChildren = std::to_array<std::string_view>(
    {"Andrei", "Ioana", "Darius", "Sofia", "Luca", "Maria", "Matei", "Ana", "Ștefan", "Bianca"});
constexpr auto kUrduChildren = std::to_array<std::string_view>(
    {"Ayaan", "Hamza", "Anaya", "Zara", "Ali", "Inaya", "Zayn", "Aleena", "Musa", "Hafsa"});

// The commonest Welsh surnames appear more than once, as they do on a school's roll.
constexpr auto kWelshSurnames = std::to_array<std::string_view>(
    {"Jones",     "Jones",     "Jones",       "Williams",  "Williams",  "Davies",  "Davies",
     "Evans",     "Evans",     "Thomas",      "Thomas",    "Roberts",   "Hughes",  "Lewis",
     "Morgan",    "Griffiths", "Pritchard",   "Price",     "Parry",     "Owen",    "Rees",
     "Jenkins",   "Lloyd",     "Powell",      "Vaughan",   "Bowen",     "Prosser", "Llywelyn",
     "ap Dafydd", "ap Rhys",   "ab Iorwerth", "ap Gwilym", "Gruffydd",  "Huws",    "Tudur",
     "Pugh",      "Howells",   "Edwards",     "Phillips",  "James",     "Bevan",   "Watkins",
     "Prys",      "Elis",      "Meredith",    "Rowlands",  "Humphreys", "Gwynne",  "Pryce",
     "Wyn",       "Glyn",      "Cadwaladr",   "Llwyd",     "Gethin",    "Rhys",    "Jarman"});
constexpr auto kEnglishSurnames = std::to_array<std::string_view>(
    {"Smith", "Taylor",   "Brown",  "Wilson",  "Walker",   "Wright", "Clarke", "Hall",
     "Green", "Baker",    "Harris", "Cooper",  "King",     "Turner", "Hill",   "Ward",
     "Moore", "Collins",  "Murphy", "O'Brien", "Jackson",  "White",  "Martin", "Thompson",
     "Wood",  "Robinson", "Young",  "Allen",   "Mitchell", "Carter", "Shaw",   "Fletcher"});
constexpr auto kPolishSurnames =
    std::to_array<std::string_view>({"Nowak", "Wójcik", "Mazur", "Krawczyk", "Zając", "Król",
                                     "Wieczorek", "Kaczmarek", "Kowalski", "Lewandowska"});
constexpr auto kArabicSurnames = std::to_array<std::string_view>(
    {"Haddad", "Al-Masri", "Nasser", "Khalil", "Saleh", "Mansour", "Abbas", "Hassan", "Osman"});
constexpr auto kRomanianSurnames = std::to_array<std::string_view>(
    {"Popescu", "Ionescu", "Dumitru", "Stan", "Munteanu", "Constantin", "Rusu"});
constexpr auto kUrduSurnames = std::to_array<std::string_view>(
    {"Khan", "Hussain", "Ahmed", "Ali", "Iqbal", "Malik", "Rashid", "Shah", "Begum"});

constexpr auto kWelshWomen = std::to_array<std::string_view>(
    {"Elin",     "Siân",    "Rhian", "Catrin", "Eleri",   "Nerys", "Meinir",    "Llinos",
     "Angharad", "Manon",   "Gwawr", "Bethan", "Mererid", "Lisa",  "Gwenllïan", "Delyth",
     "Non",      "Heulwen", "Ffion", "Carys",  "Sioned",  "Menna", "Glenys",    "Nia"});
constexpr auto kWelshMen = std::to_array<std::string_view>(
    {"Huw",    "Gareth", "Emyr",   "Dylan",   "Iwan",  "Geraint", "Gethin", "Aled",
     "Rhodri", "Dewi",   "Meilir", "Rhydian", "Owain", "Siôn",    "Dafydd", "Gwyn",
     "Hywel",  "Bryn",   "Alun",   "Rhys",    "Ieuan", "Carwyn"});
constexpr auto kEnglishWomen = std::to_array<std::string_view>(
    {"Sarah",  "Emma",   "Laura",  "Rebecca", "Claire",    "Gemma",   "Kelly",
     "Stacey", "Hannah", "Amy",    "Jessica", "Charlotte", "Natalie", "Victoria",
     "Rachel", "Louise", "Joanne", "Kirsty",  "Lauren",    "Helen"});
constexpr auto kEnglishMen = std::to_array<std::string_view>(
    {"James",   "Daniel", "Matthew", "Christopher", "Mark",  "Lee",   "Ryan",
     "Craig",   "Jamie",  "Thomas",  "Adam",        "Paul",  "Liam",  "Stuart",
     "Richard", "Andrew", "Simon",   "Neil",        "Gavin", "Darren"});
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
constexpr std::array<std::pair<std::string_view, std::string_view>, 14> kPreferredNames{{
    {"Gwenllïan", "Gwen"},
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
    {"Mohammed", "Mo"},
    {"Tomos", "Twm"},
}};

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
      {"Cymraeg", kWelshChildren, kEnglishChildren, kWelshSurnames, kEnglishSurnames, kWelshWomen,
       kEnglishWomen, kWelshMen, kEnglishMen, 12, 10},
      {"English", kEnglishChildren, kWelshChildren, kWelshSurnames, kEnglishSurnames, kEnglishWomen,
       kWelshWomen, kEnglishMen, kWelshMen, 25, 50},
      {"Polski", kPolishChildren, kEnglishChildren, kPolishSurnames, kPolishSurnames, kPolishWomen,
       kPolishWomen, kPolishMen, kPolishMen, 15, 0},
      {"العربية", kArabicChildren, kEnglishChildren, kArabicSurnames, kArabicSurnames, kArabicWomen,
       kArabicWomen, kArabicMen, kArabicMen, 10, 0},
      {"Română", kRomanianChildren, kEnglishChildren, kRomanianSurnames, kRomanianSurnames,
       kRomanianWomen, kRomanianWomen, kRomanianMen, kRomanianMen, 15, 0},
      {"اردو", kUrduChildren, kEnglishChildren, kUrduSurnames, kUrduSurnames, kUrduWomen,
       kUrduWomen, kUrduMen, kUrduMen, 10, 0},
  }};
  return cultures;
}

// Places: invented, in the way Welsh and English place names are made.
constexpr auto kWelshPlaceStarts = std::to_array<std::string_view>(
    {"Llan", "Aber", "Pen", "Cwm", "Bryn", "Nant", "Tre", "Pont", "Maes", "Glan", "Coed", "Rhos",
     "Caer", "Pentre", "Rhyd", "Bod", "Llys", "Tal"});
constexpr auto kWelshPlaceEnds = std::to_array<std::string_view>(
    {"dderw",      "hafod",    "-y-wern", "gwyn",     "teg",    "isaf",    "uchaf",
     "-y-fedw",    "-yr-afon", "glas",    "onnen",    "celyn",  "eithin",  "-y-felin",
     "garth",      "llwyn",    "-y-bryn", "meillion", "rhedyn", "-y-ddôl", "newydd",
     "-y-castell", "wen",      "ddu",     "-y-gân",   "ffynnon"});
constexpr auto kEnglishPlaces = std::to_array<std::string_view>(
    {"Oakfield",   "Castle View", "Riverside",  "Meadowbank", "Hillcrest",   "Westfield",
     "Parkland",   "Greenway",    "Millbrook",  "Ashgrove",   "Brookside",   "Fairwater",
     "Highfield",  "Springfield", "Woodlands",  "Victoria",   "Alexandra",   "Lakeside",
     "Heathfield", "Kingsway",    "Northlands", "Moorland",   "Cherry Tree", "Willowbrook",
     "Rowan Tree", "Holly Bank",  "Elm Grove",  "Beechwood",  "Marlborough", "Sandfields",
     "Pinewood",   "Glenwood"});
constexpr auto kSaints =
    std::to_array<std::string_view>({"David", "Mary", "Teilo", "Illtyd", "Woolos", "Joseph",
                                     "Michael", "Cadoc", "Dyfrig", "Julius and Aaron"});
constexpr auto kStreets = std::to_array<std::string_view>(
    {"Heol y Felin",  "Stryd Fawr",  "Maes y Deri",       "Ffordd yr Orsaf", "Lôn Las",
     "Heol yr Ysgol", "Bryn Glas",   "Clos y Wern",       "Church Street",   "Station Road",
     "Oakfield Road", "Castle View", "Riverside Terrace", "Mill Lane",       "Victoria Avenue",
     "Heol Hafod",    "Llys Derw",   "Maes Hyfryd",       "Ffordd Tŷ Gwyn",  "Rhes y Capel",
     "Park Crescent", "Chapel Row",  "Y Dolydd",          "Heol Pant",       "Meadow Close",
     "Queen Street"});

std::string Pad(int value, int width) {
  std::string text = std::to_string(value);
  if (static_cast<int>(text.size()) < width)
    text.insert(0, static_cast<std::size_t>(width) - text.size(), '0');
  return text;
}

// Lower-case ASCII for a username or an email address: letters with diacritics lose them,
// anything else that is not a letter or digit is dropped.
std::string Slug(std::string_view text) {
  static const std::array<std::pair<std::string_view, char>, 30> kFolds{{
      {"â", 'a'}, {"ê", 'e'}, {"î", 'i'}, {"ô", 'o'}, {"û", 'u'}, {"ŵ", 'w'},
      {"ŷ", 'y'}, {"ï", 'i'}, {"ë", 'e'}, {"é", 'e'}, {"ł", 'l'}, {"Ł", 'l'},
      {"ś", 's'}, {"Ś", 's'}, {"ą", 'a'}, {"ę", 'e'}, {"ć", 'c'}, {"ń", 'n'},
      {"ó", 'o'}, {"ź", 'z'}, {"ż", 'z'}, {"Ż", 'z'}, {"ă", 'a'}, {"ș", 's'},
      {"ț", 't'}, {"ç", 'c'}, {"Ș", 's'}, {"á", 'a'}, {"à", 'a'}, {"ö", 'o'},
  }};
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
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

// ---------------------------------------------------------------------------------------------
// Dates

Date Ymd(int y, unsigned m, unsigned d) {
  return Date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}
Date SeptemberFirst(int year) { return Ymd(year, 9, 1); }
Date Earlier(Date a, Date b) { return a < b ? a : b; }
Date Later(Date a, Date b) { return a < b ? b : a; }
std::chrono::weekday WeekdayOf(Date d) { return std::chrono::weekday{std::chrono::sys_days{d}}; }

// Term dates on the all-Wales pattern: autumn from the first weekday of September to the last
// Friday before 21 December with the last week of October off; spring from the first Monday
// after 2 January to a week before Good Friday with the third week of February off; summer from
// a week after Easter Monday to 20 July (or the Friday before) with the spring bank holiday week
// off.
domain::TermDates PatternTermDates(domain::LocalAuthorityId la, int y) {
  using std::chrono::Friday;
  using std::chrono::Monday;
  using std::chrono::Saturday;
  using std::chrono::Sunday;
  auto on_or_after = [](Date d, std::chrono::weekday wd) {
    while (WeekdayOf(d) != wd) d = domain::AddDays(d, 1);
    return d;
  };
  auto on_or_before = [](Date d, std::chrono::weekday wd) {
    while (WeekdayOf(d) != wd) d = domain::AddDays(d, -1);
    return d;
  };
  Date autumn_start = Ymd(y, 9, 1);
  while (WeekdayOf(autumn_start) == Saturday || WeekdayOf(autumn_start) == Sunday)
    autumn_start = domain::AddDays(autumn_start, 1);
  const Date autumn_half = on_or_before(Ymd(y, 10, 31), Monday);
  const Date easter = domain::EasterSunday(y + 1);
  const Date spring_half = on_or_after(Ymd(y + 1, 2, 15), Monday);
  const Date summer_half = on_or_before(Ymd(y + 1, 5, 31), Monday);
  Date summer_end = Ymd(y + 1, 7, 20);
  while (WeekdayOf(summer_end) == Saturday || WeekdayOf(summer_end) == Sunday)
    summer_end = domain::AddDays(summer_end, -1);
  domain::TermDates dates;
  dates.local_authority = la;
  dates.academic_year = y;
  dates.terms = {
      {domain::TermName::kAutumn, autumn_start, on_or_before(Ymd(y, 12, 20), Friday), autumn_half,
       domain::AddDays(autumn_half, 4)},
      {domain::TermName::kSpring, on_or_after(Ymd(y + 1, 1, 3), Monday),
       domain::AddDays(easter, -9), spring_half, domain::AddDays(spring_half, 4)},
      {domain::TermName::kSummer, domain::AddDays(easter, 8), summer_end, summer_half,
       domain::AddDays(summer_half, 4)},
  };
  return dates;
}

// ---------------------------------------------------------------------------------------------
// Splitting whole numbers

// Splits `total` in proportion to `weights` (largest remainder, ties to the earlier index).
std::vector<int> Apportion(int total, const std::vector<std::int64_t>& weights) {
  std::vector<int> out(weights.size(), 0);
  std::int64_t sum = 0;
  for (auto w : weights) sum += w;
  if (sum <= 0 || total <= 0) return out;
  std::vector<std::pair<std::int64_t, std::size_t>> remainders;
  int given = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    const std::int64_t share = static_cast<std::int64_t>(total) * weights[i];
    out[i] = static_cast<int>(share / sum);
    given += out[i];
    remainders.push_back({share % sum, i});
  }
  std::stable_sort(remainders.begin(), remainders.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  for (std::size_t k = 0; given < total; ++k, ++given)
    ++out[remainders[k % remainders.size()].second];
  return out;
}

// ---------------------------------------------------------------------------------------------
// Settings

constexpr int kFirstYear = -1;
constexpr int kLastYear = 14;
constexpr int kYearSlots = kLastYear - kFirstYear + 1;
constexpr std::size_t Slot(int year_group) { return static_cast<std::size_t>(year_group + 1); }

// How many learners in each year group across Wales, relative to one year of compulsory school.
constexpr std::array<int, kYearSlots> kCohortWeights{75,  100, 100, 100, 100, 100, 100, 100,
                                                     100, 100, 100, 100, 100, 60,  55,  8};

// The year groups a setting of each kind teaches, and the relative size of each.
int TypeWeight(SettingType type, int y) {
  switch (type) {
    case SettingType::kNursery:
      return y == -1 ? 150 : 0;
    case SettingType::kPrimary:
      return y == -1 ? 80 : (y <= 6 ? 100 : 0);
    case SettingType::kSecondary:
      return y < 7 ? 0 : y <= 11 ? 500 : y == 12 ? 220 : y == 13 ? 200 : 0;
    case SettingType::kAllThrough:
      return y == -1 ? 120 : y <= 6 ? 150 : y <= 11 ? 400 : y <= 13 ? 150 : 0;
    case SettingType::kSpecial:
      return 8;
    case SettingType::kPru:
      return y < 5 || y > 11 ? 0 : y <= 6 ? 1 : 6;
    case SettingType::kFei:
      return y == 12 ? 900 : y == 13 ? 800 : y == 14 ? 600 : 0;
    case SettingType::kIndependent:
    case SettingType::kNonMaintained:
      return 0;
  }
  return 0;
}

struct SettingState {
  domain::Setting setting;
  int first_year = 0;
  int last_year = 0;
  int size = 100;  // relative size, 50 to 160
  std::array<int, kYearSlots> roll{};
  User alnco;
  User teacher;
  std::string governor_name;
};

// Pupils with ALN records at a school, for its provision map.
struct MapLearner {
  domain::LearnerId learner;
  domain::AreaOfNeed area = domain::AreaOfNeed::kCognitionLearning;
  bool specialist = false;  // an IDP, rather than a profile or legacy record
};

// A family generated learners may join as siblings.
struct Family {
  std::vector<FamilyLink> links;
  std::vector<std::string> responsible;  // names of those with parental responsibility
  std::string surname;
  int culture = kEnglish;
  LetterLanguage letters = LetterLanguage::kEnglish;
  bool welsh_medium = false;
  std::vector<int> year_groups;
};

enum class Story { kOrdinary, kMoved, kJoinedThisYear, kHomeEducated };

// What a learner's ALN and SEN records are to show (chosen before the learner is written).
enum class Need {
  kNone,
  kProfile,        // a One Page Profile (universal or targeted support)
  kLegacyOpen,     // a legacy SEN record not yet converted
  kLegacyNoIdp,    // a legacy SEN record converted by a notice of no ALN
  kCaseOpen,       // an ALN case before its notice
  kCaseNoAln,      // a case decided "no ALN", and what followed
  kIdpSchool,      // a case decided "has ALN" with the IDP in force
  kIdpLa,          // the same, with the LA maintaining the IDP
  kCaseException,  // a case closed because the duty to decide did not apply
  kIdpCeased,      // an IDP that has ceased
  kForcedCase,     // a case taken to the next stage of kAllStages
};

// The stages a case is taken to, in the order the first cases of each LA take them.
constexpr std::array<CaseStage, 7> kAllStages{
    CaseStage::kAwaitingTriage, CaseStage::kAwaitingDecision, CaseStage::kAwaitingNotice,
    CaseStage::kNoticeGiven,    CaseStage::kReconsideration,  CaseStage::kAppeal,
    CaseStage::kClosed};

struct PanelState {
  domain::Panel panel;
  std::vector<domain::PanelMeeting> meetings;  // by date
};

// A case being built, and what is stored with it.
struct CaseBuild {
  AlnCase c;
  std::vector<StatutoryClock> clocks;  // stopped ones, then the running duty clock if any
  bool duty_running = false;
  struct AuditStep {
    User actor;
    domain::AuditAction action;
    std::string path;  // after "/cases/<id>", or a full path for the concern
    std::string step;
    Timestamp at;
  };
  std::vector<AuditStep> audit;
};

// ---------------------------------------------------------------------------------------------
// Texts

struct NeedText {
  domain::AreaOfNeed area;
  std::string_view type;
  std::string_view description;
  std::string_view outcome;
  std::string_view measure;
  std::string_view provision;
  std::string_view rationale;
  domain::ProviderKind provider;
};

const std::vector<NeedText>& NeedTexts() {
  using A = domain::AreaOfNeed;
  using P = domain::ProviderKind;
  static const std::vector<NeedText> texts{
      {A::kCognitionLearning, "dyslexia",
       "Significant difficulty with decoding and spelling; reading age about two years below "
       "chronological age; strong oral comprehension.",
       "Read a text at the class's level aloud with 95% accuracy", "Running record each half term",
       "Structured synthetic phonics programme with a trained teaching assistant",
       "Standardised scores show phonics is the gap; small-group work has helped before.",
       P::kSchool},
      {A::kCognitionLearning, "moderate_learning",
       "Learns new concepts slowly and needs frequent repetition; working well below the "
       "expected level in literacy and numeracy.",
       "Recall number bonds to 20 without apparatus",
       "Teacher assessment against the numeracy steps each term",
       "Precision teaching of number facts, 10 minutes a day with a teaching assistant",
       "Short daily practice has worked better than longer weekly sessions.", P::kSchool},
      {A::kCognitionLearning, "dyscalculia",
       "Persistent difficulty with number sense and place value despite targeted support.",
       "Use place value to add two three-digit numbers", "Diagnostic maths assessment each term",
       "Numicon-based small-group maths intervention",
       "Concrete apparatus helped in the trial term; the EP recommends continuing.", P::kSchool},
      {A::kCommunicationInteraction, "speech_language_communication",
       "Expressive language delay: uses short sentences and finds it hard to explain ideas.",
       "Use a three-part sentence to explain a choice in class", "Therapist's assessment each term",
       "Speech and language therapy programme, carried out by a teaching assistant between "
       "visits",
       "Assessment by the therapist found an expressive language delay.", P::kNhsBody},
      {A::kCommunicationInteraction, "autistic_spectrum",
       "Autistic; finds unstructured times, changes of routine and group work hard; strong "
       "visual memory.",
       "Join a structured group activity at lunchtime three days a week",
       "Observation by the ALNCo each half term",
       "Social communication group with a visual timetable and a quiet space at break",
       "The family and the specialist teacher agree a predictable routine lowers anxiety.",
       P::kLocalAuthority},
      {A::kBehaviourEmotionalSocial, "behavioural_emotional_social",
       "Finds it hard to manage strong feelings; leaves the classroom when anxious.",
       "Manage the move between lessons without an adult's prompt on four days out of five",
       "Boxall profile each term", "Emotional literacy support sessions with a trained ELSA",
       "ELSA sessions have reduced incidents in similar cases in the school.", P::kSchool},
      {A::kBehaviourEmotionalSocial, "adhd",
       "Diagnosed ADHD; finds sustained attention hard and acts before thinking.",
       "Complete a 20-minute independent task with one prompt",
       "Teacher's weekly record of tasks completed",
       "Movement breaks and a task board, with check-ins from a teaching assistant",
       "Short tasks with planned breaks suit the learner's attention span.", P::kSchool},
      {A::kSensoryPhysical, "hearing_impairment",
       "Moderate bilateral hearing loss; wears hearing aids and misses speech in noise.",
       "Follow whole-class instructions using the radio aid in every lesson",
       "Teacher of the deaf's visit report each half term",
       "Specialist teacher of the deaf visits, and a radio aid in class",
       "The sensory service recommends the radio aid for classroom listening.", P::kLocalAuthority},
      {A::kSensoryPhysical, "dyspraxia",
       "Developmental coordination disorder: handwriting is slow and tiring; finds PE and "
       "dressing hard.",
       "Write legibly for ten minutes using a writing slope",
       "Occupational therapy review each term",
       "Daily fine motor programme set by the occupational therapist",
       "The occupational therapist's assessment set the programme.", P::kNhsBody},
      {A::kSensoryPhysical, "visual_impairment",
       "Low vision; needs enlarged print and good lighting.",
       "Read enlarged print independently in every lesson",
       "Qualified teacher of the visually impaired reviews each term",
       "Modified resources and a visiting teacher of the visually impaired",
       "The sensory service assessed the print size and equipment needed.", P::kLocalAuthority},
  };
  return texts;
}

constexpr auto kConcernTexts = std::to_array<std::string_view>(
    {"Finds reading and spelling much harder than classmates; upset before literacy lessons.",
     "Slow progress in reading despite two terms of small-group support.",
     "Concern about handwriting and keeping up with written work.",
     "Speech is hard to understand; avoids speaking in class.",
     "Very anxious in school; often leaves the classroom.",
     "Struggles with number despite extra help; falling further behind peers.",
     "Finds changes of routine very hard; meltdowns at the end of the day.",
     "Hearing test showed a loss; misses instructions in class.",
     "Mae'n cael trafferth darllen ac ysgrifennu; mae'n bryderus cyn gwersi.",
     "Angen cefnogaeth gyda sgiliau cymdeithasol a chyfathrebu."});

constexpr auto kProfileAdmired = std::to_array<std::string_view>(
    {"Kind, funny and a loyal friend; great at drawing and football.",
     "Brave and always willing to try.",
     "Helpful to younger pupils; knows everything about dinosaurs.",
     "A hard worker with a great memory for stories.", "Caredig a doniol; yn wych am ganu.",
     "Creative and full of ideas; loves building things."});
constexpr auto kProfileImportant = std::to_array<std::string_view>(
    {"My family, my dog, playing football at break, knowing what happens next.",
     "Swimming, my little brother, my grandparents' farm.",
     "Minecraft, my friends, having a quiet place when it gets noisy.",
     "Fy nheulu, fy ffrindiau, chwarae rygbi.", "Music, my cat, being on time."});
constexpr auto kProfileSupport = std::to_array<std::string_view>(
    {"Tell me what we are going to do before we start; give me time to answer.",
     "Sit me near the front; check I have understood the task.",
     "Give me instructions one at a time and show me an example.",
     "Let me use my reading ruler and a coloured overlay.", "Rhowch amser i mi feddwl cyn ateb."});

constexpr auto kStopNotes = std::to_array<std::string_view>(
    {"Notice given", "Hysbysiad wedi'i roi / Notice given", "Decision notice given to the family"});

// ---------------------------------------------------------------------------------------------
// One unit of work at a time

class Batch {
 public:
  Batch(Store& store, const GeneratorOptions& options, GeneratorCounts& counts,
        const GeneratorProgressFn& progress)
      : store_(store), options_(options), counts_(counts), progress_(progress) {}

  UnitOfWork& Tx() {
    if (!tx_) tx_ = Must(store_.Begin(TxMode::kWrite), "a unit of work");
    return *tx_;
  }

  // One more learner written; commits once the unit of work holds enough.
  void LearnerWritten() {
    ++counts_.learners;
    if (++in_unit_ >= std::max(1, options_.learners_per_unit_of_work)) Commit();
  }

  void LocalAuthorityDone() {
    ++las_done_;
    Commit();
  }

  // Commits the unit of work, if one is open, and reports progress.
  void Commit() {
    if (tx_) {
      Must(tx_->Commit(), "a commit");
      tx_.reset();
    }
    in_unit_ = 0;
    if (progress_) {
      progress_({counts_.learners, options_.learners, las_done_, options_.local_authorities});
    }
  }

 private:
  Store& store_;
  const GeneratorOptions& options_;
  GeneratorCounts& counts_;
  const GeneratorProgressFn& progress_;
  std::unique_ptr<UnitOfWork> tx_;
  int in_unit_ = 0;
  int las_done_ = 0;
};

// ---------------------------------------------------------------------------------------------
// One local authority

class LaBuilder {
 public:
  LaBuilder(Batch& batch, GeneratorCounts& counts, const GeneratorOptions& options,
            const std::string& password_hash, int index, int learners,
            domain::HealthBoardId health_board)
      : batch_(batch),
        counts_(counts),
        hash_(password_hash),
        today_(options.today),
        school_year_(domain::AcademicYearOf(options.today)),
        history_start_(domain::AddDays(domain::AcademicYearStart(school_year_ - 2), 7)),
        rng_(Mix(options.seed ^ Mix(static_cast<std::uint64_t>(index) + 1))),
        identity_(IdentityOf(index)),
        learners_(learners),
        board_id_(health_board),
        board_(kHealthBoards[static_cast<std::size_t>(identity_.profile.board)]) {}

  void Run() {
    AddAuthority();
    PlanSettings();
    AddSettings();
    AddUsers();
    AddPanels();
    PlanRolls();
    for (std::size_t i = 0; i < settings_.size(); ++i) GenerateSetting(i);
    FinishPanels();
  }

 private:
  UnitOfWork& Tx() { return batch_.Tx(); }
  int Number() const { return identity_.profile.number; }
  std::string Lll() const { return Pad(Number(), 3); }

  Timestamp At(Date day) {
    return Timestamp{std::chrono::sys_days{day} + std::chrono::hours{8} +
                     std::chrono::minutes{rng_.Between(0, 540)}};
  }
  // A day `lo` to `hi` days after `from`, not after today.
  Date After(Date from, int lo, int hi) {
    return Earlier(today_, domain::AddDays(from, rng_.Between(lo, hi)));
  }
  Date DaysAgo(int lo, int hi) { return domain::AddDays(today_, -rng_.Between(lo, hi)); }
  Date SeptemberWhenIn(int year_group, int then) const {
    return SeptemberFirst(school_year_ - (year_group - then));
  }
  Date JulyBefore(Date september) const { return Ymd(static_cast<int>(september.year()), 7, 20); }

  std::string AdultName(const Culture& culture, bool woman) {
    std::string_view first =
        woman ? (rng_.Chance(culture.other_names_percent) ? rng_.Pick(culture.other_women)
                                                          : rng_.Pick(culture.women))
              : (rng_.Chance(culture.other_names_percent) ? rng_.Pick(culture.other_men)
                                                          : rng_.Pick(culture.men));
    return std::string(first) + " " + Surname(culture);
  }
  std::string StaffName() {
    const Culture& c = Cultures()[rng_.Chance(WelshShare()) ? kWelsh : kEnglish];
    return AdultName(c, rng_.Chance(70));
  }
  int WelshShare() const { return std::clamp(identity_.profile.welsh_medium + 10, 10, 90); }
  std::string Surname(const Culture& culture) {
    return std::string(rng_.Chance(culture.other_surnames_percent)
                           ? rng_.Pick(culture.other_surnames)
                           : rng_.Pick(culture.surnames));
  }
  std::string WelshPlace() {
    std::string start(rng_.Pick(kWelshPlaceStarts));
    std::string end(rng_.Pick(kWelshPlaceEnds));
    // "Coed" and "dderw" make "Coed-dderw", not three d's in a row.
    if (end.front() != '-' && start.back() == end.front()) return start + "-" + end;
    return start + end;
  }
  std::string Place() {
    return rng_.Chance(55) ? WelshPlace() : std::string(rng_.Pick(kEnglishPlaces));
  }
  std::string Address() {
    static constexpr std::string_view kInward = "ABDEFGHJLNPQRSTUWXYZ";
    auto letter = [&] { return kInward[static_cast<std::size_t>(rng_.Between(0, 19))]; };
    std::string postcode = "CY" + std::to_string(rng_.Between(1, 99)) + " " +
                           std::to_string(rng_.Between(1, 9)) + letter() + letter();
    return std::to_string(rng_.Between(1, 140)) + " " + std::string(rng_.Pick(kStreets)) + ", " +
           WelshPlace() + ", " + postcode;
  }

  void Audit(const User& actor, domain::AuditAction action, std::optional<domain::LearnerId> who,
             Timestamp at, std::string route, std::string detail) {
    domain::AuditEvent event;
    event.local_authority = actor.local_authority;
    event.at = at;
    event.user = actor.id;
    event.username = actor.username;
    event.role = actor.role;
    event.action = action;
    event.learner = who;
    event.route = std::move(route);
    event.request_id = "gen-" + std::to_string(++request_serial_);
    event.detail = std::move(detail);
    Must(Tx().Audit().Append(event), "an audit event");
    ++counts_.audit_events;
  }

  // ---- The authority, its calendar and settings ---------------------------------------------

  void AddAuthority() {
    la_.name_en = identity_.name_en;
    la_.name_cy = identity_.name_cy;
    la_.la_number = Number();
    la_.id = Must(Tx().LocalAuthorities().Add(la_), "a local authority");
    ++counts_.local_authorities;
    for (int y = school_year_ - 2; y <= school_year_ + 1; ++y)
      Must(Tx().Calendars().PutTermDates(PatternTermDates(la_.id, y)), "term dates");
    calendar_ = Must(CalendarFor(Tx(), nullptr, la_.id), "the LA's calendar");
  }

  void PlanSettings() {
    const int count = std::clamp((learners_ + 160) / 320, 1, 1500);
    std::vector<SettingType> types;
    if (count == 1) {
      types = {SettingType::kAllThrough};
    } else {
      auto share = [&](int per_thousand) { return (count * per_thousand + 500) / 1000; };
      const int fei = count >= 12 ? 1 : 0;
      const int special = count >= 8 ? std::max(1, share(25)) : 0;
      const int pru = count >= 10 ? std::max(1, share(12)) : 0;
      const int nursery = count >= 30 ? share(10) : 0;
      const int all_through = count >= 20 ? share(25) : 0;
      const int secondary = std::max(1, share(115));
      const int primary =
          std::max(1, count - fei - special - pru - nursery - all_through - secondary);
      auto add = [&](SettingType type, int n) { types.insert(types.end(), n, type); };
      add(SettingType::kPrimary, primary);
      add(SettingType::kSecondary, secondary);
      add(SettingType::kAllThrough, all_through);
      add(SettingType::kSpecial, special);
      add(SettingType::kPru, pru);
      add(SettingType::kNursery, nursery);
      add(SettingType::kFei, fei);
    }
    std::map<SettingType, int> next_number{
        {SettingType::kNursery, 1001},    {SettingType::kPru, 1101},
        {SettingType::kPrimary, 2001},    {SettingType::kSecondary, 4001},
        {SettingType::kAllThrough, 5501}, {SettingType::kSpecial, 7001},
        {SettingType::kFei, 8001}};
    for (SettingType type : types) {
      SettingState s;
      s.setting.local_authority = la_.id;
      s.setting.type = type;
      s.setting.establishment_number = Pad(next_number[type]++, 4);
      s.setting.language_medium = MediumFor(type);
      s.setting.name = NameFor(type, s.setting.language_medium);
      s.size = rng_.Between(50, 160);
      s.first_year = kLastYear;
      s.last_year = kFirstYear;
      for (int y = kFirstYear; y <= kLastYear; ++y) {
        if (TypeWeight(type, y) == 0) continue;
        s.first_year = std::min(s.first_year, y);
        s.last_year = std::max(s.last_year, y);
      }
      if (type == SettingType::kSpecial && rng_.Chance(40)) {
        s.setting.resource_bases.push_back({"Sensory room and hydrotherapy pool",
                                            "Profound and multiple learning difficulties", 12});
      }
      if ((type == SettingType::kPrimary || type == SettingType::kSecondary) && rng_.Chance(6)) {
        s.setting.resource_bases.push_back(
            {"Canolfan " + WelshPlace(),
             std::string(rng_.Chance(50) ? "Autism and social communication"
                                         : "Speech, language and communication"),
             rng_.Between(6, 12)});
      }
      settings_.push_back(std::move(s));
    }
  }

  LanguageMedium MediumFor(SettingType type) {
    const int welsh = identity_.profile.welsh_medium;
    const int roll = rng_.Between(0, 99);
    switch (type) {
      case SettingType::kPrimary:
      case SettingType::kNursery:
        if (roll < welsh) return LanguageMedium::kWelsh;
        if (roll < welsh + 5) return LanguageMedium::kDualStream;
        return LanguageMedium::kEnglish;
      case SettingType::kSecondary:
      case SettingType::kAllThrough:
        if (roll < welsh * 8 / 10) return LanguageMedium::kWelsh;
        if (roll < welsh + 8) return LanguageMedium::kBilingual;
        return LanguageMedium::kEnglish;
      case SettingType::kSpecial:
      case SettingType::kFei:
        return roll < 30 + welsh / 2 ? LanguageMedium::kBilingual : LanguageMedium::kEnglish;
      case SettingType::kPru:
      case SettingType::kIndependent:
      case SettingType::kNonMaintained:
        return roll < welsh ? LanguageMedium::kBilingual : LanguageMedium::kEnglish;
    }
    return LanguageMedium::kEnglish;
  }

  std::string NameFor(SettingType type, LanguageMedium medium) {
    const bool welsh = medium == LanguageMedium::kWelsh;
    const std::string place = welsh ? WelshPlace() : Place();
    switch (type) {
      case SettingType::kNursery:
        return welsh || rng_.Chance(30) ? "Ysgol Feithrin " + place : place + " Nursery School";
      case SettingType::kPrimary:
        if (welsh) return (rng_.Chance(60) ? "Ysgol Gymraeg " : "Ysgol Gynradd ") + place;
        if (medium == LanguageMedium::kDualStream) return "Ysgol Gynradd " + place;
        if (rng_.Chance(10))
          return "St " + std::string(rng_.Pick(kSaints)) + "'s Church in Wales Primary School";
        if (rng_.Chance(5)) return "St " + std::string(rng_.Pick(kSaints)) + "'s RC Primary School";
        return place + (rng_.Chance(75) ? " Primary School" : " Community Primary School");
      case SettingType::kSecondary:
        if (welsh) return (rng_.Chance(50) ? "Ysgol Gyfun Gymraeg " : "Ysgol Uwchradd ") + place;
        if (medium == LanguageMedium::kBilingual) return "Ysgol " + place;
        return place + (rng_.Chance(60) ? " High School" : " Comprehensive School");
      case SettingType::kAllThrough:
        if (welsh || medium == LanguageMedium::kBilingual) return "Ysgol " + place + " (3-19)";
        return place + " Learning Campus (3-19)";
      case SettingType::kSpecial:
        return rng_.Chance(70) ? "Ysgol " + WelshPlace() : place + " Special School";
      case SettingType::kPru:
        return rng_.Chance(50) ? "Canolfan " + WelshPlace() + " Pupil Referral Unit"
                               : place + " Pupil Referral Unit";
      case SettingType::kFei:
        return "Coleg " + WelshPlace();
      case SettingType::kIndependent:
      case SettingType::kNonMaintained:
        break;
    }
    return "Ysgol " + place;
  }

  void AddSettings() {
    for (std::size_t i = 0; i < settings_.size(); ++i) {
      SettingState& s = settings_[i];
      s.setting.id = Must(Tx().Settings().Add(s.setting), "a setting");
      index_of_[s.setting.id] = i;
      ++counts_.settings;
      switch (s.setting.type) {
        case SettingType::kPrimary:
          primaries_.push_back(i);
          upn_sources_.push_back(i);
          break;
        case SettingType::kSecondary:
          secondaries_.push_back(i);
          break;
        case SettingType::kAllThrough:
        case SettingType::kSpecial:
        case SettingType::kNursery:
          upn_sources_.push_back(i);
          break;
        case SettingType::kPru:
        case SettingType::kFei:
        case SettingType::kIndependent:
        case SettingType::kNonMaintained:
          break;
      }
    }
  }

  // ---- Users --------------------------------------------------------------------------------

  User NewUser(std::string username, std::string display_name, Role role) {
    User user;
    user.username = std::move(username);
    user.display_name = std::move(display_name);
    user.role = role;
    user.local_authority = la_.id;
    user.password_hash = hash_;
    return user;
  }

  User Keep(User user) {
    Must(domain::CheckUserScope(user), "a user's scope");
    user.id = Must(Tx().Users().Add(user), "a user");
    ++counts_.users;
    return user;
  }

  void AddUsers() {
    Keep(NewUser("admin." + Lll(), StaffName(), Role::kLaAdministrator));
    const int officers = 2 + learners_ / 5000;
    for (int i = 1; i <= officers; ++i) {
      officers_.push_back(Keep(
          NewUser("officer" + std::to_string(i) + "." + Lll(), StaffName(), Role::kLaOfficer)));
    }
    for (int i = 1; i <= 2; ++i) {
      panel_users_.push_back(Keep(NewUser("panel" + std::to_string(i) + "." + Lll(),
                                          "Dr " + StaffName(), Role::kPanelMember)));
    }
    User health = NewUser("health." + Lll(), StaffName(), Role::kHealthBoardOfficer);
    health.health_board = board_id_;
    Keep(std::move(health));
    for (SettingState& s : settings_) {
      const std::string tail = "." + Lll() + "." + s.setting.establishment_number;
      User alnco = NewUser("alnco" + tail, StaffName(), Role::kAlnco);
      alnco.settings = {s.setting.id};
      if (s.setting.language_medium == LanguageMedium::kWelsh)
        alnco.language = LetterLanguage::kWelsh;
      s.alnco = Keep(std::move(alnco));
      for (int t = 1; t <= 2; ++t) {
        User teacher = NewUser("teacher" + std::to_string(t) + tail, StaffName(), Role::kTeacher);
        teacher.settings = {s.setting.id};
        teacher = Keep(std::move(teacher));
        if (t == 1) s.teacher = teacher;
      }
      s.governor_name = StaffName();
      User governor = NewUser("governor" + tail, s.governor_name, Role::kGovernor);
      governor.settings = {s.setting.id};
      Keep(std::move(governor));
    }
  }

  const User& Officer() {
    return officers_[static_cast<std::size_t>(
        rng_.Between(0, static_cast<int>(officers_.size()) - 1))];
  }
  SettingState& SettingOf(domain::SettingId id) { return settings_[index_of_.at(id)]; }

  // ---- Panels -------------------------------------------------------------------------------

  std::string Email(const std::string& name, std::string_view domain_name) {
    return Slug(name.substr(0, name.find(' '))) + "." + Slug(name.substr(name.rfind(' ') + 1)) +
           "@" + std::string(domain_name);
  }

  void AddPanels() {
    const std::string la_domain = "la" + Lll() + ".example";
    struct Spec {
      const char* en;
      const char* cy;
      int min_age, max_age;
    };
    const Spec specs[] = {{"ALN panel, ages 3 to 11", "Panel ADY, oedran 3 i 11", 3, 11},
                          {"ALN panel, ages 11 to 16", "Panel ADY, oedran 11 i 16", 11, 16}};
    const std::string chair = StaffName();
    for (int p = 0; p < 2; ++p) {
      PanelState state;
      domain::Panel& panel = state.panel;
      panel.local_authority = la_.id;
      panel.name_en = specs[p].en;
      panel.name_cy = specs[p].cy;
      panel.min_age = specs[p].min_age;
      panel.max_age = specs[p].max_age;
      using domain::PanelRole;
      auto member = [&](std::string name, PanelRole role, std::string organisation,
                        std::optional<domain::UserId> user, std::optional<std::size_t> school) {
        domain::PanelMember m;
        m.name = std::move(name);
        m.role = role;
        m.organisation = std::move(organisation);
        m.user = user;
        if (school) {
          m.setting = settings_[*school].setting.id;
          m.organisation = settings_[*school].setting.name;
        }
        m.email = Email(m.name, school ? std::string_view("school.example") : la_domain);
        Must(domain::AddMember(panel, m), "a panel member");
      };
      const User& ep = panel_users_[static_cast<std::size_t>(p)];
      const User& acting = panel_users_[static_cast<std::size_t>(1 - p)];
      member(chair, PanelRole::kChair, la_.name_en, officers_[0].id, std::nullopt);
      member(acting.display_name, PanelRole::kActingChair, "Educational psychology service",
             acting.id, std::nullopt);
      member(ep.display_name, PanelRole::kEducationalPsychologist, "Educational psychology service",
             ep.id, std::nullopt);
      member(officers_[1].display_name, PanelRole::kInclusionOfficer, la_.name_en, officers_[1].id,
             std::nullopt);
      const std::vector<std::size_t>& schools = p == 0 ? primaries_ : secondaries_;
      if (!schools.empty()) {
        const std::size_t school = rng_.PickOf(schools);
        member(settings_[school].alnco.display_name, PanelRole::kSchoolRepresentative, "",
               settings_[school].alnco.id, school);
      }
      member(StaffName(), PanelRole::kParentalRepresentative, "SNAP Cymru", std::nullopt,
             std::nullopt);
      member(StaffName(), PanelRole::kAdministrator, la_.name_en, std::nullopt, std::nullopt);
      member(StaffName(), PanelRole::kLacCoordinator, la_.name_en, std::nullopt, std::nullopt);
      Must(domain::CheckPanel(panel), "a panel");
      panel.id = Must(Tx().Panels().AddPanel(panel), "a panel");
      ++counts_.panels;

      // Fortnightly, from the second week of last school year to the end of this one: on
      // Wednesdays for the younger panel, Thursdays for the older.
      Date first = domain::AddDays(domain::AcademicYearStart(school_year_ - 1), 7);
      const std::chrono::weekday day = p == 0 ? std::chrono::Wednesday : std::chrono::Thursday;
      while (WeekdayOf(first) != day) first = domain::AddDays(first, 1);
      auto dates =
          domain::FortnightlySchedule(first, domain::AcademicYearEnd(school_year_), calendar_);
      if (dates) {
        for (Date date : *dates) {
          domain::PanelMeeting meeting;
          meeting.panel = panel.id;
          meeting.local_authority = la_.id;
          meeting.date = date;
          meeting.time = p == 0 ? "09:30" : "13:30";
          meeting.location = rng_.Chance(70) ? "County Hall, Committee Room 2" : "Online (Teams)";
          if (date < today_) {
            for (const auto& m : panel.members) {
              if (m.role == PanelRole::kParentalRepresentative && rng_.Chance(30)) continue;
              if (m.role == PanelRole::kLacCoordinator && rng_.Chance(50)) continue;
              meeting.present.push_back(m.key);
            }
          }
          meeting.id = Must(Tx().Panels().AddMeeting(meeting), "a panel meeting");
          ++counts_.meetings;
          state.meetings.push_back(std::move(meeting));
        }
      }
      panels_[p] = std::move(state);
    }
  }

  // Refers the learner to the panel for their age, lists the referral on the first meeting a
  // week after it, and has each meeting held so far decide (deferrals go to the next one).
  void Refer(const Learner& learner, const SettingState& s, std::optional<domain::AlnCaseId> c,
             std::optional<domain::IdpId> idp, domain::PanelCaseType type, domain::AreaOfNeed area,
             Date referred_on) {
    int age = static_cast<int>(referred_on.year()) - static_cast<int>(learner.date_of_birth.year());
    if (referred_on < domain::Anniversary(learner.date_of_birth, age)) --age;
    if (age > 16 || age < 3) return;
    PanelState& state = panels_[age < 11 ? 0 : 1];
    domain::PanelReferral r;
    r.local_authority = la_.id;
    r.panel = state.panel.id;
    r.learner = learner.id;
    r.aln_case = c;
    r.idp = idp;
    r.setting = s.setting.id;
    r.type = type;
    r.area = area;
    r.summary = SummaryFor(type);
    r.referred_on = referred_on;
    const User& by = Officer();
    r.referred_by = by.id;
    r.referred_at = At(referred_on);
    Must(domain::CheckNewReferral(r, today_), "a panel referral");
    r.id = Must(Tx().Panels().AddReferral(r), "a panel referral");
    ++counts_.referrals;
    Audit(by, domain::AuditAction::kCreate, learner.id, r.referred_at,
          "POST /learners/" + std::to_string(learner.id.value()) + "/panel-referrals",
          "referral id=" + std::to_string(r.id.value()));

    if (rng_.Chance(3)) {
      Must(domain::Withdraw(r, "The family moved out of the area."), "a withdrawal");
      Must(Tx().Panels().UpdateReferral(r), "a panel referral");
      return;
    }
    Date earliest = domain::AddDays(referred_on, 7);
    for (auto& meeting : state.meetings) {
      if (meeting.date < earliest) continue;
      if (!(meeting.date < today_)) {
        Must(domain::ListOnAgenda(meeting, state.panel, r, today_), "listing a referral");
        break;
      }
      domain::AgendaItem item;
      item.referral = r.id;
      for (const auto& m : state.panel.members) {
        if (m.role == domain::PanelRole::kSchoolRepresentative && m.setting == r.setting)
          item.excused.push_back({m.key, true, ""});
      }
      meeting.items.push_back(std::move(item));
      r.state = domain::ReferralState::kListed;
      r.meeting = meeting.id;
      domain::PanelDecision decision = DecisionFor(type, s);
      decision.by = by.id;
      decision.at = At(meeting.date);
      Must(domain::DecideItem(meeting, state.panel, r, decision, std::nullopt, today_),
           "a panel decision");
      if (r.state == domain::ReferralState::kDecided) break;
      earliest = domain::AddDays(meeting.date, 7);
    }
    Must(Tx().Panels().UpdateReferral(r), "a panel referral");
  }

  static std::string SummaryFor(domain::PanelCaseType type) {
    using T = domain::PanelCaseType;
    switch (type) {
      case T::kNurserySupport:
        return "Additional support for a three-year-old starting nursery.";
      case T::kSpecialistPlacement:
        return "A place at a resource base or learning support centre.";
      case T::kMovingIn:
        return "Support for a pupil moving in from another LA.";
      case T::kLaDecision:
        return "Whether the LA decides the learner has ALN, and the support while it decides.";
      case T::kWhetherToIssueIdp:
        return "Whether the LA should prepare and maintain an IDP.";
      case T::kSupportAndSetting:
        return "The level of support and the type of setting the learner needs.";
      case T::kAnnualReviewChange:
        return "Changes to the IDP's provision after its annual review.";
      case T::kManagedMove:
        return "A managed move to another school with a six-week review.";
      case T::kPruAccess:
        return "A place at the pupil referral unit, part-time alongside school.";
    }
    return "Support for the learner.";
  }

  domain::PanelDecision DecisionFor(domain::PanelCaseType type, const SettingState& s) {
    domain::PanelDecision d;
    const int roll = rng_.Between(0, 99);
    d.outcome = roll < 68   ? domain::PanelOutcome::kAgreed
                : roll < 82 ? domain::PanelOutcome::kNotAgreed
                : roll < 92 ? domain::PanelOutcome::kDeferred
                            : domain::PanelOutcome::kMoreInformation;
    switch (d.outcome) {
      case domain::PanelOutcome::kAgreed:
        d.agreed = type == domain::PanelCaseType::kSpecialistPlacement
                       ? "A place at the resource base from the start of next term."
                       : "Teaching assistant support in class, reviewed after two terms.";
        d.reasons = "The reports show needs the school cannot meet with targeted support alone.";
        d.placement = type == domain::PanelCaseType::kSpecialistPlacement
                          ? domain::Placement::kResourceBase
                          : domain::Placement::kMainstreamSupport;
        d.setting = s.setting.id;
        d.hours_per_week_tenths = rng_.Between(5, 25) * 10;
        d.places = type == domain::PanelCaseType::kSpecialistPlacement ? 1 : 0;
        d.annual_cost_pounds = rng_.Between(40, 260) * 100;
        break;
      case domain::PanelOutcome::kNotAgreed:
        d.reasons = "Needs can be met from the school's own provision map; review in a term.";
        break;
      case domain::PanelOutcome::kDeferred:
        d.reasons = "Deferred: the educational psychologist's report is awaited.";
        break;
      case domain::PanelOutcome::kMoreInformation:
        d.reasons = "More information needed: the parents' views and the latest IEP review.";
        break;
    }
    return d;
  }

  // Closes each meeting held so far and distributes its minutes, then stores every meeting.
  void FinishPanels() {
    const int minutes_days = Tx().Calendars().GetLocalTimescales(la_.id).panel_minutes_working_days;
    const domain::Timescale* timescale = domain::FindTimescale("panel-minutes");
    for (PanelState& state : panels_) {
      for (auto& meeting : state.meetings) {
        if (meeting.date < today_) {
          const User& by = Officer();
          Must(domain::CloseMeeting(meeting, minutes_days, by.id, At(meeting.date), today_),
               "closing a meeting");
          auto due = domain::DueDate(*timescale, minutes_days, meeting.date, calendar_);
          auto sent = calendar_.NthWorkingDayAfter(meeting.date, rng_.Between(1, 4));
          if (due && sent && !(today_ < *sent)) {
            std::vector<std::string> to;
            for (const auto& m : state.panel.members) to.push_back(m.name + " <" + m.email + ">");
            Must(domain::DistributeMinutes(meeting, *sent, to, *due, by.id, At(*sent), today_),
                 "distributing minutes");
          }
        }
        Must(Tx().Panels().UpdateMeeting(meeting), "a panel meeting");
      }
    }
  }

  // ---- Learners -----------------------------------------------------------------------------

  // Spreads the LA's learners over year groups, then each year group over the settings that
  // teach it, in proportion to their size.
  void PlanRolls() {
    const bool has_fei = std::any_of(settings_.begin(), settings_.end(), [](const auto& s) {
      return s.setting.type == SettingType::kFei;
    });
    std::vector<std::int64_t> cohort(kYearSlots, 0);
    for (int y = kFirstYear; y <= kLastYear; ++y) {
      const bool taught = std::any_of(settings_.begin(), settings_.end(), [&](const auto& s) {
        return TypeWeight(s.setting.type, y) > 0;
      });
      if (!taught) continue;
      cohort[Slot(y)] = y == 14 && !has_fei ? 1 : kCohortWeights[Slot(y)];
    }
    const std::vector<int> per_year = Apportion(learners_, cohort);
    for (int y = kFirstYear; y <= kLastYear; ++y) {
      std::vector<std::int64_t> weights;
      for (const auto& s : settings_)
        weights.push_back(static_cast<std::int64_t>(TypeWeight(s.setting.type, y)) * s.size);
      const std::vector<int> shares = Apportion(per_year[Slot(y)], weights);
      for (std::size_t i = 0; i < settings_.size(); ++i) settings_[i].roll[Slot(y)] = shares[i];
    }
  }

  void GenerateSetting(std::size_t index) {
    map_learners_.clear();
    for (int y = kFirstYear; y <= kLastYear; ++y) {
      const int n = settings_[index].roll[Slot(y)];
      for (int k = 0; k < n; ++k) GenerateLearner(index, y);
    }
    AddProvisionMaps(settings_[index]);
  }

  Date BirthDateFor(int year_group) {
    const int cohort = school_year_ - year_group - 5;
    const Date first = SeptemberFirst(cohort);
    const int days = domain::DaysBetween(first, SeptemberFirst(cohort + 1)) - 1;
    return domain::AddDays(first, rng_.Between(0, days));
  }

  int PickCulture(bool welsh_medium) {
    const int roll = rng_.Between(0, 99);
    const int other = identity_.profile.other_languages;
    if (welsh_medium) return roll < 58 ? kWelsh : roll < 98 ? kEnglish : kPolish;
    const int welsh = identity_.profile.welsh_medium / 3;
    if (roll < welsh) return kWelsh;
    if (roll < 100 - other) return kEnglish;
    const int rest = rng_.Between(0, 99);
    return rest < 35 ? kPolish : rest < 60 ? kArabic : rest < 80 ? kUrdu : kRomanian;
  }

  std::size_t AnyOf(const std::vector<std::size_t>& indexes, std::size_t fallback) {
    return indexes.empty() ? fallback : rng_.PickOf(indexes);
  }

  // The learner's registrations: where they are now, with where they were before.
  std::vector<Registration> RegistrationsFor(std::size_t index, int y, Story& story) {
    const SettingState& s = settings_[index];
    const domain::SettingId here = s.setting.id;
    const Date this_year = SeptemberFirst(school_year_);
    std::vector<Registration> regs;
    auto previous_school = [&](int from_year, Date until, bool secondary) {
      const auto& pool = secondary ? secondaries_ : primaries_;
      if (pool.empty()) return;
      const Date start = SeptemberWhenIn(y, from_year);
      if (!(start < until)) return;
      regs.push_back({settings_[rng_.PickOf(pool)].setting.id, start, until});
    };
    switch (s.setting.type) {
      case SettingType::kNursery:
        regs.push_back({here, After(this_year, 0, 120), std::nullopt});
        break;
      case SettingType::kPrimary:
      case SettingType::kAllThrough: {
        int entry = y == -1 ? -1 : (rng_.Chance(65) ? -1 : 0);
        if (s.setting.type == SettingType::kAllThrough && y >= 7 && rng_.Chance(30)) {
          previous_school(0, JulyBefore(SeptemberWhenIn(y, 7)), false);
          entry = 7;
        }
        regs.push_back({here, SeptemberWhenIn(y, entry), std::nullopt});
        break;
      }
      case SettingType::kSecondary:
        previous_school(rng_.Chance(60) ? -1 : 0, JulyBefore(SeptemberWhenIn(y, 7)), false);
        regs.push_back({here, SeptemberWhenIn(y, 7), std::nullopt});
        break;
      case SettingType::kSpecial: {
        const int entry = std::max(s.first_year, y - rng_.Between(0, 5));
        const int before = entry > 7 ? 7 : 0;
        if (entry > before && rng_.Chance(70))
          previous_school(before, JulyBefore(SeptemberWhenIn(y, entry)), before == 7);
        regs.push_back({here, SeptemberWhenIn(y, entry), std::nullopt});
        break;
      }
      case SettingType::kPru: {
        const bool secondary = y >= 7 && !secondaries_.empty();
        const auto& pool = secondary ? secondaries_ : primaries_;
        const Date school_start = SeptemberWhenIn(y, secondary ? 7 : 0);
        if (pool.empty()) {
          regs.push_back({here, After(this_year, 0, 60), std::nullopt});
          break;
        }
        const domain::SettingId school = settings_[rng_.PickOf(pool)].setting.id;
        if (rng_.Chance(50)) {
          // Dually registered: on the roll of both.
          regs.push_back({school, school_start, std::nullopt});
          regs.push_back(
              {here, Later(DaysAgo(10, 300), domain::AddDays(school_start, 30)), std::nullopt});
        } else {
          // Excluded, now at the PRU.
          const Date left = Later(DaysAgo(20, 300), domain::AddDays(school_start, 30));
          regs.push_back({school, school_start, left});
          regs.push_back({here, After(left, 1, 10), std::nullopt});
        }
        break;
      }
      case SettingType::kFei:
        previous_school(7, JulyBefore(SeptemberWhenIn(y, 12)), true);
        regs.push_back({here, SeptemberWhenIn(y, 12), std::nullopt});
        break;
      case SettingType::kIndependent:
      case SettingType::kNonMaintained:
        regs.push_back({here, this_year, std::nullopt});
        break;
    }

    const bool mainstream = s.setting.type == SettingType::kPrimary ||
                            s.setting.type == SettingType::kSecondary ||
                            s.setting.type == SettingType::kAllThrough;
    if (!mainstream) return regs;
    Registration& current = regs.back();
    const int days_this_year = domain::DaysBetween(this_year, today_);
    const int roll = rng_.Between(0, 999);
    if (roll < 60) {
      // Moved from another school of the same kind in an earlier September.
      const auto& pool = s.setting.type == SettingType::kSecondary ? secondaries_ : primaries_;
      const int years_here = domain::DaysBetween(current.start, this_year) / 365;
      if (pool.size() > 1 && years_here >= 1) {
        const Date moved = SeptemberFirst(school_year_ - rng_.Between(0, years_here - 1));
        domain::SettingId other = settings_[rng_.PickOf(pool)].setting.id;
        if (other != here) {
          const Date old_start = current.start;
          current.start = moved;
          regs.insert(regs.end() - 1, Registration{other, old_start, JulyBefore(moved)});
          story = Story::kMoved;
        }
      }
    } else if (roll < 90 && days_this_year > 20) {
      // Arrived this school year from outside the LA.
      regs.clear();
      regs.push_back(
          {here, domain::AddDays(this_year, rng_.Between(10, days_this_year)), std::nullopt});
      story = Story::kJoinedThisYear;
    } else if (roll < 94 && y >= 1 && y <= 11) {
      // Electively home educated: left the school roll.
      const Date left = DaysAgo(30, 250);
      if (domain::AddDays(current.start, 30) < left) {
        current.end = left;
        story = Story::kHomeEducated;
      }
    }
    return regs;
  }

  // A UPN from the establishment where the learner started school in the year they started.
  domain::Upn NewUpn(std::size_t source, int year, bool temporary) {
    static constexpr std::string_view kAlphabet = "ABCDEFGHJKLMNPQRTUVWXYZ";
    const std::size_t sources = upn_sources_.size();
    std::size_t at = static_cast<std::size_t>(
        std::find(upn_sources_.begin(), upn_sources_.end(), source) - upn_sources_.begin());
    if (at >= sources) at = 0;
    for (std::size_t tries = 0; tries < sources; ++tries, at = (at + 1) % sources) {
      const std::size_t index = upn_sources_[at];
      const int key = static_cast<int>(index) * 100 + ((year % 100) + 100) % 100;
      std::string rest = Lll() + settings_[index].setting.establishment_number +
                         Pad(((year % 100) + 100) % 100, 2);
      if (temporary) {
        int& next = temporary_serials_[key];
        if (next >= 100 * 23) continue;
        rest += Pad(next / 23, 2) + kAlphabet[static_cast<std::size_t>(next % 23)];
        ++next;
      } else {
        int& serial = serials_[key];
        const int next = serial + rng_.Between(1, 3);
        if (next > 999) continue;
        serial = next;
        rest += Pad(next, 3);
      }
      const auto check = domain::UpnCheckLetter(rest);
      return Must(domain::Upn::Parse(std::string(1, *check) + rest), "a UPN");
    }
    throw Failed{Error::Internal("generating a UPN: every serial number of LA " + Lll() +
                                 " is taken; give more --las")};
  }

  FamilyLink AddMember(std::string name, std::string relationship, bool responsible,
                       LetterLanguage language, const std::string& address) {
    domain::FamilyMember member;
    member.local_authority = la_.id;
    member.full_name = name;
    const int number = rng_.Between(0, 999);
    member.phone = rng_.Chance(25) ? "01632 960" + Pad(number, 3) : "07700 900" + Pad(number, 3);
    if (rng_.Chance(80)) {
      const auto space = name.rfind(' ');
      member.email = Slug(name.substr(0, name.find(' '))) + "." + Slug(name.substr(space + 1)) +
                     std::to_string(++email_serial_) +
                     (rng_.Chance(50) ? "@example.org" : "@example.com");
    }
    member.address = address;
    member.preferred_language = language;
    const auto id = Must(Tx().Families().Add(member), "a family member");
    ++counts_.family_members;
    return FamilyLink{id, std::move(relationship), responsible};
  }

  Family NewFamily(int culture_index, bool welsh_medium, LetterLanguage letters,
                   std::string surname) {
    const Culture& culture = Cultures()[static_cast<std::size_t>(culture_index)];
    Family family;
    family.culture = culture_index;
    family.welsh_medium = welsh_medium;
    family.letters = letters;
    family.surname = std::move(surname);
    const std::string home = Address();
    const bool mother = rng_.Chance(88);
    const bool father = !mother || rng_.Chance(62);
    auto add = [&](std::string name, std::string relationship, bool responsible,
                   const std::string& address) {
      if (responsible) family.responsible.push_back(name);
      family.links.push_back(
          AddMember(std::move(name), std::move(relationship), responsible, letters, address));
    };
    if (mother) {
      std::string last = rng_.Chance(80) ? family.surname : Surname(culture);
      std::string first(rng_.Chance(culture.other_names_percent) ? rng_.Pick(culture.other_women)
                                                                 : rng_.Pick(culture.women));
      add(first + " " + last, "mother", true, home);
    }
    if (father) {
      std::string first(rng_.Chance(culture.other_names_percent) ? rng_.Pick(culture.other_men)
                                                                 : rng_.Pick(culture.men));
      add(first + " " + family.surname, "father", true,
          mother && rng_.Chance(12) ? Address() : home);
    }
    if (rng_.Chance(5)) add(AdultName(culture, true), "grandparent", false, Address());
    return family;
  }

  Family NewFosterFamily() {
    Family family;
    const Culture& carers = Cultures()[rng_.Chance(WelshShare()) ? kWelsh : kEnglish];
    const std::string surname = Surname(carers);
    const std::string home = Address();
    std::string first(rng_.Pick(carers.women));
    family.links.push_back(
        AddMember(first + " " + surname, "foster_carer", false, LetterLanguage::kEnglish, home));
    if (rng_.Chance(60)) {
      std::string second(rng_.Pick(carers.men));
      family.links.push_back(
          AddMember(second + " " + surname, "foster_carer", false, LetterLanguage::kEnglish, home));
    }
    return family;
  }

  // A recent family with no child in `year_group`, schooled in the same language, or null.
  Family* Sibling(bool welsh_medium, int year_group) {
    if (recent_.empty()) return nullptr;
    const int start = rng_.Between(0, static_cast<int>(recent_.size()) - 1);
    for (std::size_t k = 0; k < recent_.size(); ++k) {
      Family& f = recent_[(static_cast<std::size_t>(start) + k) % recent_.size()];
      if (f.welsh_medium != welsh_medium || f.year_groups.size() >= 4) continue;
      if (std::find(f.year_groups.begin(), f.year_groups.end(), year_group) != f.year_groups.end())
        continue;
      return &f;
    }
    return nullptr;
  }

  std::vector<domain::Setting> SettingsOf(const Learner& learner) {
    std::vector<domain::Setting> out;
    for (const auto& r : learner.registrations) out.push_back(SettingOf(r.setting).setting);
    return out;
  }

  void GenerateLearner(std::size_t index, int y) {
    const SettingState& s = settings_[index];
    Learner learner;
    learner.local_authority = la_.id;
    switch (s.setting.language_medium) {
      case LanguageMedium::kWelsh:
        learner.welsh_medium = true;
        break;
      case LanguageMedium::kDualStream:
        learner.welsh_medium = rng_.Chance(50);
        break;
      case LanguageMedium::kBilingual:
        learner.welsh_medium = rng_.Chance(60);
        break;
      case LanguageMedium::kEnglish:
        learner.welsh_medium = false;
        break;
    }
    learner.date_of_birth = BirthDateFor(y);
    Story story = Story::kOrdinary;
    learner.registrations = RegistrationsFor(index, y, story);
    learner.electively_home_educated = story == Story::kHomeEducated;
    const bool looked_after = rng_.PerMille(7);

    Family* family = nullptr;
    Family fresh;
    if (!looked_after && rng_.Chance(18)) family = Sibling(learner.welsh_medium, y);
    const int culture_index = family ? family->culture : PickCulture(learner.welsh_medium);
    const Culture& culture = Cultures()[static_cast<std::size_t>(culture_index)];
    LetterLanguage letters = LetterLanguage::kEnglish;
    if (family) {
      letters = family->letters;
    } else if (learner.welsh_medium) {
      if (rng_.Chance(culture_index == kWelsh ? 92 : culture_index == kEnglish ? 30 : 0))
        letters = LetterLanguage::kWelsh;
    } else if (culture_index == kWelsh && rng_.Chance(65)) {
      letters = LetterLanguage::kWelsh;
    }
    const std::string surname = family ? family->surname : Surname(culture);
    bool new_family = false;
    if (looked_after) {
      fresh = NewFosterFamily();
      family = &fresh;
      learner.looked_after = true;
      learner.looked_after_by = la_.id;
    } else if (!family) {
      fresh = NewFamily(culture_index, learner.welsh_medium, letters, surname);
      family = &fresh;
      new_family = true;
    }
    learner.family = family->links;
    family->year_groups.push_back(y);

    learner.legal_last_name = surname;
    for (int tries = 0; tries == 0 || (tries < 3 && learner.legal_first_name == surname); ++tries) {
      learner.legal_first_name =
          std::string(rng_.Chance(culture.other_names_percent) ? rng_.Pick(culture.other_children)
                                                               : rng_.Pick(culture.children));
    }
    for (const auto& [legal, preferred] : kPreferredNames) {
      if (learner.legal_first_name == legal && rng_.Chance(60))
        learner.preferred_name = std::string(preferred);
    }
    learner.home_language = std::string(culture.home_language);
    learner.letter_language = letters;

    // ALN and SEN records (about 21% of learners).
    const SettingType type = s.setting.type;
    const int aln_percent = type == SettingType::kSpecial   ? 95
                            : type == SettingType::kPru     ? 65
                            : type == SettingType::kNursery ? 12
                            : type == SettingType::kFei     ? 16
                                                            : 21;
    const Need need = rng_.Chance(aln_percent) ? PickNeed(learner, s) : Need::kNone;
    const bool nhs = need != Need::kNone && rng_.Chance(need == Need::kIdpLa ? 45 : 12);
    if (nhs) learner.health_board_referrals.push_back(board_id_);

    // UPN: from the school where they started, in the year they started.
    const Registration* first = &learner.registrations.front();
    for (const auto& r : learner.registrations)
      if (r.start < first->start) first = &r;
    std::size_t source = index_of_.at(first->setting);
    int upn_year = static_cast<int>(first->start.year());
    if (std::find(upn_sources_.begin(), upn_sources_.end(), source) == upn_sources_.end()) {
      source = AnyOf(upn_sources_, 0);
      upn_year = school_year_ - std::max(y, 0);
    }
    const bool arrived = story == Story::kJoinedThisYear;
    const bool temporary =
        (arrived && culture_index > kEnglish && rng_.Chance(60)) || rng_.PerMille(5);
    learner.upn = NewUpn(source, upn_year, temporary);

    const std::vector<std::string> responsible = family->responsible;
    const domain::FamilyMemberId first_member = family->links.front().member;
    learner.id = Must(Tx().Learners().Add(learner), "a learner");

    if (new_family && rng_.Chance(3)) {
      User parent = NewUser("parent." + Lll() + "." + std::to_string(++parents_),
                            responsible.empty() ? learner.legal_last_name : responsible.front(),
                            Role::kParent);
      parent.family_member = first_member;
      parent.language = letters;
      Keep(std::move(parent));
    }
    if (type == SettingType::kFei && rng_.Chance(4)) {
      User young = NewUser("young." + Lll() + "." + std::to_string(++young_people_),
                           learner.DisplayName(), Role::kYoungPerson);
      young.learner = learner.id;
      Keep(std::move(young));
    }
    if (new_family) {
      recent_.push_back(std::move(fresh));
      if (recent_.size() > 64) recent_.pop_front();
    }
    if (need != Need::kNone) AddRecords(learner, settings_[index], need, nhs, responsible);
    batch_.LearnerWritten();
  }

  // ---- ALN and SEN records ------------------------------------------------------------------

  Need PickNeed(const Learner& learner, const SettingState& s) {
    const Registration& current = learner.registrations.back();
    const SettingType type = s.setting.type;
    const bool mainstream = type == SettingType::kPrimary || type == SettingType::kSecondary ||
                            type == SettingType::kAllThrough;
    // The first case learners of each LA take the case through every stage in turn: pupils of a
    // mainstream school since before the records begin, whose school decides.
    if (forced_next_ < kAllStages.size() && mainstream && !learner.looked_after &&
        learner.registrations.size() == 1 && !current.end && current.start < history_start_ &&
        domain::YearGroupOn(learner.date_of_birth, today_) <= 10) {
      return Need::kForcedCase;
    }
    std::array<int, 9> weights{24, 4, 6, 14, 9, 27, 9, 3, 4};
    if (type == SettingType::kSpecial) weights = {4, 2, 2, 6, 1, 20, 60, 2, 3};
    if (type == SettingType::kNursery || domain::YearGroupOn(learner.date_of_birth, today_) < 0)
      weights = {40, 0, 0, 30, 10, 5, 15, 0, 0};
    constexpr std::array<Need, 9> kNeeds{Need::kProfile,  Need::kLegacyOpen,    Need::kLegacyNoIdp,
                                         Need::kCaseOpen, Need::kCaseNoAln,     Need::kIdpSchool,
                                         Need::kIdpLa,    Need::kCaseException, Need::kIdpCeased};
    Need need = kNeeds[static_cast<std::size_t>(rng_.Weighted(weights))];
    if ((need == Need::kLegacyOpen || need == Need::kLegacyNoIdp) && !LegacyAge(learner))
      need = Need::kProfile;
    return need;
  }

  // In school before the ALN system began, so the SEN system knew them.
  bool LegacyAge(const Learner& learner) const {
    return !(today_ < domain::kAlnSystemStarts) &&
           domain::YearGroupOn(learner.date_of_birth, Ymd(2021, 7, 1)) >= 0;
  }

  const NeedText& PickText(bool nhs) {
    const auto& texts = NeedTexts();
    if (nhs) {
      std::vector<std::size_t> by_nhs;
      for (std::size_t i = 0; i < texts.size(); ++i)
        if (texts[i].provider == domain::ProviderKind::kNhsBody) by_nhs.push_back(i);
      return texts[rng_.PickOf(by_nhs)];
    }
    return rng_.PickOf(texts);
  }

  // The earliest day records about the learner at their current setting may carry.
  Date RecordsFrom(const Learner& learner) const {
    const Date from = Later(history_start_, domain::AddDays(learner.registrations.back().start, 7));
    return Earlier(from, today_);
  }

  void AddRecords(const Learner& learner, SettingState& s, Need need, bool nhs,
                  const std::vector<std::string>& responsible) {
    ++counts_.learners_with_records;
    const NeedText& text = PickText(nhs);
    auto pick_stage = [&](std::initializer_list<std::pair<CaseStage, int>> options) {
      std::vector<int> weights;
      for (const auto& o : options) weights.push_back(o.second);
      return (options.begin() + rng_.Weighted(weights))->first;
    };
    CaseWish wish;
    switch (need) {
      case Need::kNone:
        return;
      case Need::kProfile:
        AddProfile(learner, s, text, false);
        break;
      case Need::kLegacyOpen:
        AddLegacy(learner, std::nullopt, false);
        if (rng_.Chance(40)) AddProfile(learner, s, text, false);
        break;
      case Need::kLegacyNoIdp:
        AddLegacy(learner, std::nullopt, true);
        if (rng_.Chance(60)) AddProfile(learner, s, text, false);
        break;
      case Need::kCaseOpen:
        wish.stage = pick_stage({{CaseStage::kAwaitingTriage, 15},
                                 {CaseStage::kAwaitingDecision, 55},
                                 {CaseStage::kAwaitingNotice, 30}});
        wish.has_aln = rng_.Chance(65);
        if (rng_.Chance(35)) AddProfile(learner, s, text, false);
        AddCase(learner, s, wish, text, responsible);
        break;
      case Need::kCaseNoAln:
        wish.stage = pick_stage({{CaseStage::kNoticeGiven, 70},
                                 {CaseStage::kReconsideration, 12},
                                 {CaseStage::kAppeal, 6},
                                 {CaseStage::kClosed, 12}});
        wish.closed_by_appeal = true;
        if (rng_.Chance(50)) AddProfile(learner, s, text, false);
        AddCase(learner, s, wish, text, responsible);
        break;
      case Need::kIdpSchool:
      case Need::kIdpLa:
      case Need::kIdpCeased: {
        wish.stage =
            need == Need::kIdpLa && rng_.Chance(10) ? CaseStage::kAppeal : CaseStage::kNoticeGiven;
        wish.has_aln = true;
        wish.la_maintains = need == Need::kIdpLa;
        if (rng_.Chance(15)) AddProfile(learner, s, text, true);
        if (auto c = AddCase(learner, s, wish, text, responsible)) {
          AddIdp(learner, s, *c, need, text, nhs, responsible);
          // Many plans replaced a statement or School Action (Plus) at conversion.
          if (const auto* notice = c->LastNotice(); notice && LegacyAge(learner) && rng_.Chance(35))
            AddLegacy(learner, notice->given_on, false);
        } else {
          AddProfile(learner, s, text, false);
        }
        break;
      }
      case Need::kCaseException:
        wish.stage = CaseStage::kClosed;
        AddCase(learner, s, wish, text, responsible);
        break;
      case Need::kForcedCase: {
        wish.stage = kAllStages[forced_next_++];
        wish.has_aln = wish.stage != CaseStage::kReconsideration && rng_.Chance(70);
        wish.closed_by_appeal = true;
        AddCase(learner, s, wish, text, responsible);
        break;
      }
    }
    if (!learner.family.empty() && rng_.Chance(30)) AddContacts(learner, s, rng_.Between(1, 3));
    if (s.setting.type == SettingType::kPru && rng_.Chance(30)) {
      Refer(learner, s, std::nullopt, std::nullopt, domain::PanelCaseType::kPruAccess, text.area,
            Later(RecordsFrom(learner), DaysAgo(10, 200)));
    }
  }

  struct CaseWish {
    CaseStage stage = CaseStage::kAwaitingDecision;
    bool has_aln = false;
    bool la_maintains = false;      // the LA decides (after a referral) and maintains the IDP
    bool closed_by_appeal = false;  // kClosed: after an appeal, not an exception to the duty
  };

  // A clock on the learner's case, counted from `start`; nullopt when the calendar does not
  // reach its due date (it is then left out, as the app would refuse to start it).
  std::optional<StatutoryClock> NewClock(const Learner& learner, std::string_view timescale,
                                         Date start, domain::ClockEvent event,
                                         std::optional<domain::SettingId> calendar_setting,
                                         const User& by) {
    const domain::Timescale* t = domain::FindTimescale(timescale);
    StatutoryClock clock;
    clock.local_authority = la_.id;
    clock.learner = learner.id;
    clock.timescale = std::string(timescale);
    clock.count = domain::CountFor(*t, domain::LocalTimescales{});
    if (domain::NeedsSchoolCalendar(*t)) {
      if (!calendar_setting) return std::nullopt;
      clock.calendar_setting = calendar_setting;
    }
    clock.start_event = event;
    clock.started_on = start;
    clock.started_by = by.id;
    clock.started_at = At(start);
    if (!domain::DueDate(*t, clock.count, start, calendar_)) return std::nullopt;
    return clock;
  }

  // Stops the clock on `on`, measured against its due date.
  void StopClock(StatutoryClock& clock, Date on, std::string note) {
    const domain::Timescale* t = domain::FindTimescale(clock.timescale);
    auto due = domain::DueDate(*t, clock.count, clock.started_on, calendar_);
    clock.stopped_on = on;
    if (due) clock.due_when_stopped = *due;
    clock.stop_note = std::move(note);
  }

  StatutoryClock KeepClock(StatutoryClock clock) {
    clock.id = Must(Tx().Clocks().Add(clock), "a clock");
    ++counts_.clocks;
    return clock;
  }

  static std::string DecisionTimescale(const AlnCase& c) {
    if (c.stage == CaseStage::kAwaitingTriage) return "la-decision";
    switch (c.responsibility.body) {
      case DecidingBody::kSchool:
        return "school-decision";
      case DecidingBody::kFei:
        return "fei-decision";
      case DecidingBody::kLocalAuthority:
        break;
    }
    return "la-decision";
  }

  // The person who acts for the body now responsible for the case.
  const User& ActorFor(const domain::Responsibility& r) {
    if (r.body != DecidingBody::kLocalAuthority && r.setting && index_of_.count(*r.setting))
      return SettingOf(*r.setting).alnco;
    return Officer();
  }

  // Starts the duty clock of the body now responsible (the running one, if any, stopped first).
  void StartDuty(CaseBuild& b, const Learner& learner, Date start, domain::ClockEvent event,
                 std::string_view timescale, const User& by) {
    auto clock = NewClock(learner, timescale, start, event, b.c.responsibility.setting, by);
    if (!clock) return;
    b.clocks.push_back(*clock);
    b.duty_running = true;
  }
  void StopDuty(CaseBuild& b, Date on, std::string note) {
    if (!b.duty_running) return;
    StopClock(b.clocks.back(), on, std::move(note));
    b.duty_running = false;
  }

  void Step(CaseBuild& b, const User& actor, std::string path, std::string step, Timestamp at,
            domain::AuditAction action = domain::AuditAction::kUpdate) {
    b.audit.push_back({actor, action, std::move(path), std::move(step), at});
  }

  domain::AlnDecision MakeDecision(const AlnCase& c, const CaseWish& wish, const NeedText& text,
                                   const Learner& learner, Date decided) {
    using domain::Answer;
    domain::AlnDecision d;
    d.body = c.responsibility;
    d.decided_on = decided;
    auto& t = d.test;
    t.evidence = {domain::EvidenceKind::kTeacherAssessment, domain::EvidenceKind::kParentsViews};
    if (rng_.Chance(70)) t.evidence.insert(domain::EvidenceKind::kStandardisedAssessment);
    if (rng_.Chance(40)) t.evidence.insert(domain::EvidenceKind::kProfessionalReports);
    if (rng_.Chance(40)) t.evidence.insert(domain::EvidenceKind::kLearnersViews);
    t.disability = Answer::kNo;
    if (wish.has_aln) {
      t.greater_difficulty = Answer::kYes;
      t.greater_difficulty_evidence = std::string(text.description);
      if (text.area == domain::AreaOfNeed::kSensoryPhysical && rng_.Chance(50)) {
        t.disability = Answer::kYes;
        t.disability_evidence = "Diagnosis confirmed by the health board's specialist service.";
      }
      t.progress = {domain::ProgressIndicator::kSlowerThanPeers};
      if (rng_.Chance(60)) t.progress.insert(domain::ProgressIndicator::kGapNotClosing);
      t.language_only = Answer::kNo;
      t.calls_for_alp = Answer::kYes;
      t.alp = std::string(text.provision);
      t.areas = {text.area};
      t.types = {std::string(text.type)};
      domain::MaintainerAssessment a;
      if (wish.la_maintains) {
        a.specialist_placement = rng_.Chance(50);
        a.low_incidence = !a.specialist_placement || rng_.Chance(30);
        a.regular_external_advice = rng_.Chance(50);
        a.ta_hours_per_week = rng_.Between(15, 32);
      } else {
        a.ta_hours_per_week = rng_.Between(0, 15);
      }
      d.assessment = a;
    } else {
      const int roll = rng_.Between(0, 99);
      if (roll < 60) {
        t.greater_difficulty = Answer::kNo;
      } else {
        t.greater_difficulty = Answer::kYes;
        t.greater_difficulty_evidence =
            "Reading a year behind peers; catching up with the class's own support.";
        if (roll < 80 && learner.welsh_medium && learner.home_language != "Cymraeg") {
          t.language_only = Answer::kYes;
        } else {
          t.language_only = Answer::kNo;
          t.calls_for_alp = Answer::kNo;
        }
      }
      if (rng_.Chance(50))
        d.summary = "Differentiated teaching and the school's universal provision meet the need.";
    }
    return d;
  }

  std::string RaisedBy(domain::ConcernSource source, const SettingState& s,
                       const std::vector<std::string>& responsible) {
    switch (source) {
      case domain::ConcernSource::kParent:
        return responsible.empty() ? "Foster carer" : responsible.front();
      case domain::ConcernSource::kTeacher:
        return (rng_.Chance(50) ? "Mr " : "Ms ") + StaffName();
      case domain::ConcernSource::kAlnco:
        return s.alnco.display_name;
      case domain::ConcernSource::kLearner:
        return "The young person";
      case domain::ConcernSource::kHealthBody:
        return "Dr " + StaffName() + ", community paediatrician";
      case domain::ConcernSource::kOtherProfessional:
        return StaffName() + ", educational psychologist";
    }
    return "A teacher";
  }

  // Opens a case and takes it through the steps to the wished-for stage, as the app would, with
  // each step's date in the past; then stores it with its clocks and audit history. nullopt if
  // the learner is too young for a concern in the period the records cover.
  std::optional<AlnCase> AddCase(const Learner& learner, SettingState& s, const CaseWish& wish,
                                 const NeedText& text,
                                 const std::vector<std::string>& responsible) {
    using domain::ClockEvent;
    int lo = 3, hi = 70;
    switch (wish.stage) {
      case CaseStage::kAwaitingTriage:
        lo = 1, hi = 20;
        break;
      case CaseStage::kAwaitingDecision:
        lo = 3, hi = 70;
        break;
      case CaseStage::kAwaitingNotice:
        lo = 25, hi = 80;
        break;
      case CaseStage::kNoticeGiven:
        lo = 60, hi = 800;
        break;
      case CaseStage::kReconsideration:
        lo = 70, hi = 260;
        break;
      case CaseStage::kAppeal:
        lo = 110, hi = 420;
        break;
      case CaseStage::kClosed:
        lo = 40, hi = 800;
        break;
    }
    const Date earliest =
        Later(RecordsFrom(learner), domain::AddDays(learner.date_of_birth, 2 * 365 + 60));
    if (today_ < earliest) return std::nullopt;
    const Date brought = Later(earliest, DaysAgo(lo, hi));

    domain::Concern concern;
    const bool young = domain::IsYoungPerson(learner, brought);
    const std::vector<domain::ConcernSource> sources =
        young ? std::vector<domain::ConcernSource>{domain::ConcernSource::kLearner,
                                                   domain::ConcernSource::kAlnco,
                                                   domain::ConcernSource::kOtherProfessional}
              : std::vector<domain::ConcernSource>{domain::ConcernSource::kParent,
                                                   domain::ConcernSource::kParent,
                                                   domain::ConcernSource::kTeacher,
                                                   domain::ConcernSource::kTeacher,
                                                   domain::ConcernSource::kAlnco,
                                                   domain::ConcernSource::kHealthBody,
                                                   domain::ConcernSource::kOtherProfessional};
    concern.source = rng_.PickOf(sources);
    concern.raised_by = RaisedBy(concern.source, s, responsible);
    concern.brought_on = brought;
    concern.description =
        std::string(rng_.Chance(50) ? text.description : rng_.Pick(kConcernTexts));
    const auto settings = SettingsOf(learner);
    const domain::Responsibility who = domain::WhoDecides(learner, settings, brought);
    CaseStage stage = wish.stage;
    concern.to_la =
        stage == CaseStage::kAwaitingTriage && who.body != DecidingBody::kLocalAuthority;
    if (stage == CaseStage::kAwaitingTriage && !concern.to_la) stage = CaseStage::kAwaitingDecision;
    if (young) {
      const bool refuses = stage == CaseStage::kClosed && !wish.closed_by_appeal && rng_.Chance(40);
      concern.consent = refuses ? domain::Answer::kNo : domain::Answer::kYes;
      if (!refuses) concern.consent_on = brought;
    }

    CaseBuild b;
    const User& opener = concern.to_la ? Officer() : ActorFor(who);
    b.c = Must(domain::OpenCase(learner, concern, who, {opener.id, At(brought), today_}),
               "an ALN case");
    Step(b, opener, "/learners/" + std::to_string(learner.id.value()) + "/concerns", "opened",
         b.c.timeline.back().at, domain::AuditAction::kCreate);
    if (b.c.stage == CaseStage::kClosed) return StoreCase(learner, std::move(b));
    StartDuty(b, learner, b.c.DutyStartsOn(),
              young ? ClockEvent::kConsentGiven : ClockEvent::kConcernRaised,
              DecisionTimescale(b.c), opener);
    if (stage == CaseStage::kAwaitingTriage) return StoreCase(learner, std::move(b));

    // An exception to the duty to decide (Act s.11(3)).
    if (stage == CaseStage::kClosed && !wish.closed_by_appeal) {
      domain::DutyException ex;
      ex.on = After(brought, 3, 25);
      if (rng_.Chance(55)) {
        ex.kind = domain::DutyExceptionKind::kNoMaterialChange;
        ex.previous_decision_on = domain::AddDays(brought, -rng_.Between(150, 500));
        if (ex.previous_decision_on < learner.date_of_birth)
          ex.previous_decision_on = domain::AddDays(brought, -1);
        ex.reasons = "No material change since the last decision; the same evidence was reviewed.";
      } else {
        ex.kind = domain::DutyExceptionKind::kIdpMaintained;
        ex.reasons = "An IDP maintained by the LA already covers this need.";
      }
      const User& by = ActorFor(b.c.responsibility);
      Must(domain::RecordException(b.c, learner, ex, {by.id, At(ex.on), today_}), "an exception");
      StopDuty(b, ex.on, "Exception to the duty recorded");
      Step(b, by, "/exception", "exception", b.c.timeline.back().at);
      return StoreCase(learner, std::move(b));
    }

    // A school refers the case to the LA (Code 12.39).
    const bool to_tribunal = stage == CaseStage::kAppeal || stage == CaseStage::kClosed;
    if (b.c.responsibility.body == DecidingBody::kSchool &&
        (wish.la_maintains || to_tribunal ||
         (stage == CaseStage::kAwaitingDecision && rng_.Chance(12)))) {
      domain::Referral referral;
      referral.referred_on = After(brought, 5, 25);
      referral.need_apparent_on =
          Later(brought, domain::AddDays(referral.referred_on, -rng_.Between(0, 5)));
      referral.ground = wish.la_maintains && wish.has_aln ? domain::ReferralGround::kA
                        : rng_.Chance(50)                 ? domain::ReferralGround::kB
                                                          : domain::ReferralGround::kC;
      referral.evidence =
          "The EP's report and two terms of the school's targeted support; the school cannot "
          "determine the extent of the need on its own.";
      const User& alnco = ActorFor(b.c.responsibility);
      Must(domain::Refer(b.c, referral, {alnco.id, At(referral.referred_on), today_}),
           "a referral to the LA");
      StopDuty(b, referral.referred_on, "Referred to the LA");
      const User& officer = Officer();
      StartDuty(b, learner, referral.referred_on, ClockEvent::kReferralReceived, "la-decision",
                officer);
      Step(b, alnco, "/referral", "referred", b.c.timeline.back().at);
    }
    if (stage == CaseStage::kAwaitingDecision) return StoreCase(learner, std::move(b));

    // The decision.
    const Date duty_start = b.clocks.empty() ? brought : b.clocks.back().started_on;
    const Date decided = stage == CaseStage::kAwaitingNotice
                             ? Later(duty_start, DaysAgo(0, 8))
                             : After(Later(duty_start, brought), 10, 55);
    const User& decider = ActorFor(b.c.responsibility);
    Must(
        domain::RecordDecision(b.c, MakeDecision(b.c, wish, text, learner, decided),
                               domain::kDefaultTaHoursThreshold, {decider.id, At(decided), today_}),
        "a decision");
    Step(b, decider, "/decision/confirm", "decision", b.c.timeline.back().at);
    if (stage == CaseStage::kAwaitingNotice) return StoreCase(learner, std::move(b));

    // The notice, given to the family (or the young person).
    domain::DecisionNotice notice;
    const int method = rng_.Between(0, 99);
    notice.method = method < 55   ? domain::NoticeMethod::kEmail
                    : method < 90 ? domain::NoticeMethod::kPost
                                  : domain::NoticeMethod::kHand;
    notice.sent_on = After(decided, 0, 10);
    notice.given_on = domain::GivenOn(notice.method, notice.sent_on, 2,
                                      [&](Date d) { return calendar_.IsWorkingDay(d); });
    if (today_ < notice.given_on) {
      // A posted notice not yet arrived: sent by email instead, so that it is given today.
      notice.method = domain::NoticeMethod::kEmail;
      notice.given_on = notice.sent_on;
    }
    notice.language = learner.letter_language;
    if (domain::Appealable(*b.c.LastDecision())) {
      if (auto due = domain::DueDate(*domain::FindTimescale("tribunal-appeal"), 8, notice.given_on,
                                     calendar_))
        notice.appeal_by = *due;
    }
    Must(domain::RecordNotice(b.c, notice, {decider.id, At(notice.sent_on), today_}), "a notice");
    StopDuty(b, notice.given_on, std::string(rng_.Pick(kStopNotes)));
    Step(b, decider, "/notice", "notice", b.c.timeline.back().at);
    if (stage == CaseStage::kNoticeGiven) return StoreCase(learner, std::move(b));

    const domain::AlnDecision& decision = *b.c.LastDecision();
    if (stage == CaseStage::kReconsideration) {
      if (decision.body.body != DecidingBody::kSchool) return StoreCase(learner, std::move(b));
      domain::ReconsiderationRequest request;
      request.requested_on = After(notice.sent_on, 3, 25);
      request.requested_by = responsible.empty() ? learner.DisplayName() : responsible.front();
      request.grounds =
          "We believe the school did not consider the reports from the speech and language "
          "therapist.";
      const User& officer = Officer();
      Must(domain::RequestReconsideration(b.c, request,
                                          {officer.id, At(request.requested_on), today_}),
           "a request to reconsider");
      StartDuty(b, learner, request.requested_on, ClockEvent::kRequestMade, "la-reconsideration",
                officer);
      Step(b, officer, "/reconsideration", "reconsideration requested", b.c.timeline.back().at);
      return StoreCase(learner, std::move(b));
    }

    // An appeal to the Education Tribunal for Wales.
    if (!domain::Appealable(decision)) return StoreCase(learner, std::move(b));
    const User& officer = Officer();
    const Date lodged = After(notice.sent_on, 10, 50);
    Must(domain::LodgeAppeal(b.c, lodged, {officer.id, At(lodged), today_}), "an appeal");
    Step(b, officer, "/appeal", "appeal lodged", b.c.timeline.back().at);
    if (stage == CaseStage::kAppeal) return StoreCase(learner, std::move(b));

    const Date heard = After(lodged, 60, 150);
    const int roll = rng_.Between(0, 99);
    const domain::AppealOutcome outcome = roll < 35   ? domain::AppealOutcome::kDismissed
                                          : roll < 60 ? domain::AppealOutcome::kWithdrawn
                                          : roll < 85 ? domain::AppealOutcome::kUpheld
                                                      : domain::AppealOutcome::kConceded;
    const bool hearing =
        outcome == domain::AppealOutcome::kDismissed || outcome == domain::AppealOutcome::kUpheld;
    Must(domain::RecordAppealOutcome(b.c, outcome,
                                     hearing ? std::optional<Date>(heard) : std::nullopt, heard,
                                     {officer.id, At(heard), today_}),
         "an appeal's outcome");
    Step(b, officer, "/appeal/outcome", "appeal decided", b.c.timeline.back().at);
    if (b.c.stage == CaseStage::kAppeal) {
      domain::TribunalOrder order;
      order.description = "Prepare an IDP naming the specialist provision within 5 weeks.";
      order.made_on = heard;
      order.comply_by = domain::AddDays(heard, 35);
      Must(domain::AddOrder(b.c, order, {officer.id, At(heard), today_}), "a tribunal order");
      const Date complied = After(heard, 5, 35);
      Must(domain::CompleteOrder(b.c, 0, complied, {officer.id, At(complied), today_}),
           "complying with an order");
      Step(b, officer, "/appeal/orders", "order complied with", b.c.timeline.back().at);
    }
    return StoreCase(learner, std::move(b));
  }

  AlnCase StoreCase(const Learner& learner, CaseBuild b) {
    b.c.id = Must(Tx().Cases().Add(b.c), "an ALN case");
    ++counts_.cases;
    const std::string reference = "ALN case " + std::to_string(b.c.id.value());
    for (std::size_t i = 0; i < b.clocks.size(); ++i) {
      StatutoryClock& clock = b.clocks[i];
      clock.aln_case = b.c.id;
      clock.reference = reference;
      clock = KeepClock(clock);
      if (b.duty_running && i + 1 == b.clocks.size()) b.c.duty_clock = clock.id;
    }
    if (b.c.duty_clock) Must(Tx().Cases().Update(b.c), "an ALN case");
    const std::string case_path = "/cases/" + std::to_string(b.c.id.value());
    for (const auto& step : b.audit) {
      const bool on_learner = step.path.rfind("/learners/", 0) == 0;
      Audit(step.actor, step.action, learner.id, step.at,
            "POST " + (on_learner ? step.path : case_path + step.path),
            "case id=" + std::to_string(b.c.id.value()) + " " + step.step);
      if (rng_.Chance(40)) {
        const User& viewer = rng_.Chance(50) ? step.actor : Officer();
        const Timestamp end_of_today{std::chrono::sys_days{today_} + std::chrono::hours{23}};
        Audit(viewer, domain::AuditAction::kView, learner.id,
              std::min(end_of_today, step.at + std::chrono::minutes{rng_.Between(5, 600)}),
              "GET " + case_path, "case id=" + std::to_string(b.c.id.value()));
      }
    }
    return b.c;
  }

  // ---- Plans --------------------------------------------------------------------------------

  domain::AlpElement ElementFrom(const NeedText& text, const Learner& learner,
                                 const SettingState& s, Date given) {
    domain::AlpElement e;
    e.outcome = std::string(text.outcome);
    e.measure = std::string(text.measure);
    e.outcome_by = domain::AddDays(given, rng_.Between(180, 360));
    e.provision = std::string(text.provision);
    e.minutes = 5 * rng_.Between(2, 9);
    e.sessions = rng_.Between(1, 5);
    e.per = domain::ProvisionPeriod::kWeek;
    const int group = rng_.Between(0, 2);
    e.group = group == 0   ? domain::GroupSize::kOneToOne
              : group == 1 ? domain::GroupSize::kPaired
                           : domain::GroupSize::kSmallGroup;
    e.in_welsh = learner.welsh_medium ? domain::Answer::kYes : domain::Answer::kNo;
    e.provider = text.provider;
    switch (text.provider) {
      case domain::ProviderKind::kNhsBody:
        e.provider_name = "Speech and language therapy, " + std::string(board_.en);
        if (text.area == domain::AreaOfNeed::kSensoryPhysical)
          e.provider_name = "Occupational therapy, " + std::string(board_.en);
        break;
      case domain::ProviderKind::kLocalAuthority:
        e.provider_name = la_.name_en + " specialist teaching service";
        break;
      case domain::ProviderKind::kSchool:
      case domain::ProviderKind::kFei:
      case domain::ProviderKind::kOtherAgency:
        e.provider_name = s.setting.name;
        break;
    }
    e.starts_on = domain::AddDays(given, rng_.Between(0, 14));
    e.review_on = domain::AddDays(*e.starts_on, rng_.Between(150, 300));
    e.rationale = std::string(text.rationale);
    return e;
  }

  domain::IdpContent ContentFor(const Learner& learner, const SettingState& s, const NeedText& text,
                                bool nhs, DecidingBody body, Date given,
                                const std::vector<std::string>& responsible) {
    domain::IdpContent c;
    const bool la = body == DecidingBody::kLocalAuthority;
    c.about.coordinator = la ? Officer().display_name : s.alnco.display_name;
    c.about.coordinator_role = la                           ? "ALN officer"
                               : body == DecidingBody::kFei ? "ALN co-ordinator"
                                                            : "ALNCo";
    c.about.coordinator_contact =
        "01632 960" + Pad(rng_.Between(0, 999), 3) + ", " +
        (la ? "aln@la" + Lll() + ".example" : s.alnco.username + "@school.example");
    c.about.communication = learner.letter_language == LetterLanguage::kWelsh
                                ? "Llythyrau yn Gymraeg; galwad ffôn ar ôl 3pm."
                                : "Letters in English; email first, then a phone call.";
    c.profile.admired = std::string(rng_.Pick(kProfileAdmired));
    c.profile.important = std::string(rng_.Pick(kProfileImportant));
    c.profile.support = std::string(rng_.Pick(kProfileSupport));
    c.profile.written_with =
        (responsible.empty() ? std::string("My foster carer") : responsible.front()) + " and " +
        s.alnco.display_name;
    c.needs.areas = {text.area};
    c.needs.types = {std::string(text.type)};
    c.needs.description = std::string(text.description);
    domain::AlpElement main = ElementFrom(text, learner, s, given);
    main.key = c.next_key++;
    c.elements.push_back(std::move(main));
    if (nhs && text.provider != domain::ProviderKind::kNhsBody) {
      domain::AlpElement therapy = ElementFrom(PickText(true), learner, s, given);
      therapy.key = c.next_key++;
      c.elements.push_back(std::move(therapy));
    } else if (rng_.Chance(40)) {
      domain::AlpElement more = ElementFrom(PickText(false), learner, s, given);
      more.key = c.next_key++;
      c.elements.push_back(std::move(more));
    }
    if (la) {
      c.place.setting = s.setting.id;
      c.place.reasons = "The learner's needs can be met at this school with the ALP in 2B.";
    }
    c.information = {
        {"Educational psychologist's report", "Dr " + StaffName(), domain::AddDays(given, -60)},
        {"Parents' views", responsible.empty() ? "Foster carers" : responsible.front(),
         domain::AddDays(given, -40)}};
    c.transition = {"Visits to the new class in the summer term, with a photo book.",
                    rng_.Chance(80) ? "Walks to school with a parent." : "LA transport (taxi)."};
    return c;
  }

  void AddIdp(const Learner& learner, SettingState& s, const AlnCase& c, Need need,
              const NeedText& text, bool nhs, const std::vector<std::string>& responsible) {
    const domain::AlnDecision* d = c.LastDecision();
    const domain::DecisionNotice* n = c.LastNotice();
    if (!d || !n || !d->has_aln) return;
    DecidingBody body = DecidingBody::kLocalAuthority;
    std::optional<domain::SettingId> setting;
    if (d->maintainer == domain::Maintainer::kSchool && d->body.setting &&
        index_of_.count(*d->body.setting)) {
      setting = d->body.setting;
      body = SettingOf(*setting).setting.type == SettingType::kFei ? DecidingBody::kFei
                                                                   : DecidingBody::kSchool;
    }
    const SettingState& keeper = setting ? SettingOf(*setting) : s;
    const User& by = body == DecidingBody::kLocalAuthority ? Officer() : keeper.alnco;
    std::vector<domain::KeyEvent> events;
    for (const auto& e : c.timeline) {
      events.push_back({e.on, std::string(domain::Code(e.kind)) == "decided"
                                  ? "Decision: has additional learning needs"
                              : e.kind == domain::CaseEventKind::kNoticeGiven
                                  ? "Notice of the decision given"
                                  : "Concern raised"});
    }
    domain::Idp idp = Must(domain::StartPlan(learner, body, la_.id, setting, c.id, events,
                                             {by.id, At(d->decided_on), d->decided_on}),
                           "an IDP");
    domain::IdpContent content =
        ContentFor(learner, keeper, text, nhs, body, n->given_on, responsible);
    content.key_events = idp.draft->key_events;
    domain::FinaliseInput in;
    in.method = n->method;
    in.sent_on = n->sent_on;
    in.given_on = n->given_on;
    if (rng_.Chance(5)) content.elements.front().rationale.clear();
    if (!domain::CheckQuality(content, body).empty())
      in.override_reasons = "Given now so that the provision can start; the rationale follows.";
    idp.draft = std::move(content);
    Must(domain::Finalise(idp, in, {by.id, At(n->sent_on), today_}), "finalising an IDP");
    const std::string maintainer_name =
        body == DecidingBody::kLocalAuthority ? la_.name_en : keeper.setting.name;

    // Annual reviews (Act s.23), each within the year.
    for (int round = 0; round < 4 && !idp.draft; ++round) {
      const auto period = idp.ReviewPeriodStartsOn();
      if (!period || today_ < domain::AddDays(*period, 335)) break;
      const Date held = After(domain::AddDays(*period, 320), 0, 40);
      const domain::IdpVersion& current = *idp.Current();
      domain::Review review;
      review.held_on = held;
      review.trigger = domain::ReviewTrigger::kAnnual;
      const auto required =
          domain::RequiredInvitees(current.content, learner.DisplayName(), responsible,
                                   domain::IsYoungPerson(learner, held), body, maintainer_name);
      for (auto invitee : required) {
        invitee.attended = invitee.kind == domain::InviteeKind::kSchool ||
                           invitee.kind == domain::InviteeKind::kLocalAuthority || rng_.Chance(80);
        review.invitees.push_back(invitee);
      }
      for (const auto& e : current.content.elements) {
        const auto& ratings = domain::AllProgressRatings();
        review.progress.push_back({e.key, rng_.PickOf(ratings), "Progress as the measure shows."});
      }
      review.learner_views = "I like my sessions and want to keep going.";
      review.family_views = "Happy with the progress; would like more updates at home.";
      review.reasons = "The outcomes are still right and the provision is working.";
      const bool revise = rng_.Chance(25);
      review.decision =
          revise ? domain::ReviewDecision::kRevise : domain::ReviewDecision::kNoChange;
      if (!revise) review.notice_given_on = After(held, 1, 10);
      if (revise) review.reasons = "Two outcomes achieved; new outcomes and less support needed.";
      Must(domain::RecordReview(idp, review, required, {by.id, At(held), revise ? held : today_}),
           "an IDP review");
      if (!revise) continue;
      if (today_ < domain::AddDays(held, 7)) break;  // the revised plan is still being written
      idp.draft->elements.front().outcome += " independently";
      idp.draft->elements.front().minutes = std::max(10, idp.draft->elements.front().minutes - 5);
      domain::FinaliseInput revised;
      revised.method = domain::NoticeMethod::kEmail;
      revised.sent_on = After(held, 7, 30);
      revised.given_on = revised.sent_on;
      revised.change_summary = "Outcome 1 raised; sessions shortened after the review.";
      if (!domain::CheckQuality(*idp.draft, body).empty())
        revised.override_reasons =
            in.override_reasons.empty() ? "Agreed at the review." : in.override_reasons;
      Must(domain::Finalise(idp, revised, {by.id, At(revised.sent_on), today_}), "revising an IDP");
    }
    if (idp.Status() == domain::IdpStatus::kInForce &&
        !(today_ < domain::AddDays(idp.Current()->given_on, 20)) && rng_.Chance(5)) {
      domain::ReviewRequest request;
      request.by = domain::RequesterKind::kParent;
      request.name = responsible.empty() ? "Foster carer" : responsible.front();
      request.requested_on = After(idp.Current()->given_on, 20, 200);
      request.reasons = "New diagnosis from the paediatrician; the plan should reflect it.";
      Must(domain::RequestReview(idp, request, {by.id, At(request.requested_on), today_}),
           "a review request");
    }
    if (learner.looked_after) {
      const Date dated = After(n->given_on, 0, 30);
      Must(domain::LinkPep(idp, learner, "PEP-" + Lll() + "-" + std::to_string(learner.id.value()),
                           dated, {by.id, At(dated), today_}),
           "a PEP link");
    }
    const bool ceasing =
        need == Need::kIdpCeased && !(today_ < domain::AddDays(idp.Current()->given_on, 60));
    if (ceasing) {
      domain::Cessation cessation;
      cessation.decided_on = After(idp.Current()->given_on, 60, 400);
      cessation.reasons =
          "The learner no longer needs ALP: the outcomes were achieved and "
          "universal provision now meets their needs.";
      cessation.method = domain::NoticeMethod::kEmail;
      cessation.sent_on = After(cessation.decided_on, 0, 7);
      cessation.given_on = cessation.sent_on;
      cessation.language = learner.letter_language;
      const bool reconsidered = domain::CeaseIsReconsidered(body);
      if (auto due =
              domain::DueDate(*domain::FindTimescale(reconsidered ? "cease-reconsideration-request"
                                                                  : "tribunal-appeal"),
                              reconsidered ? 4 : 8, cessation.given_on, calendar_)) {
        if (reconsidered) {
          cessation.reconsider_by = *due;
        } else {
          cessation.appeal_by = *due;
        }
      }
      Must(domain::Cease(idp, cessation, {by.id, At(cessation.sent_on), today_}), "ceasing an IDP");
    }

    idp.id = Must(Tx().Plans().Add(idp), "an IDP");
    ++counts_.idps;
    const std::string idp_path = "/idps/" + std::to_string(idp.id.value());
    Audit(by, domain::AuditAction::kCreate, learner.id, At(d->decided_on),
          "POST /learners/" + std::to_string(learner.id.value()) + "/idps/new",
          "idp id=" + std::to_string(idp.id.value()) + " started");
    Audit(by, domain::AuditAction::kUpdate, learner.id, At(n->sent_on), "POST " + idp_path,
          "idp id=" + std::to_string(idp.id.value()) + " finalised");
    if (auto start = idp.ReviewPeriodStartsOn()) {
      if (auto clock = NewClock(learner, "idp-review", *start, domain::ClockEvent::kPlanGiven,
                                std::nullopt, by)) {
        clock->idp = idp.id;
        clock->reference = "IDP " + std::to_string(idp.id.value());
        if (idp.cessation) StopClock(*clock, idp.cessation->given_on, "IDP ceased");
        const StatutoryClock stored = KeepClock(*clock);
        if (!idp.cessation) {
          idp.review_clock = stored.id;
          Must(Tx().Plans().Update(idp), "an IDP");
        }
      }
    }
    if (!ceasing && learner.registrations.back().ActiveOn(today_)) {
      map_learners_.push_back({learner.id, text.area, true});
      if (rng_.Chance(25)) AddDeliveries(learner, s, idp);
    }
    if (need == Need::kIdpLa && rng_.Chance(70)) {
      Refer(learner, s, c.id, idp.id,
            rng_.Chance(50) ? domain::PanelCaseType::kSpecialistPlacement
                            : domain::PanelCaseType::kSupportAndSetting,
            text.area,
            Later(c.concern.brought_on, domain::AddDays(d->decided_on, -rng_.Between(5, 30))));
    } else if (need == Need::kIdpSchool && rng_.Chance(4)) {
      Refer(learner, s, c.id, idp.id, domain::PanelCaseType::kAnnualReviewChange, text.area,
            After(n->given_on, 150, 400));
    }
  }

  // Sessions given against the plan's first element in each of the last three whole weeks.
  void AddDeliveries(const Learner& learner, const SettingState& s, const domain::Idp& idp) {
    const domain::IdpVersion* v = idp.Current();
    if (!v || v->content.elements.empty()) return;
    const domain::AlpElement& e = v->content.elements.front();
    if (e.per != domain::ProvisionPeriod::kWeek || e.sessions <= 0) return;
    const int weekday = static_cast<int>(WeekdayOf(today_).iso_encoding());
    const Date monday = domain::AddDays(today_, 1 - weekday);
    for (int w = 3; w >= 1; --w) {
      const Date week = domain::AddDays(monday, -7 * w);
      std::optional<Date> on;
      for (int k = 4; k >= 0 && !on; --k) {
        const Date d = domain::AddDays(week, k);
        if (calendar_.TypeOf(d) == domain::DayType::kSchoolDay) on = d;
      }
      if (!on || (e.starts_on && *on < *e.starts_on)) continue;
      domain::DeliveryRecord r;
      r.local_authority = la_.id;
      r.learner = learner.id;
      r.setting = s.setting.id;
      r.idp = idp.id;
      r.element = e.key;
      r.on = *on;
      r.missed = rng_.Chance(25) ? rng_.Between(1, std::min(2, e.sessions)) : 0;
      r.delivered = e.sessions - r.missed;
      if (r.missed > 0) {
        const auto& reasons = domain::AllMissedReasons();
        r.reason = reasons[static_cast<std::size_t>(
            rng_.Between(1, static_cast<int>(reasons.size()) - 1))];
        if (r.reason == domain::MissedReason::kOther) r.note = "School trip.";
      }
      r.by = s.teacher.id;
      r.at = At(*on);
      if (r.delivered == 0 && r.missed == 0) continue;
      Must(domain::CheckDelivery(r, today_), "a delivery record");
      Must(Tx().Provision().AddDelivery(r), "a delivery record");
      ++counts_.deliveries;
    }
  }

  void AddProfile(const Learner& learner, SettingState& s, const NeedText& text, bool closed) {
    domain::OnePageProfile p;
    p.local_authority = la_.id;
    p.learner = learner.id;
    p.setting = s.setting.id;
    p.level = rng_.Chance(60) ? domain::SupportLevel::kTargeted : domain::SupportLevel::kUniversal;
    p.content.admired = std::string(rng_.Pick(kProfileAdmired));
    p.content.important = std::string(rng_.Pick(kProfileImportant));
    p.content.support = std::string(rng_.Pick(kProfileSupport));
    p.content.written_with = "With " + s.alnco.display_name;
    p.written_on = Later(RecordsFrom(learner), DaysAgo(10, 700));
    p.by = s.alnco.id;
    p.at = At(p.written_on);
    Must(domain::CheckProfile(p.content, p.written_on, today_), "a One Page Profile");
    for (int round = 0; round < 3; ++round) {
      const Date start = p.ReviewYearStartsOn();
      if (today_ < domain::AddDays(start, 340) || !rng_.Chance(92)) break;
      Must(domain::ReviewProfile(p, p.content, After(domain::AddDays(start, 330), 0, 35), today_),
           "a profile review");
    }
    p.closed = closed;
    p.id = Must(Tx().Plans().AddProfile(p), "a One Page Profile");
    ++counts_.profiles;
    Audit(s.alnco, domain::AuditAction::kCreate, learner.id, p.at,
          "POST /learners/" + std::to_string(learner.id.value()) + "/profiles",
          "profile id=" + std::to_string(p.id.value()));
    if (closed) return;
    if (auto clock = NewClock(learner, "opp-review", p.ReviewYearStartsOn(),
                              domain::ClockEvent::kPlanGiven, std::nullopt, s.alnco)) {
      clock->profile = p.id;
      clock->reference = "One Page Profile " + std::to_string(p.id.value());
      p.review_clock = KeepClock(*clock).id;
      Must(Tx().Plans().UpdateProfile(p), "a One Page Profile");
    }
    if (learner.registrations.back().ActiveOn(today_)) {
      map_learners_.push_back({learner.id, text.area, false});
    }
  }

  // A legacy SEN record: converted by an IDP notice on `idp_notice`, by a notice of no ALN, or
  // not yet converted.
  void AddLegacy(const Learner& learner, std::optional<Date> idp_notice, bool no_idp) {
    const Date from = Later(domain::AddDays(learner.date_of_birth, 3 * 365 + 200), Ymd(2012, 9, 1));
    const Date until = Earlier(Ymd(2021, 7, 16), today_);
    if (!(from < until)) return;
    domain::LegacySenRecord r;
    r.local_authority = la_.id;
    r.learner = learner.id;
    const int roll = rng_.Between(0, 99);
    r.status = roll < 50   ? domain::LegacySenStatus::kSchoolAction
               : roll < 85 ? domain::LegacySenStatus::kSchoolActionPlus
                           : domain::LegacySenStatus::kStatement;
    r.since = domain::AddDays(from, rng_.Between(0, domain::DaysBetween(from, until)));
    if (r.status == domain::LegacySenStatus::kStatement) {
      r.statement_dated = Earlier(domain::AddDays(r.since, rng_.Between(60, 300)), until);
      const Date review = domain::AddDays(*r.statement_dated, rng_.Between(300, 365));
      if (review < until) r.last_annual_review_on = review;
    }
    if (idp_notice) {
      r.outcome = domain::ConversionOutcome::kIdpNotice;
      r.converted_on = Later(*idp_notice, domain::kAlnSystemStarts);
    } else if (no_idp) {
      r.outcome = domain::ConversionOutcome::kNoIdpNotice;
      const int span = std::min(domain::DaysBetween(domain::kAlnSystemStarts, today_), 1600);
      r.converted_on = domain::AddDays(domain::kAlnSystemStarts, rng_.Between(0, span));
    } else {
      r.note = "Conversion meeting to be arranged with the family.";
    }
    Must(domain::CheckLegacyRecord(r, learner, today_), "a legacy SEN record");
    Must(Tx().Plans().PutLegacy(r), "a legacy SEN record");
    ++counts_.legacy_records;
  }

  void AddContacts(const Learner& learner, const SettingState& s, int n) {
    constexpr auto kSummaries = std::to_array<std::string_view>(
        {"Phoned to ask how the reading group is going and how to help at home.",
         "Meeting to talk about progress against the plan's outcomes.",
         "Letter explaining the decision and the right to ask for it to be reconsidered.",
         "Call about attendance after a clinic appointment.",
         "Home visit about the move to secondary school."});
    constexpr auto kWelshSummaries = std::to_array<std::string_view>(
        {"Ffoniodd i ofyn sut mae'r grŵp darllen yn mynd ac a allai helpu gartref.",
         "Cyfarfod i drafod cynnydd yn erbyn deilliannau'r CDU.",
         "Galwad am bresenoldeb ar ôl apwyntiad clinig."});
    for (int i = 0; i < n; ++i) {
      domain::FamilyContact c;
      c.local_authority = la_.id;
      c.learner = learner.id;
      const bool by_school = rng_.Chance(80);
      if (by_school) c.setting = s.setting.id;
      c.family_member = learner
                            .family[static_cast<std::size_t>(
                                rng_.Between(0, static_cast<int>(learner.family.size()) - 1))]
                            .member;
      c.on = Later(RecordsFrom(learner), DaysAgo(1, 300));
      const auto& methods = domain::AllContactMethods();
      const auto& purposes = domain::AllContactPurposes();
      c.method = rng_.PickOf(methods);
      c.purpose = rng_.PickOf(purposes);
      c.started_by = rng_.Chance(35) ? domain::ContactStarter::kFamily
                     : by_school     ? domain::ContactStarter::kSchool
                                     : domain::ContactStarter::kLocalAuthority;
      c.language = learner.letter_language;
      c.summary = std::string(c.language == LetterLanguage::kWelsh ? rng_.Pick(kWelshSummaries)
                                                                   : rng_.Pick(kSummaries));
      if (rng_.Chance(50)) {
        c.actions = "Send home the targets and a note of the next review.";
        c.follow_up_by = domain::AddDays(c.on, rng_.Between(7, 21));
        if (!(today_ < *c.follow_up_by) && rng_.Chance(75)) c.followed_up_on = After(c.on, 1, 21);
      }
      const User& by = by_school ? s.alnco : Officer();
      c.by = by.id;
      c.at = At(c.on);
      Must(domain::CheckFamilyContact(c, today_), "a family contact");
      Must(Tx().FamilyContacts().AddContact(c), "a family contact");
      ++counts_.family_contacts;
    }
  }

  // ---- Provision maps -----------------------------------------------------------------------

  void AddProvisionMaps(SettingState& s) {
    if (s.setting.type == SettingType::kFei) return;
    using domain::AreaOfNeed;
    using domain::ProvisionLevel;
    auto provision = [](std::string name, ProvisionLevel level, AreaOfNeed area, std::string staff,
                        int hours, int group, int sessions, int minutes, int cost) {
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
    const std::vector<domain::Provision> catalogue{
        provision("Dyslexia-friendly classrooms / Dosbarthiadau sy'n ystyriol o ddyslecsia",
                  ProvisionLevel::kUniversal, AreaOfNeed::kCognitionLearning, "Class teachers", 0,
                  0, 0, 0, 0),
        provision("Reading rulers and coloured overlays", ProvisionLevel::kUniversalPlus,
                  AreaOfNeed::kCognitionLearning, "Class teachers", 0, 0, 0, 0, 40),
        provision("Catch-up reading (Dal i Fyny)", ProvisionLevel::kTargeted,
                  AreaOfNeed::kCognitionLearning, "Teaching assistant", 25, 4, 3, 20, 450),
        provision("Nurture group (Grŵp Meithrin)", ProvisionLevel::kTargeted,
                  AreaOfNeed::kBehaviourEmotionalSocial, "Teaching assistant", 50, 6, 2, 45, 900),
        provision("Talkabout social skills group", ProvisionLevel::kTargeted,
                  AreaOfNeed::kCommunicationInteraction, "Teaching assistant", 15, 6, 1, 45, 200),
        provision("Fine motor skills group (Sgiliau echddygol manwl)", ProvisionLevel::kTargeted,
                  AreaOfNeed::kSensoryPhysical, "Teaching assistant", 10, 4, 2, 20, 150),
        provision("Speech and language programme", ProvisionLevel::kSpecialist,
                  AreaOfNeed::kCommunicationInteraction, "Trained teaching assistant", 15, 1, 1, 30,
                  300),
        provision("Precision teaching", ProvisionLevel::kSpecialist, AreaOfNeed::kCognitionLearning,
                  "Teaching assistant", 20, 1, 5, 10, 300),
    };
    domain::ProvisionMap map;
    map.local_authority = la_.id;
    map.setting = s.setting.id;
    map.academic_year = school_year_ - 1;
    map.coordination = {s.alnco.display_name, rng_.Between(10, 50),
                        rng_.Chance(60) ? domain::AlncoQualification::kQualified
                                        : domain::AlncoQualification::kStudying,
                        "ALNCo: regional ALNCo network each half term.", s.governor_name};
    for (const auto& p : catalogue) Must(domain::SaveProvision(map, p), "a provision");
    auto key_for = [&](const MapLearner& m) {
      int fallback = 3;
      for (const auto& p : map.provisions) {
        if (p.area != m.area) continue;
        if (p.level == (m.specialist ? ProvisionLevel::kSpecialist : ProvisionLevel::kTargeted))
          return p.key;
        if (p.level == ProvisionLevel::kTargeted) fallback = p.key;
      }
      return fallback;
    };
    const std::size_t cap = std::min<std::size_t>(map_learners_.size(), 150);

    // Last year's map, reviewed and rolled over into this year's.
    const Date last_start = domain::AcademicYearStart(map.academic_year);
    const bool last_year = rng_.Chance(60);
    if (last_year) {
      for (std::size_t i = 0; i < cap / 2; ++i) {
        const MapLearner& m = map_learners_[i];
        const int key = key_for(m);
        Must(domain::AddLearnerToProvision(map, key, m.learner,
                                           domain::AddDays(last_start, rng_.Between(14, 200)),
                                           "Baseline taken on entry"),
             "a provision place");
        if (rng_.Chance(25)) {
          Must(domain::EndLearnerProvision(map, key, m.learner,
                                           domain::AddDays(last_start, rng_.Between(240, 300)),
                                           "Target met"),
               "ending a provision place");
        }
      }
      Must(domain::RecordImpact(map, 3,
                                "Most learners gained more than six months of reading "
                                "age in two terms."),
           "a provision's impact");
      map.id = Must(Tx().Provision().AddMap(map), "a provision map");
      ++counts_.provision_maps;
      std::set<domain::LearnerId> staying;
      for (std::size_t i = 0; i < cap; ++i) staying.insert(map_learners_[i].learner);
      const domain::ProvisionMapReview review{
          domain::AddDays(domain::AcademicYearEnd(map.academic_year), -40), s.alnco.id,
          "Catch-up reading worked well and continues; the nurture group needs a second "
          "session."};
      domain::ProvisionMap next =
          Must(domain::ReviewAndRollOver(map, review, staying), "rolling a map over");
      Must(Tx().Provision().UpdateMap(map), "a provision map");
      map = std::move(next);
      map.coordination.training = "Whole staff: ALN Code refresher (INSET, September).";
    } else {
      map.academic_year = school_year_;
      map.provisions.clear();
      map.next_key = 1;
      for (const auto& p : catalogue) Must(domain::SaveProvision(map, p), "a provision");
    }
    const Date this_start = domain::AcademicYearStart(school_year_);
    for (std::size_t i = 0; i < cap; ++i) {
      const MapLearner& m = map_learners_[i];
      const int key = key_for(m);
      const domain::Provision* p = map.Find(key);
      const domain::ProvisionLearner* already = p ? p->Learner(m.learner) : nullptr;
      if (already && !already->left_on) continue;
      const Date joined = Earlier(today_, domain::AddDays(this_start, rng_.Between(7, 60)));
      Must(domain::AddLearnerToProvision(map, key, m.learner, Later(joined, this_start),
                                         "Baseline taken on entry"),
           "a provision place");
    }
    map.id = Must(Tx().Provision().AddMap(map), "a provision map");
    ++counts_.provision_maps;

    // Sessions of the weekly catch-up reading group recorded for a few of its learners.
    const domain::Provision* reading = map.Find(3);
    if (!reading) return;
    const int weekday = static_cast<int>(WeekdayOf(today_).iso_encoding());
    const Date monday = domain::AddDays(today_, 1 - weekday);
    int recorded = 0;
    for (const auto& place : reading->learners) {
      if (recorded++ >= 3) break;
      for (int w = 2; w >= 1; --w) {
        const Date week = domain::AddDays(monday, -7 * w);
        std::optional<Date> on;
        for (int k = 4; k >= 0 && !on; --k) {
          const Date d = domain::AddDays(week, k);
          if (calendar_.TypeOf(d) == domain::DayType::kSchoolDay) on = d;
        }
        if (!on || *on < place.joined_on || place.left_on) continue;
        domain::DeliveryRecord r;
        r.local_authority = la_.id;
        r.learner = place.learner;
        r.setting = s.setting.id;
        r.map = map.id;
        r.provision = reading->key;
        r.on = *on;
        r.delivered = rng_.Chance(80) ? 3 : 2;
        r.missed = 3 - r.delivered;
        if (r.missed) r.reason = domain::MissedReason::kStaffAbsent;
        r.by = s.teacher.id;
        r.at = At(*on);
        Must(domain::CheckDelivery(r, today_), "a delivery record");
        Must(Tx().Provision().AddDelivery(r), "a delivery record");
        ++counts_.deliveries;
      }
    }
  }

  // ---- State ----------------------------------------------------------------------------------

  Batch& batch_;
  GeneratorCounts& counts_;
  const std::string& hash_;
  Date today_;
  int school_year_;     // calendar year in which the current school year began
  Date history_start_;  // no record is dated before this
  Rng rng_;
  LaIdentity identity_;
  int learners_;
  domain::HealthBoardId board_id_;
  HealthBoardName board_;

  domain::LocalAuthority la_;
  domain::SchoolCalendar calendar_;
  std::vector<SettingState> settings_;
  std::map<domain::SettingId, std::size_t> index_of_;
  std::vector<std::size_t> primaries_, secondaries_, upn_sources_;
  std::vector<User> officers_, panel_users_;
  std::array<PanelState, 2> panels_;
  std::unordered_map<int, int> serials_, temporary_serials_;
  std::deque<Family> recent_;
  std::vector<MapLearner> map_learners_;  // of the setting being generated
  std::size_t forced_next_ = 0;
  int parents_ = 0;
  int young_people_ = 0;
  long long email_serial_ = 0;
  long long request_serial_ = 0;
};

}  // namespace

domain::Status CheckGeneratorOptions(const GeneratorOptions& options) {
  if (options.local_authorities < 1) {
    return Error::InvalidArgument(
        "--las must be at least 1: give the number of local authorities (1 to 99)");
  }
  if (options.local_authorities > kMaxGeneratedLocalAuthorities) {
    return Error::InvalidArgument("--las must be at most " +
                                  std::to_string(kMaxGeneratedLocalAuthorities) +
                                  " (Wales has 22 local authorities; --wales uses them)");
  }
  if (options.learners < 0) {
    return Error::InvalidArgument("--learners must not be negative: give a whole number N >= K");
  }
  if (options.learners < options.local_authorities) {
    return Error::InvalidArgument(
        "--learners (" + std::to_string(options.learners) + ") must be at least --las (" +
        std::to_string(options.local_authorities) + "): every local authority needs a learner");
  }
  if (options.learners > kMaxGeneratedLearners) {
    return Error::InvalidArgument("--learners must be at most " +
                                  std::to_string(kMaxGeneratedLearners));
  }
  if (!options.today.ok() || options.today.year() < std::chrono::year{2000} ||
      options.today.year() > std::chrono::year{2100}) {
    return Error::InvalidArgument("--today must be a date from 2000 to 2100, as YYYY-MM-DD");
  }
  if (options.password.size() < 10) {
    return Error::InvalidArgument("the users' password must have at least 10 characters");
  }
  return domain::Ok();
}

domain::Result<GeneratorCounts> Generate(Store& store, const PasswordHasher& hasher,
                                         const GeneratorOptions& options,
                                         const GeneratorProgressFn& progress) {
  if (auto ok = CheckGeneratorOptions(options); !ok) return ok.error();
  try {
    {
      auto uow = store.Begin(TxMode::kRead);
      if (!uow) return uow.error();
      if (!(*uow)->LocalAuthorities().List().empty() || (*uow)->Learners().Count() > 0) {
        return Error::Conflict(
            "the database already holds data: generate into a new, empty database (give "
            "another --database)");
      }
    }
    GeneratorCounts counts;
    const std::string hash = hasher.Hash(options.password);
    Batch batch(store, options, counts, progress);

    // Each LA has a learner; the rest are shared out by the LAs' sizes.
    const int k = options.local_authorities;
    std::vector<std::int64_t> sizes;
    for (int i = 0; i < k; ++i) sizes.push_back(IdentityOf(i).profile.size);
    std::vector<int> learners = Apportion(options.learners - k, sizes);
    for (int& n : learners) ++n;

    std::map<int, domain::HealthBoardId> boards;
    for (int i = 0; i < k; ++i) {
      const int board = IdentityOf(i).profile.board;
      if (boards.count(board)) continue;
      const HealthBoardName& name = kHealthBoards[static_cast<std::size_t>(board)];
      domain::HealthBoard record{{}, std::string(name.en), std::string(name.cy)};
      boards[board] = Must(batch.Tx().LocalAuthorities().AddHealthBoard(record), "a health board");
      ++counts.health_boards;
    }
    for (int i = 0; i < k; ++i) {
      LaBuilder(batch, counts, options, hash, i, learners[static_cast<std::size_t>(i)],
                boards.at(IdentityOf(i).profile.board))
          .Run();
      batch.LocalAuthorityDone();
    }
    return counts;
  } catch (const Failed& failed) {
    return failed.error;
  } catch (const std::exception& e) {
    return Error::Unavailable(std::string("the store failed: ") + e.what());
  }
}

}  // namespace cynnal::app
