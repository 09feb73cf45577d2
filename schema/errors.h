// Exception types shared by the indexer and the searcher (see STYLE.md section 7).
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>

namespace news {

/// A failure that stops the run: unreadable input root, bad option value, I/O failure.
class Error : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

/// The database was written by another schema/analyzer version.
class SchemaMismatch : public Error {
  public:
    using Error::Error;
};

/// A query that cannot be parsed or built; `column` is 1-based, 0 when not tied to a place.
class QueryError : public Error {
  public:
    QueryError(const std::string& message, std::size_t column_) : Error(message), column(column_) {}
    std::size_t column;
};

}  // namespace news
