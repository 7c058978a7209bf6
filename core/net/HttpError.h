#pragma once

// Why a transfer of HttpClient did not complete.
enum class HttpError {
    None,
    ConnectFailed, // DNS, refused, TLS: the request never reached the server
    Timeout,       // connect, first byte or total timeout
    Aborted,       // abort() was called
    Transfer,      // the connection broke mid-response, or a protocol error
    TooLarge,      // fetch(): body over maxBody
};
