// Placeholder until the libcurl implementation lands (same commit series).
#include "core/HttpClient.h"

struct HttpClient::Private
{
};

HttpClient::HttpClient(QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>())
{
}

HttpClient::~HttpClient() = default;
