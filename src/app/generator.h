#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "app/ports/secrets.h"
#include "app/ports/unit_of_work.h"
#include "domain/date.h"
#include "domain/result.h"

namespace cynnal::app {

// A synthetic data set at the scale of Wales, for load tests, demonstrations at scale and
// measuring pages against realistic volumes. Every person in it is invented.
//
// What it holds, per local authority: term dates for the academic years from two before today's
// to the one after it (the two earlier years so that the clocks of older cases can be counted);
// about one setting per 320 learners (primary, secondary, all-through, special, PRU, nursery and
// an FEI, Welsh-, English-medium, dual-stream and bilingual, in proportions near each LA's own);
// users of every role; learners with registrations that fit their year group, their families,
// and for about 21% of them ALN or legacy SEN records: ALN cases at every stage with their
// statutory clocks, IDPs with elements of ALP, reviews and the sessions delivered, One Page
// Profiles, legacy SEN records, the LA's two ALN panels with their meetings and referrals,
// schools' provision maps, contacts with families, and a few audit events per case.
//
// The first 22 LAs are Wales's own, by LA number (660 Isle of Anglesey to 681 Cardiff), sized and
// given Welsh-medium schools in proportion to each; any further LAs are invented ("Synthetic
// Authority 23", numbers from 682). Learners are spread over the LAs by those sizes, exactly N in
// all. UPNs are valid and unique across the data set.
//
// Users sign in with one password (`GeneratorOptions::password`) and these usernames, where LLL
// is the LA number and EEEE a setting's establishment number: admin.LLL, officer1.LLL ...,
// panel1.LLL and panel2.LLL (the educational psychologists on the LA's panels), health.LLL,
// alnco.LLL.EEEE, teacher1.LLL.EEEE, teacher2.LLL.EEEE, governor.LLL.EEEE, parent.LLL.N (a parent
// of some learners) and young.LLL.N (some FEI students).

// The Wales preset: its 22 local authorities and about as many learners as its maintained
// schools and colleges teach.
inline constexpr int kWalesLocalAuthorities = 22;
inline constexpr int kWalesLearners = 470000;

// Limits that keep every establishment and UPN number within its digits.
inline constexpr int kMaxGeneratedLocalAuthorities = 99;
inline constexpr int kMaxGeneratedLearners = 5000000;

struct GeneratorOptions {
  int learners = 0;           // exactly this many learners in all (N >= K)
  int local_authorities = 0;  // K, 1 to kMaxGeneratedLocalAuthorities
  std::uint64_t seed = 1;     // the same seed and options give the same data
  domain::Date today;         // the date in Wales every generated date is relative to
  std::string password = "cynnal-generated";  // every generated user's password
  int learners_per_unit_of_work = 1000;       // learners written per transaction (at least 1)
};

// How far generation has got; reported after each unit of work is committed.
struct GeneratorProgress {
  int learners_done = 0;
  int learners_total = 0;
  int local_authorities_done = 0;
  int local_authorities_total = 0;
};
using GeneratorProgressFn = std::function<void(const GeneratorProgress&)>;

// What was stored.
struct GeneratorCounts {
  int local_authorities = 0;
  int health_boards = 0;
  int settings = 0;
  int users = 0;
  int learners = 0;
  int family_members = 0;
  int learners_with_records = 0;  // learners with an ALN case, IDP, profile or legacy SEN record
  int cases = 0;
  int clocks = 0;
  int idps = 0;
  int profiles = 0;
  int legacy_records = 0;
  int panels = 0;
  int meetings = 0;
  int referrals = 0;
  int provision_maps = 0;
  int deliveries = 0;
  int family_contacts = 0;
  int audit_events = 0;
};

// Checks the options before anything is written: kInvalidArgument with a one-line message in
// English for the operator (the generator is run from the command line), naming the option and
// what to give instead.
domain::Status CheckGeneratorOptions(const GeneratorOptions& options);

// Generates the data set into `store` through its ports only, committing one unit of work per
// `learners_per_unit_of_work` learners (an LA's own records in the unit of work of its first
// learners), so that memory stays bounded whatever N is. The password is hashed once with `hasher`
// and the hash shared by every user. The same options give the same data in every store; the
// dates follow `options.today`. Fails with CheckGeneratorOptions's error; kConflict when the store
// already holds a local authority or a learner (nothing is written then); kUnavailable if the
// store is; kInternal if a record cannot be written (the units of work committed so far stay).
// `progress`, if given, is called after each commit.
domain::Result<GeneratorCounts> Generate(Store& store, const PasswordHasher& hasher,
                                         const GeneratorOptions& options,
                                         const GeneratorProgressFn& progress = {});

}  // namespace cynnal::app
