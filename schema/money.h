// Money amounts as index terms, so that `money:` ranges over the several amounts an article
// mentions are exact boolean queries: DocumentBuilder writes money_terms(), QueryBuilder
// asks for money_range_terms(). Built from Xapian's own terms only (no custom matcher), so a
// remote or sharded database answers them as any other filter.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace news::schema {

/// An amount's sortable key: the decimal exponent + 100 in three digits, then the significant
/// digits without trailing zeros (at most kMoneyDigits). Byte order is numeric order:
/// 1970000000 -> "109197", 1.64 -> "100164", 0.5 -> "0995", 0 -> "000".
inline constexpr std::size_t kMoneyDigits = 17;

/// The key of a non-negative decimal as typed in a query or formatted by the indexer:
/// digits with optional thousands commas and decimal point, an optional exponent ("1e9",
/// "2.5E6") and an optional scale (k, m, mn, bn, b, tn, any case: "150m", "1.97bn").
/// Nothing else: no sign, no currency, no spaces. nullopt when it is not such a number or its
/// exponent is outside -99..899.
std::optional<std::string> amount_key(std::string_view typed);

/// The key of an extracted amount (EntityMention::value), rounded to cents as it is shown.
std::string amount_key(double value);

/// The terms of one amount in `currency` (ISO code, any case), under `prefix`:
///   prefix + cur                       the article mentions the currency ("XMOgbp")
///   prefix + cur + "=" + key           the exact amount
///   prefix + cur + "/" + key[0, n)     for n = 1..|key|: the amounts whose key starts so
/// each once with the currency lower-cased and once with none (any currency).
std::vector<std::string> money_terms(std::string_view prefix, std::string_view currency, const std::string& key);

/// Terms whose OR holds exactly the articles with an amount in [low, high] (keys; nullopt:
/// open end) in `currency` ("" for any). At most about 10 terms per digit of the keys: the
/// range is cut into the key prefixes it covers whole, plus the exact keys at its edges.
/// Precondition: low <= high when both are given.
std::vector<std::string> money_range_terms(std::string_view prefix, std::string_view currency,
                                           const std::optional<std::string>& low,
                                           const std::optional<std::string>& high);

/// Is `code` three ASCII letters (an ISO 4217 code's form)?
bool currency_code(std::string_view code);

}  // namespace news::schema
