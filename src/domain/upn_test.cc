#include "domain/upn.h"

#include <gtest/gtest.h>
#include <rapidcheck.h>

#include <string>
#include <string_view>
#include <vector>

namespace cynnal::domain {
namespace {

constexpr std::string_view kCheckAlphabet = "ABCDEFGHJKLMNPQRTUVWXYZ";

// REFERENCE section 9: "B801200005001 is valid". Characters 2-13 weighted 2..13:
// 8*2 + 0*3 + 1*4 + 2*5 + 0*6 + 0*7 + 0*8 + 0*9 + 5*10 + 0*11 + 0*12 + 1*13 = 93; 93 mod 23 = 1,
// which is B.
constexpr std::string_view kValid = "B801200005001";

// A temporary UPN (LA 661, establishment 2345, year 25, serial "01", then the letter A):
// 6*2 + 6*3 + 1*4 + 2*5 + 3*6 + 4*7 + 5*8 + 2*9 + 5*10 + 0*11 + 1*12 = 210, and A counts as its
// index 0 in the check alphabet, so 0*13 = 0; 210 mod 23 = 3, which is D.
constexpr std::string_view kTemporary = "D66123452501A";

// With the letter B (index 1) instead: 210 + 1*13 = 223; 223 mod 23 = 16, which is T.
constexpr std::string_view kTemporaryB = "T66123452501B";

// A Welsh LA number (661): 6*2 + 6*3 + 1*4 + 1*9 + 1*13 = 56; 56 mod 23 = 10, which is L.
constexpr std::string_view kWelsh = "L661000010001";

// REFERENCE section 9: the UPN format and check letter.
TEST(UpnTest, AcceptsValidUpnsAndStoresThemUpperCaseWithoutSpaces) {
  struct Case {
    std::string_view input;
    std::string_view stored;
    bool temporary;
  };
  const std::vector<Case> cases = {
      {kValid, kValid, false},
      {"b801200005001", kValid, false},
      {"  B801200005001 ", kValid, false},
      {"\tb801200005001\n", kValid, false},
      {kTemporary, kTemporary, true},
      {"d66123452501a", kTemporary, true},
      {kTemporaryB, kTemporaryB, true},
      {kWelsh, kWelsh, false},
  };
  for (const auto& c : cases) {
    auto upn = Upn::Parse(c.input);
    ASSERT_TRUE(upn.has_value()) << "'" << c.input << "': " << upn.error().message;
    EXPECT_EQ(upn->str(), c.stored);
    EXPECT_EQ(upn->temporary(), c.temporary) << c.input;
  }
}

// REFERENCE section 9: each way a UPN can be wrong has its own message for the person typing it.
TEST(UpnTest, ReportsWhatIsWrongWithAnInvalidUpn) {
  struct Case {
    std::string_view input;
    std::string_view message_id;
  };
  const std::vector<Case> cases = {
      {"", "upn_error_missing"},
      {"   ", "upn_error_missing"},
      {"C801200005001", "upn_error_check"},    // wrong check letter
      {"B801200005002", "upn_error_check"},    // serial mistyped: should be Q
      {"B801200005010", "upn_error_check"},    // two digits swapped
      {"D66123452501B", "upn_error_check"},    // temporary letter changed
      {"B80120000500", "upn_error_length"},    // 12 characters
      {"B8012000050011", "upn_error_length"},  // 14 characters
      {"B801 200005001", "upn_error_length"},  // a space inside is a 14th character
      {"801200005001", "upn_error_length"},    // check letter left off
      {"B8012X0005001", "upn_error_digits"},   // a letter among the digits
      {"B801200005O01", "upn_error_digits"},   // letter O typed for zero
      {"B80120000500-", "upn_error_last"},     // punctuation at the end
      {"B80120000500I", "upn_error_last"},     // I is not in the check alphabet
      {"B80120000500O", "upn_error_last"},     // nor O
      {"B80120000500S", "upn_error_last"},     // nor S
      {"I801200005001", "upn_error_first"},    // I is never a check letter
      {"O801200005001", "upn_error_first"},
      {"S801200005001", "upn_error_first"},
      {"1801200005001", "upn_error_first"},  // a digit where the letter goes
      {"I8012X0005001", "upn_error_first"},  // the first problem is the one reported
  };
  for (const auto& c : cases) {
    auto upn = Upn::Parse(c.input);
    ASSERT_FALSE(upn.has_value()) << "'" << c.input << "' was accepted";
    EXPECT_EQ(upn.error().code, ErrorCode::kInvalidArgument) << c.input;
    EXPECT_EQ(upn.error().message, c.message_id) << "'" << c.input << "'";
    ASSERT_EQ(upn.error().fields.count("upn"), 1u) << c.input;
    EXPECT_EQ(upn.error().fields.at("upn"), c.message_id) << c.input;
  }
}

TEST(UpnTest, ReadsTheLaNumberFromCharactersTwoToFour) {
  EXPECT_EQ(Upn::Parse(kValid)->LaNumber(), 801);
  EXPECT_EQ(Upn::Parse(kWelsh)->LaNumber(), 661);
  EXPECT_EQ(Upn::Parse(kTemporary)->LaNumber(), 661);
}

TEST(UpnTest, TwoUpnsAreEqualWhenTheyAreTheSameNumberHoweverTyped) {
  EXPECT_EQ(*Upn::Parse(" b801200005001"), *Upn::Parse("B801200005001"));
  EXPECT_FALSE(*Upn::Parse(kValid) == *Upn::Parse(kWelsh));
}

// REFERENCE section 9: sum of characters 2-13 times position, mod 23, in ABCDEFGHJKLMNPQRTUVWXYZ.
TEST(UpnCheckLetterTest, ComputesTheCheckLetterForDigitsAndATemporaryLetter) {
  EXPECT_EQ(UpnCheckLetter("801200005001"), 'B');
  EXPECT_EQ(UpnCheckLetter("801200005002"), 'Q');
  EXPECT_EQ(UpnCheckLetter("66123452501A"), 'D');
  EXPECT_EQ(UpnCheckLetter("66123452501B"), 'T');
  EXPECT_EQ(UpnCheckLetter("661000010001"), 'L');
  EXPECT_EQ(UpnCheckLetter("000000000000"), 'A');
}

TEST(UpnCheckLetterTest, RefusesAnythingButTwelveDigitsOrElevenDigitsAndALetter) {
  EXPECT_FALSE(UpnCheckLetter("").has_value());
  EXPECT_FALSE(UpnCheckLetter("80120000500").has_value());    // 11
  EXPECT_FALSE(UpnCheckLetter("8012000050011").has_value());  // 13
  EXPECT_FALSE(UpnCheckLetter("8A1200005001").has_value());   // letter before position 13
  EXPECT_FALSE(UpnCheckLetter("80120000500I").has_value());   // I is not in the alphabet
  EXPECT_FALSE(UpnCheckLetter("80120000500-").has_value());
}

TEST(UpnTest, EveryOtherCheckLetterIsRejected) {
  for (char letter : kCheckAlphabet) {
    if (letter == 'B') continue;
    std::string upn(kValid);
    upn[0] = letter;
    auto parsed = Upn::Parse(upn);
    ASSERT_FALSE(parsed.has_value()) << upn;
    EXPECT_EQ(parsed.error().message, "upn_error_check") << upn;
  }
}

// The weights 2..13 are all non-zero mod 23, and so is any change of a digit (-9..9, not 0);
// 23 is prime, so their product, the change in the sum, is never 0 mod 23. Likewise for a change
// of the temporary letter (-22..22). So every single-character change in characters 2-13 that
// keeps the character's kind is caught; this checks that exhaustively for two UPNs.
TEST(UpnTest, EverySingleDigitOrTemporaryLetterMistypeIsCaught) {
  for (std::string_view valid : {kValid, kWelsh, kTemporary}) {
    for (std::size_t i = 1; i < 13; ++i) {
      const bool letter = i == 12 && valid[i] > '9';
      const std::string_view replacements = letter ? kCheckAlphabet : "0123456789";
      for (char c : replacements) {
        if (c == valid[i]) continue;
        std::string upn(valid);
        upn[i] = c;
        auto parsed = Upn::Parse(upn);
        ASSERT_FALSE(parsed.has_value()) << upn << " (from " << valid << ")";
        EXPECT_EQ(parsed.error().message, "upn_error_check") << upn;
      }
    }
  }
}

// The claim does not extend to swapping a final digit for a letter: digit d and the letter with
// index d (A=0, B=1, ...) have the same value, so B80120000500B shares B801200005001's check
// letter and is a valid temporary UPN. Recorded so that nobody relies on it being caught.
TEST(UpnTest, AFinalDigitAndTheLetterWithTheSameValueShareACheckLetter) {
  auto permanent = Upn::Parse("B801200005001");
  auto temporary = Upn::Parse("B80120000500B");
  ASSERT_TRUE(permanent.has_value());
  ASSERT_TRUE(temporary.has_value());
  EXPECT_FALSE(permanent->temporary());
  EXPECT_TRUE(temporary->temporary());
}

rc::Gen<std::string> GenDigits(int count) {
  return rc::gen::container<std::string>(static_cast<std::size_t>(count),
                                         rc::gen::inRange('0', static_cast<char>('9' + 1)));
}

// REFERENCE section 9: any 11 digits and a final digit, prefixed by their check letter, make a
// UPN that parses (and is not temporary).
TEST(UpnPropertyTest, PrefixingTheCheckLetterMakesAValidUpn) {
  EXPECT_TRUE(rc::check("check letter + 11 digits + final digit parses", [] {
    const std::string rest = *GenDigits(11) + *GenDigits(1);
    const auto letter = UpnCheckLetter(rest);
    RC_ASSERT(letter.has_value());
    const std::string text = std::string(1, *letter) + rest;
    const auto upn = Upn::Parse(text);
    RC_ASSERT(upn.has_value());
    RC_ASSERT(upn->str() == text);
    RC_ASSERT(!upn->temporary());
    RC_ASSERT(UpnProblem(text).empty());
  }));
}

// REFERENCE section 9: a temporary UPN ends in a letter from the check alphabet.
TEST(UpnPropertyTest, PrefixingTheCheckLetterMakesAValidTemporaryUpn) {
  EXPECT_TRUE(rc::check("check letter + 11 digits + final letter parses as temporary", [] {
    const char last = *rc::gen::elementOf(std::string(kCheckAlphabet));
    const std::string rest = *GenDigits(11) + std::string(1, last);
    const auto letter = UpnCheckLetter(rest);
    RC_ASSERT(letter.has_value());
    const auto upn = Upn::Parse(std::string(1, *letter) + rest);
    RC_ASSERT(upn.has_value());
    RC_ASSERT(upn->temporary());
  }));
}

TEST(UpnPropertyTest, ChangingAnySingleDigitMakesAValidUpnFail) {
  EXPECT_TRUE(rc::check("one changed digit is always caught by the check letter", [] {
    const std::string rest = *GenDigits(12);
    const std::string valid = std::string(1, *UpnCheckLetter(rest)) + rest;
    const auto position = *rc::gen::inRange<std::size_t>(1, 13);
    const char replacement = *rc::gen::suchThat(rc::gen::inRange('0', static_cast<char>('9' + 1)),
                                                [&](char c) { return c != valid[position]; });
    std::string changed = valid;
    changed[position] = replacement;
    const auto upn = Upn::Parse(changed);
    RC_ASSERT(!upn.has_value());
    RC_ASSERT(upn.error().message == "upn_error_check");
    RC_ASSERT(!UpnProblem(changed).empty());
  }));
}

// upn.h: UpnProblem explains the problem in plain English for the command line.
TEST(UpnProblemTest, ExplainsTheProblemInPlainEnglish) {
  struct Case {
    std::string_view input;
    std::string_view problem;
  };
  const std::vector<Case> cases = {
      {kValid, ""},
      {" b801200005001 ", ""},
      {kTemporary, ""},
      {"", "no UPN given"},
      {"B801200005002", "the check letter should be 'Q', not 'B'"},
      {"b801200005002", "the check letter should be 'Q', not 'B'"},
      {"B80120000500", "a UPN has 13 characters; this has 12"},
      {"B8012000050011", "a UPN has 13 characters; this has 14"},
      {"B8012X0005001", "characters 2 to 12 must be digits; character 6 is 'X'"},
      {"B801200005O01", "characters 2 to 12 must be digits; character 11 is 'O'"},
      {"I801200005001", "the first character must be a check letter (A-Z, not I, O or S)"},
      {"B80120000500I",
       "the last character must be a digit, or a letter (not I, O or S) for a temporary UPN"},
  };
  for (const auto& c : cases) EXPECT_EQ(UpnProblem(c.input), c.problem) << "'" << c.input << "'";
}

TEST(UpnProblemTest, IsEmptyExactlyWhenParseSucceeds) {
  const std::vector<std::string_view> inputs = {
      kValid,          kTemporary,      "B801200005002", "", "B80120000500", "B8012X0005001",
      "I801200005001", "B80120000500I", " b801200005001"};
  for (auto input : inputs) {
    EXPECT_EQ(UpnProblem(input).empty(), Upn::Parse(input).has_value()) << "'" << input << "'";
  }
}

}  // namespace
}  // namespace cynnal::domain
