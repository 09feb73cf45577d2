// A request the API refuses: which parameter, why, and the status it gets (400, 404, 413).
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>

namespace news::server {

struct RequestError : std::runtime_error {
    RequestError(int status_, std::string parameter_, const std::string& message, std::size_t column_ = 0)
        : std::runtime_error(message), status(status_), parameter(std::move(parameter_)), column(column_) {}
    int status;
    std::string parameter;  // empty when the request as a whole is at fault
    std::size_t column;     // 1-based column in the query, 0 when none
};

}  // namespace news::server
