#include "schema/money.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <set>
#include <string>
#include <vector>

namespace {

using news::schema::amount_key;
using news::schema::money_range_terms;
using news::schema::money_terms;

// Does the OR of a range's terms hold the amount `key` in `currency`? As an index would:
// some term of the range is one of the amount's terms.
bool in(const std::vector<std::string>& range, const std::string& currency, const std::string& key) {
    const auto terms = money_terms("XMO", currency, key);
    return std::any_of(range.begin(), range.end(),
                       [&](const std::string& t) { return std::find(terms.begin(), terms.end(), t) != terms.end(); });
}

}  // namespace

TEST_CASE("Amount keys sort as the numbers do and read every written form exactly", "[schema][money]") {
    auto [typed, key] = GENERATE(table<std::string, std::string>({
        {"1970000000", "109197"}, {"1.97bn", "109197"}, {"1.64", "100164"}, {"0.5", "0995"},
        {"0", "000"}, {"0.00", "000"}, {"1e9", "1091"}, {"1E9", "1091"}, {"2.5e6", "10625"},
        {"2,500,000", "10625"}, {"150m", "10815"}, {"150M", "10815"}, {"5k", "1035"}, {"1tn", "1121"},
        {"1e-2", "0981"}, {"0.07", "0987"}, {"007", "1007"}, {"10", "1011"}, {"100.50", "1021005"}, {".5", "0995"},
    }));
    CAPTURE(typed);
    CHECK(amount_key(typed) == key);
}

TEST_CASE("Amount keys refuse what is not a plain non-negative amount", "[schema][money]") {
    for (const std::string typed : {"", "-5", "abc", "1e9x", "5 m", "$5", "1..2", "1e", "1e99999", "1e900", "5."})
        CHECK_FALSE(amount_key(typed).has_value());
}

TEST_CASE("An extracted amount's key is its value rounded to cents", "[schema][money]") {
    CHECK(amount_key(1.97e9) == "109197");
    CHECK(amount_key(1.64) == "100164");
    CHECK(amount_key(999.999) == "1031");  // shown as 1000
    CHECK(amount_key(0.0) == "000");
}

TEST_CASE("An amount's terms name its currency, its key and every prefix of the key", "[schema][money]") {
    CHECK(money_terms("XMO", "GBP", "1091") ==
          std::vector<std::string>{"XMOgbp", "XMOgbp=1091", "XMOgbp/1", "XMOgbp/10", "XMOgbp/109", "XMOgbp/1091",
                                   "XMO=1091", "XMO/1", "XMO/10", "XMO/109", "XMO/1091"});
}

TEST_CASE("Range terms hold exactly the amounts in the range, ends included", "[schema][money]") {
    // Every pair of keys from a list of awkward amounts (prefixes of each other, shared
    // exponents, zero) against every amount: the terms agree with comparing the keys.
    std::vector<std::string> keys;
    for (const std::string a : {"0", "0.01", "0.5", "1", "1.5", "1.64", "10", "15", "19.99", "100", "999", "1000",
                                "1e6", "1.5e6", "2e6", "9.99e6", "1e8", "1e9", "1.97e9", "2e9", "1e12", "3e15"})
        keys.push_back(*amount_key(a));
    std::mt19937 rng(20261202);
    std::uniform_int_distribution<int> digit(0, 9), length(1, 6), exponent(95, 115);
    for (int i = 0; i < 60; ++i) {  // random keys too, many sharing prefixes
        std::string k = std::to_string(exponent(rng)) + std::to_string(1 + digit(rng) % 9);
        for (int n = length(rng); n > 1; --n) k += static_cast<char>('0' + digit(rng));
        while (k.size() > 4 && k.back() == '0') k.pop_back();
        keys.push_back(k);
    }
    for (const auto& low : keys)
        for (const auto& high : keys) {
            if (low > high) continue;
            const auto closed = money_range_terms("XMO", "", low, high);
            const auto from = money_range_terms("XMO", "", low, std::nullopt);
            const auto upto = money_range_terms("XMO", "", std::nullopt, high);
            for (const auto& k : keys) {
                CAPTURE(low, high, k);
                REQUIRE(in(closed, "USD", k) == (low <= k && k <= high));
                REQUIRE(in(from, "EUR", k) == (low <= k));
                REQUIRE(in(upto, "JPY", k) == (k <= high));
            }
        }
}

TEST_CASE("A range in one currency holds none of another's amounts", "[schema][money]") {
    const auto gbp = money_range_terms("XMO", "GBP", amount_key("1e6"), amount_key("1e8"));
    CHECK(in(gbp, "GBP", *amount_key("5e6")));
    CHECK(in(gbp, "gbp", *amount_key("1e8")));
    CHECK_FALSE(in(gbp, "USD", *amount_key("5e6")));
    CHECK_FALSE(in(gbp, "GBP", *amount_key("1.01e8")));
    CHECK(money_range_terms("XMO", "EUR", std::nullopt, std::nullopt) == std::vector<std::string>{"XMOeur"});
    CHECK(in(money_range_terms("XMO", "", std::nullopt, std::nullopt), "JPY", "000"));
}

TEST_CASE("A range has a few terms per digit of its keys", "[schema][money]") {
    CHECK(money_range_terms("XMO", "", amount_key("1e9"), std::nullopt).size() <= 40);
    CHECK(money_range_terms("XMO", "GBP", amount_key("1234567.89"), amount_key("98765432.1")).size() <= 200);
}
