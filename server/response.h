// What an API call answers: an HTTP status and a body, before server/http_server.cpp sends them.
#pragma once

#include <string>

namespace news::server {

struct Response {
    int status = 200;
    std::string body;
    std::string content_type = "application/json";
};

}  // namespace news::server
